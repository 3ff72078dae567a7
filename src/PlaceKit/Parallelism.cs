namespace PlaceKit;

/// <summary>The parallel options every stage's loops use: at most one thread per core when the caller says -1.</summary>
/// <remarks>
/// <see cref="ParallelOptions.MaxDegreeOfParallelism"/> = -1 means "no limit", not "every core": a loop whose bodies run for
/// seconds (an authority's triangulation or k-means at 25M homes) keeps asking the thread pool for more workers, which
/// injects threads while the cores are busy. A 25M-home run had 89 threads each holding an authority's geometry at
/// once, and its memory grew by about 1 GB every 30 s. Capping at the core count keeps what is held at once to one
/// authority per core. The result never depends on the thread count, so this changes no plan.
/// </remarks>
internal static class Parallelism
{
    /// <summary>The thread count a <c>MaxDegreeOfParallelism</c> setting means: -1 (or any negative) is every core.</summary>
    internal static int Threads(int maxDegreeOfParallelism) => maxDegreeOfParallelism < 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;

    /// <summary>Parallel options with <see cref="Threads"/> of the setting and the token.</summary>
    internal static ParallelOptions Options(int maxDegreeOfParallelism, CancellationToken cancellationToken = default) =>
        new() { MaxDegreeOfParallelism = Threads(maxDegreeOfParallelism), CancellationToken = cancellationToken };
}
