namespace PlaceKit;

/// <summary>Progress of a plan being defined: a stage has started (<see cref="Done"/> false) or finished.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Done">Whether the stage has finished.</param>
/// <param name="Elapsed">Time spent in the stage so far (zero when it starts).</param>
public readonly record struct PlanProgress(PlanStage Stage, bool Done, TimeSpan Elapsed);
