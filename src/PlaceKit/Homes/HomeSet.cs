namespace PlaceKit.Homes;

/// <summary>
/// A validated, columnar set of homes in planar metres: ids, x, y and an authority index per home.
/// The input every pipeline stage reads.
/// </summary>
/// <remarks>
/// Built once from records (<see cref="Create(IEnumerable{Home}, CoordinateKind, PlanarProjection?)"/>) or read from
/// CSV (<see cref="HomeCsv"/>). Lon/lat input is projected to metres once, here, with ProjNET; the projection is kept
/// in <see cref="Projection"/> so outputs can go back to WGS84. Authorities are indexed in order of first appearance.
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class HomeSet
{
    private readonly string[] _ids;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int[] _authority;
    private readonly int[]? _lines; // null: home i is on line _firstLine + i
    private readonly int _firstLine;
    private readonly string[] _authorities;
    private readonly HomeIdIndex _indexById;

    internal HomeSet(string[] ids, double[] x, double[] y, int[] authority, string[] authorities, int[]? lines, int firstLine,
        HomeIdIndex indexById, PlanarProjection projection, CoordinateKind inputKind)
    {
        _firstLine = firstLine;
        _ids = ids;
        _x = x;
        _y = y;
        _authority = authority;
        _authorities = authorities;
        _lines = lines;
        _indexById = indexById;
        Projection = projection;
        InputKind = inputKind;
    }

    /// <summary>The number of homes.</summary>
    public int Count => _ids.Length;

    /// <summary>Home ids, in input order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Eastings in planar metres, in input order.</summary>
    public ReadOnlySpan<double> X => _x;

    /// <summary>Northings in planar metres, in input order.</summary>
    public ReadOnlySpan<double> Y => _y;

    /// <summary>Each home's index into <see cref="Authorities"/>.</summary>
    public ReadOnlySpan<int> AuthorityIndex => _authority;

    /// <summary>Distinct authority codes, in order of first appearance.</summary>
    public IReadOnlyList<string> Authorities => _authorities;

    /// <summary>The planar CRS of <see cref="X"/> and <see cref="Y"/>, and its way back to WGS84.</summary>
    public PlanarProjection Projection { get; }

    /// <summary>What checking the homes against authority boundaries found (homes assigned by boundary or nearest boundary, disagreements with their authority column); <see langword="null"/> when read without boundaries.</summary>
    public BoundaryCheck? BoundaryCheck { get; internal init; }

    /// <summary>What locating homes by postcode found (<see cref="HomeCsvOptions.PostcodesFile"/>); <see langword="null"/> when no postcode directory was given.</summary>
    public PostcodeCheck? PostcodeCheck { get; internal init; }

    /// <summary>Whether the homes were given as projected metres or as lon/lat (projected on input).</summary>
    public CoordinateKind InputKind { get; }

    /// <summary>Whether the homes have weights (a <c>weight</c> column, or <see cref="Home.Weight"/> other than 1); without them every home weighs 1.</summary>
    public bool HasWeights => WeightArray is not null;

    /// <summary>Each home's weight, in input order (all 1 when <see cref="HasWeights"/> is false).</summary>
    public ReadOnlySpan<double> Weights => WeightArray ?? Ones();

    /// <summary>The sum of the weights (the number of homes when there are none).</summary>
    public double TotalWeight => _totalWeight ??= WeightArray is { } w ? Sum(w) : Count;

    /// <summary>The weights, or null when every home weighs 1 (no weights given).</summary>
    internal double[]? WeightArray { get; init; }

    private double? _totalWeight;
    private double[]? _ones;

    private double[] Ones()
    {
        if (_ones is null)
        {
            var ones = new double[Count];
            Array.Fill(ones, 1.0);
            _ones = ones;
        }

        return _ones;
    }

    /// <summary>A sum in index order (the same bits on any thread count).</summary>
    internal static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s;
    }

    /// <summary>The homes at <paramref name="indices"/> (ascending), in that order, as a set of their own: same ids,
    /// coordinates, lines and projection; the authorities are those of the chosen homes, in order of first appearance.</summary>
    internal HomeSet Subset(ReadOnlySpan<int> indices)
    {
        int m = indices.Length;
        var ids = new string[m];
        var x = new double[m];
        var y = new double[m];
        var authority = new int[m];
        var lines = new int[m];
        var indexById = new HomeIdIndex(m, ids);
        var newAuthority = new int[_authorities.Length];
        Array.Fill(newAuthority, -1);
        var authorities = new List<string>();
        for (int j = 0; j < m; j++)
        {
            int i = indices[j];
            ids[j] = _ids[i];
            x[j] = _x[i];
            y[j] = _y[i];
            lines[j] = LineOf(i);
            indexById.Add(ids[j], j);
            int a = _authority[i];
            if (newAuthority[a] < 0)
            {
                newAuthority[a] = authorities.Count;
                authorities.Add(_authorities[a]);
            }

            authority[j] = newAuthority[a];
        }

        double[]? weights = null;
        if (WeightArray is { } w)
        {
            weights = new double[m];
            for (int j = 0; j < m; j++) weights[j] = w[indices[j]];
        }

        return new HomeSet(ids, x, y, authority, [.. authorities], lines, 0, indexById, Projection, InputKind) { WeightArray = weights };
    }

    internal double[] XArray => _x;

    internal double[] YArray => _y;

    internal int[] AuthorityArray => _authority;

    /// <summary>The home at an index, in planar metres.</summary>
    /// <param name="index">0-based index in input order.</param>
    /// <returns>The home.</returns>
    public Home this[int index] => new(_ids[index], _x[index], _y[index], _authorities[_authority[index]]) { Weight = WeightArray?[index] ?? 1 };

    /// <summary>The source line of a home (1-based line in a CSV, or 1-based position for in-memory input).</summary>
    /// <param name="index">0-based index in input order.</param>
    /// <returns>The line.</returns>
    internal int LineOf(int index) => _lines is null ? _firstLine + index : _lines[index];

    /// <summary>Finds a home by id.</summary>
    /// <param name="id">The home id.</param>
    /// <param name="index">The home's 0-based index, when found.</param>
    /// <returns><see langword="true"/> when a home has that id.</returns>
    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>Builds a validated set from home records.</summary>
    /// <param name="homes">The homes, in the order outputs will keep.</param>
    /// <param name="kind">Whether <see cref="Home.X"/>/<see cref="Home.Y"/> are planar metres or lon/lat degrees.</param>
    /// <param name="projection">
    /// For projected input, the CRS of the coordinates (default British National Grid); for lon/lat input, the
    /// projection to use (default: British National Grid inside Great Britain, else the UTM zone of the data's centre).
    /// </param>
    /// <returns>The home set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="homes"/> is null.</exception>
    /// <exception cref="HomeDataException">Any home is invalid (empty or duplicate id, non-finite or out-of-area coordinate, empty authority) or there are no homes; lists every problem.</exception>
    public static HomeSet Create(IEnumerable<Home> homes, CoordinateKind kind = CoordinateKind.Projected, PlanarProjection? projection = null) =>
        Create(homes, kind, projection, null, null);

    /// <summary>Builds a validated set from home records, checked against authority boundaries: a home with an empty authority takes the one whose boundary holds it.</summary>
    /// <param name="homes">The homes, in the order outputs will keep; an empty <see cref="Home.Authority"/> is taken from <paramref name="boundaries"/>.</param>
    /// <param name="kind">Whether <see cref="Home.X"/>/<see cref="Home.Y"/> are planar metres or lon/lat degrees.</param>
    /// <param name="projection">As in <see cref="Create(IEnumerable{Home}, CoordinateKind, PlanarProjection?)"/>.</param>
    /// <param name="boundaries">Authority boundaries; <see langword="null"/> for none (every home must then have an authority).</param>
    /// <param name="nearestBoundaryMeters">A home in no boundary takes the nearest one within this many metres; <see langword="null"/>: such a home is an error.</param>
    /// <returns>The home set, with <see cref="BoundaryCheck"/> when boundaries were given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="homes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nearestBoundaryMeters"/> is negative or not finite.</exception>
    /// <exception cref="HomeDataException">Any home is invalid, or lies in no boundary (beyond the nearest-boundary limit); lists every problem.</exception>
    public static HomeSet Create(IEnumerable<Home> homes, CoordinateKind kind, PlanarProjection? projection, AuthorityBoundaries? boundaries, double? nearestBoundaryMeters = null) =>
        Create(homes, kind, projection, boundaries, nearestBoundaryMeters, weighted: false);

    /// <summary>As <see cref="Create(IEnumerable{Home}, CoordinateKind, PlanarProjection?)"/>; with <paramref name="weighted"/> the set has weights even when every home weighs 1 (a weight column of ones).</summary>
    internal static HomeSet Create(IEnumerable<Home> homes, CoordinateKind kind, PlanarProjection? projection, bool weighted) =>
        Create(homes, kind, projection, null, null, weighted);

    private static HomeSet Create(IEnumerable<Home> homes, CoordinateKind kind, PlanarProjection? projection, AuthorityBoundaries? boundaries, double? nearestBoundaryMeters, bool weighted)
    {
        ArgumentNullException.ThrowIfNull(homes);
        CheckNearest(nearestBoundaryMeters);
        var builder = new HomeSetBuilder(kind, projection, HomeSetBuilder.DefaultMaxProblems, "X", "Y", boundaries, nearestBoundaryMeters) { HasWeights = weighted };
        int line = 0;
        foreach (var home in homes)
        {
            line++;
            if (home is null)
            {
                builder.AddProblem(new HomeDataProblem(line, null, null, null, "home is null"));
                continue;
            }

            builder.Add(line, home.Id, home.X, home.Y, home.Authority, home.Weight);
        }

        return builder.Build();
    }

    internal static void CheckNearest(double? meters)
    {
        if (meters is { } m && !(m >= 0 && double.IsFinite(m)))
        {
            throw new ArgumentOutOfRangeException(nameof(meters), m, "The nearest-boundary distance must be a finite number of metres >= 0.");
        }
    }
}
