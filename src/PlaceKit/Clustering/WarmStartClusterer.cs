using System.Globalization;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Clustering;

/// <summary>
/// k-means per authority that starts from a previous plan's cluster centres instead of k-means++, so that re-running
/// on a changed stock moves as few homes as the clustering allows.
/// </summary>
/// <remarks>
/// For each authority, k follows the usual rule (<see cref="KMeansClusterer.ClusterCount"/>). The start centres are the
/// previous plan's cluster centres in that authority (before edits): when there are more than k, those nearest to the
/// fewest new homes are dropped (ties: the later cluster); when fewer, the rest are added k-means++ style (D²
/// sampling) from the authority's own seeded stream; an authority new to the stock is seeded by k-means++. Then the
/// same k-means iterations as <see cref="KMeansClusterer"/> run (<c>KMeansKernel</c>), so the result is a k-means
/// local optimum near the previous one.
/// <para>Cost: as <see cref="KMeansClusterer"/> with one run, usually fewer iterations. Deterministic for a given seed
/// and previous plan, whatever the thread count. Thread-safe.</para>
/// </remarks>
public sealed class WarmStartClusterer : IPlaceClusterer
{
    private readonly Dictionary<string, (double[] X, double[] Y)> _previous = new(StringComparer.Ordinal);

    /// <summary>Creates a clusterer that warm-starts from a previous plan.</summary>
    /// <param name="previous">The previous plan; its clusters before edits give the start centres.</param>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> is null.</exception>
    public WarmStartClusterer(PlacePlan previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var basePlan = previous.Unedited ?? previous;
        foreach (var group in basePlan.Clusters.GroupBy(c => c.Authority, StringComparer.Ordinal))
        {
            var list = group.OrderBy(c => c.ClusterId).ToArray();
            _previous[group.Key] = ([.. list.Select(c => c.CentreX)], [.. list.Select(c => c.CentreY)]);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public ClusterAssignment Cluster(HomeSet homes, PlaceKitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(options);
        var partition = AuthorityPartition.Create(homes);
        int authorities = partition.Order.Length;
        var labels = new int[authorities][];
        var inertia = new double[authorities];
        var iterations = new int[authorities];
        var distinct = new int[authorities];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, authorities, parallel, pos =>
        {
            int a = partition.Order[pos];
            (labels[pos], inertia[pos], iterations[pos], distinct[pos]) = RunAuthority(homes, partition.HomesOf(a), homes.Authorities[a], options);
        });

        int total = 0;
        var k = new int[authorities];
        for (int pos = 0; pos < authorities; pos++)
        {
            foreach (int l in labels[pos]) k[pos] = Math.Max(k[pos], l + 1);
            total += k[pos];
        }

        var clusterOfHome = new int[homes.Count];
        var authorityOfCluster = new int[total];
        var sx = new double[total];
        var sy = new double[total];
        var count = new int[total];
        var details = new AuthorityClustering[authorities];
        int next = 1;
        for (int pos = 0; pos < authorities; pos++)
        {
            int a = partition.Order[pos];
            var members = partition.HomesOf(a);
            for (int i = 0; i < members.Length; i++)
            {
                int c = next + labels[pos][i];
                clusterOfHome[members[i]] = c;
                sx[c - 1] += homes.X[members[i]];
                sy[c - 1] += homes.Y[members[i]];
                count[c - 1]++;
            }

            authorityOfCluster.AsSpan(next - 1, k[pos]).Fill(a);
            details[pos] = new AuthorityClustering(homes.Authorities[a], members.Length, distinct[pos], k[pos], next, inertia[pos], iterations[pos],
                _previous.ContainsKey(homes.Authorities[a]) ? "warm start from the previous plan" : "new authority: k-means++");
            next += k[pos];
        }

        for (int c = 0; c < total; c++)
        {
            sx[c] /= count[c];
            sy[c] /= count[c];
        }

        return new ClusterAssignment(clusterOfHome, authorityOfCluster, sx, sy, details);
    }

    private (int[] Labels, double Inertia, int Iterations, int Distinct) RunAuthority(HomeSet homes, ReadOnlySpan<int> members, string code, PlaceKitOptions options)
    {
        int n = members.Length;
        var x = new double[n];
        var y = new double[n];
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += homes.X[members[i]];
            my += homes.Y[members[i]];
        }

        mx /= n;
        my /= n;
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            x[i] = homes.X[members[i]] - mx;
            y[i] = homes.Y[members[i]] - my;
            variance += (x[i] * x[i]) + (y[i] * y[i]);
        }

        int distinct = AuthorityRunner.DistinctLocations(x, y);
        var c = options.ForAuthority(code).Clustering;
        int k = KMeansClusterer.ClusterCount(n, c.TargetSize, distinct);
        var cx = new double[k];
        var cy = new double[k];
        var rng = new Random(StableSeed.For(options.Seed, code));
        if (_previous.TryGetValue(code, out var prev)) Start(x, y, prev.X, prev.Y, mx, my, cx, cy, rng);
        else KMeansKernel.SeedPlusPlus(x, y, cx, cy, rng);
        var labels = new int[n];
        var (inertia, iterations) = KMeansKernel.Iterate(x, y, cx, cy, labels, c.MaxIterations, c.Tolerance * (variance / n / 2));

        // Compact labels so that every cluster id has homes (an emptied centre is dropped), keeping centre order.
        var map = new int[k];
        Array.Fill(map, -1);
        int used = 0;
        var present = new bool[k];
        foreach (int l in labels) present[l] = true;
        for (int j = 0; j < k; j++) if (present[j]) map[j] = used++;
        for (int i = 0; i < n; i++) labels[i] = map[labels[i]];
        return (labels, inertia, iterations, distinct);
    }

    /// <summary>Start centres for k from the previous centres: keep the best-supported k, or add by D² sampling.</summary>
    private static void Start(double[] x, double[] y, double[] px, double[] py, double mx, double my, Span<double> cx, Span<double> cy, Random rng)
    {
        int n = x.Length, k = cx.Length, m = px.Length;
        var ox = new double[m];
        var oy = new double[m];
        for (int j = 0; j < m; j++)
        {
            ox[j] = px[j] - mx;
            oy[j] = py[j] - my;
        }

        var support = new int[m];
        for (int i = 0; i < n; i++) support[KMeansKernel.Nearest(x[i], y[i], ox, oy, out _)]++;
        var keep = Enumerable.Range(0, m).OrderByDescending(j => support[j]).ThenBy(j => j).Take(k).Order().ToArray();
        int s = 0;
        foreach (int j in keep)
        {
            if (support[j] == 0 && s > 0) continue;
            cx[s] = ox[j];
            cy[s] = oy[j];
            s++;
        }

        if (s == k) return;

        // Add the missing centres k-means++ style: each a home drawn with probability ∝ D² to the nearest chosen centre.
        var d2 = new double[n];
        for (; s < k; s++)
        {
            double pot = 0;
            for (int i = 0; i < n; i++)
            {
                KMeansKernel.Nearest(x[i], y[i], cx[..s], cy[..s], out d2[i]);
                pot += d2[i];
            }

            double r = rng.NextDouble() * pot, acc = 0;
            int pick = n - 1;
            for (int i = 0; i < n; i++)
            {
                acc += d2[i];
                if (d2[i] > 0 && acc > r)
                {
                    pick = i;
                    break;
                }
            }

            cx[s] = x[pick];
            cy[s] = y[pick];
        }
    }

}
