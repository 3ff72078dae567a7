using System.Globalization;

namespace PlaceKit.Coverage;

/// <summary>How much of the stock the places cover: totals, place sizes, per authority and unplaced homes by reason.</summary>
public sealed record CoverageReport
{
    /// <summary>All input homes.</summary>
    public required int TotalHomes { get; init; }

    /// <summary>Homes in a place.</summary>
    public required int PlacedHomes { get; init; }

    /// <summary>Homes of trimmed clusters that joined a place by reassignment (0 unless <see cref="Trimming.TrimmingOptions.Reassign"/> is on).</summary>
    public int ReassignedHomes { get; init; }

    /// <summary>Homes in a place before reassignment (PlacedHomes - ReassignedHomes).</summary>
    public int PlacedHomesBeforeReassignment => PlacedHomes - ReassignedHomes;

    /// <summary>Homes in no place (TotalHomes - PlacedHomes).</summary>
    public int UnplacedHomes => TotalHomes - PlacedHomes;

    /// <summary>PlacedHomes / TotalHomes, in [0, 1].</summary>
    public double CoverageRatio => TotalHomes == 0 ? 0 : (double)PlacedHomes / TotalHomes;

    /// <summary>The sum of all homes' weights (<see cref="TotalHomes"/> when the homes have no weights).</summary>
    public double TotalWeight { get; init; }

    /// <summary>The sum of the weights of the homes in a place.</summary>
    public double PlacedWeight { get; init; }

    /// <summary>PlacedWeight / TotalWeight, in [0, 1] (0 when the total weight is 0).</summary>
    public double WeightCoverageRatio => TotalWeight <= 0 ? 0 : PlacedWeight / TotalWeight;

    /// <summary>The number of places.</summary>
    public required int Places { get; init; }

    /// <summary>The mean homes per place (0 when there are no places).</summary>
    public required double MeanPlaceSize { get; init; }

    /// <summary>The median homes per place (mean of the middle two for an even count; 0 when there are no places).</summary>
    public required double MedianPlaceSize { get; init; }

    /// <summary>The smallest place (0 when there are no places).</summary>
    public required int MinPlaceSize { get; init; }

    /// <summary>The largest place (0 when there are no places).</summary>
    public required int MaxPlaceSize { get; init; }

    /// <summary>Coverage per authority, ordered by authority code.</summary>
    public required IReadOnlyList<AuthorityCoverage> ByAuthority { get; init; }

    /// <summary>Unplaced homes per trim rule (e.g. <c>too-few-homes</c>); a home whose cluster broke two rules counts under both.</summary>
    public required IReadOnlyDictionary<string, int> UnplacedByRule { get; init; }

    /// <summary>The headline, e.g. "34 places of about 750 homes covering 60% of 45,100 homes".</summary>
    public string Headline => string.Create(CultureInfo.InvariantCulture,
        $"{Places:N0} places of about {MeanPlaceSize:N0} homes covering {CoverageRatio * 100:0}% of {TotalHomes:N0} homes");
}
