using System.Buffers;

namespace PlaceKit.Clustering;

/// <summary>
/// Hamerly's (2010) exact accelerated k-means: one upper bound (distance to the own centre) and one lower bound
/// (distance to the second-nearest centre) per home, so most homes skip the nearest-centre search once centres settle.
/// </summary>
/// <remarks>
/// Gives the same labels as <see cref="KMeansKernel.Lloyd"/> at every iteration, hence the same result: a home is only
/// skipped when its bounds prove its centre strictly nearest (with a relative slack of <see cref="Slack"/> against
/// rounding), otherwise it gets the same full search with the same tie rule; centres, shifts, empty-cluster re-seeding
/// and inertia come from the shared <see cref="KMeansWork"/> code. O(n + k²) per iteration plus O(k) per home whose
/// bounds fail; O(n) extra memory (two rented doubles per home).
/// </remarks>
internal static class KMeansHamerly
{
    /// <summary>Relative slack on bound tests: a bound must beat the upper bound by more than rounding can explain.</summary>
    internal const double Slack = 1 + 1e-9;

    /// <summary>Smallest k for which searches (a home whose bounds fail, the nearest other centre) go through a <see cref="CentreGrid"/> instead of scanning all k centres; same results.</summary>
    internal const int GridMinClusters = 48;

    internal static (double Inertia, int Iterations) Run(KMeansWork w, int maxIterations, double shiftTolerance)
    {
        using var pass = new Pass(w);
        return BoundedIterations.Run(w, pass, maxIterations, shiftTolerance);
    }

    private sealed class Pass : IBoundedPass
    {
        private readonly KMeansWork _w;
        private readonly double[] _upper;
        private readonly double[] _lower;
        private readonly double[] _half;
        private readonly Action<int> _first;
        private readonly Action<int> _body;
        private readonly CentreGrid? _grid;
        private double _maxShift;
        private double _secondShift;
        private int _maxShiftCentre;

        internal Pass(KMeansWork w)
        {
            _w = w;
            _upper = ArrayPool<double>.Shared.Rent(w.N);
            _lower = ArrayPool<double>.Shared.Rent(w.N);
            _half = new double[w.K];
            _first = First;
            _body = Chunk;
            _grid = w.K >= GridMinClusters ? new CentreGrid(w.K) : null;
        }

        public int RunFirst()
        {
            _grid?.Build(_w.Cx, _w.Cy);
            _w.ForChunks(_first);
            return _w.SumChanges();
        }

        public int Run()
        {
            PrepareCentres();
            _w.ForChunks(_body);
            return _w.SumChanges();
        }

        /// <summary>Homes moved into empty clusters sit on their new centre; their lower bound is unknown.</summary>
        public void AfterUpdate()
        {
            for (int r = 0; r < _w.ReseededCount; r++)
            {
                int i = _w.Reseeded[r];
                _upper[i] = -_w.Shift[_w.Labels[i]];
                _lower[i] = double.NegativeInfinity;
            }
        }

        /// <summary>Half the distance from each centre to its nearest other centre, and the two largest shifts.</summary>
        private void PrepareCentres()
        {
            var w = _w;
            int k = w.K;
            var cx = w.Cx;
            var cy = w.Cy;
            if (_grid is not null)
            {
                _grid.Build(cx, cy);
                for (int a = 0; a < k; a++)
                {
                    _grid.Nearest2(cx[a], cy[a], out _, out double nearestOther);
                    _half[a] = nearestOther;
                }
            }
            else
            {
                FullHalf(cx, cy, k);
            }

            for (int a = 0; a < k; a++) _half[a] = 0.5 * Math.Sqrt(_half[a]);
            ShiftExtremes();
        }

        /// <summary>Squared distance from each centre to its nearest other centre, all pairs (k² / 2 distances).</summary>
        private void FullHalf(double[] cx, double[] cy, int k)
        {
            for (int a = 0; a < k; a++) _half[a] = double.PositiveInfinity;
            for (int a = 0; a < k; a++)
            {
                double ax = cx[a], ay = cy[a], m = _half[a];
                for (int b = a + 1; b < k; b++)
                {
                    double dx = ax - cx[b], dy = ay - cy[b];
                    double d2 = (dx * dx) + (dy * dy);
                    if (d2 < m) m = d2;
                    if (d2 < _half[b]) _half[b] = d2;
                }

                _half[a] = m;
            }
        }

        private void ShiftExtremes()
        {
            var w = _w;
            int k = w.K;
            _maxShift = 0;
            _secondShift = 0;
            _maxShiftCentre = -1;
            for (int a = 0; a < k; a++)
            {
                double s = w.Shift[a];
                if (s > _maxShift)
                {
                    _secondShift = _maxShift;
                    _maxShift = s;
                    _maxShiftCentre = a;
                }
                else if (s > _secondShift)
                {
                    _secondShift = s;
                }
            }
        }

        private void First(int ch)
        {
            var w = _w;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            ReadOnlySpan<double> cx = w.Cx, cy = w.Cy;
            var x = w.X;
            var y = w.Y;
            var labels = w.Labels;
            var grid = _grid;
            for (int i = lo; i < hi; i++)
            {
                labels[i] = grid is null
                    ? KMeansKernel.Nearest2(x[i], y[i], cx, cy, out double d2, out double s2)
                    : grid.Nearest2(x[i], y[i], out d2, out s2);
                _upper[i] = Math.Sqrt(d2);
                _lower[i] = Math.Sqrt(s2);
            }

            w.ChunkChanges[ch] = hi - lo;
        }

        private void Chunk(int ch)
        {
            var w = _w;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            ReadOnlySpan<double> cx = w.Cx, cy = w.Cy;
            var x = w.X;
            var y = w.Y;
            var labels = w.Labels;
            var shift = w.Shift;
            var half = _half;
            var upper = _upper;
            var lower = _lower;
            var grid = _grid;
            double maxShift = _maxShift, secondShift = _secondShift;
            int maxCentre = _maxShiftCentre;
            int changes = 0;
            for (int i = lo; i < hi; i++)
            {
                int a = labels[i];
                double u = upper[i] + shift[a];
                double l = lower[i] - (a == maxCentre ? secondShift : maxShift);
                double m = Math.Max(half[a], l);
                if (u * Slack < m)
                {
                    upper[i] = u;
                    lower[i] = l;
                    continue;
                }

                // Tighten the upper bound to the true distance, then test again.
                double dx = x[i] - cx[a], dy = y[i] - cy[a];
                u = Math.Sqrt((dx * dx) + (dy * dy));
                if (u * Slack < m)
                {
                    upper[i] = u;
                    lower[i] = l;
                    continue;
                }

                int c = grid is null
                    ? KMeansKernel.Nearest2(x[i], y[i], cx, cy, out double d2, out double s2)
                    : grid.Nearest2(x[i], y[i], out d2, out s2);
                upper[i] = Math.Sqrt(d2);
                lower[i] = Math.Sqrt(s2);
                if (c != a)
                {
                    labels[i] = c;
                    changes++;
                }
            }

            w.ChunkChanges[ch] = changes;
        }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_upper);
            ArrayPool<double>.Shared.Return(_lower);
        }
    }
}
