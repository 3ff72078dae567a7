using PlaceKit.Homes;

namespace PlaceKit.Planning;

/// <summary>Defines places for a set of homes: clustering, scoring, trimming and coverage, composed.</summary>
public interface IPlaceDefiner
{
    /// <summary>The options every plan from this definer is made with.</summary>
    PlaceKitOptions Options { get; }

    /// <summary>The composed stages every plan from this definer is made with; re-runs, edits, loading and sweeps use them too.</summary>
    PlanStages Stages { get; }

    /// <summary>Runs the whole pipeline.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="progress">Receives a report as each stage starts and finishes; may be null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The plan: every home is in exactly one place or in the unplaced list.</returns>
    PlacePlan Define(HomeSet homes, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default);
}
