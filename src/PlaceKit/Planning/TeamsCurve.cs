using PlaceKit.Scoring;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>
/// The curve "teams → coverage": for every team count n from 1 to the number of clusters that keep the spread rule,
/// the homes the best n places cover, so a manager sees what each extra team buys.
/// </summary>
/// <remarks>
/// The best n places of a fixed clustering are its n largest clusters that keep the spread rule of their authority
/// (see <see cref="PlaceTrimmer"/> for why), so the curve is the running sum of those sizes, largest first: concave,
/// each step no larger than the one before. One pool across the plan (authority team counts are not applied).
/// O(k log k).
/// </remarks>
public static class TeamsCurve
{
    /// <summary>Computes the curve from scored clusters.</summary>
    /// <param name="clusters">Every scored cluster.</param>
    /// <param name="options">The trimming options, per-authority rules resolved (the spread rule of each authority; <see cref="TrimmingOptions.ByAuthority"/>).</param>
    /// <param name="totalHomes">All homes, the coverage denominator.</param>
    /// <param name="totalWeight">All homes' weight, the denominator when <see cref="TrimmingOptions.SizeBy"/> is weight; null: <paramref name="totalHomes"/>.</param>
    /// <returns>One point per team count, 1 to the number of qualifying clusters.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<TeamsCurvePoint> Compute(IReadOnlyList<ClusterScore> clusters, TrimmingOptions options, int totalHomes, double? totalWeight = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(options);
        var spread = new Dictionary<string, double>(StringComparer.Ordinal);
        var sizeBy = options.SizeBy;
        var sizes = new List<ClusterScore>();
        foreach (var c in clusters)
        {
            if (!spread.TryGetValue(c.Authority, out double limit)) spread[c.Authority] = limit = options.ForAuthority(c.Authority).MaxSpreadMeters;
            if (c.R90Meters <= limit) sizes.Add(c);
        }

        // Largest first by what sizes count; ties by homes then cluster id, so the curve is deterministic.
        sizes.Sort((a, b) =>
        {
            int bySize = b.SizeOf(sizeBy).CompareTo(a.SizeOf(sizeBy));
            return bySize != 0 ? bySize : a.ClusterId.CompareTo(b.ClusterId);
        });
        double denominator = sizeBy == SizeBy.Weight ? totalWeight ?? totalHomes : totalHomes;
        var points = new TeamsCurvePoint[sizes.Count];
        int sum = 0;
        double weight = 0;
        for (int i = 0; i < points.Length; i++)
        {
            sum += sizes[i].Homes;
            weight += sizes[i].Weight;
            double covered = sizeBy == SizeBy.Weight ? weight : sum;
            points[i] = new TeamsCurvePoint(i + 1, sum, denominator <= 0 ? 0 : covered / denominator, sizes[i].Homes) { Weight = weight };
        }

        return points;
    }

    /// <summary>The curve of a plan's clusters.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>One point per team count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static IReadOnlyList<TeamsCurvePoint> Of(PlacePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Compute(plan.Clusters, plan.Options.Resolved().Trimming, plan.Homes.Count, plan.Homes.TotalWeight);
    }
}
