using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary>
/// Shows a <c>placekit define</c> run's progress, stage by stage: a live Spectre.Console display on an interactive
/// terminal (<see cref="ProgressDisplay"/>), plain log lines otherwise (<see cref="ProgressLog"/>).
/// </summary>
/// <remarks>
/// The library's stages arrive through <see cref="IProgress{T}"/> (<see cref="PlanProgress"/>); reading the input and
/// writing the outputs are the CLI's own steps. Both go to the error stream, so standard output stays the summary.
/// </remarks>
internal abstract class RunProgress : IProgress<PlanProgress>
{
    /// <summary>The steps of a run, in order, as shown.</summary>
    internal static readonly string[] Steps = ["read", "cluster", "score", "trim", "coverage", "territories", "write"];

    /// <summary>The live display on an interactive terminal; plain lines when the error stream is redirected, is not the console (tests), or <c>CI</c> is set.</summary>
    /// <param name="error">Where the CLI writes diagnostics.</param>
    /// <returns>The progress reporter.</returns>
    internal static RunProgress For(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            ? new ProgressDisplay()
            : new ProgressLog(error);

    /// <summary>Runs the body with the progress shown while it runs.</summary>
    /// <typeparam name="T">The body's result.</typeparam>
    /// <param name="body">The work.</param>
    /// <returns>The body's result.</returns>
    internal abstract T Run<T>(Func<T> body);

    /// <summary>A step has started.</summary>
    /// <param name="step">One of <see cref="Steps"/>.</param>
    internal abstract void Begin(string step);

    /// <summary>A step has finished.</summary>
    /// <param name="step">One of <see cref="Steps"/>.</param>
    /// <param name="elapsed">How long it took.</param>
    /// <param name="detail">What it did, e.g. "45,000 homes"; may be empty.</param>
    internal abstract void End(string step, TimeSpan elapsed, string detail);

    /// <inheritdoc />
    public void Report(PlanProgress value)
    {
        string step = value.Stage.ToString().ToLowerInvariant();
        if (value.Done) End(step, value.Elapsed, "");
        else Begin(step);
    }
}
