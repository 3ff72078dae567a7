using System.Globalization;
using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>
/// Keeps a cluster as a place unless it has fewer than <see cref="TrimmingOptions.MinHomes"/> homes
/// (<c>too-few-homes</c>) or an r90 above <see cref="TrimmingOptions.MaxSpreadMeters"/> (<c>too-spread</c>); a trimmed
/// cluster lists every rule it broke. The default <see cref="IPlaceTrimmer"/>.
/// </summary>
/// <remarks>O(k log k). Stateless and thread-safe.</remarks>
public sealed class PlaceTrimmer : IPlaceTrimmer
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><see cref="TrimmingOptions.MinHomes"/> is not set (a definer sets it to the target size when the user did not).</exception>
    public TrimResult Trim(IReadOnlyList<ClusterScore> clusters, TrimmingOptions options, RunContext context)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        int minHomes = options.MinHomes
            ?? throw new ArgumentException("TrimmingOptions.MinHomes is not set: PlaceKitOptions resolves it to Clustering.TargetSize when a plan is defined; set it when calling the trimmer directly", nameof(options));
        double maxSpread = options.MaxSpreadMeters;
        var byRank = clusters.OrderBy(c => c.Rank).ThenBy(c => c.ClusterId).ToArray();
        var kept = new List<ClusterScore>();
        var trimmed = new List<TrimmedCluster>();
        foreach (var c in byRank)
        {
            List<TrimReason>? reasons = null;
            if (c.Homes < minHomes)
            {
                (reasons ??= []).Add(new TrimReason(TrimReason.TooFewHomes,
                    $"{c.Homes.ToString(CultureInfo.InvariantCulture)} < {minHomes.ToString(CultureInfo.InvariantCulture)}"));
            }

            if (c.R90Meters > maxSpread)
            {
                (reasons ??= []).Add(new TrimReason(TrimReason.TooSpread, $"r90 {Km(c.R90Meters)} > {Km(maxSpread)}"));
            }

            if (reasons is null) kept.Add(c);
            else trimmed.Add(new TrimmedCluster(c, reasons));
        }

        return new TrimResult(kept, trimmed);
    }

    private static string Km(double meters) => (meters / 1000).ToString("0.0##", CultureInfo.InvariantCulture) + " km";
}
