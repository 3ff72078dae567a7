using System.Buffers;

namespace PlaceKit.Clustering;

/// <summary>
/// Elkan's (2003) exact accelerated k-means: an upper bound per home and a lower bound per home and centre, plus the
/// centre-to-centre distances, so a home only measures the centres its bounds cannot rule out.
/// </summary>
/// <remarks>
/// Gives the same labels as <see cref="KMeansKernel.Lloyd"/> at every iteration: a centre is ruled out only when a
/// bound proves it strictly farther (relative slack <see cref="KMeansHamerly.Slack"/>), and candidates are compared on
/// exact squared distances with Lloyd's lowest-index tie rule. O(n · k) bound updates plus O(k²) per iteration;
/// O(n · k + k²) extra memory, which is why <see cref="KMeansClusterer"/> uses it only when n · k is within
/// <see cref="KMeansClusterer.ElkanMaxBounds"/>.
/// </remarks>
internal static class KMeansElkan
{
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
        private readonly double[] _halfCc;
        private readonly double[] _half;
        private readonly Action<int> _first;
        private readonly Action<int> _body;

        internal Pass(KMeansWork w)
        {
            _w = w;
            _upper = ArrayPool<double>.Shared.Rent(w.N);
            _lower = ArrayPool<double>.Shared.Rent(w.N * w.K);
            _halfCc = new double[w.K * w.K];
            _half = new double[w.K];
            _first = First;
            _body = Chunk;
        }

        public int RunFirst()
        {
            _w.ForChunks(_first);
            return _w.SumChanges();
        }

        public int Run()
        {
            PrepareCentres();
            _w.ForChunks(_body);
            return _w.SumChanges();
        }

        /// <summary>Homes moved into empty clusters sit on their new centre; their lower bounds are unknown.</summary>
        public void AfterUpdate()
        {
            int k = _w.K;
            for (int r = 0; r < _w.ReseededCount; r++)
            {
                int i = _w.Reseeded[r];
                _upper[i] = -_w.Shift[_w.Labels[i]];
                _lower.AsSpan(i * k, k).Fill(double.NegativeInfinity);
            }
        }

        private void PrepareCentres()
        {
            var w = _w;
            int k = w.K;
            var cx = w.Cx;
            var cy = w.Cy;
            for (int a = 0; a < k; a++) _half[a] = double.PositiveInfinity;
            for (int a = 0; a < k; a++)
            {
                _halfCc[(a * k) + a] = 0;
                for (int b = a + 1; b < k; b++)
                {
                    double dx = cx[a] - cx[b], dy = cy[a] - cy[b];
                    double h = 0.5 * Math.Sqrt((dx * dx) + (dy * dy));
                    _halfCc[(a * k) + b] = h;
                    _halfCc[(b * k) + a] = h;
                    if (h < _half[a]) _half[a] = h;
                    if (h < _half[b]) _half[b] = h;
                }
            }
        }

        private void First(int ch)
        {
            var w = _w;
            int k = w.K;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            var cx = w.Cx;
            var cy = w.Cy;
            var x = w.X;
            var y = w.Y;
            var labels = w.Labels;
            for (int i = lo; i < hi; i++)
            {
                var lower = _lower.AsSpan(i * k, k);
                int best = 0;
                double bestD2 = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double dx = x[i] - cx[c], dy = y[i] - cy[c];
                    double d2 = (dx * dx) + (dy * dy);
                    lower[c] = Math.Sqrt(d2);
                    if (d2 < bestD2)
                    {
                        bestD2 = d2;
                        best = c;
                    }
                }

                labels[i] = best;
                _upper[i] = Math.Sqrt(bestD2);
            }

            w.ChunkChanges[ch] = hi - lo;
        }

        private void Chunk(int ch)
        {
            var w = _w;
            int k = w.K;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            var cx = w.Cx;
            var cy = w.Cy;
            var x = w.X;
            var y = w.Y;
            var labels = w.Labels;
            var shift = w.Shift;
            const double slack = KMeansHamerly.Slack;
            int changes = 0;
            for (int i = lo; i < hi; i++)
            {
                var lower = _lower.AsSpan(i * k, k);
                for (int c = 0; c < k; c++) lower[c] -= shift[c];
                int a = labels[i], start = a;
                double u = _upper[i] + shift[a];
                if (u * slack < _half[a])
                {
                    _upper[i] = u;
                    continue;
                }

                bool tight = false;
                double aD2 = 0;
                for (int c = 0; c < k; c++)
                {
                    if (c == a) continue;
                    double us = u * slack;
                    if (us < lower[c] || us < _halfCc[(a * k) + c]) continue;
                    if (!tight)
                    {
                        double ax = x[i] - cx[a], ay = y[i] - cy[a];
                        aD2 = (ax * ax) + (ay * ay);
                        u = Math.Sqrt(aD2);
                        lower[a] = u;
                        tight = true;
                        us = u * slack;
                        if (us < lower[c] || us < _halfCc[(a * k) + c]) continue;
                    }

                    double dx = x[i] - cx[c], dy = y[i] - cy[c];
                    double d2 = (dx * dx) + (dy * dy);
                    double d = Math.Sqrt(d2);
                    lower[c] = d;
                    if (d2 < aD2 || (d2 == aD2 && c < a))
                    {
                        a = c;
                        aD2 = d2;
                        u = d;
                    }
                }

                _upper[i] = u;
                if (a != start)
                {
                    labels[i] = a;
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
