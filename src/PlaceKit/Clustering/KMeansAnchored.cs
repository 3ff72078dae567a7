namespace PlaceKit.Clustering;

/// <summary>
/// The k-means iterations of a warm start (a re-run from a previous plan's centres): Lloyd's, except that each home is
/// anchored to the start centre it was nearest to and leaves it only for a centre nearer by more than the margin at
/// which the run's own tolerance can tell two centres apart.
/// </summary>
/// <remarks>
/// <para>Why: a run stops when the total squared centre shift of one iteration is at most the shift tolerance s
/// (<see cref="ClusteringOptions.Tolerance"/> × the authority's mean coordinate variance), so a previous plan's centres
/// may each still be up to √s from where one more iteration would put them, and the plan may have stopped on a pause
/// of a slow descent or on a shallow optimum (one town's split between two big clusters rotating). Plain Lloyd
/// iterations from those centres on a stock with 2% of homes changed get a kick from the change and can run that descent
/// to its end: in the draws of notes/issue-17-rerun.md 6-7% of the unchanged homes changed place, all in two to four
/// neighbouring places far from the changed homes, for 0.6-2.6% lower inertia.</para>
/// <para>The rule: a home's distance to a centre is known to within √s (triangle inequality), so whether it is nearer
/// its anchor or another centre is undecided at the run's tolerance while the difference of the two distances is at
/// most 2√s; such a home stays with its anchor. A home whose anchor is farther than the nearest centre by more than
/// 2√s goes to the nearest (lowest index on a tie). Centres are the means of their homes, empty clusters are re-seeded
/// and the stopping rules are Lloyd's (no home changed, total squared shift ≤ s, or the iteration cap); labels and
/// centres are consistent on return. A home moved into an emptied cluster is anchored there. With a tolerance of 0 the margin is 0 and the caller runs the exact kernels instead.</para>
/// <para>Cost: O(n · k) per iteration, or O(n) nearest-centre searches in a <see cref="CentreGrid"/> for k ≥
/// <see cref="KMeansHamerly.GridMinClusters"/>; chunk by chunk like <see cref="KMeansKernel.Lloyd"/>, so the result is the
/// same on any thread count.</para>
/// </remarks>
internal static class KMeansAnchored
{
    /// <summary>The margin, metres: twice the distance by which the shift tolerance leaves a centre undetermined.</summary>
    /// <param name="shiftTolerance">The run's shift tolerance, m².</param>
    /// <returns>2√<paramref name="shiftTolerance"/>.</returns>
    internal static double Margin(double shiftTolerance) => 2 * Math.Sqrt(Math.Max(0, shiftTolerance));

    /// <summary>Iterations from the work's current centres (the start centres) with the anchoring rule of the class.</summary>
    /// <returns>The inertia and the number of iterations.</returns>
    internal static (double Inertia, int Iterations) Run(KMeansWork w, int maxIterations, double shiftTolerance)
    {
        using var pass = new Pass(w, Margin(shiftTolerance));
        return BoundedIterations.Run(w, pass, maxIterations, shiftTolerance, distancesKept: true);
    }

    /// <summary>One assignment pass, chunk by chunk; the first also sets each home's anchor.</summary>
    private sealed class Pass : IBoundedPass
    {
        private readonly KMeansWork _w;
        private readonly int[] _anchor;
        private readonly double _margin;
        private readonly CentreGrid? _grid;
        private readonly Action<int> _first;
        private readonly Action<int> _body;

        internal Pass(KMeansWork w, double margin)
        {
            _w = w;
            _anchor = new int[w.N];
            _margin = margin;
            _grid = w.K >= KMeansHamerly.GridMinClusters ? new CentreGrid(w.K) : null;
            _first = First;
            _body = Chunk;
        }

        public int RunFirst()
        {
            _grid?.Build(_w.Cx, _w.Cy);
            _w.ForChunks(_first);
            return _w.SumChanges();
        }

        /// <summary>Anchors the homes the last update moved into emptied clusters to those clusters (a deliberate move, kept).</summary>
        public void AfterUpdate()
        {
            for (int r = 0; r < _w.ReseededCount; r++) _anchor[_w.Reseeded[r]] = _w.Labels[_w.Reseeded[r]];
        }

        public int Run()
        {
            _grid?.Build(_w.Cx, _w.Cy);
            _w.ForChunks(_body);
            return _w.SumChanges();
        }

        /// <summary>Nothing to release: the anchors are plain arrays.</summary>
        public void Dispose()
        {
        }

        private int Nearest(double px, double py, out double d2) =>
            _grid is { } g ? g.Nearest2(px, py, out d2, out _) : KMeansKernel.Nearest(px, py, _w.Cx, _w.Cy, out d2);

        private void First(int ch)
        {
            var w = _w;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            var x = w.X;
            var y = w.Y;
            for (int i = lo; i < hi; i++)
            {
                int c = Nearest(x[i], y[i], out w.Dist[i]);
                _anchor[i] = c;
                w.Labels[i] = c;
            }

            w.ChunkChanges[ch] = hi - lo;
        }

        private void Chunk(int ch)
        {
            var w = _w;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            var x = w.X;
            var y = w.Y;
            var cx = w.Cx;
            var cy = w.Cy;
            var labels = w.Labels;
            var dist = w.Dist;
            int changes = 0;
            for (int i = lo; i < hi; i++)
            {
                int best = Nearest(x[i], y[i], out double bestD2);
                int a = _anchor[i];
                int c = best;
                double d2 = bestD2;
                if (a != best)
                {
                    double dx = x[i] - cx[a], dy = y[i] - cy[a];
                    double anchorD2 = (dx * dx) + (dy * dy);
                    if (Math.Sqrt(anchorD2) - Math.Sqrt(bestD2) <= _margin)
                    {
                        c = a;
                        d2 = anchorD2;
                    }
                }

                dist[i] = d2;
                if (c != labels[i])
                {
                    labels[i] = c;
                    changes++;
                }
            }

            w.ChunkChanges[ch] = changes;
        }
    }
}
