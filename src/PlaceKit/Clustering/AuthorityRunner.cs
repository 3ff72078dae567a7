using System.Globalization;
using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>One authority's homes, centred on their mean, as a clusterer's per-authority body receives them.</summary>
internal sealed class AuthorityInput
{
    internal required string Code { get; init; }

    /// <summary>Eastings minus the authority's mean easting.</summary>
    internal required double[] X { get; init; }

    /// <summary>Northings minus the authority's mean northing.</summary>
    internal required double[] Y { get; init; }

    internal required double MeanX { get; init; }

    internal required double MeanY { get; init; }

    /// <summary>Sum of squared distances to the mean, m² (weighted, about the weighted mean, when <see cref="W"/> is set).</summary>
    internal required double SumSquares { get; init; }

    /// <summary>The homes' weights when clusters are sized by weight (<see cref="ClusteringOptions.SizeBy"/>); null: every home weighs 1.</summary>
    internal double[]? W { get; init; }

    /// <summary>The authority's size as the target counts it: its homes, or their total weight.</summary>
    internal double Mass => W is null ? X.Length : HomeSet.Sum(W);

    internal required int Distinct { get; init; }

    /// <summary>The authority's own random stream (plan seed + FNV-1a of the code).</summary>
    internal required Random Rng { get; init; }

    /// <summary>Start centres from a <see cref="ClusterStart"/>, in the centred coordinates; null for a cold start.</summary>
    internal double[]? StartX { get; init; }

    /// <summary>Start northings, as <see cref="StartX"/>.</summary>
    internal double[]? StartY { get; init; }

    internal int Count => X.Length;
}

/// <summary>A per-authority result: 0-based labels and centres in the authority's centred coordinates.</summary>
internal sealed record AuthorityRun(int[] Labels, double[] CentreX, double[] CentreY, double Inertia, int Iterations, string Note);

/// <summary>
/// The machinery every built-in clusterer shares: partition by authority, hand each authority its start centres when
/// there is a <see cref="ClusterStart"/>, run a body per authority in parallel (biggest first), optionally split clusters wider than <see cref="ClusteringOptions.MaxRadiusMeters"/>, and assemble
/// one <see cref="ClusterAssignment"/> with plan-wide cluster ids.
/// </summary>
/// <remarks>Deterministic: each authority has its own seeded <see cref="Random"/> and writes only its own slot.</remarks>
internal static class AuthorityRunner
{
    internal static ClusterAssignment Run(HomeSet homes, ClusteringOptions options, RunContext context, ClusterStart? start,
        Func<AuthorityInput, ClusteringOptions, RunContext, AuthorityRun> body)
    {
        var partition = AuthorityPartition.Create(homes);
        int authorities = partition.Order.Length;
        var runs = new AuthorityRun[authorities];
        var inputs = new AuthorityInput[authorities];

        // Biggest authorities first, for load balance; each run writes only runs[pos].
        var schedule = new int[authorities];
        for (int p = 0; p < authorities; p++) schedule[p] = p;
        Array.Sort(schedule, (p, q) =>
        {
            int byCount = partition.HomesOf(partition.Order[q]).Length.CompareTo(partition.HomesOf(partition.Order[p]).Length);
            return byCount != 0 ? byCount : p.CompareTo(q);
        });
        var parallel = context.ParallelOptions();
        Parallel.ForEach(schedule, parallel, pos =>
        {
            int a = partition.Order[pos];
            var own = options.ForAuthority(homes.Authorities[a]);
            var input = Centre(homes, partition.HomesOf(a), homes.Authorities[a], context.Seed, start,
                own.SizeBy == SizeBy.Weight ? homes.WeightArray : null);
            var run = body(input, own, context);
            if (input.StartX is { } sx) run = run with { Note = Join(run.Note, $"warm start from {sx.Length.ToString(CultureInfo.InvariantCulture)} centre(s)") };
            if (own.MaxRadiusMeters is double limit) run = RadiusSplitter.Split(input, run, limit, own);
            inputs[pos] = input;
            runs[pos] = run;
        });

        return Assemble(homes, partition, inputs, runs);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    private static AuthorityInput Centre(HomeSet homes, ReadOnlySpan<int> members, string code, int seed, ClusterStart? start, double[]? weights)
    {
        int n = members.Length;
        var x = new double[n];
        var y = new double[n];
        double mx = 0, my = 0;
        var hx = homes.X;
        var hy = homes.Y;
        for (int i = 0; i < n; i++)
        {
            mx += hx[members[i]];
            my += hy[members[i]];
        }

        mx /= n;
        my /= n;
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            x[i] = hx[members[i]] - mx;
            y[i] = hy[members[i]] - my;
            sumSquares += (x[i] * x[i]) + (y[i] * y[i]);
        }

        double[]? w = null;
        if (weights is not null)
        {
            // Weighted spread about the weighted mean: the tolerance then means what it means for the homes duplicated by weight.
            w = new double[n];
            double sw = 0, wx = 0, wy = 0;
            for (int i = 0; i < n; i++)
            {
                w[i] = weights[members[i]];
                sw += w[i];
                wx += w[i] * x[i];
                wy += w[i] * y[i];
            }

            if (sw > 0)
            {
                wx /= sw;
                wy /= sw;
                sumSquares = 0;
                for (int i = 0; i < n; i++)
                {
                    double dx = x[i] - wx, dy = y[i] - wy;
                    sumSquares += w[i] * ((dx * dx) + (dy * dy));
                }
            }
        }

        double[]? startX = null, startY = null;
        if (start is not null && start.TryGet(code, out var px, out var py))
        {
            startX = new double[px.Length];
            startY = new double[py.Length];
            for (int j = 0; j < px.Length; j++)
            {
                startX[j] = px[j] - mx;
                startY[j] = py[j] - my;
            }
        }

        return new AuthorityInput
        {
            Code = code, X = x, Y = y, MeanX = mx, MeanY = my, SumSquares = sumSquares, W = w,
            Distinct = DistinctLocations(x, y), Rng = new Random(StableSeed.For(seed, code)), StartX = startX, StartY = startY,
        };
    }

    /// <summary>How many distinct (x, y) pairs the columns hold (values compared as doubles: 0.0 and -0.0 are one).</summary>
    /// <remarks>
    /// A set of the coordinates' bit patterns with a multiply-shift hash: a third of the cost of a set of
    /// <c>(double, double)</c> tuples, whose default comparer combines two double hashes (measured with
    /// <c>smallprofile</c>, benchmarks/README.md). Every authority counts its locations, so at small stocks this was a
    /// tenth of the clustering stage.
    /// </remarks>
    internal static int DistinctLocations(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var seen = new HashSet<(long, long)>(x.Length, LocationBits.Comparer);
        for (int i = 0; i < x.Length; i++) seen.Add((LocationBits.Of(x[i]), LocationBits.Of(y[i])));
        return seen.Count;
    }

    /// <summary>Coordinates as bit patterns (with -0.0 folded into 0.0, so equal doubles give equal bits) and a cheap hash of a pair.</summary>
    private sealed class LocationBits : IEqualityComparer<(long X, long Y)>
    {
        internal static readonly LocationBits Comparer = new();

        internal static long Of(double v) => v == 0 ? 0 : BitConverter.DoubleToInt64Bits(v);

        public bool Equals((long X, long Y) a, (long X, long Y) b) => a.X == b.X && a.Y == b.Y;

        public int GetHashCode((long X, long Y) p)
        {
            ulong h = (((ulong)p.X * 0x9E3779B97F4A7C15UL) ^ (ulong)p.Y) * 0xC2B2AE3D27D4EB4FUL;
            return (int)(h >> 32);
        }
    }

    /// <summary>
    /// k-means on centred columns with the default clusterer's kernels (k-means++, then Lloyd/Hamerly/Elkan chosen by k),
    /// <see cref="ClusteringOptions.Restarts"/> runs, lowest inertia wins; or one run from the start centres when given
    /// (<see cref="StartCentres"/>). Requires 1 ≤ k ≤ the distinct locations.
    /// </summary>
    internal static (int[] Labels, double[] CentreX, double[] CentreY, double Inertia, int Iterations) KMeans(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k, double sumSquares, ClusteringOptions c, Random rng,
        double[]? startX = null, double[]? startY = null) =>
        KMeansClusterer.Run(x, y, k, sumSquares, c, rng, KMeansClusterer.Choose(KMeansAlgorithm.Auto, x.Length, k), KMeansWork.DefaultChunk, null, startX, startY);

    private static ClusterAssignment Assemble(HomeSet homes, AuthorityPartition partition, AuthorityInput[] inputs, AuthorityRun[] runs)
    {
        int total = 0;
        foreach (var r in runs) total += r.CentreX.Length;
        var clusterOfHome = new int[homes.Count];
        var authorityOfCluster = new int[total];
        var centreX = new double[total];
        var centreY = new double[total];
        var details = new AuthorityClustering[runs.Length];
        int next = 1;
        for (int pos = 0; pos < runs.Length; pos++)
        {
            int a = partition.Order[pos];
            var run = runs[pos];
            var input = inputs[pos];
            var members = partition.HomesOf(a);
            for (int i = 0; i < members.Length; i++) clusterOfHome[members[i]] = next + run.Labels[i];
            int k = run.CentreX.Length;
            authorityOfCluster.AsSpan(next - 1, k).Fill(a);
            for (int j = 0; j < k; j++)
            {
                centreX[next - 1 + j] = run.CentreX[j] + input.MeanX;
                centreY[next - 1 + j] = run.CentreY[j] + input.MeanY;
            }

            details[pos] = new AuthorityClustering(input.Code, members.Length, input.Distinct, k, next, run.Inertia, run.Iterations, run.Note);
            next += k;
        }

        return new ClusterAssignment(clusterOfHome, authorityOfCluster, centreX, centreY, details);
    }
}
