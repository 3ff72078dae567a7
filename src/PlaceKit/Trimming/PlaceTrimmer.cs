using System.Globalization;
using PlaceKit.Planning;
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
    public TrimResult Trim(IReadOnlyList<ClusterScore> clusters, PlaceKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(options);
        int minHomes = MinHomes(options);
        double maxSpread = options.Trimming.MaxSpreadMeters;
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

    /// <summary>The minimum place size in force: <see cref="TrimmingOptions.MinHomes"/>, or the target size when unset.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The minimum number of homes.</returns>
    public static int MinHomes(PlaceKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Trimming.MinHomes ?? options.Clustering.TargetSize;
    }

    private static string Km(double meters) => (meters / 1000).ToString("0.0##", CultureInfo.InvariantCulture) + " km";
}
