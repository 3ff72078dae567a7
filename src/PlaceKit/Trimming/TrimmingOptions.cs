namespace PlaceKit.Trimming;

/// <summary>Options of the trimming stage: the rules a cluster must pass to be kept as a place.</summary>
public sealed record TrimmingOptions
{
    /// <summary>The fewest homes a place may have; smaller clusters are trimmed as <c>too-few-homes</c>.</summary>
    /// <value>Default <see langword="null"/>: the clustering target size.</value>
    public int? MinHomes { get; set; }

    /// <summary>
    /// The number of teams: when set, the plan has this many places, chosen among the clusters that keep the spread rule
    /// so that together they hold the most homes (the largest ones; see <see cref="PlaceTrimmer"/>). Replaces the
    /// minimum-size rule (<see cref="MinHomes"/> is then ignored); when fewer clusters keep the spread rule, the plan has
    /// fewer places and <see cref="TeamsCurve"/> says how many qualified.
    /// </summary>
    /// <value>Default <see langword="null"/>: no team count; places are every cluster that keeps both rules.</value>
    public int? Teams { get; set; }

    /// <summary>The largest r90 (metres: 90% of homes within this distance of the centre) a place may have; wider clusters are trimmed as <c>too-spread</c>.</summary>
    /// <value>Default 2,500 m.</value>
    public double MaxSpreadMeters { get; set; } = 2_500;

    /// <summary>
    /// Whether homes of trimmed clusters join the nearest kept place in the same authority whose reach (its r90 plus
    /// <see cref="ReassignMarginMeters"/>) holds them; the places they join are then re-scored.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool Reassign { get; set; }

    /// <summary>The margin (metres) added to a place's r90 to give its reach when <see cref="Reassign"/> is on.</summary>
    /// <value>Default 250 m.</value>
    public double ReassignMarginMeters { get; set; } = 250;
}
