using System.Text.Json.Serialization;

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
    /// fewer places and <c>Planning.TeamsCurve</c> says how many qualified.
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

    /// <summary>What sizes count (homes or weight), from <c>PlaceKitOptions.SizeBy</c>.</summary>
    /// <value>Set by the definer when it resolves the options; default <see cref="PlaceKit.SizeBy.Homes"/>.</value>
    [JsonIgnore] // derived from PlaceKitOptions.SizeBy, which plan.json keeps
    public SizeBy SizeBy { get; internal init; }

    /// <summary>
    /// The sections of the authorities that have their own rules (<c>PlaceKitOptions.Authorities</c>), by authority code:
    /// each holds the rules in force for that authority's clusters, defaults resolved. In such a section,
    /// <see cref="Teams"/> is the authority's <em>own</em> team count (its clusters form their own pool); when it is
    /// <see langword="null"/> the authority shares the plan-wide <see cref="Teams"/> of this section.
    /// </summary>
    /// <value>Filled by the definer when it resolves the options; empty when every authority follows this section.</value>
    [JsonIgnore] // derived from PlaceKitOptions.Authorities, which plan.json keeps
    public IReadOnlyDictionary<string, TrimmingOptions> ByAuthority { get; internal init; } = None;

    /// <summary>The rules in force for one authority's clusters: its own section (<see cref="ByAuthority"/>) or this one.</summary>
    /// <param name="code">The authority code.</param>
    /// <returns>The section to apply; do not modify it.</returns>
    public TrimmingOptions ForAuthority(string code) =>
        ByAuthority.TryGetValue(code, out var own) ? own : this;

    /// <summary>The team count in force for one authority's clusters, and the pool they share it with.</summary>
    /// <param name="code">The authority code.</param>
    /// <returns>The team count (null: no team count) and the pool key: the code for an authority's own count, "" for the plan-wide one.</returns>
    internal (int? Teams, string Pool) TeamsOf(string code) =>
        ByAuthority.TryGetValue(code, out var own) && own.Teams is int n ? (n, code) : (Teams, "");

    /// <summary>An empty <see cref="ByAuthority"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, TrimmingOptions> None =
        new Dictionary<string, TrimmingOptions>(StringComparer.Ordinal).AsReadOnly();
}
