namespace PlaceKit;

/// <summary>
/// What every stage of one run shares, besides its own options section: the seed, parallelism, cancellation and
/// progress. Defined at the ground floor so that no stage needs the whole <c>PlaceKitOptions</c> (and so no stage
/// depends on a later one).
/// </summary>
/// <remarks>Immutable. A definer makes one per run from <c>PlaceKitOptions.Seed</c> and
/// <c>PlaceKitOptions.MaxDegreeOfParallelism</c> and the caller's cancellation token and progress.</remarks>
public sealed record RunContext
{
    /// <summary>The plan's random seed; each authority draws from its own stream derived from it and the authority code.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>How many threads a stage may use; -1 uses every core. Never changes the result.</summary>
    /// <value>Default -1.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Cancels the run; stages check it between units of work (authorities, clusters).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives a report as each stage starts and finishes; may be null.</summary>
    public IProgress<PlanProgress>? Progress { get; init; }

    /// <summary>The default context: seed 42, every core, no cancellation, no progress.</summary>
    public static RunContext Default { get; } = new();

    /// <summary>Parallel options for a stage's loops: <see cref="MaxDegreeOfParallelism"/> (-1: one thread per core) and <see cref="CancellationToken"/>.</summary>
    internal ParallelOptions ParallelOptions() => Parallelism.Options(MaxDegreeOfParallelism, CancellationToken);
}
