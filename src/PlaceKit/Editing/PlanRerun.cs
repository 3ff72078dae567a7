using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Trimming;

namespace PlaceKit.Editing;

/// <summary>Re-defines places for a changed stock from a previous plan, so that homes that did not change keep their place where the clustering allows.</summary>
/// <remarks>
/// <list type="number">
/// <item>Runs the stages the previous plan was made or loaded with (<see cref="PlanStages"/>; a clusterer registered with
/// dependency injection included) with a <see cref="ClusterStart"/> from the previous plan's clusters before edits,
/// then scores and trims as usual. Every rule of the options holds as in a fresh run: the algorithm, size bounds,
/// radius limit and trimming rules.</item>
/// <item>Carries place ids over: each new place takes the id of the previous place (before edits) it shares the most
/// homes with; pairs are taken greedily by overlap (ties: the earlier previous id ordinally, then the new place's rank).
/// Unmatched new places get fresh ids <c>P{n}</c> above every id the previous plan used.</item>
/// <item>Re-applies the previous plan's edits in order where still valid (<c>PlanEditor.ApplyWhereValid</c>);
/// an edit some of whose targets left the stock is applied to the rest (<see cref="RerunResult.PartlyAppliedEdits"/> names
/// the missing ids); the others are reported in <see cref="RerunResult.SkippedEdits"/>.</item>
/// </list>
/// <para>Locked places (<see cref="Trimming.Place.Locked"/>): each keeps its homes that remain in the stock (and in its
/// authority) under the same id, gains no other home and is never trimmed; the stages cluster, score and trim only the
/// other homes (so each authority's other places form around the locked ones), and the plan is rebuilt with every place
/// through the same stages (scores, ranks, coverage, territories). With a team count, each locked place takes one team of
/// its pool and the rest of the plan gets the others. The previous history is replayed with the locked places held: an
/// edit made before a lock that touched the locked place is superseded by it (what it did is in the place), not
/// reported. A locked place none of whose homes remain is gone, and its <c>lock</c> edit is reported as skipped.</para>
/// Deterministic for a given stock, previous plan and options. O(n · k · iterations) like a fresh run.
/// </remarks>
public static class PlanRerun
{
    /// <summary>Defines places for a changed stock, starting from a previous plan.</summary>
    /// <param name="homes">The new stock.</param>
    /// <param name="previous">The previous plan (e.g. from <see cref="Persistence.PlanFile.Load(string, IPlaceDefiner?)"/>).</param>
    /// <param name="options">The options; null to use the previous plan's.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The new plan, the changes against the previous one and the edits that could not be carried over.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="homes"/> or <paramref name="previous"/> is null.</exception>
    /// <exception cref="ArgumentException">The new stock's CRS differs from the previous plan's.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static RerunResult Define(HomeSet homes, PlacePlan previous, PlaceKitOptions? options = null, CancellationToken cancellationToken = default) =>
        Define(homes, previous, options, warmStart: true, cancellationToken);

    /// <summary>As the public overload; <paramref name="warmStart"/> false clusters from scratch (k-means++) to measure what the warm start adds.</summary>
    internal static RerunResult Define(HomeSet homes, PlacePlan previous, PlaceKitOptions? options, bool warmStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(previous);
        var (now, then) = (homes.Projection, previous.Homes.Projection);
        if (now.Name != then.Name || (now.Name == "WKT" && now.Wkt != then.Wkt))
        {
            throw new ArgumentException($"the new stock is in {now.Name} but the previous plan is in {then.Name}: give the stock in the plan's CRS (--crs)", nameof(homes));
        }

        var o = (options ?? previous.Options).Clone();
        PlaceDefiner.Validate(o);
        var basePlan = previous.Unedited ?? previous;
        var locks = LockedPlaces(homes, previous);
        PlacePlan renamed;
        if (locks.Count == 0)
        {
            var start = warmStart ? new ClusterStart(basePlan.Clusters.Select(c => (c.Authority, c.CentreX, c.CentreY))) : null;
            var fresh = previous.Stages.Define(homes, o, start, null, cancellationToken);
            renamed = CarryIds(fresh, basePlan, previous);
        }
        else
        {
            renamed = DefineAroundLocks(homes, previous, basePlan, o, locks, warmStart, cancellationToken);
        }

        var plan = PlanEditor.ApplyWhereValid(renamed, previous.Edits, replaying: true, out var skipped, out var partly);
        if (previous.Edits.Count == 0) plan = renamed;
        return new RerunResult(plan, PlanDiff.Compare(previous, plan), skipped) { PartlyAppliedEdits = partly };
    }

    /// <summary>The previous plan's locked places, each with the indices (in the new stock) of its homes that remain in it:
    /// still in the stock and still in the place's authority.</summary>
    private static List<(string Id, string Authority, int[] Homes)> LockedPlaces(HomeSet homes, PlacePlan previous)
    {
        var locks = new List<(string, string, int[])>();
        for (int p = 0; p < previous.Places.Count; p++)
        {
            var place = previous.Places[p];
            if (!place.Locked) continue;
            var members = new List<int>();
            foreach (int i in previous.HomesOf(p))
            {
                if (homes.TryGetIndex(previous.Homes.Ids[i], out int j) && homes.Authorities[homes.AuthorityIndex[j]] == place.Authority) members.Add(j);
            }

            if (members.Count == 0) continue; // nothing of it remains: its lock edit is reported as skipped
            members.Sort();
            locks.Add((place.Id, place.Authority, [.. members]));
        }

        return locks;
    }

    /// <summary>
    /// Clusters, scores and trims the homes outside the locked places with the previous plan's stages, then puts each
    /// locked place back (same id, its remaining homes, never trimmed) and rebuilds the whole plan through the same stages.
    /// </summary>
    private static PlacePlan DefineAroundLocks(HomeSet homes, PlacePlan previous, PlacePlan basePlan, PlaceKitOptions o,
        List<(string Id, string Authority, int[] Homes)> locks, bool warmStart, CancellationToken cancellationToken)
    {
        int n = homes.Count;
        var lockOf = new int[n];
        Array.Fill(lockOf, -1);
        for (int l = 0; l < locks.Count; l++) foreach (int i in locks[l].Homes) lockOf[i] = l;
        var rest = new List<int>(n);
        for (int i = 0; i < n; i++) if (lockOf[i] < 0) rest.Add(i);

        // Warm start from the previous clusters that were not mostly turned into locked places.
        ClusterStart? start = null;
        if (warmStart)
        {
            var lockedIds = new HashSet<string>(locks.Select(l => l.Id), StringComparer.Ordinal);
            var inLocked = new int[basePlan.Clusters.Count];
            var size = new int[basePlan.Clusters.Count];
            for (int i = 0; i < basePlan.Homes.Count; i++)
            {
                int c = basePlan.ClusterOfHome[i] - 1;
                size[c]++;
                if (previous.Homes.TryGetIndex(basePlan.Homes.Ids[i], out int j) && previous.PlaceOf(j) is { } p && lockedIds.Contains(p.Id)) inLocked[c]++;
            }

            start = new ClusterStart(basePlan.Clusters.Where(c => 2 * inLocked[c.ClusterId - 1] <= size[c.ClusterId - 1])
                .Select(c => (c.Authority, c.CentreX, c.CentreY)));
        }

        // A locked place takes one of the teams of its pool; the rest of the plan gets the others.
        var oRest = WithTeamsLeft(o, locks);
        PlacePlan? fresh = rest.Count == 0 ? null
            : previous.Stages.Define(homes.Subset(CollectionsMarshal.AsSpan(rest)), oRest, start, null, cancellationToken);
        string[] freshIds = fresh is null ? [] : CarriedIds(fresh, basePlan, previous, new HashSet<string>(locks.Select(l => l.Id), StringComparer.Ordinal));

        // Number the clusters authority by authority (each authority's clusters consecutive): the fresh ones, then the locked places.
        var freshOfAuthority = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        if (fresh is not null) foreach (var c in fresh.Clusters) CollectionsMarshal.GetValueRefOrAddDefault(freshOfAuthority, c.Authority, out _) ??= [];
        if (fresh is not null) foreach (var c in fresh.Clusters) freshOfAuthority[c.Authority].Add(c.ClusterId);
        var newIdOfFresh = new int[fresh?.Clusters.Count ?? 0];
        var placeOfCluster = new List<string?>();
        var reasonsOfCluster = new List<IReadOnlyList<TrimReason>?>();
        var newIdOfLock = new int[locks.Count];
        var freshPlaceOfCluster = new string?[newIdOfFresh.Length];
        var freshReasons = new IReadOnlyList<TrimReason>?[newIdOfFresh.Length];
        if (fresh is not null)
        {
            for (int p = 0; p < fresh.Places.Count; p++) freshPlaceOfCluster[fresh.Places[p].Score.ClusterId - 1] = freshIds[p];
            foreach (var t in fresh.Trimmed) freshReasons[t.Cluster.ClusterId - 1] = t.Reasons;
        }

        foreach (string code in homes.Authorities)
        {
            if (freshOfAuthority.TryGetValue(code, out var ids))
            {
                foreach (int c in ids)
                {
                    placeOfCluster.Add(freshPlaceOfCluster[c - 1]);
                    reasonsOfCluster.Add(freshReasons[c - 1]);
                    newIdOfFresh[c - 1] = placeOfCluster.Count;
                }
            }

            for (int l = 0; l < locks.Count; l++)
            {
                if (locks[l].Authority != code) continue;
                placeOfCluster.Add(locks[l].Id);
                reasonsOfCluster.Add(null);
                newIdOfLock[l] = placeOfCluster.Count;
            }
        }

        var clusterOfHome = new int[n];
        var freshCluster = fresh is null ? default : fresh.ClusterOfHome;
        for (int j = 0; j < rest.Count; j++) clusterOfHome[rest[j]] = newIdOfFresh[freshCluster[j] - 1];
        for (int l = 0; l < locks.Count; l++) foreach (int i in locks[l].Homes) clusterOfHome[i] = newIdOfLock[l];
        var runs = fresh?.Authorities ?? basePlan.Authorities;
        var timings = fresh?.Timings ?? new StageTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        return previous.Stages.Rebuild(homes, clusterOfHome, [.. placeOfCluster], [.. reasonsOfCluster], runs, o, [], null, timings,
            new HashSet<string>(locks.Select(l => l.Id), StringComparer.Ordinal));
    }

    /// <summary>The options with each team count lowered by the locked places that draw on it (the plan-wide count for
    /// authorities without their own); unchanged without team counts.</summary>
    private static PlaceKitOptions WithTeamsLeft(PlaceKitOptions o, List<(string Id, string Authority, int[] Homes)> locks)
    {
        if (o.Trimming.Teams is null && !(o.Authorities ?? []).Any(a => a?.Teams is not null)) return o;
        var r = o.Clone();
        var own = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < r.Authorities.Count; i++)
        {
            if (r.Authorities[i] is { Teams: int t } a) own[a.Code] = i;
        }

        int shared = 0;
        foreach (var l in locks)
        {
            if (own.TryGetValue(l.Authority, out int i)) r.Authorities[i] = r.Authorities[i] with { Teams = r.Authorities[i].Teams - 1 };
            else shared++;
        }

        if (r.Trimming.Teams is int n) r.Trimming = r.Trimming with { Teams = n - shared };
        return r;
    }

    private static PlacePlan CarryIds(PlacePlan fresh, PlacePlan previousBase, PlacePlan previous)
    {
        var id = CarriedIds(fresh, previousBase, previous, reserved: []);
        var placeOfCluster = new string?[fresh.Clusters.Count];
        var reasons = new IReadOnlyList<TrimReason>?[fresh.Clusters.Count];
        for (int p = 0; p < id.Length; p++) placeOfCluster[fresh.Places[p].Score.ClusterId - 1] = id[p];
        foreach (var t in fresh.Trimmed) reasons[t.Cluster.ClusterId - 1] = t.Reasons;
        var renamed = fresh.Stages.Rebuild(fresh.Homes, fresh.ClusterOfHome.ToArray(), placeOfCluster, reasons, fresh.Authorities, fresh.Options, [], null, fresh.Timings);
        return renamed;
    }

    /// <summary>The id each fresh place carries over (by shared homes with the previous places before edits), or a fresh
    /// <c>P{n}</c>; <paramref name="reserved"/> ids (locked places put back) are never given to a fresh place.</summary>
    private static string[] CarriedIds(PlacePlan fresh, PlacePlan previousBase, PlacePlan previous, HashSet<string> reserved)
    {
        // Overlap of shared homes between each new place and each previous (unedited) place.
        var overlap = new Dictionary<(int New, int Old), int>();
        var oldHomes = previousBase.Homes;
        for (int i = 0; i < fresh.Homes.Count; i++)
        {
            int p = fresh.PlaceIndexOfHome[i];
            if (p < 0 || !oldHomes.TryGetIndex(fresh.Homes.Ids[i], out int j)) continue;
            int q = previousBase.PlaceIndexOfHome[j];
            if (q < 0) continue;
            overlap[(p, q)] = overlap.GetValueOrDefault((p, q)) + 1;
        }

        var pairs = overlap.OrderByDescending(kv => kv.Value)
            .ThenBy(kv => previousBase.Places[kv.Key.Old].Id, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.New);
        var id = new string?[fresh.Places.Count];
        var taken = new HashSet<int>();
        foreach (var ((p, q), _) in pairs)
        {
            if (id[p] is not null || reserved.Contains(previousBase.Places[q].Id) || !taken.Add(q)) continue;
            id[p] = previousBase.Places[q].Id;
        }

        int next = 1 + previous.Places.Concat(previousBase.Places).Select(p => Number(p.Id)).DefaultIfEmpty(0).Max();
        var used = new HashSet<string>(previous.Places.Concat(previousBase.Places).Select(p => p.Id).Concat(reserved), StringComparer.Ordinal);
        for (int p = 0; p < id.Length; p++)
        {
            if (id[p] is not null) continue;
            string candidate;
            do candidate = "P" + (next++).ToString(CultureInfo.InvariantCulture);
            while (used.Contains(candidate));
            id[p] = candidate;
        }

        return id!;
    }

    private static int Number(string id) =>
        id.Length > 1 && id[0] == 'P' && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
}
