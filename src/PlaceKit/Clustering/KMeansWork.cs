using System.Buffers;

namespace PlaceKit.Clustering;

/// <summary>
/// The working columns and buffers of one authority's k-means run, shared by the Lloyd, Hamerly and Elkan kernels:
/// centred coordinates, labels, centres, and per-chunk partial sums. Allocated once per authority (n-sized buffers
/// rented from <see cref="ArrayPool{T}"/>), so the iterations allocate nothing.
/// </summary>
/// <remarks>
/// Homes are processed in chunks of <see cref="Chunk"/> (a constant, <see cref="DefaultChunk"/> in production, never
/// derived from the core count). Chunks may run in parallel; every sum (centre sums, inertia, potentials, changes) is
/// first taken per chunk in home order and then reduced in chunk order, so results are bit-identical at any thread
/// count. Not thread-safe beyond that chunk discipline.
/// </remarks>
internal sealed class KMeansWork : IDisposable
{
    /// <summary>Homes per chunk in production: big enough that a chunk's work dwarfs scheduling, small enough that a
    /// 100,000-home authority splits over several cores.</summary>
    internal const int DefaultChunk = 16_384;

    private readonly ParallelOptions? _parallel;
    private readonly double[] _psx;
    private readonly double[] _psy;
    private readonly int[] _pcount;
    private readonly double[] _sx;
    private readonly double[] _sy;
    private readonly int[] _count;
    private readonly double[] _psw;
    private readonly double[] _sw;
    private readonly Action<int> _sumBody;
    private readonly Action<int> _distBody;

    internal KMeansWork(int n, int k, int chunk, ParallelOptions? parallel)
    {
        N = n;
        K = k;
        Chunk = chunk;
        Chunks = Math.Max(1, (n + chunk - 1) / chunk);
        _parallel = parallel;
        X = ArrayPool<double>.Shared.Rent(n);
        Y = ArrayPool<double>.Shared.Rent(n);
        Dist = ArrayPool<double>.Shared.Rent(n);
        Labels = ArrayPool<int>.Shared.Rent(n);
        Cx = new double[k];
        Cy = new double[k];
        Shift = new double[k];
        Reseeded = new int[k];
        ChunkSum = new double[Chunks];
        ChunkChanges = new int[Chunks];
        _psx = new double[Chunks * k];
        _psy = new double[Chunks * k];
        _pcount = new int[Chunks * k];
        _sx = new double[k];
        _sy = new double[k];
        _count = new int[k];
        _psw = new double[Chunks * k];
        _sw = new double[k];
        _sumBody = SumChunk;
        _distBody = DistChunk;
    }

    internal int N { get; }

    /// <summary>Each home's weight (exactly <see cref="N"/> long), or null when every home weighs 1: centres are then weighted means and inertia a weighted sum.</summary>
    internal double[]? W { get; init; }

    internal int K { get; }

    internal int Chunk { get; }

    internal int Chunks { get; }

    /// <summary>Centred eastings (first <see cref="N"/> entries are used).</summary>
    internal double[] X { get; }

    /// <summary>Centred northings.</summary>
    internal double[] Y { get; }

    /// <summary>Squared distance to the assigned centre (Lloyd keeps it current; accelerated kernels fill it on demand).</summary>
    internal double[] Dist { get; }

    /// <summary>0-based cluster of each home.</summary>
    internal int[] Labels { get; }

    /// <summary>Centre eastings (exactly <see cref="K"/> long).</summary>
    internal double[] Cx { get; }

    /// <summary>Centre northings.</summary>
    internal double[] Cy { get; }

    /// <summary>How far each centre moved in the last <see cref="Update"/>, metres.</summary>
    internal double[] Shift { get; }

    /// <summary>Homes moved into empty clusters by the last <see cref="Update"/> (first <see cref="ReseededCount"/> entries).</summary>
    internal int[] Reseeded { get; }

    internal int ReseededCount { get; private set; }

    internal double[] ChunkSum { get; }

    internal int[] ChunkChanges { get; }

    /// <summary>Runs <paramref name="body"/> for every chunk index, in parallel when there is more than one.</summary>
    internal void ForChunks(Action<int> body) => For(Chunks, body);

    /// <summary>Runs <paramref name="body"/> for 0..count-1, in parallel when count &gt; 1 and parallelism allows.</summary>
    internal void For(int count, Action<int> body)
    {
        if (count == 1 || _parallel is null || _parallel.MaxDegreeOfParallelism == 1)
        {
            for (int i = 0; i < count; i++) body(i);
        }
        else
        {
            Parallel.For(0, count, _parallel, body);
        }
    }

    internal int SumChanges()
    {
        int changes = 0;
        for (int ch = 0; ch < Chunks; ch++) changes += ChunkChanges[ch];
        return changes;
    }

    /// <summary>Sum of <see cref="Dist"/> per chunk, reduced in chunk order.</summary>
    internal double SumDist()
    {
        double total = 0;
        for (int ch = 0; ch < Chunks; ch++)
        {
            int lo = ch * Chunk, hi = Math.Min(N, lo + Chunk);
            double s = 0;
            if (W is { } w)
            {
                for (int i = lo; i < hi; i++) s += w[i] * Dist[i];
            }
            else
            {
                for (int i = lo; i < hi; i++) s += Dist[i];
            }

            total += s;
        }

        return total;
    }

    /// <summary>Fills <see cref="Dist"/> with each home's exact squared distance to its assigned centre.</summary>
    internal void ComputeDist() => ForChunks(_distBody);

    /// <summary>
    /// Moves each centre to the mean of its homes and returns the total squared shift. An empty cluster is re-seeded
    /// from the home farthest from its centre, taken from a cluster that can spare it.
    /// </summary>
    /// <param name="distValid">Whether <see cref="Dist"/> is current; if not it is computed when (rarely) a cluster is empty.</param>
    internal double Update(bool distValid)
    {
        int k = K;
        ForChunks(_sumBody);
        Array.Clear(_count);
        Array.Clear(_sx);
        Array.Clear(_sy);
        Array.Clear(_sw);
        var weights = W;
        for (int ch = 0; ch < Chunks; ch++)
        {
            int o = ch * k;
            for (int c = 0; c < k; c++)
            {
                _count[c] += _pcount[o + c];
                _sx[c] += _psx[o + c];
                _sy[c] += _psy[o + c];
                if (weights is not null) _sw[c] += _psw[o + c];
            }
        }

        ReseededCount = 0;
        for (int c = 0; c < k; c++)
        {
            if (_count[c] > 0) continue;
            if (!distValid)
            {
                ComputeDist();
                distValid = true;
            }

            int far = -1;
            double farD2 = -1;
            for (int i = 0; i < N; i++)
            {
                if (Dist[i] > farD2 && _count[Labels[i]] > 1)
                {
                    farD2 = Dist[i];
                    far = i;
                }
            }

            if (far < 0) continue;
            int from = Labels[far];
            double wf = weights is null ? 1 : weights[far];
            _count[from]--;
            _sx[from] -= wf * X[far];
            _sy[from] -= wf * Y[far];
            _sw[from] -= wf;
            Labels[far] = c;
            _count[c] = 1;
            _sx[c] = wf * X[far];
            _sy[c] = wf * Y[far];
            _sw[c] = wf;
            Dist[far] = 0;
            Reseeded[ReseededCount++] = far;
        }

        double shift = 0;
        for (int c = 0; c < k; c++)
        {
            double mass = weights is null ? _count[c] : _sw[c];
            if (_count[c] == 0 || !(mass > 0))
            {
                Shift[c] = 0; // empty, or (weighted) only homes of weight 0: the centre stays
                continue;
            }

            double nx = _sx[c] / mass, ny = _sy[c] / mass;
            double dx = nx - Cx[c], dy = ny - Cy[c];
            double s2 = (dx * dx) + (dy * dy);
            shift += s2;
            Shift[c] = Math.Sqrt(s2);
            Cx[c] = nx;
            Cy[c] = ny;
        }

        return shift;
    }

    private void SumChunk(int ch)
    {
        int k = K, o = ch * k;
        int lo = ch * Chunk, hi = Math.Min(N, lo + Chunk);
        var psx = _psx.AsSpan(o, k);
        var psy = _psy.AsSpan(o, k);
        var pcount = _pcount.AsSpan(o, k);
        psx.Clear();
        psy.Clear();
        pcount.Clear();
        var x = X;
        var y = Y;
        var labels = Labels;
        if (W is { } w)
        {
            var psw = _psw.AsSpan(o, k);
            psw.Clear();
            for (int i = lo; i < hi; i++)
            {
                int c = labels[i];
                pcount[c]++;
                psx[c] += w[i] * x[i];
                psy[c] += w[i] * y[i];
                psw[c] += w[i];
            }

            return;
        }

        for (int i = lo; i < hi; i++)
        {
            int c = labels[i];
            pcount[c]++;
            psx[c] += x[i];
            psy[c] += y[i];
        }
    }

    private void DistChunk(int ch)
    {
        int lo = ch * Chunk, hi = Math.Min(N, lo + Chunk);
        var x = X;
        var y = Y;
        var labels = Labels;
        var cx = Cx;
        var cy = Cy;
        for (int i = lo; i < hi; i++)
        {
            int c = labels[i];
            double dx = x[i] - cx[c], dy = y[i] - cy[c];
            Dist[i] = (dx * dx) + (dy * dy);
        }
    }

    public void Dispose()
    {
        ArrayPool<double>.Shared.Return(X);
        ArrayPool<double>.Shared.Return(Y);
        ArrayPool<double>.Shared.Return(Dist);
        ArrayPool<int>.Shared.Return(Labels);
    }
}
