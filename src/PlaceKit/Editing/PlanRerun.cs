using System.Globalization;
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
        var start = warmStart ? new ClusterStart(basePlan.Clusters.Select(c => (c.Authority, c.CentreX, c.CentreY))) : null;
        var fresh = previous.Stages.Define(homes, o, start, null, cancellationToken);
        var renamed = CarryIds(fresh, previous.Unedited ?? previous, previous);
        var plan = PlanEditor.ApplyWhereValid(renamed, previous.Edits, out var skipped, out var partly);
        if (previous.Edits.Count == 0) plan = renamed;
        return new RerunResult(plan, PlanDiff.Compare(previous, plan), skipped) { PartlyAppliedEdits = partly };
    }

    private static PlacePlan CarryIds(PlacePlan fresh, PlacePlan previousBase, PlacePlan previous)
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
            if (id[p] is not null || !taken.Add(q)) continue;
            id[p] = previousBase.Places[q].Id;
        }

        int next = 1 + previous.Places.Concat(previousBase.Places).Select(p => Number(p.Id)).DefaultIfEmpty(0).Max();
        var used = new HashSet<string>(previous.Places.Concat(previousBase.Places).Select(p => p.Id), StringComparer.Ordinal);
        for (int p = 0; p < id.Length; p++)
        {
            if (id[p] is not null) continue;
            string candidate;
            do candidate = "P" + (next++).ToString(CultureInfo.InvariantCulture);
            while (used.Contains(candidate));
            id[p] = candidate;
        }

        var placeOfCluster = new string?[fresh.Clusters.Count];
        var reasons = new IReadOnlyList<TrimReason>?[fresh.Clusters.Count];
        for (int p = 0; p < id.Length; p++) placeOfCluster[fresh.Places[p].Score.ClusterId - 1] = id[p];
        foreach (var t in fresh.Trimmed) reasons[t.Cluster.ClusterId - 1] = t.Reasons;
        var renamed = fresh.Stages.Rebuild(fresh.Homes, fresh.ClusterOfHome.ToArray(), placeOfCluster, reasons, fresh.Authorities, fresh.Options, [], null, fresh.Timings);
        return renamed;
    }

    private static int Number(string id) =>
        id.Length > 1 && id[0] == 'P' && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
}
