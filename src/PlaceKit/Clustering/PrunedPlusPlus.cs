using System.Buffers;

namespace PlaceKit.Clustering;

/// <summary>
/// Greedy k-means++ (the same algorithm as <see cref="KMeansKernel.SeedPlusPlus(KMeansWork, Random)"/>: each new centre is
/// the best, by resulting potential, of 2 + ⌊ln k⌋ candidates drawn with probability proportional to D²) with exact
/// triangle-inequality pruning, for big authorities.
/// </summary>
/// <remarks>
/// Homes are kept in one list per chosen centre (the homes it is nearest to) with the list's largest squared distance
/// R² and its potential. A candidate q can only bring a home of centre c closer if |q − c| &lt; 2R (a home at distance
/// d ≤ R from c is at least |q − c| − d ≥ 2R − R ≥ d from q), so a candidate is scored only against the few lists near it
/// instead of all n homes: in two dimensions a step touches a few clusters' homes, so seeding costs about
/// O(n · (2 + ln k) · a few + k² · (2 + ln k)) rather than O(n · k · (2 + ln k)) (Raff 2021, "Exact acceleration of
/// k-means++ and k-means‖", uses the same bound).
/// <para>Sampling walks the lists' potentials, then the homes of one list: the same D² distribution as the unpruned
/// kernel, but homes are visited in a different order and sums are taken in a different order, so for the same random
/// stream it can pick different centres than <see cref="KMeansKernel.SeedPlusPlus(KMeansWork, Random)"/> (which is why
/// only big authorities use it, see <see cref="KMeansKernel.PrunedMinClusters"/>).</para>
/// <para>Determinism: draws exactly the numbers the unpruned kernel draws (1 + (k − 1)(2 + ⌊ln k⌋)); the candidates of a
/// step are scored in parallel, each on its own in a fixed order, and the best is chosen in candidate order (lowest on a
/// tie); list order only depends on the data. Bit-identical at any thread count.</para>
/// </remarks>
internal static class PrunedPlusPlus
{
    /// <summary>Relative slack on the pruning test, so rounding can never skip a list that holds a home the candidate improves.</summary>
    private const double Slack = 1 + 1e-9;

    /// <summary>Chooses k centres into <see cref="KMeansWork.Cx"/>, <see cref="KMeansWork.Cy"/>.</summary>
    /// <returns>The final potential (sum over homes of the squared distance to the nearest centre) as tracked by the lists.</returns>
    internal static double Seed(KMeansWork w, Random rng)
    {
        int n = w.N, k = w.K;
        int trials = 2 + (int)Math.Log(k);
        using var s = new State(w, trials);
        int first = w.W is { } weights ? KMeansKernel.PickByWeight(weights, n, rng) : rng.Next(n);
        w.Cx[0] = w.X[first];
        w.Cy[0] = w.Y[first];
        s.Init();
        for (int c = 1; c < k; c++)
        {
            double pot = 0;
            for (int j = 0; j < c; j++) pot += s.Pot[j];
            for (int t = 0; t < trials; t++) s.Pick(t, c, rng.NextDouble() * pot);
            s.Score(c);
            int best = 0;
            for (int t = 1; t < trials; t++)
            {
                if (s.Gain[t] > s.Gain[best]) best = t;
            }

            s.Commit(c, best);
        }

        double final = 0;
        for (int j = 0; j < k; j++) final += s.Pot[j];
        return final;
    }

    /// <summary>A home in a centre's list: its coordinates and squared distance to that (its nearest chosen) centre.</summary>
    private struct Member
    {
        internal double X;
        internal double Y;
        internal double D2;

        /// <summary>The home's weight (1 without weights): potentials and gains are weight × D².</summary>
        internal double W;
    }

    private sealed class State : IDisposable
    {
        private readonly KMeansWork _w;
        private readonly Member[][] _lists;
        private readonly int[] _count;
        private readonly double[] _r2;
        private readonly double[] _qx;
        private readonly double[] _qy;
        private readonly Action<int> _scoreBody;
        private int _centres;

        internal State(KMeansWork w, int trials)
        {
            _w = w;
            _lists = new Member[w.K][];
            _count = new int[w.K];
            _r2 = new double[w.K];
            Pot = new double[w.K];
            Gain = new double[trials];
            _qx = new double[trials];
            _qy = new double[trials];
            _scoreBody = ScoreTrial;
        }

        /// <summary>Potential (sum of weight × D²) of each centre's list, summed in list order.</summary>
        internal double[] Pot { get; }

        /// <summary>How much each candidate of the current step lowers the potential.</summary>
        internal double[] Gain { get; }

        internal void Init()
        {
            var w = _w;
            int n = w.N;
            double px = w.Cx[0], py = w.Cy[0];
            var list = ArrayPool<Member>.Shared.Rent(n);
            double pot = 0, r2 = 0;
            for (int i = 0; i < n; i++)
            {
                double dx = w.X[i] - px, dy = w.Y[i] - py;
                double d2 = (dx * dx) + (dy * dy);
                double wi = w.W?[i] ?? 1;
                list[i] = new Member { X = w.X[i], Y = w.Y[i], D2 = d2, W = wi };
                pot += wi * d2;
                if (d2 > r2) r2 = d2;
            }

            _lists[0] = list;
            _count[0] = n;
            Pot[0] = pot;
            _r2[0] = r2;
            _centres = 1;
        }

        /// <summary>Candidate t: the home whose cumulative D² (lists in centre order, homes in list order) first exceeds r.</summary>
        internal void Pick(int t, int centres, double r)
        {
            double acc = 0;
            int lastList = -1, lastAt = -1;
            for (int j = 0; j < centres; j++)
            {
                if (Pot[j] <= 0) continue;
                if (acc + Pot[j] <= r && j < centres - 1)
                {
                    acc += Pot[j];
                    continue;
                }

                var list = _lists[j];
                int count = _count[j];
                for (int m = 0; m < count; m++)
                {
                    double d2 = list[m].W * list[m].D2;
                    if (d2 <= 0) continue;
                    acc += d2;
                    lastList = j;
                    lastAt = m;
                    if (acc > r) break;
                }

                if (acc > r) break;
            }

            if (lastList < 0)
            {
                // Every home sits on a chosen centre (cannot happen while k ≤ distinct locations): repeat centre 0.
                _qx[t] = _w.Cx[0];
                _qy[t] = _w.Cy[0];
                return;
            }

            _qx[t] = _lists[lastList][lastAt].X;
            _qy[t] = _lists[lastList][lastAt].Y;
        }

        internal void Score(int centres)
        {
            _centres = centres;
            _w.For(Gain.Length, _scoreBody);
        }

        /// <summary>Makes candidate t centre c: moves the homes it improves into a new list.</summary>
        internal void Commit(int c, int t)
        {
            var w = _w;
            double qx = _qx[t], qy = _qy[t];
            w.Cx[c] = qx;
            w.Cy[c] = qy;
            var moved = ArrayPool<Member>.Shared.Rent(64);
            int movedCount = 0;
            double movedPot = 0, movedR2 = 0;
            for (int j = 0; j < c; j++)
            {
                if (Pruned(j, qx, qy)) continue;
                var list = _lists[j];
                int count = _count[j], keep = 0;
                double pot = 0, r2 = 0;
                for (int m = 0; m < count; m++)
                {
                    var h = list[m];
                    double dx = h.X - qx, dy = h.Y - qy;
                    double d2 = (dx * dx) + (dy * dy);
                    if (d2 < h.D2)
                    {
                        if (movedCount == moved.Length) moved = Grow(moved);
                        moved[movedCount++] = new Member { X = h.X, Y = h.Y, D2 = d2, W = h.W };
                        movedPot += h.W * d2;
                        if (d2 > movedR2) movedR2 = d2;
                    }
                    else
                    {
                        list[keep++] = h;
                        pot += h.W * h.D2;
                        if (h.D2 > r2) r2 = h.D2;
                    }
                }

                _count[j] = keep;
                Pot[j] = pot;
                _r2[j] = r2;
            }

            _lists[c] = moved;
            _count[c] = movedCount;
            Pot[c] = movedPot;
            _r2[c] = movedR2;
        }

        public void Dispose()
        {
            foreach (var list in _lists)
            {
                if (list is not null) ArrayPool<Member>.Shared.Return(list);
            }
        }

        private static Member[] Grow(Member[] list)
        {
            var bigger = ArrayPool<Member>.Shared.Rent(list.Length * 2);
            list.AsSpan().CopyTo(bigger);
            ArrayPool<Member>.Shared.Return(list);
            return bigger;
        }

        /// <summary>Whether no home of centre j's list can get closer to (qx, qy) than to centre j: |q − c_j| ≥ 2R_j.</summary>
        private bool Pruned(int j, double qx, double qy)
        {
            double dx = qx - _w.Cx[j], dy = qy - _w.Cy[j];
            return (dx * dx) + (dy * dy) > 4 * _r2[j] * Slack;
        }

        private void ScoreTrial(int t)
        {
            double qx = _qx[t], qy = _qy[t], gain = 0;
            for (int j = 0; j < _centres; j++)
            {
                if (Pruned(j, qx, qy)) continue;
                var list = _lists[j];
                int count = _count[j];
                double g = 0;
                for (int m = 0; m < count; m++)
                {
                    double dx = list[m].X - qx, dy = list[m].Y - qy;
                    double d2 = (dx * dx) + (dy * dy);
                    double old = list[m].D2;
                    if (d2 < old) g += list[m].W * (old - d2);
                }

                gain += g;
            }

            Gain[t] = gain;
        }
    }
}
