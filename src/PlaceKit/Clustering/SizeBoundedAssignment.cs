namespace PlaceKit.Clustering;

/// <summary>
/// The assignment step of size-constrained k-means (Bradley, Bennett and Demiriz 2000): assigns n homes to k fixed
/// centres minimising the total squared distance subject to lo ≤ size ≤ hi for every cluster. A transportation problem,
/// solved exactly as a minimum-cost flow by successive shortest paths on the k-node cluster graph.
/// </summary>
/// <remarks>
/// <para>Network: home i → cluster j (capacity 1, cost d²(i, j) scaled to 1/16 m² integers, so no rounding can make a
/// cycle look negative) → sink with bounds [lo, hi]. Each home may only use its <c>candidates</c> nearest centres (the
/// caller widens the list when that makes the bounds unreachable), so there are n·c arcs, never n·k nor n².</para>
/// <para>The residual graph is contracted onto the clusters: the arc a → b costs the cheapest move of one home now in a
/// to b, i.e. min over those homes of d²(i, b) − d²(i, a). Each arc keeps its homes sorted by that key (plus a heap for
/// homes that arrive later; entries of homes that left are skipped lazily), so its weight is an O(1) peek. Start: every
/// home at its nearest centre (optimal, no negative cycle). Then, while a cluster is over hi, push one home along the
/// shortest path (Bellman-Ford queue, k nodes) from the over-full clusters to any cluster below hi; then while a cluster
/// is under lo, pull one along the shortest path from clusters above lo; then, while a path of negative cost leads from
/// a cluster above lo to one below hi, augment it. Augmenting along shortest paths never creates a negative cycle, so
/// the last phase ends at the optimum of the (candidate-restricted) transportation problem.</para>
/// <para>Cost: O(n·k) to find candidates, O(n·c log n) to sort the arcs, O(k·c) per Bellman-Ford pass per moved home.
/// Memory O(n·c + k). Deterministic: ties break by centre index and home index.</para>
/// </remarks>
internal sealed class SizeBoundedAssignment
{
    private const double CostScale = 16;

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int _n;
    private int _k;
    private int _c;
    private int[] _cand = [];
    private long[] _cost = [];
    private int[] _label = [];
    private int[] _size = [];

    // Static arcs (built once per solve): arc e goes from _edgeFrom[e] to _edgeTo[e]; its entries are
    // _entryKey/_entryHome[_edgeStart[e].._edgeStart[e + 1]], sorted by key; _head[e] skips homes that left.
    private int[] _edgeFrom = [];
    private int[] _edgeTo = [];
    private int[] _edgeStart = [];
    private int[] _head = [];
    private long[] _entryKey = [];
    private int[] _entryHome = [];
    private int[] _outStart = [];
    private int _edges;

    // Late arcs: homes that moved into a cluster during the solve.
    private readonly Dictionary<long, int> _lateIndex = [];
    private readonly List<PriorityQueue<int, long>> _lateHeap = [];
    private readonly List<int> _lateFrom = [];
    private readonly List<int> _lateTo = [];
    private List<int>[] _lateOut = [];

    internal SizeBoundedAssignment(double[] x, double[] y)
    {
        _x = x;
        _y = y;
        _n = x.Length;
    }

    /// <summary>Homes moved by the last solve's augmentations (for diagnostics).</summary>
    internal int Augmentations { get; private set; }

    /// <summary>Solves the assignment for the given centres and bounds, writing 0-based labels.</summary>
    /// <returns><see langword="false"/> when the bounds cannot be met using each home's <paramref name="candidates"/> nearest centres.</returns>
    internal bool Assign(ReadOnlySpan<double> cx, ReadOnlySpan<double> cy, int lo, int hi, int candidates, int[] labels)
    {
        _k = cx.Length;
        _c = Math.Min(candidates, _k);
        Augmentations = 0;
        FindCandidates(cx, cy);
        _label = labels;
        _size = new int[_k];
        for (int i = 0; i < _n; i++)
        {
            _label[i] = _cand[i * _c];
            _size[_label[i]]++;
        }

        bool within = true;
        for (int j = 0; j < _k; j++) within &= _size[j] >= lo && _size[j] <= hi;
        if (within) return true; // every home at its nearest centre: optimal
        if (_c == 1) return false;
        BuildArcs();

        var dist = new long[_k];
        var pred = new int[_k];
        var inQueue = new bool[_k];
        var enqueued = new int[_k];
        var queue = new Queue<int>(_k);
        var state = new RoundState(_k);
        while (true)
        {
            bool over = false, under = false;
            for (int j = 0; j < _k; j++)
            {
                over |= _size[j] > hi;
                under |= _size[j] < lo;
            }

            // Phase: sources may give a home, targets may take one.
            int phase = over ? 1 : under ? 2 : 3;
            dist.AsSpan().Fill(long.MaxValue);
            pred.AsSpan().Fill(-1);
            enqueued.AsSpan().Clear();
            for (int j = 0; j < _k; j++)
            {
                bool source = phase == 1 ? _size[j] > hi : _size[j] > lo;
                if (!source) continue;
                dist[j] = 0;
                queue.Enqueue(j);
                inQueue[j] = true;
            }

            ShortestPaths(dist, pred, inQueue, enqueued, queue);
            int moved = AugmentRound(phase, lo, hi, dist, state);
            if (moved > 0)
            {
                Augmentations += moved;
                continue;
            }

            if (phase == 3) return true;
            return false;
        }
    }

    /// <summary>
    /// Pushes as many homes as it can along admissible arcs (reduced cost 0 under the shortest-path distances, so every
    /// path used is a shortest path), depth first from each source to any target (Dinic-style dead-end pruning).
    /// </summary>
    /// <returns>The number of paths augmented; 0 when no target is reachable (or, in phase 3, none is cheaper than 0).</returns>
    private int AugmentRound(int phase, int lo, int hi, long[] dist, RoundState st)
    {
        int k = _k, moved = 0;
        Array.Clear(st.Dead);
        Array.Clear(st.OnStack);
        for (int v = 0; v < k; v++) st.Arc[v] = 0;
        for (int s = 0; s < k; s++)
        {
            while (dist[s] == 0 && (phase == 1 ? _size[s] > hi : _size[s] > lo) && !st.Dead[s])
            {
                // Depth-first search for a target along admissible arcs.
                int depth = 0;
                st.Stack[0] = s;
                st.OnStack[s] = true;
                int found = -1;
                while (depth >= 0)
                {
                    int v = st.Stack[depth];
                    if (depth > 0 && IsTarget(phase, v, lo, hi, dist))
                    {
                        found = depth;
                        break;
                    }

                    int e = NextAdmissible(v, dist, st);
                    if (e < 0)
                    {
                        st.Dead[v] = true;
                        st.OnStack[v] = false;
                        depth--;
                        if (depth >= 0) st.Arc[st.Stack[depth]]++;
                        continue;
                    }

                    int w = To(e);
                    st.Edge[depth] = e;
                    st.Stack[++depth] = w;
                    st.OnStack[w] = true;
                }

                for (int d = 0; d < st.Stack.Length && d <= Math.Max(found, 0); d++) st.OnStack[st.Stack[d]] = false;
                if (found < 0) break;

                // Peek every arc's home first, then move them (one home per arc; the clusters on a path are distinct).
                for (int d = 0; d < found; d++)
                {
                    Peek(st.Edge[d], out int home, out _);
                    st.Movers[d] = home;
                }

                for (int d = 0; d < found; d++) Move(st.Movers[d], From(st.Edge[d]), To(st.Edge[d]));
                moved++;
            }
        }

        return moved;
    }

    private bool IsTarget(int phase, int v, int lo, int hi, long[] dist) => phase switch
    {
        1 => _size[v] < hi,
        2 => _size[v] < lo,
        _ => _size[v] < hi && dist[v] < 0,
    };

    /// <summary>The next arc out of v (from its current-arc pointer) with a home on it, reduced cost 0, to a live node off the stack; -1 when none.</summary>
    private int NextAdmissible(int v, long[] dist, RoundState st)
    {
        int statics = _outStart[v + 1] - _outStart[v];
        var late = _lateOut[v];
        while (true)
        {
            int idx = st.Arc[v];
            int e;
            if (idx < statics) e = _outStart[v] + idx;
            else if (late is not null && idx - statics < late.Count) e = _edges + late[idx - statics];
            else return -1;
            int w = To(e);
            if (dist[w] != long.MaxValue && !st.Dead[w] && !st.OnStack[w] && Peek(e, out _, out long key) && dist[v] + key == dist[w]) return e;
            st.Arc[v]++;
        }
    }

    private sealed class RoundState(int k)
    {
        internal readonly bool[] Dead = new bool[k];
        internal readonly bool[] OnStack = new bool[k];
        internal readonly int[] Arc = new int[k];
        internal readonly int[] Stack = new int[k + 1];
        internal readonly int[] Edge = new int[k + 1];
        internal readonly int[] Movers = new int[k + 1];
    }

    /// <summary>
    /// Each home's c nearest centres, cheapest first (ties by centre index), found on a uniform grid of the centres
    /// (about one centre a cell) by searching rings of cells outward until the ring's distance exceeds the c-th best.
    /// </summary>
    private void FindCandidates(ReadOnlySpan<double> cx, ReadOnlySpan<double> cy)
    {
        int c = _c, k = _k;
        if (_cand.Length != _n * c)
        {
            _cand = new int[_n * c];
            _cost = new long[_n * c];
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int j = 0; j < k; j++)
        {
            minX = Math.Min(minX, cx[j]);
            maxX = Math.Max(maxX, cx[j]);
            minY = Math.Min(minY, cy[j]);
            maxY = Math.Max(maxY, cy[j]);
        }

        double w = Math.Max(maxX - minX, 1), h = Math.Max(maxY - minY, 1);
        double cell = Math.Max(Math.Sqrt(w * h / k), Math.Max(w, h) / 256);
        int gw = Math.Min(256, (int)(w / cell) + 1), gh = Math.Min(256, (int)(h / cell) + 1);
        var cellStart = new int[(gw * gh) + 1];
        var cellOf = new int[k];
        for (int j = 0; j < k; j++)
        {
            cellOf[j] = (Math.Min(gh - 1, (int)((cy[j] - minY) / cell)) * gw) + Math.Min(gw - 1, (int)((cx[j] - minX) / cell));
            cellStart[cellOf[j] + 1]++;
        }

        for (int g = 0; g < gw * gh; g++) cellStart[g + 1] += cellStart[g];
        var inCell = new int[k];
        var fill = cellStart.AsSpan(0, gw * gh).ToArray();
        for (int j = 0; j < k; j++) inCell[fill[cellOf[j]]++] = j; // ascending centre index within a cell

        for (int i = 0; i < _n; i++)
        {
            var rc = _cand.AsSpan(i * c, c);
            var rd = _cost.AsSpan(i * c, c);
            int count = 0;
            double px = _x[i], py = _y[i];
            int gx = Math.Clamp((int)Math.Floor((px - minX) / cell), 0, gw - 1), gy = Math.Clamp((int)Math.Floor((py - minY) / cell), 0, gh - 1);
            int maxRing = Math.Max(Math.Max(gx, gw - 1 - gx), Math.Max(gy, gh - 1 - gy));
            for (int r = 0; r <= maxRing; r++)
            {
                for (int yy = gy - r; yy <= gy + r; yy++)
                {
                    if (yy < 0 || yy >= gh) continue;
                    bool edgeRow = yy == gy - r || yy == gy + r;
                    for (int xx = gx - r; xx <= gx + r; xx += edgeRow || r == 0 ? 1 : 2 * r)
                    {
                        if (xx < 0 || xx >= gw) continue;
                        int g = (yy * gw) + xx;
                        for (int q = cellStart[g]; q < cellStart[g + 1]; q++)
                        {
                            int j = inCell[q];
                            double dx = px - cx[j], dy = py - cy[j];
                            long d = (long)((((dx * dx) + (dy * dy)) * CostScale) + 0.5);
                            if (count == c && (d > rd[c - 1] || (d == rd[c - 1] && j > rc[c - 1]))) continue;
                            int pos = count < c ? count++ : c - 1;
                            while (pos > 0 && (rd[pos - 1] > d || (rd[pos - 1] == d && rc[pos - 1] > j)))
                            {
                                rd[pos] = rd[pos - 1];
                                rc[pos] = rc[pos - 1];
                                pos--;
                            }

                            rd[pos] = d;
                            rc[pos] = j;
                        }
                    }
                }

                // Every centre in ring r + 1 or beyond is at least r cells away from the home (clamped to the grid,
                // which only brings it closer).
                double bound = r * cell;
                if (count == c && (bound * bound * CostScale) - 1 > rd[c - 1]) break;
            }
        }
    }

    private void BuildArcs()
    {
        int n = _n, k = _k, c = _c;

        // Homes by cluster (CSR).
        var start = new int[k + 1];
        for (int i = 0; i < n; i++) start[_label[i] + 1]++;
        for (int j = 0; j < k; j++) start[j + 1] += start[j];
        var byCluster = new int[n];
        var next = start.AsSpan(0, k).ToArray();
        for (int i = 0; i < n; i++) byCluster[next[_label[i]]++] = i;

        int maxEdges = (int)Math.Min((long)k * k, (long)n * (c - 1));
        _edgeFrom = new int[maxEdges];
        _edgeTo = new int[maxEdges];
        _edgeStart = new int[maxEdges + 1];
        _entryKey = new long[n * (c - 1)];
        _entryHome = new int[n * (c - 1)];
        _outStart = new int[k + 1];
        var slotOf = new int[k];
        slotOf.AsSpan().Fill(-1);
        var fill = new int[maxEdges];
        int edges = 0;
        for (int a = 0; a < k; a++)
        {
            _outStart[a] = edges;
            int first = edges;

            // Count entries per target cluster.
            for (int m = start[a]; m < start[a + 1]; m++)
            {
                int i = byCluster[m];
                for (int q = 1; q < c; q++)
                {
                    int b = _cand[(i * c) + q];
                    if (slotOf[b] < 0)
                    {
                        slotOf[b] = edges;
                        _edgeFrom[edges] = a;
                        _edgeTo[edges] = b;
                        _edgeStart[edges + 1] = 0;
                        edges++;
                    }

                    _edgeStart[slotOf[b] + 1]++;
                }
            }

            for (int e = first; e < edges; e++)
            {
                _edgeStart[e + 1] += _edgeStart[e];
                fill[e] = _edgeStart[e];
            }

            for (int m = start[a]; m < start[a + 1]; m++)
            {
                int i = byCluster[m];
                long own = _cost[i * c];
                for (int q = 1; q < c; q++)
                {
                    int e = slotOf[_cand[(i * c) + q]];
                    _entryKey[fill[e]] = _cost[(i * c) + q] - own;
                    _entryHome[fill[e]++] = i;
                }
            }

            for (int e = first; e < edges; e++)
            {
                Array.Sort(_entryKey, _entryHome, _edgeStart[e], _edgeStart[e + 1] - _edgeStart[e]);
                slotOf[_edgeTo[e]] = -1;
            }
        }

        _outStart[k] = edges;
        _edges = edges;
        _head = _edgeStart[..edges];
        _lateIndex.Clear();
        _lateHeap.Clear();
        _lateFrom.Clear();
        _lateTo.Clear();
        _lateOut = new List<int>[k];
    }

    private int From(int e) => e < _edges ? _edgeFrom[e] : _lateFrom[e - _edges];

    private int To(int e) => e < _edges ? _edgeTo[e] : _lateTo[e - _edges];

    /// <summary>The cheapest home on arc e that is still in the arc's source cluster, and its move cost.</summary>
    private bool Peek(int e, out int home, out long key)
    {
        if (e < _edges)
        {
            int from = _edgeFrom[e], end = _edgeStart[e + 1];
            int h = _head[e];
            while (h < end && _label[_entryHome[h]] != from) h++;
            _head[e] = h;
            if (h < end)
            {
                home = _entryHome[h];
                key = _entryKey[h];
                return true;
            }

            home = -1;
            key = 0;
            return false;
        }

        var heap = _lateHeap[e - _edges];
        int lateFrom = _lateFrom[e - _edges];
        while (heap.TryPeek(out home, out key))
        {
            if (_label[home] == lateFrom) return true;
            heap.Dequeue();
        }

        return false;
    }

    private void ShortestPaths(long[] dist, int[] pred, bool[] inQueue, int[] enqueued, Queue<int> queue)
    {
        while (queue.TryDequeue(out int a))
        {
            inQueue[a] = false;
            long da = dist[a];
            for (int e = _outStart[a]; e < _outStart[a + 1]; e++) Relax(e, da, dist, pred, inQueue, enqueued, queue);
            if (_lateOut[a] is { } late)
            {
                foreach (int l in late) Relax(_edges + l, da, dist, pred, inQueue, enqueued, queue);
            }
        }
    }

    private void Relax(int e, long da, long[] dist, int[] pred, bool[] inQueue, int[] enqueued, Queue<int> queue)
    {
        if (!Peek(e, out _, out long key)) return;
        int b = To(e);
        long nd = da + key;
        if (nd >= dist[b]) return;
        dist[b] = nd;
        pred[b] = e;
        if (inQueue[b]) return;
        if (++enqueued[b] > _k + 1) throw new InvalidOperationException("Size-bounded assignment: negative cycle in the residual graph.");
        inQueue[b] = true;
        queue.Enqueue(b);
    }

    private void Move(int home, int from, int to)
    {
        _label[home] = to;
        _size[from]--;
        _size[to]++;
        int c = _c, row = home * c;
        long own = 0;
        for (int q = 0; q < c; q++)
        {
            if (_cand[row + q] == to) own = _cost[row + q];
        }

        for (int q = 0; q < c; q++)
        {
            int b = _cand[row + q];
            if (b == to) continue;
            long pairKey = ((long)to * _k) + b;
            if (!_lateIndex.TryGetValue(pairKey, out int l))
            {
                l = _lateHeap.Count;
                _lateIndex.Add(pairKey, l);
                _lateHeap.Add(new PriorityQueue<int, long>());
                _lateFrom.Add(to);
                _lateTo.Add(b);
                (_lateOut[to] ??= []).Add(l);
            }

            _lateHeap[l].Enqueue(home, _cost[row + q] - own);
        }
    }
}
