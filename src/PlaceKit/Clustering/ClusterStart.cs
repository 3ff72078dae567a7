namespace PlaceKit.Clustering;

/// <summary>
/// Where a clustering starts: cluster centres per authority, usually a previous plan's (a warm start), so that
/// re-running on a changed stock moves as few homes as the clustering allows.
/// </summary>
/// <remarks>
/// Every built-in clusterer honours a start the same way, per authority: k follows the usual rule (and, for
/// <see cref="SizeConstrainedClusterer"/>, the size bounds); the start centres of that authority seed the run instead
/// of k-means++. When the authority has more start centres than k, those nearest to the fewest homes are dropped
/// (ties: the later centre); when fewer, the rest are added k-means++ style (D² sampling) from the authority's own
/// seeded stream; an authority without start centres is seeded by k-means++ as in a cold run. With a start there is
/// one run per authority (<see cref="ClusteringOptions.Restarts"/> would only repeat it); size bounds and radius
/// splitting (<see cref="ClusteringOptions.MaxRadiusMeters"/>) apply exactly as in a cold run.
/// <para>The k-means iterations from a start are anchored: each home stays with the start centre it was nearest to
/// unless another centre is nearer by more than 2√s metres, s being the shift tolerance the run stops at
/// (<see cref="ClusteringOptions.Tolerance"/> × the authority's mean coordinate variance): the distance within which the
/// tolerance leaves a centre undetermined, so a previous run that stopped on a pause of a slow descent is not run on
/// to its end by a small change of the stock. With <see cref="ClusteringOptions.Tolerance"/> 0 the iterations are
/// plain Lloyd. Immutable.</para>
/// </remarks>
public sealed class ClusterStart
{
    private readonly Dictionary<string, (double[] X, double[] Y)> _centres;

    /// <summary>Creates a start from centres, each tagged with its authority code; order within an authority is kept.</summary>
    /// <param name="centres">The centres, in planar metres (the same CRS as the homes).</param>
    /// <exception cref="ArgumentNullException"><paramref name="centres"/> is null or holds a null authority code.</exception>
    /// <exception cref="ArgumentException">A centre is not finite.</exception>
    public ClusterStart(IEnumerable<(string Authority, double X, double Y)> centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        var lists = new Dictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
        foreach (var (authority, x, y) in centres)
        {
            ArgumentNullException.ThrowIfNull(authority, nameof(centres));
            if (!double.IsFinite(x) || !double.IsFinite(y)) throw new ArgumentException($"start centre ({x}, {y}) of authority '{authority}' is not finite", nameof(centres));
            if (!lists.TryGetValue(authority, out var l)) lists[authority] = l = ([], []);
            l.X.Add(x);
            l.Y.Add(y);
        }

        _centres = new Dictionary<string, (double[] X, double[] Y)>(lists.Count, StringComparer.Ordinal);
        foreach (var (code, (x, y)) in lists) _centres[code] = ([.. x], [.. y]);
    }

    /// <summary>The authorities that have start centres.</summary>
    public IReadOnlyCollection<string> Authorities => _centres.Keys;

    /// <summary>The number of start centres of an authority (0 when it has none).</summary>
    /// <param name="authority">The authority code.</param>
    /// <returns>The count.</returns>
    public int CountOf(string authority) => _centres.TryGetValue(authority, out var c) ? c.X.Length : 0;

    /// <summary>The start centres of an authority, or false when it has none.</summary>
    internal bool TryGet(string authority, out double[] x, out double[] y)
    {
        if (_centres.TryGetValue(authority, out var c))
        {
            (x, y) = c;
            return true;
        }

        (x, y) = ([], []);
        return false;
    }
}
