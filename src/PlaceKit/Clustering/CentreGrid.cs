namespace PlaceKit.Clustering;

/// <summary>
/// A uniform grid over the current centres (about two a cell) for exact nearest and second-nearest centre searches
/// that look at a few cells around a home instead of all k centres: the search for many centres (large k).
/// </summary>
/// <remarks>
/// <see cref="Nearest2"/> returns exactly what <see cref="KMeansKernel.Nearest2"/> returns (the nearest centre, lowest
/// index on a tie, its squared distance and the second-smallest squared distance), whatever order it meets centres in:
/// it keeps the two smallest (squared distance, index) pairs and stops only when every unvisited cell is farther than
/// the second-smallest distance found, with a margin against rounding. Rebuilt after each centre update in O(k).
/// Read-only while searching, so many threads may search at once.
/// </remarks>
internal sealed class CentreGrid
{
    /// <summary>Part of a cell width kept as a margin on the "every other cell is farther" test, against rounding.</summary>
    private const double Margin = 1e-6;

    private readonly int[] _cellStart;
    private readonly int[] _cellOf;
    private readonly double[] _gx;
    private readonly double[] _gy;
    private readonly int[] _gi;
    private int _nx;
    private int _ny;
    private double _x0;
    private double _y0;
    private double _size;
    private double _inv;

    internal CentreGrid(int k)
    {
        _cellStart = new int[(2 * k) + 3];
        _cellOf = new int[k];
        _gx = new double[k];
        _gy = new double[k];
        _gi = new int[k];
    }

    /// <summary>Places the centres in cells (cell order, then centre index within a cell).</summary>
    internal void Build(ReadOnlySpan<double> cx, ReadOnlySpan<double> cy)
    {
        int k = cx.Length;
        double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
        for (int c = 0; c < k; c++)
        {
            x0 = Math.Min(x0, cx[c]);
            x1 = Math.Max(x1, cx[c]);
            y0 = Math.Min(y0, cy[c]);
            y1 = Math.Max(y1, cy[c]);
        }

        double w = x1 - x0, h = y1 - y0;
        double size = Math.Max(Math.Sqrt(w * h / Math.Max(1, k / 2.0)), Math.Max(w, h) / k);
        if (!(size > 0)) size = 1;
        _size = size;
        _inv = 1 / size;
        _x0 = x0;
        _y0 = y0;
        _nx = Math.Min(k + 1, (int)(w * _inv) + 1);
        _ny = Math.Min(k + 1, (int)(h * _inv) + 1);
        int cells = _nx * _ny;
        if (cells + 1 > _cellStart.Length)
        {
            // Cannot happen (size ≥ √(w·h / (k/2)) bounds the cell count by k/2 + nx + ny); stay exact with one cell.
            _nx = 1;
            _ny = 1;
            cells = 1;
        }

        var start = _cellStart.AsSpan(0, cells + 1);
        start.Clear();
        for (int c = 0; c < k; c++)
        {
            int cell = (Row(cy[c]) * _nx) + Column(cx[c]);
            _cellOf[c] = cell;
            start[cell + 1]++;
        }

        for (int i = 0; i < cells; i++) start[i + 1] += start[i];
        for (int c = 0; c < k; c++)
        {
            int at = start[_cellOf[c]]++;
            _gx[at] = cx[c];
            _gy[at] = cy[c];
            _gi[at] = c;
        }

        for (int i = cells; i > 0; i--) start[i] = start[i - 1];
        start[0] = 0;
    }

    /// <summary>As <see cref="KMeansKernel.Nearest2"/>: the nearest centre (lowest index on a tie), its squared distance and the second-smallest squared distance (+∞ when k = 1).</summary>
    internal int Nearest2(double px, double py, out double bestD2, out double secondD2)
    {
        int ix = Column(px), iy = Row(py);
        int best = int.MaxValue;
        bestD2 = double.PositiveInfinity;
        secondD2 = double.PositiveInfinity;
        int nx = _nx, ny = _ny;
        for (int r = 0; ; r++)
        {
            int ylo = Math.Max(0, iy - r), yhi = Math.Min(ny - 1, iy + r);
            int xlo = Math.Max(0, ix - r), xhi = Math.Min(nx - 1, ix + r);
            for (int row = ylo; row <= yhi; row++)
            {
                bool edge = row == iy - r || row == iy + r;
                if (edge)
                {
                    Visit((row * nx) + xlo, (row * nx) + xhi, px, py, ref best, ref bestD2, ref secondD2);
                }
                else
                {
                    if (ix - r >= 0) Visit((row * nx) + ix - r, (row * nx) + ix - r, px, py, ref best, ref bestD2, ref secondD2);
                    if (ix + r < nx && r > 0) Visit((row * nx) + ix + r, (row * nx) + ix + r, px, py, ref best, ref bestD2, ref secondD2);
                }
            }

            // Every cell outside the (2r + 1)² block is at least `gap` away from the home.
            double gap = double.PositiveInfinity;
            if (ix - r > 0) gap = Math.Min(gap, px - (_x0 + ((ix - r) * _size)));
            if (ix + r < nx - 1) gap = Math.Min(gap, _x0 + ((ix + r + 1) * _size) - px);
            if (iy - r > 0) gap = Math.Min(gap, py - (_y0 + ((iy - r) * _size)));
            if (iy + r < ny - 1) gap = Math.Min(gap, _y0 + ((iy + r + 1) * _size) - py);
            if (double.IsPositiveInfinity(gap)) return best;
            gap -= Margin * _size;
            if (gap > 0 && gap * gap > secondD2) return best;
        }
    }

    /// <summary>Visits the centres of cells first..last (consecutive cells of one row).</summary>
    private void Visit(int first, int last, double px, double py, ref int best, ref double bestD2, ref double secondD2)
    {
        for (int at = _cellStart[first], end = _cellStart[last + 1]; at < end; at++)
        {
            double dx = px - _gx[at], dy = py - _gy[at];
            double d2 = (dx * dx) + (dy * dy);
            if (d2 < bestD2 || (d2 == bestD2 && _gi[at] < best))
            {
                secondD2 = bestD2;
                bestD2 = d2;
                best = _gi[at];
            }
            else if (d2 < secondD2)
            {
                secondD2 = d2;
            }
        }
    }

    private int Column(double x) => (int)Math.Clamp(Math.Floor((x - _x0) * _inv), 0, _nx - 1);

    private int Row(double y) => (int)Math.Clamp(Math.Floor((y - _y0) * _inv), 0, _ny - 1);
}
