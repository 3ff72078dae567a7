namespace PlaceKit.Editing;

/// <summary>An edit file could not be read, or one or more of its edits break a rule; nothing was applied.</summary>
/// <remarks>Lists every problem, each with the edit's line, not only the first.</remarks>
public sealed class PlanEditException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    /// <param name="problems">Every problem found; at least one.</param>
    public PlanEditException(IReadOnlyList<PlanEditProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Creates the exception with a message and no listed problems.</summary>
    public PlanEditException()
        : this([]) { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PlanEditException(string message)
        : base(message) => Problems = [];

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlanEditException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>Every problem, in line order.</summary>
    public IReadOnlyList<PlanEditProblem> Problems { get; }

    private static string Describe(IReadOnlyList<PlanEditProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string head = problems.Count == 1 ? "1 problem in the edits; none were applied" : $"{problems.Count} problems in the edits; none were applied";
        return head + ":" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
    }
}
