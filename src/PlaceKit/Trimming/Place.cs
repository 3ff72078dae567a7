using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>A place: a cluster kept for place-based working, with its plan-wide id and rank.</summary>
/// <param name="Id">The place id, <c>P1</c>, <c>P2</c>, ... by rank (P1 is the tightest) in a freshly defined plan.</param>
/// <param name="Rank">The rank among places by tightness, 1 = tightest.</param>
/// <param name="Score">The place's measurements (size, centre, hull, spread, tightness).</param>
public sealed record Place(string Id, int Rank, ClusterScore Score)
{
    /// <summary>The authority the place lies in.</summary>
    public string Authority => Score.Authority;

    /// <summary>The number of homes in the place.</summary>
    public int Homes => Score.Homes;

    /// <summary>The sum of the place's homes' weights (<see cref="ClusterScore.Weight"/>).</summary>
    public double Weight => Score.Weight;

    /// <summary>Whether the place is locked (<c>lock</c> edit): edits are refused and re-runs keep its homes until it is unlocked.</summary>
    /// <remarks>Always false in a plan straight from the maths; kept in <c>plan.json</c>.</remarks>
    public bool Locked { get; init; }

    /// <summary>The tightness score, homes per km².</summary>
    public double Tightness => Score.Tightness;
}
