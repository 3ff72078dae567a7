using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Homes;
using PlaceKit.Scoring;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>
/// Rebuilds a <see cref="PlacePlan"/> from a per-home cluster assignment, each cluster's place id (or the reasons it is
/// unplaced), with the plan's composed scoring and coverage stages (<see cref="PlanStages"/>): used by <c>PlanEditor</c>, by
/// <c>PlanFile</c> when loading, and by re-runs that carry place ids over.
/// </summary>
/// <remarks>
/// Nothing derived is trusted: centres, hulls, scores, ranks and coverage are recomputed. Trimming is not re-run: which
/// clusters are places is given (people's edits override the rules). O(n log n).
/// </remarks>
internal static class PlanAssembly
{
    /// <summary>Lists what makes an assignment unusable; empty when it is valid.</summary>
    internal static List<string> Check(HomeSet homes, int[] clusterOfHome, string?[] placeOfCluster, IReadOnlyList<TrimReason>?[] reasonsOfCluster)
    {
        var problems = new List<string>();
        int k = placeOfCluster.Length;
        if (clusterOfHome.Length != homes.Count) problems.Add($"{clusterOfHome.Length} cluster ids for {homes.Count} homes");
        if (reasonsOfCluster.Length != k) problems.Add($"{reasonsOfCluster.Length} reason lists for {k} clusters");
        if (problems.Count > 0) return problems;
        var authorityOf = new int[k];
        var size = new int[k];
        Array.Fill(authorityOf, -1);
        var auth = homes.AuthorityIndex;
        for (int i = 0; i < clusterOfHome.Length; i++)
        {
            int c = clusterOfHome[i];
            if ((uint)(c - 1) >= (uint)k)
            {
                problems.Add($"home '{homes.Ids[i]}' is in cluster {c}, outside [1-{k}]");
                if (problems.Count >= 20) return problems;
                continue;
            }

            size[c - 1]++;
            if (authorityOf[c - 1] < 0) authorityOf[c - 1] = auth[i];
            else if (authorityOf[c - 1] != auth[i])
            {
                problems.Add($"cluster {c} crosses the border of authorities '{homes.Authorities[authorityOf[c - 1]]}' and '{homes.Authorities[auth[i]]}' (home '{homes.Ids[i]}')");
                if (problems.Count >= 20) return problems;
            }
        }

        var seenAuthority = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            if (size[c] == 0) problems.Add($"cluster {c + 1} has no homes");
            else if ((c == 0 || authorityOf[c - 1] != authorityOf[c]) && !seenAuthority.Add(authorityOf[c]))
            {
                problems.Add($"the clusters of authority '{homes.Authorities[authorityOf[c]]}' are not numbered consecutively (cluster {c + 1})");
            }

            if (placeOfCluster[c] is { } id)
            {
                if (string.IsNullOrWhiteSpace(id)) problems.Add($"cluster {c + 1} has an empty place id");
                else if (!names.Add(id)) problems.Add($"place id '{id}' is used by more than one cluster");
            }
            else if (reasonsOfCluster[c] is not { Count: > 0 })
            {
                problems.Add($"cluster {c + 1} is neither a place nor unplaced with a reason");
            }
        }

        return problems;
    }

    /// <summary>Builds the plan; the arguments must pass <see cref="Check"/>. The arrays are owned by the plan afterwards.</summary>
    internal static PlacePlan Build(PlanStages stages, HomeSet homes, int[] clusterOfHome, string?[] placeOfCluster, IReadOnlyList<TrimReason>?[] reasonsOfCluster,
        IReadOnlyList<AuthorityClustering> previousRuns, PlaceKitOptions options, IReadOnlyList<PlanEdit> edits, PlacePlan? unedited, StageTimings? timings = null,
        IReadOnlySet<string>? locked = null)
    {
        int k = placeOfCluster.Length, n = homes.Count;
        var authorityOfCluster = new int[k];
        var sx = new double[k];
        var sy = new double[k];
        var count = new int[k];
        var hx = homes.X;
        var hy = homes.Y;
        var auth = homes.AuthorityIndex;
        for (int i = 0; i < n; i++)
        {
            int c = clusterOfHome[i] - 1;
            authorityOfCluster[c] = auth[i];
            sx[c] += hx[i];
            sy[c] += hy[i];
            count[c]++;
        }

        for (int c = 0; c < k; c++)
        {
            sx[c] /= count[c];
            sy[c] /= count[c];
        }

        var inertiaOfCluster = new double[k];
        for (int i = 0; i < n; i++)
        {
            int c = clusterOfHome[i] - 1;
            double dx = hx[i] - sx[c], dy = hy[i] - sy[c];
            inertiaOfCluster[c] += (dx * dx) + (dy * dy);
        }

        var runs = Runs(homes, clusterOfHome, authorityOfCluster, inertiaOfCluster, previousRuns);
        var assignment = new ClusterAssignment(clusterOfHome, authorityOfCluster, sx, sy, runs);
        var scores = stages.Scorer.Score(homes, assignment, options.Scoring, options.Context(null, default));
        var byRank = new int[k];
        for (int c = 0; c < k; c++) byRank[c] = c;
        Array.Sort(byRank, (p, q) => scores[p].Rank.CompareTo(scores[q].Rank));
        var places = new List<Place>();
        var trimmed = new List<TrimmedCluster>();
        var placeIndexOfCluster = new int[k];
        Array.Fill(placeIndexOfCluster, -1);
        foreach (int c in byRank)
        {
            if (placeOfCluster[c] is { } id)
            {
                placeIndexOfCluster[c] = places.Count;
                places.Add(new Place(id, places.Count + 1, scores[c]) { Locked = locked?.Contains(id) == true });
            }
            else
            {
                trimmed.Add(new TrimmedCluster(scores[c], reasonsOfCluster[c]!));
            }
        }

        var placeOfHome = new int[n];
        var unplaced = new List<UnplacedHome>();
        for (int i = 0; i < n; i++)
        {
            int c = clusterOfHome[i] - 1;
            placeOfHome[i] = placeIndexOfCluster[c];
            if (placeOfHome[i] < 0) unplaced.Add(new UnplacedHome(i, homes.Ids[i], homes.Authorities[auth[i]], c + 1, reasonsOfCluster[c]!));
        }

        var coverage = stages.Coverage.Calculate(homes, places, unplaced);
        timings ??= new StageTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        return new PlacePlan(stages, homes, clusterOfHome, placeOfHome, scores, runs, places, trimmed, unplaced, coverage, options.Clone(), timings)
        {
            Edits = edits,
            Unedited = unedited,
        };
    }

    /// <summary>The per-authority run details for the new clusters, carrying iterations and notes over by authority code.</summary>
    private static AuthorityClustering[] Runs(HomeSet homes, int[] clusterOfHome, int[] authorityOfCluster, double[] inertiaOfCluster,
        IReadOnlyList<AuthorityClustering> previousRuns)
    {
        var previous = new Dictionary<string, AuthorityClustering>(StringComparer.Ordinal);
        foreach (var r in previousRuns) previous.TryAdd(r.Authority, r);
        var homesOf = new int[homes.Authorities.Count];
        foreach (int a in homes.AuthorityIndex) homesOf[a]++;
        var runs = new List<AuthorityClustering>();
        int k = authorityOfCluster.Length;
        int start = 0;
        while (start < k)
        {
            int a = authorityOfCluster[start];
            int end = start;
            double inertia = 0;
            while (end < k && authorityOfCluster[end] == a) inertia += inertiaOfCluster[end++];
            string code = homes.Authorities[a];
            var prev = previous.GetValueOrDefault(code);
            int distinct = prev is not null && prev.Homes == homesOf[a] ? prev.DistinctLocations : Distinct(homes, a);
            runs.Add(new AuthorityClustering(code, homesOf[a], distinct, end - start, start + 1, inertia, prev?.Iterations ?? 0, prev?.Note ?? ""));
            start = end;
        }

        return [.. runs];
    }

    private static int Distinct(HomeSet homes, int authority)
    {
        var seen = new HashSet<(double, double)>();
        var auth = homes.AuthorityIndex;
        for (int i = 0; i < homes.Count; i++)
        {
            if (auth[i] == authority) seen.Add((homes.X[i], homes.Y[i]));
        }

        return seen.Count;
    }
}
