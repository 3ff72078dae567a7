namespace PlaceKit.Clustering;

/// <summary>
/// Process-wide counters of the weighted size-constrained assignment (fractional and rounded costs, split homes,
/// repair moves, clusters outside the bounds), for measuring its optimality gap in tests and the scale runner. Not part
/// of any result; thread-safe.
/// </summary>
internal static class WeightedBoundsStats
{
    private static readonly Lock Gate = new();
    private static double _fractional;
    private static double _rounded;
    private static long _solves;
    private static long _split;
    private static long _moves;
    private static long _clusters;
    private static long _outside;

    internal static void Add(WeightedSizeBoundedAssignment s)
    {
        lock (Gate)
        {
            _fractional += s.FractionalCost;
            _rounded += s.RoundedCost;
            _solves++;
            _split += s.SplitHomes;
            _moves += s.RepairMoves;
        }
    }

    internal static void AddFinal(int outside, int clusters)
    {
        lock (Gate)
        {
            _outside += outside;
            _clusters += clusters;
        }
    }

    /// <summary>The counters since the last reset: total fractional and rounded cost over every solve, solves, split homes, repair moves, final clusters and those outside the bounds.</summary>
    internal static (double Fractional, double Rounded, long Solves, long Split, long Moves, long Clusters, long Outside) Read()
    {
        lock (Gate) return (_fractional, _rounded, _solves, _split, _moves, _clusters, _outside);
    }

    internal static void Reset()
    {
        lock (Gate) (_fractional, _rounded, _solves, _split, _moves, _clusters, _outside) = (0, 0, 0, 0, 0, 0, 0);
    }
}
