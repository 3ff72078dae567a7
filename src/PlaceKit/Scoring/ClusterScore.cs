using NetTopologySuite.Geometries;

namespace PlaceKit.Scoring;

/// <summary>How tightly packed one cluster is: its size, centre, hull, density, spread, tightness score and rank.</summary>
/// <remarks>Immutable. Distances in metres, areas in km², densities in homes per km².</remarks>
public sealed record ClusterScore
{
    /// <summary>The 1-based cluster id, unique across the plan.</summary>
    public required int ClusterId { get; init; }

    /// <summary>The authority code the cluster lies in.</summary>
    public required string Authority { get; init; }

    /// <summary>The number of homes.</summary>
    public required int Homes { get; init; }

    /// <summary>The sum of the homes' weights (<c>HomeSet.Weights</c>).</summary>
    /// <value>Default: <see cref="Homes"/> (every home weighing 1).</value>
    public double Weight
    {
        get => _weight ?? Homes;
        init => _weight = value;
    }

    private readonly double? _weight;

    /// <summary>The cluster's size as <paramref name="sizeBy"/> counts it: <see cref="Homes"/> or <see cref="Weight"/>.</summary>
    /// <param name="sizeBy">What sizes count.</param>
    /// <returns>The size.</returns>
    public double SizeOf(SizeBy sizeBy) => sizeBy == SizeBy.Weight ? Weight : Homes;

    /// <summary>The mean easting of the homes, metres.</summary>
    public required double CentreX { get; init; }

    /// <summary>The mean northing of the homes, metres.</summary>
    public required double CentreY { get; init; }

    /// <summary>The convex hull of the homes in planar metres: a polygon, or a point or line when the homes are fewer than three or collinear.</summary>
    public required Geometry Hull { get; init; }

    /// <summary>The hull's area, km² (0 for a point or line hull).</summary>
    public required double HullAreaKm2 { get; init; }

    /// <summary>Homes per km² of hull, with the hull area floored at π · MinRadius² so a degenerate hull stays finite.</summary>
    public required double DensityPerKm2 { get; init; }

    /// <summary>The mean distance from a home to the centre, metres.</summary>
    public required double MeanDistanceMeters { get; init; }

    /// <summary>r90: the distance from the centre within which 90% of the homes lie (nearest-rank percentile), metres.</summary>
    public required double R90Meters { get; init; }

    /// <summary>The tightness score, homes per km²: homes / (π · max(r90, MinRadius)²). Higher is tighter.</summary>
    public required double Tightness { get; init; }

    /// <summary>The rank by tightness across the whole plan, 1 = tightest (ties broken by cluster id).</summary>
    public required int Rank { get; init; }
}
