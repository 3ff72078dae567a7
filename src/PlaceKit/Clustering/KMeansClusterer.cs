using System.Globalization;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Clustering;

/// <summary>
/// Splits each authority's homes into k = max(1, round(n / TargetSize)) clusters by k-means, capped at the number of
/// distinct locations. The default <see cref="IPlaceClusterer"/>.
/// </summary>
/// <remarks>
/// Per authority: coordinates are centred on the authority's mean (precision with British National Grid's large
/// northings), seeded by greedy k-means++, then iterated (Lloyd) until no home changes cluster or the total squared
/// centre shift falls below <see cref="ClusteringOptions.Tolerance"/> × the authority's mean coordinate variance;
/// empty clusters are re-seeded from the farthest home. With <see cref="ClusteringOptions.Restarts"/> &gt; 1 the run
/// with the lowest inertia wins. Rounding is half away from zero (n / TargetSize = 2.5 gives 3).
/// <para>Cost: O(n · k · iterations) per authority; O(n + k) extra memory. Authorities run in parallel, biggest first.</para>
/// <para>Determinism: each authority draws from its own <see cref="Random"/> seeded from the plan seed and an FNV-1a
/// hash of its code, and writes only its own slice, so the result is identical whatever the thread count.</para>
/// <para>Thread-safe: holds no state.</para>
/// </remarks>
public sealed class KMeansClusterer : IPlaceClusterer
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public ClusterAssignment Cluster(HomeSet homes, PlaceKitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(options);
        return AuthorityRunner.Run(homes, options, cancellationToken, RunAuthority);
    }

    /// <summary>The k rule: max(1, round(n / targetSize)) rounded half away from zero, capped at the distinct locations.</summary>
    /// <param name="homes">Homes in the authority.</param>
    /// <param name="targetSize">The target cluster size.</param>
    /// <param name="distinctLocations">Distinct coordinates among the homes.</param>
    /// <returns>k.</returns>
    public static int ClusterCount(int homes, int targetSize, int distinctLocations)
    {
        int k = Math.Max(1, (int)Math.Round((double)homes / targetSize, MidpointRounding.AwayFromZero));
        return Math.Max(1, Math.Min(k, distinctLocations));
    }

    private static AuthorityRun RunAuthority(AuthorityInput input, PlaceKitOptions options)
    {
        int n = input.Count;
        var c = options.Clustering;
        int wanted = Math.Max(1, (int)Math.Round((double)n / c.TargetSize, MidpointRounding.AwayFromZero));
        int k = ClusterCount(n, c.TargetSize, input.Distinct);
        string note = k < wanted
            ? $"k capped at {k.ToString(CultureInfo.InvariantCulture)} distinct locations (rule gave {wanted.ToString(CultureInfo.InvariantCulture)})"
            : "";
        var (labels, cx, cy, inertia, iterations) = AuthorityRunner.KMeans(input.X, input.Y, k, input.SumSquares, c, input.Rng);
        return new AuthorityRun(labels, cx, cy, inertia, iterations, note);
    }
}
