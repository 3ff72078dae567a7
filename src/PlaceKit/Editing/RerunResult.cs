using PlaceKit.Planning;

namespace PlaceKit.Editing;

/// <summary>The result of <see cref="PlanRerun.Define(PlaceKit.Homes.HomeSet, PlacePlan, PlaceKitOptions?, CancellationToken)"/>: the new plan, what changed, and the edits not carried over.</summary>
/// <param name="Plan">The new plan, with place ids carried over and the previous edits re-applied where valid.</param>
/// <param name="Changes">The changes from the previous plan, with the stability figure.</param>
/// <param name="SkippedEdits">The previous plan's edits that are no longer valid, with the reason: nothing of them could be applied.</param>
public sealed record RerunResult(PlacePlan Plan, PlanDiff Changes, IReadOnlyList<PlanEditProblem> SkippedEdits)
{
    /// <summary>The previous plan's edits applied to part of their targets (the others left the stock or the plan), each naming the missing ids.</summary>
    public IReadOnlyList<PlanEditProblem> PartlyAppliedEdits { get; init; } = [];
}
