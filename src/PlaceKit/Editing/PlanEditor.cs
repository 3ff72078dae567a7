using PlaceKit.Planning;

namespace PlaceKit.Editing;

/// <summary>Applies people's edits (move, merge, split, remove, create, unplace, lock, unlock) to a plan, giving a new plan.</summary>
/// <remarks>
/// Each edit is checked against the plan as the edits before it left it. <see cref="Apply"/> is all or nothing: when
/// any edit breaks a rule (unknown action or id, crossing an authority border, a bad split count, a name already
/// taken, no targets), every problem is listed and nothing is applied. Afterwards centres, hulls, scores, ranks and
/// coverage are recomputed with <see cref="Scoring.DensityScorer"/> and <see cref="Coverage.CoverageCalculator"/>;
/// trimming rules are not re-applied (people decide). Every home stays in exactly one place or unplaced; homes taken
/// out carry <c>removed-by-edit</c> or <c>unplaced-by-edit</c>. The edits are appended to <see cref="PlacePlan.Edits"/>.
/// <para>A plan that already carries edits is edited from the plan the maths defined with its history replayed first, so
/// applying edits one at a time gives exactly the plan (place ids, cluster numbers, reasons) that applying them all at
/// once to the defined plan gives.</para>
/// <para>Locks: <c>lock,P5;P7,</c> locks places and <c>unlock,P5,</c> unlocks them (<see cref="Trimming.Place.Locked"/>). An edit that
/// would change a locked place is refused, naming the place and the <c>unlock</c> row to write first: moving homes into or
/// out of it, merging, splitting or removing it, making a new place from its homes or unplacing them. Locking a place
/// already locked, or unlocking one that is not, is refused too. A re-run keeps a locked place (see <see cref="PlanRerun"/>).</para>
/// <para>Cost: O(n) per edit (the history's included) plus O(n log n) to rebuild. Deterministic: a split re-clusters
/// with k-means seeded from the plan seed and the place id. Thread-safe: plans are immutable.</para>
/// </remarks>
public static class PlanEditor
{
    /// <summary>Applies every edit, or none.</summary>
    /// <param name="plan">The plan to edit; not changed.</param>
    /// <param name="edits">The edits, in order.</param>
    /// <returns>A new plan with the edits applied and appended to its history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="PlanEditException">One or more edits break a rule; lists them all, with line and reason. Nothing is applied.</exception>
    public static PlacePlan Apply(PlacePlan plan, IEnumerable<PlanEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(edits);
        var list = edits.ToList();
        var state = Replayed(plan);
        var problems = new List<PlanEditProblem>();
        foreach (var edit in list) problems.AddRange(state.TryApply(edit));
        if (problems.Count > 0) throw new PlanEditException(problems);
        var edited = state.Build([.. plan.Edits, .. list]);
        edited.BuildTerritoriesFrom(plan);
        return edited;
    }

    /// <summary>
    /// The edit state of a plan, rebuilt from the plan the maths defined with the plan's own edits replayed, so that
    /// edits applied one at a time (the studio) give exactly the plan that applying them all at once gives
    /// (<c>placekit adjust</c> with the whole history): same place ids, cluster numbers and unplaced reasons.
    /// </summary>
    private static EditState Replayed(PlacePlan plan)
    {
        if (plan.Edits.Count == 0 || plan.Unedited is not { } unedited) return new EditState(plan);
        var state = new EditState(unedited, replaying: true);
        foreach (var edit in plan.Edits)
        {
            // The history applied cleanly once and editing is deterministic; should it not, edit the plan as it stands.
            if (state.TryApply(edit).Count > 0) return new EditState(plan);
        }

        state.EndReplay();
        return state;
    }

    /// <summary>Checks edits against a plan without applying them.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="edits">The edits, in order.</param>
    /// <returns>Every problem, with line and reason; empty when <see cref="Apply"/> would succeed.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<PlanEditProblem> Validate(PlacePlan plan, IEnumerable<PlanEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(edits);
        var state = new EditState(plan);
        var problems = new List<PlanEditProblem>();
        foreach (var edit in edits) problems.AddRange(state.TryApply(edit));
        return problems;
    }

    /// <summary>Applies the edits that are valid, one by one, and skips the others: how a re-run carries edits over to a changed stock.</summary>
    /// <param name="plan">The plan to edit; not changed.</param>
    /// <param name="edits">The edits, in order; each is checked against the plan as the applied ones before it left it.</param>
    /// <param name="skipped">The edits skipped, with the reason.</param>
    /// <returns>A new plan with the valid edits applied and appended to its history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PlacePlan ApplyWhereValid(PlacePlan plan, IEnumerable<PlanEdit> edits, out IReadOnlyList<PlanEditProblem> skipped) =>
        ApplyWhereValid(plan, edits, out skipped, out _);

    /// <summary>
    /// Applies the edits that are valid, one by one; an edit some of whose targets are gone (homes that left the stock,
    /// places that no longer exist) is applied to the remaining ones when that is valid, and reported; the others are
    /// skipped. How a re-run carries edits over to a changed stock.
    /// </summary>
    /// <param name="plan">The plan to edit; not changed.</param>
    /// <param name="edits">The edits, in order; each is checked against the plan as the applied ones before it left it.</param>
    /// <param name="skipped">The edits skipped, with the reason (an edit is skipped only when nothing of it can be applied).</param>
    /// <param name="partlyApplied">The edits applied to part of their targets, each naming the missing ids.</param>
    /// <returns>A new plan with the applied edits (an edit applied in part, with its remaining targets) appended to its history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PlacePlan ApplyWhereValid(PlacePlan plan, IEnumerable<PlanEdit> edits, out IReadOnlyList<PlanEditProblem> skipped,
        out IReadOnlyList<PlanEditProblem> partlyApplied) =>
        ApplyWhereValid(plan, edits, replaying: false, out skipped, out partlyApplied);

    /// <summary>
    /// As the public overload; <paramref name="replaying"/> true replays a previous history on a re-run's base, whose
    /// locked places are held (an edit of the history touching them is superseded by the lock, not refused).
    /// </summary>
    internal static PlacePlan ApplyWhereValid(PlacePlan plan, IEnumerable<PlanEdit> edits, bool replaying, out IReadOnlyList<PlanEditProblem> skipped,
        out IReadOnlyList<PlanEditProblem> partlyApplied)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(edits);
        var state = new EditState(plan, replaying);
        var problems = new List<PlanEditProblem>();
        var applied = new List<PlanEdit>();
        var partial = new List<PlanEditProblem>();
        foreach (var edit in edits)
        {
            var missing = state.Missing(edit);
            var p = state.TryApply(edit);
            if (p.Count == 0)
            {
                applied.Add(edit);
                continue;
            }

            var rest = edit.Targets.Where(t => !missing.Contains(t.Trim(), StringComparer.Ordinal)).ToArray();
            if (missing.Count > 0 && rest.Any(t => !string.IsNullOrWhiteSpace(t)))
            {
                var reduced = edit with { Targets = rest };
                if (state.TryApply(reduced).Count == 0)
                {
                    applied.Add(reduced);
                    partial.Add(new PlanEditProblem(edit.Line, edit.ToString(),
                        $"applied to the {rest.Length} remaining target(s); gone from the stock or plan: {string.Join(", ", missing)}"));
                    continue;
                }
            }

            problems.AddRange(p);
        }

        skipped = problems;
        partlyApplied = partial;
        var edited = state.Build([.. plan.Edits, .. applied]);
        edited.BuildTerritoriesFrom(plan);
        return edited;
    }
}
