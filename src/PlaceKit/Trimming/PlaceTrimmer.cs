using System.Globalization;
using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>
/// Keeps a cluster as a place unless it has fewer than <see cref="TrimmingOptions.MinHomes"/> homes
/// (<c>too-few-homes</c>) or an r90 above <see cref="TrimmingOptions.MaxSpreadMeters"/> (<c>too-spread</c>); a trimmed
/// cluster lists every rule it broke. With a team count (<see cref="TrimmingOptions.Teams"/>), keeps instead the
/// largest clusters that keep the spread rule, that many at most (<c>beyond-teams</c> for the others). The default
/// <see cref="IPlaceTrimmer"/>.
/// </summary>
/// <remarks>
/// <para>Rules are those in force for each cluster's authority (<see cref="TrimmingOptions.ForAuthority"/>).</para>
/// <para>
/// <b>Teams.</b> The clusters are fixed when trimming starts, so choosing N places is choosing N of the qualifying
/// clusters (those that keep the spread rule) to maximise the homes they hold, a sum of N of their sizes. Taking the N
/// largest is optimal: if a choice S of N misses a cluster b larger than some chosen a, swapping a for b keeps N and
/// the rule and does not lower the sum, so repeated swaps turn any optimal choice into the N largest with the same
/// sum. Ties in size go to the better rank (then the lower cluster id), so the choice is deterministic. An authority
/// with its own team count (<see cref="TrimmingOptions.ByAuthority"/>) gets its own N largest (optimal per authority, the sums being
/// independent); the plan-wide <see cref="TrimmingOptions.Teams"/> is shared by the clusters of every other authority.
/// Reassignment (when on) runs after the choice and only adds homes to the chosen places.
/// </para>
/// <para>O(k log k). Stateless and thread-safe.</para>
/// </remarks>
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
        int planMinHomes = options.MinHomes
            ?? throw new ArgumentException("TrimmingOptions.MinHomes is not set: PlaceKitOptions resolves it to Clustering.TargetSize when a plan is defined; set it when calling the trimmer directly", nameof(options));
        var byRank = clusters.OrderBy(c => c.Rank).ThenBy(c => c.ClusterId).ToArray();
        var reasonsOf = new List<TrimReason>?[byRank.Length];
        var sizeBy = options.SizeBy;

        // Pools of qualifying clusters that share a team count: "" = the plan-wide one, else an authority's own.
        var pools = new SortedDictionary<string, (int Teams, List<int> Members)>(StringComparer.Ordinal);
        for (int i = 0; i < byRank.Length; i++)
        {
            var c = byRank[i];
            var o = options.ForAuthority(c.Authority);
            var (teams, pool) = options.TeamsOf(c.Authority);
            List<TrimReason>? reasons = null;
            int minHomes = o.MinHomes ?? planMinHomes;
            if (teams is null && c.SizeOf(sizeBy) < minHomes)
            {
                (reasons ??= []).Add(new TrimReason(TrimReason.TooFewHomes,
                    $"{Size(c, sizeBy, unit: sizeBy == SizeBy.Weight)} < {minHomes.ToString(CultureInfo.InvariantCulture)}"));
            }

            double maxSpread = o.MaxSpreadMeters;
            if (c.R90Meters > maxSpread)
            {
                (reasons ??= []).Add(new TrimReason(TrimReason.TooSpread, $"r90 {Km(c.R90Meters)} > {Km(maxSpread)}"));
            }

            reasonsOf[i] = reasons;
            if (teams is int n && reasons is null)
            {
                if (!pools.TryGetValue(pool, out var members)) pools[pool] = members = (n, []);
                members.Members.Add(i);
            }
        }

        foreach (var (key, (teams, members)) in pools)
        {
            if (members.Count <= teams) continue;

            // Largest first; ties by rank (members are in rank order, and the sort is stable).
            var chosen = members.OrderByDescending(i => byRank[i].SizeOf(sizeBy)).ToArray();
            string scope = key.Length == 0 ? "" : " in " + key;
            if (teams <= 0)
            {
                // A re-run gives each locked place one of the teams first; none may be left for the other clusters.
                foreach (int i in chosen)
                {
                    reasonsOf[i] = [new TrimReason(TrimReason.BeyondTeams, string.Create(CultureInfo.InvariantCulture,
                        $"{Size(byRank[i], sizeBy)}; no team{scope} is left: every team went to a locked place"))];
                }

                continue;
            }

            string smallest = Size(byRank[chosen[teams - 1]], sizeBy, unit: false);
            for (int j = teams; j < chosen.Length; j++)
            {
                int i = chosen[j];
                reasonsOf[i] = [new TrimReason(TrimReason.BeyondTeams, string.Create(CultureInfo.InvariantCulture,
                    $"{Size(byRank[i], sizeBy)}; the {teams} teams{scope} went to clusters of {smallest}+ {(sizeBy == SizeBy.Weight ? "weight" : "homes")}"))];
            }
        }

        var kept = new List<ClusterScore>();
        var trimmed = new List<TrimmedCluster>();
        for (int i = 0; i < byRank.Length; i++)
        {
            if (reasonsOf[i] is { } reasons) trimmed.Add(new TrimmedCluster(byRank[i], reasons));
            else kept.Add(byRank[i]);
        }

        return new TrimResult(kept, trimmed);
    }

    /// <summary>A cluster's size as the rules count it: "212 homes", or "212.5 weight" (its homes' weights) when sized by weight.</summary>
    private static string Size(ClusterScore c, SizeBy sizeBy, bool unit = true) => sizeBy == SizeBy.Weight
        ? c.Weight.ToString("0.##", CultureInfo.InvariantCulture) + (unit ? " weight" : "")
        : c.Homes.ToString(CultureInfo.InvariantCulture) + (unit ? " homes" : "");

    private static string Km(double meters) => (meters / 1000).ToString("0.0##", CultureInfo.InvariantCulture) + " km";
}
