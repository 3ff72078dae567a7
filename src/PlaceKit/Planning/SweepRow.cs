namespace PlaceKit.Planning;

/// <summary>One combination of a <see cref="PlanSweep"/>: the options tried and the plan's headline figures.</summary>
/// <param name="TargetSize">The clustering target size.</param>
/// <param name="MinHomes">The minimum place size in force (the target when the base options leave it unset).</param>
/// <param name="MaxSpreadMeters">The largest r90 a place may have, metres.</param>
/// <param name="Places">Places kept.</param>
/// <param name="MeanPlaceSize">Mean homes per place (0 when none).</param>
/// <param name="MinPlaceSize">The smallest place (0 when none).</param>
/// <param name="MaxPlaceSize">The largest place (0 when none).</param>
/// <param name="PlacedHomes">Homes in a place (after reassignment when it is on).</param>
/// <param name="ReassignedHomes">Of those, homes that joined by reassignment.</param>
/// <param name="TotalHomes">All homes.</param>
public sealed record SweepRow(int TargetSize, int MinHomes, double MaxSpreadMeters, int Places, double MeanPlaceSize, int MinPlaceSize, int MaxPlaceSize,
    int PlacedHomes, int ReassignedHomes, int TotalHomes)
{
    /// <summary>The team count of the row (<see cref="Trimming.TrimmingOptions.Teams"/>); null when none (then <see cref="MinHomes"/> is in force).</summary>
    public int? Teams { get; init; }

    /// <summary>PlacedHomes / TotalHomes, in [0, 1].</summary>
    public double CoverageRatio => TotalHomes == 0 ? 0 : (double)PlacedHomes / TotalHomes;

    /// <summary>What the row's sizes count (<see cref="PlaceKitOptions.SizeBy"/>).</summary>
    public SizeBy SizeBy { get; init; }

    /// <summary>The weight of the homes in a place (<see cref="PlacedHomes"/> when the homes have no weights).</summary>
    public double PlacedWeight { get; init; }

    /// <summary>The weight of all homes (<see cref="TotalHomes"/> when the homes have no weights).</summary>
    public double TotalWeight { get; init; }

    /// <summary>The coverage as the row's sizes count it: <see cref="CoverageRatio"/>, or PlacedWeight / TotalWeight when sized by weight.</summary>
    public double SizedCoverageRatio => SizeBy == SizeBy.Weight ? (TotalWeight <= 0 ? 0 : PlacedWeight / TotalWeight) : CoverageRatio;
}
