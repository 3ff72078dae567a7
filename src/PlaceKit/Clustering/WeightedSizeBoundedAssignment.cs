namespace PlaceKit.Clustering;

/// <summary>
/// The assignment step of size-constrained k-means when sizes are sums of weights: assigns whole homes to k fixed
/// centres so that every cluster's weight lies in [lo, hi] where that can be done, at a low total weighted squared distance.
/// </summary>
/// <remarks>
/// <para><b>Method.</b> (1) The fractional problem — homes may be split, home i supplies its weight — is a
/// transportation problem. Each home with weight w &gt; 0 is cut into u = max(1, round(w·U)) equal units (U units per
/// weight, chosen so the authority has about <see cref="UnitsPerHome"/> units a home; integer weights when they fit,
/// U = 1, are exact) and the units are assigned exactly by <see cref="SizeBoundedAssignment"/> (min-cost flow with bounds
/// [lo·U, hi·U]). A basic optimal solution splits few homes (at most about k − 1). (2) Rounding: a home whose units all
/// went to one cluster goes there; each split home, heaviest first, goes to the cheapest of its clusters that keeps
/// the weight at most hi (else to the one with most room). (3) Repair, with the real weights: while a cluster is over
/// hi, move the home (weight &gt; 0) whose move to a cluster with room is cheapest; then, while a cluster is under lo,
/// pull the cheapest home from a cluster that stays at or above lo. Weightless homes go to their nearest centre.</para>
/// <para><b>Guarantee.</b> When every weight is at most (hi − lo) / 2 and k·(lo + w_max) ≤ W ≤ k·(hi − w_max) (W the
/// total weight), the repair always ends with every cluster in [lo, hi]: an over-full cluster always finds a receiver
/// below the mean ≤ hi − w_max, and an under-full one a donor above the mean ≥ lo + w_max, and neither pass undoes the
/// other. Outside that, bin packing can make the bounds unreachable (three homes of weight 6 in two clusters of at most
/// 10); the clusters left outside are counted in <see cref="Outside"/> and the clusterer says so in the authority's note.</para>
/// <para><b>Gap.</b> <see cref="FractionalCost"/> is the cost of the fractional solution of (1), each unit carrying
/// w/u; <see cref="RoundedCost"/> that of the whole-home result; their difference is the price of never splitting a home
/// (measured: notes/issue-16.md). Cost O(n·U) units for the flow plus O(m·n_c·k) for m repair moves. Deterministic.</para>
/// </remarks>
internal sealed class WeightedSizeBoundedAssignment
{
    /// <summary>About this many flow units a home.</summary>
    internal const int UnitsPerHome = 4;

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _w;
    private readonly int[] _unitsOf;
    private readonly int[] _owner;
    private readonly SizeBoundedAssignment _units;
    private readonly int[] _unitLabels;
    private readonly double _scale;

    internal WeightedSizeBoundedAssignment(double[] x, double[] y, double[] w)
    {
        _x = x;
        _y = y;
        _w = w;
        int n = x.Length;
        double total = HomesTotal(w, out bool integral, out int positive);
        _scale = integral && total <= (double)UnitsPerHome * Math.Max(positive, 1) ? 1 : total <= 0 ? 1 : UnitsPerHome * (double)Math.Max(positive, 1) / total;
        _unitsOf = new int[n];
        long units = 0;
        for (int i = 0; i < n; i++)
        {
            _unitsOf[i] = w[i] > 0 ? (int)Math.Max(1, Math.Round(w[i] * _scale)) : 0;
            units += _unitsOf[i];
        }

        _owner = new int[units];
        var ux = new double[units];
        var uy = new double[units];
        int u = 0;
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < _unitsOf[i]; r++)
            {
                _owner[u] = i;
                ux[u] = x[i];
                uy[u++] = y[i];
            }
        }

        _units = new SizeBoundedAssignment(ux, uy);
        _unitLabels = new int[units];
    }

    /// <summary>Units per weight.</summary>
    internal double Scale => _scale;

    /// <summary>The last solve's fractional cost (sum of w·d² with homes split as the flow split them), m²·weight.</summary>
    internal double FractionalCost { get; private set; }

    /// <summary>The last solve's cost with whole homes, m²·weight.</summary>
    internal double RoundedCost { get; private set; }

    /// <summary>Homes the last fractional solution split between clusters.</summary>
    internal int SplitHomes { get; private set; }

    /// <summary>Homes the last repair moved.</summary>
    internal int RepairMoves { get; private set; }

    /// <summary>Clusters the last solve left outside [lo, hi].</summary>
    internal int Outside { get; private set; }

    private static double HomesTotal(double[] w, out bool integral, out int positive)
    {
        double total = 0;
        integral = true;
        positive = 0;
        foreach (double v in w)
        {
            total += v;
            if (v > 0) positive++;
            if (v != Math.Floor(v)) integral = false;
        }

        return total;
    }

    /// <summary>Assigns whole homes, writing 0-based labels; false when even the fractional bounds cannot be met with the candidates (widen them).</summary>
    internal bool Assign(ReadOnlySpan<double> cx, ReadOnlySpan<double> cy, double lo, double hi, int candidates, int[] labels)
    {
        int n = _x.Length, k = cx.Length;
        long totalUnits = _owner.Length;
        if (totalUnits > 0)
        {
            int loU = (int)Math.Min(Math.Ceiling(lo * _scale - 1e-9), totalUnits / k);
            int hiU = (int)Math.Max(Math.Floor(hi * _scale + 1e-9), (totalUnits + k - 1) / k);
            if (!_units.Assign(cx, cy, Math.Max(0, loU), hiU, candidates, _unitLabels)) return false;
        }

        // Fractional cost and rounding: a home goes to the cluster holding its units, or is split.
        var load = new double[k];
        var split = new List<int>();
        double fractional = 0;
        int u = 0;
        for (int i = 0; i < n; i++)
        {
            int m = _unitsOf[i];
            if (m == 0)
            {
                labels[i] = Nearest(i, cx, cy);
                continue;
            }

            int first = _unitLabels[u];
            bool whole = true;
            double per = _w[i] / m;
            for (int r = 0; r < m; r++)
            {
                int j = _unitLabels[u + r];
                whole &= j == first;
                fractional += per * D2(i, j, cx, cy);
            }

            if (whole)
            {
                labels[i] = first;
                load[first] += _w[i];
            }
            else
            {
                split.Add(i);
            }

            u += m;
        }

        FractionalCost = fractional;
        SplitHomes = split.Count;
        split.Sort((a, b) => _w[b] != _w[a] ? _w[b].CompareTo(_w[a]) : a.CompareTo(b));
        var offset = new int[n + 1];
        for (int i = 0; i < n; i++) offset[i + 1] = offset[i] + _unitsOf[i];
        foreach (int i in split)
        {
            int best = -1, roomiest = -1;
            double bestCost = double.PositiveInfinity;
            for (int r = offset[i]; r < offset[i + 1]; r++)
            {
                int j = _unitLabels[r];
                if (roomiest < 0 || load[j] < load[roomiest] || (load[j] == load[roomiest] && j < roomiest)) roomiest = j;
                if (load[j] + _w[i] > hi) continue;
                double d = D2(i, j, cx, cy);
                if (d < bestCost || (d == bestCost && j < best))
                {
                    bestCost = d;
                    best = j;
                }
            }

            labels[i] = best >= 0 ? best : roomiest;
            load[labels[i]] += _w[i];
        }

        RepairMoves = Repair(labels, load, cx, cy, lo, hi);
        int outside = 0;
        for (int j = 0; j < k; j++) if (load[j] < lo - 1e-9 || load[j] > hi + 1e-9) outside++;
        Outside = outside;
        double rounded = 0;
        for (int i = 0; i < n; i++) rounded += _w[i] * D2(i, labels[i], cx, cy);
        RoundedCost = rounded;
        return true;
    }

    /// <summary>Moves whole homes out of clusters over hi, then into clusters under lo, cheapest move first; returns the moves.</summary>
    private int Repair(int[] labels, double[] load, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy, double lo, double hi)
    {
        int n = _x.Length, k = load.Length, moves = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            while (true)
            {
                // The cluster furthest outside (ties: lowest index).
                int bad = -1;
                double worst = 1e-9;
                for (int j = 0; j < k; j++)
                {
                    double excess = pass == 0 ? load[j] - hi : lo - load[j];
                    if (excess > worst)
                    {
                        worst = excess;
                        bad = j;
                    }
                }

                if (bad < 0) break;
                int home = -1, to = -1;
                double best = double.PositiveInfinity;
                for (int i = 0; i < n; i++)
                {
                    double w = _w[i];
                    if (w <= 0) continue;
                    int a = labels[i];
                    if (pass == 0)
                    {
                        if (a != bad) continue;
                        double da = D2(i, a, cx, cy);
                        for (int b = 0; b < k; b++)
                        {
                            if (b == a || load[b] + w > hi + 1e-9) continue;
                            double delta = w * (D2(i, b, cx, cy) - da);
                            if (delta < best) (best, home, to) = (delta, i, b);
                        }
                    }
                    else
                    {
                        if (a == bad || load[a] - w < lo - 1e-9 || load[bad] + w > hi + 1e-9) continue;
                        double delta = w * (D2(i, bad, cx, cy) - D2(i, a, cx, cy));
                        if (delta < best) (best, home, to) = (delta, i, bad);
                    }
                }

                if (home < 0) break; // no whole home can fix it: left outside, counted
                load[labels[home]] -= _w[home];
                load[to] += _w[home];
                labels[home] = to;
                moves++;
            }
        }

        return moves;
    }

    private int Nearest(int i, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy)
    {
        int best = 0;
        double bd = double.PositiveInfinity;
        for (int j = 0; j < cx.Length; j++)
        {
            double d = D2(i, j, cx, cy);
            if (d < bd)
            {
                bd = d;
                best = j;
            }
        }

        return best;
    }

    private double D2(int i, int j, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy)
    {
        double dx = _x[i] - cx[j], dy = _y[i] - cy[j];
        return (dx * dx) + (dy * dy);
    }
}
