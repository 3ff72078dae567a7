using System.Globalization;

namespace PlaceKit.Homes;

/// <summary>Collects homes, validates each, and builds a <see cref="HomeSet"/>, or throws with every problem found.</summary>
internal sealed class HomeSetBuilder
{
    internal const int DefaultMaxProblems = 50;

    private readonly CoordinateKind _kind;
    private readonly PlanarProjection? _projection;
    private readonly int _maxProblems;
    private readonly string _xField;
    private readonly string _yField;
    // Columns of the valid homes, grown by doubling unless the capacity was known (Capacity): a known capacity that
    // is met exactly is handed to the HomeSet as is, with no copy.
    private string[] _ids;
    private double[] _x;
    private double[] _y;
    private int[] _authority; // index into _authorityNames, -1 for none (taken from boundaries or the postcode directory)
    private int[]? _lines; // null while every home is on the line after the one before (a clean file): home i is on _firstLine + i
    private int _firstLine;
    private double[]? _weights; // null while every home weighs 1
    private int _count;
    private readonly List<string> _authorityNames = [];
    private readonly Dictionary<string, int> _authorityIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _authorityBySpan;
    private readonly AuthorityBoundaries? _boundaries;
    private readonly double? _nearestMeters;
    private readonly bool _noAuthorityColumn;
    private readonly HomeIdIndex _indexById;
    private readonly List<HomeDataProblem> _problems = [];

    /// <param name="kind">Projected metres or lon/lat.</param>
    /// <param name="projection">The CRS given, or null for the default.</param>
    /// <param name="maxProblems">The most problems listed.</param>
    /// <param name="xField">The x column's name, for messages.</param>
    /// <param name="yField">The y column's name, for messages.</param>
    /// <param name="boundaries">Authority boundaries: a home with no authority takes the one whose boundary holds it, and disagreements are counted.</param>
    /// <param name="nearestMeters">A home in no boundary takes the nearest within this many metres; null: such a home is a problem.</param>
    /// <param name="noAuthorityColumn">The input has no authority column (every home is assigned from <paramref name="boundaries"/>).</param>
    /// <param name="capacity">The most homes expected (e.g. the file's data lines); met exactly, the columns are handed over without a copy.</param>
    internal HomeSetBuilder(CoordinateKind kind, PlanarProjection? projection, int maxProblems, string xField, string yField,
        AuthorityBoundaries? boundaries = null, double? nearestMeters = null, bool noAuthorityColumn = false, int capacity = 0)
    {
        capacity = Math.Max(capacity, 0);
        _ids = new string[capacity];
        _x = new double[capacity];
        _y = new double[capacity];
        _authority = new int[capacity];
        _indexById = new HomeIdIndex(capacity, _ids);
        _authorityBySpan = _authorityIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        _boundaries = boundaries;
        _nearestMeters = nearestMeters;
        _noAuthorityColumn = noAuthorityColumn;
        _kind = kind;
        _projection = projection;
        _maxProblems = maxProblems;
        _xField = xField;
        _yField = yField;
    }

    internal int ProblemCount { get; private set; }

    /// <summary>The worksheet being read (its name goes on every problem, and lines are called rows); <see langword="null"/> for text.</summary>
    internal string? Sheet { get; init; }

    private string LineWord => Sheet is null ? "line" : "row";

    /// <summary>The postcode directory that locates homes added with a postcode and no coordinates; <see langword="null"/>: none.</summary>
    internal string? PostcodesFile { get; init; }

    // Homes added with a postcode and no coordinates, located by Build from the directory: (index, postcode as given).
    private readonly List<(int Index, string Postcode)> _pending = [];
    private PostcodeCheck? _postcodeCheck;

    /// <summary>Whether the input has weights (a <c>weight</c> column, or a home whose weight is not 1); else the set has none.</summary>
    internal bool HasWeights { get; set; }

    internal void AddProblem(HomeDataProblem problem)
    {
        ProblemCount++;
        if (_problems.Count < _maxProblems) _problems.Add(Sheet is null || problem.Sheet is not null ? problem : problem with { Sheet = Sheet });
    }

    /// <summary>Remembers the id of a row that is not a valid home, so a later row with the same id is still reported as a duplicate.</summary>
    internal void NoteId(int line, string? id)
    {
        if (id is null) return;
        id = id.Trim();
        if (id.Length == 0) return;
        if (_indexById.TryGetValue(id, out int first))
        {
            AddProblem(new HomeDataProblem(line, id, "id", id, $"duplicate id: also on {LineWord} {LineOfEntry(first).ToString(CultureInfo.InvariantCulture)}"));
        }
        else
        {
            _indexById.Add(id, ~line);
        }
    }

    // An entry >= 0 is a valid home's index; a negative one (~line) marks a row that had problems. A set is only built
    // when there are no problems, so a built HomeSet never sees a negative entry.
    private int LineOfEntry(int entry) => entry >= 0 ? LineAt(entry) : ~entry;

    /// <summary>The line of the valid home at an index.</summary>
    private int LineAt(int i) => _lines is null ? _firstLine + i : _lines[i];

    /// <summary>Adds a home, or its problems. With <paramref name="postcode"/>, the home has no coordinates yet (<paramref name="x"/>, <paramref name="y"/> ignored): <see cref="Build"/> locates it from <see cref="PostcodesFile"/>, and an empty authority is taken from the directory.</summary>
    internal void Add(int line, string? id, double x, double y, string? authority, double weight = 1, string? postcode = null) =>
        Add(line, id, x, y, authority.AsSpan(), weight, postcode);

    /// <summary>As <see cref="Add(int, string?, double, double, string?, double, string?)"/>, with the authority as text (no string is made for a code already seen).</summary>
    internal void Add(int line, string? id, double x, double y, ReadOnlySpan<char> authority, double weight = 1, string? postcode = null)
    {
        int before = ProblemCount;
        id = id?.Trim();
        authority = authority.Trim();
        string? shownId = string.IsNullOrEmpty(id) ? null : id;
        if (string.IsNullOrEmpty(id)) AddProblem(new HomeDataProblem(line, null, "id", id ?? "", "id is empty"));
        else if (HasControl(id)) AddProblem(new HomeDataProblem(line, null, "id", id, "id contains a line break or control character (a quote that is not closed where expected?)"));
        if (!authority.IsEmpty && HasControl(authority)) AddProblem(new HomeDataProblem(line, shownId, "authority", authority.ToString(), "authority contains a line break or control character"));
        if (postcode is null)
        {
            CheckCoordinate(line, shownId, _xField, x, isX: true);
            CheckCoordinate(line, shownId, _yField, y, isX: false);
        }

        if (authority.IsEmpty && _boundaries is null && postcode is null) AddProblem(new HomeDataProblem(line, shownId, "authority", "", "authority is empty"));
        if (!double.IsFinite(weight) || weight < 0)
        {
            AddProblem(new HomeDataProblem(line, shownId, "weight", weight.ToString("R", CultureInfo.InvariantCulture), "weight must be a finite number >= 0"));
        }

        if (shownId is not null)
        {
            if (_indexById.TryGetValue(shownId, out int first))
            {
                AddProblem(new HomeDataProblem(line, shownId, "id", shownId, $"duplicate id: also on {LineWord} {LineOfEntry(first).ToString(CultureInfo.InvariantCulture)}"));
            }
            else
            {
                _indexById.Add(shownId, ProblemCount == before ? _count : ~line);
            }
        }

        if (ProblemCount != before) return;
        if (postcode is not null) _pending.Add((_count, postcode));
        if (_count == _ids.Length) Grow();
        int i = _count++;
        _ids[i] = id!;
        _x[i] = x;
        _y[i] = y;
        _authority[i] = authority.IsEmpty ? -1 : Intern(authority);
        if (i == 0) _firstLine = line;
        if (_lines is null && line != _firstLine + i)
        {
            _lines = new int[_ids.Length];
            for (int k = 0; k < i; k++) _lines[k] = _firstLine + k;
        }

        if (_lines is not null) _lines[i] = line;
        if (weight != 1 || _weights is not null)
        {
            if (_weights is null)
            {
                _weights = new double[_ids.Length];
                Array.Fill(_weights, 1.0);
            }

            _weights[i] = weight;
        }

        if (weight != 1) HasWeights = true;
    }

    /// <summary>The index of an authority code, the code's string made once, on its first home.</summary>
    private int Intern(ReadOnlySpan<char> code)
    {
        if (_authorityBySpan.TryGetValue(code, out int a)) return a;
        a = _authorityNames.Count;
        string s = code.ToString();
        _authorityNames.Add(s);
        _authorityIndex.Add(s, a);
        return a;
    }

    private void Grow()
    {
        int size = Math.Max(16, _ids.Length * 2);
        Array.Resize(ref _ids, size);
        _indexById.Ids = _ids;
        Array.Resize(ref _x, size);
        Array.Resize(ref _y, size);
        Array.Resize(ref _authority, size);
        if (_lines is not null) Array.Resize(ref _lines, size);
        if (_weights is not null)
        {
            int old = _weights.Length;
            Array.Resize(ref _weights, size);
            _weights.AsSpan(old).Fill(1.0);
        }
    }

    /// <summary>The first <see cref="_count"/> items: the array itself when it is exactly that long (the usual case with a known capacity), else a copy.</summary>
    private T[] Exact<T>(T[] items) => items.Length == _count ? items : items[.._count];

    private static bool HasControl(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('\0', '\u001f') >= 0;

    internal HomeSet Build()
    {
        if (PostcodesFile is not null) LocatePostcodes(PostcodesFile);
        if (ProblemCount == 0 && _count == 0)
        {
            AddProblem(new HomeDataProblem(0, null, null, null, "there are no homes"));
        }

        double[] x = Exact(_x);
        double[] y = Exact(_y);
        // Homes whose postcode could not be located (already reported) have no coordinates: the area checks skip them.
        double[] fx = x, fy = y;
        if (_pending.Count > 0 && ProblemCount > 0)
        {
            fx = [.. x.Where(double.IsFinite)];
            fy = [.. y.Where(double.IsFinite)];
        }

        var projection = _projection ?? PlanarProjection.BritishNationalGrid;
        if (_kind == CoordinateKind.LonLat)
        {
            // Area checks run on the rows that are otherwise valid, so they are reported with every other problem.
            double centre = fx.Length > 0 ? CentreLongitude(fx) : 0;
            if (fx.Length > 0) projection = _projection ?? PlanarProjection.ForLonLat(centre, Median(fy));
            if (_projection is null && fx.Length > 0 && SpansZones(projection, fx, fy) is { } span)
            {
                // Homes far apart (two continents): one clear message, not one problem per home against one zone.
                AddProblem(span);
            }
            else
            {
                CheckArea(projection, projection.ValidLonLatArea, x, y);
            }

            if (ProblemCount == 0)
            {
                // The boundary check names a home in no boundary by its coordinates as given (_x, _y): project a copy.
                if (_boundaries is not null && ReferenceEquals(x, _x)) (x, y) = ((double[])x.Clone(), (double[])y.Clone());
                // Across the antimeridian (179.99 and -179.99) every longitude is taken within 180 degrees of the
                // data's centre, so one projection sees them side by side.
                for (int i = 0; i < x.Length; i++)
                {
                    if (Math.Abs(x[i] - centre) > 180) x[i] += x[i] < centre ? 360 : -360; // others stay bit for bit
                }
                projection.FromWgs84(x, y);
            }
        }
        else
        {
            CheckArea(projection, projection.ValidArea, x, y);
        }

        if (ProblemCount > 0)
        {
            // Problems found in the area pass come after the row pass: list them all in line order.
            var ordered = _problems.OrderBy(p => p.Line).ToList();
            PlaceKitThrow.Data(ordered, ProblemCount);
        }

        int[] authority = Exact(_authority);
        BoundaryCheck? check = null;
        if (_boundaries is not null)
        {
            string?[] authorityOf = new string?[_count];
            for (int i = 0; i < _count; i++) authorityOf[i] = authority[i] < 0 ? null : _authorityNames[authority[i]];
            check = AssignFromBoundaries(projection, x, y, authorityOf);
            for (int i = 0; i < _count; i++) authority[i] = Intern(authorityOf[i]!);
        }

        // Authorities indexed in order of first appearance (codes were numbered as first added; homes located by
        // postcode or boundary took theirs later), renumbered in place.
        var order = new int[_authorityNames.Count];
        Array.Fill(order, -1);
        var authorities = new List<string>();
        for (int i = 0; i < authority.Length; i++)
        {
            int code = authority[i];
            if (order[code] < 0)
            {
                order[code] = authorities.Count;
                authorities.Add(_authorityNames[code]);
            }

            authority[i] = order[code];
        }

        double[]? weights = null;
        if (HasWeights)
        {
            if (_weights is null)
            {
                weights = new double[_count];
                Array.Fill(weights, 1.0);
            }
            else
            {
                weights = Exact(_weights);
            }
        }

        var ids = Exact(_ids);
        _indexById.Ids = ids;
        return new HomeSet(ids, x, y, authority, [.. authorities], _lines is null ? null : Exact(_lines), _firstLine, _indexById, projection, _kind)
        {
            BoundaryCheck = check,
            PostcodeCheck = _postcodeCheck,
            WeightArray = weights,
        };
    }

    /// <summary>
    /// Places each home added with a postcode at its postcode's centroid (and gives it the postcode's authority when it
    /// has none), reading from the directory only the postcodes the homes use; a postcode missing, terminated or without
    /// a grid reference is a problem naming the home's line, id and postcode.
    /// </summary>
    private void LocatePostcodes(string file)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, postcode) in _pending) wanted.Add(PostcodeDirectory.Normalise(postcode));
        var directory = wanted.Count == 0 ? null : PostcodeDirectory.Read(file, wanted);
        string name = Path.GetFileName(file);
        var projection = _projection ?? PlanarProjection.BritishNationalGrid;
        bool bng = _kind == CoordinateKind.Projected && projection.Name == PlanarProjection.BritishNationalGrid.Name;
        int fromDirectory = 0, disagreements = 0;
        var examples = new List<PostcodeHome>();
        Span<double> px = stackalloc double[1], py = stackalloc double[1];
        foreach (var (i, postcode) in _pending)
        {
            string key = PostcodeDirectory.Normalise(postcode);
            if (directory is null || !directory.TryGet(key, out var entry))
            {
                AddProblem(new HomeDataProblem(LineAt(i), _ids[i], "postcode", postcode, $"postcode {postcode} is not in the postcode directory '{name}' (is it mistyped, or newer than the directory?)"));
                continue;
            }

            if (entry.Terminated is { } term)
            {
                AddProblem(new HomeDataProblem(LineAt(i), _ids[i], "postcode", postcode,
                    $"postcode {postcode} was terminated (doterm {term}, line {entry.Line.ToString(CultureInfo.InvariantCulture)} of '{name}'); give the home's current postcode or its coordinates"));
                continue;
            }

            double x, y;
            if (_kind == CoordinateKind.LonLat) (x, y) = (entry.Longitude, entry.Latitude);
            else if (bng && !key.StartsWith("BT", StringComparison.Ordinal)) (x, y) = (entry.Easting, entry.Northing);
            else
            {
                // Another projected CRS, or Northern Ireland (ONSPD's grid reference there is the Irish Grid): project lat/long.
                (px[0], py[0]) = (entry.Longitude, entry.Latitude);
                if (double.IsFinite(px[0]) && double.IsFinite(py[0])) projection.FromWgs84(px, py);
                (x, y) = (px[0], py[0]);
            }

            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                AddProblem(new HomeDataProblem(LineAt(i), _ids[i], "postcode", postcode,
                    $"postcode {postcode} has no grid reference in the postcode directory (line {entry.Line.ToString(CultureInfo.InvariantCulture)} of '{name}'); give the home's coordinates"));
                continue;
            }

            if (_authority[i] < 0)
            {
                if (entry.Authority.Length == 0)
                {
                    AddProblem(new HomeDataProblem(LineAt(i), _ids[i], "postcode", postcode,
                        $"postcode {postcode} has no oslaua (authority) in the postcode directory (line {entry.Line.ToString(CultureInfo.InvariantCulture)} of '{name}'); give the home's authority"));
                    continue;
                }

                _authority[i] = Intern(entry.Authority);
                fromDirectory++;
            }
            else if (!string.Equals(_authorityNames[_authority[i]], entry.Authority, StringComparison.Ordinal))
            {
                disagreements++;
                if (examples.Count < 20) examples.Add(new PostcodeHome(_ids[i], LineAt(i), postcode, _authorityNames[_authority[i]], entry.Authority));
            }

            _x[i] = x;
            _y[i] = y;
        }

        _postcodeCheck = new PostcodeCheck
        {
            FilePath = file,
            Located = _pending.Count,
            AuthorityFromDirectory = fromDirectory,
            Disagreements = disagreements,
            DisagreementExamples = examples,
        };
    }

    /// <summary>
    /// Gives each home without an authority the one whose boundary holds it (or the nearest within the limit), counts the
    /// homes whose own authority disagrees with the boundary that holds them, and throws naming every home in no boundary.
    /// </summary>
    private BoundaryCheck AssignFromBoundaries(PlanarProjection projection, double[] x, double[] y, string?[] authorityOf)
    {
        const int Chunk = 4096;
        var locator = new BoundaryLocator(_boundaries!, projection);
        int n = x.Length;
        var holder = new int[n];
        Parallel.For(0, (n + Chunk - 1) / Chunk, c =>
        {
            for (int i = c * Chunk, end = Math.Min(n, (c + 1) * Chunk); i < end; i++) holder[i] = locator.Locate(x[i], y[i]);
        });

        // An authority the homes name but the file lacks: its territories could not be clipped; say so now, not after clustering.
        var known = new HashSet<string>(locator.Codes, StringComparer.Ordinal);
        var missing = new Dictionary<string, (int Homes, int First)>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (authorityOf[i] is not { } own || known.Contains(own)) continue;
            missing[own] = missing.TryGetValue(own, out var m) ? (m.Homes + 1, m.First) : (1, i);
        }

        foreach (var (code, (homes, first)) in missing)
        {
            AddProblem(new HomeDataProblem(LineAt(first), _ids[first], "authority", code,
                $"authority {code} ({(homes == 1 ? "1 home" : homes.ToString("N0", CultureInfo.InvariantCulture) + " homes, the first here")}) has no boundary in '{Path.GetFileName(_boundaries!.FilePath)}' (field {_boundaries.Field}, {locator.Codes.Count.ToString(CultureInfo.InvariantCulture)} authorities such as {string.Join(", ", locator.Codes.Take(3))}); is it the right year's file, or the right --boundary-field?"));
        }

        int byBoundary = 0, byNearest = 0, disagreements = 0;
        var nearest = new List<BoundaryHome>();
        var disagree = new List<BoundaryHome>();
        for (int i = 0; i < n; i++)
        {
            string? inside = holder[i] >= 0 ? locator.Codes[holder[i]] : null;
            if (authorityOf[i] is { } own)
            {
                if (own == inside || !known.Contains(own)) continue;
                disagreements++;
                if (disagree.Count < 20) disagree.Add(new BoundaryHome(_ids[i], LineAt(i), own, inside, 0));
                continue;
            }

            if (inside is not null)
            {
                authorityOf[i] = inside;
                byBoundary++;
                continue;
            }

            var (a, d) = _nearestMeters is { } m ? locator.Nearest(x[i], y[i], m) : (-1, double.PositiveInfinity);
            if (a >= 0)
            {
                authorityOf[i] = locator.Codes[a];
                byNearest++;
                if (nearest.Count < 20) nearest.Add(new BoundaryHome(_ids[i], LineAt(i), locator.Codes[a], null, d));
                continue;
            }

            var (closest, far) = locator.Nearest(x[i], y[i], double.MaxValue);
            string hint = closest >= 0 ? $"; the nearest is {locator.Codes[closest]}, {Format(Math.Round(far, 1))} m away" : "";
            string fix = _nearestMeters is { } limit
                ? $", beyond --nearest-boundary {Format(limit)} m"
                : "; give its authority, fix its coordinates, or assign homes near a boundary with --nearest-boundary METRES (HomeCsvOptions.NearestBoundaryMeters)";
            // _x/_y still hold the coordinates as given (x/y are projected): name them as the user wrote them.
            AddProblem(new HomeDataProblem(LineAt(i), _ids[i], $"{_xField},{_yField}", $"{Format(_x[i])},{Format(_y[i])}",
                $"the home lies in no authority boundary of '{Path.GetFileName(_boundaries!.FilePath)}'{hint}{fix}"));
        }

        if (ProblemCount > 0) PlaceKitThrow.Data([.. _problems.OrderBy(p => p.Line)], ProblemCount);
        return new BoundaryCheck
        {
            FilePath = _boundaries!.FilePath,
            Field = _boundaries.Field,
            AssignedFromBoundaries = _noAuthorityColumn,
            ByBoundary = byBoundary,
            ByNearest = byNearest,
            NearestExamples = nearest,
            Disagreements = disagreements,
            DisagreementExamples = disagree,
        };
    }

    /// <summary>
    /// The median longitude on the circle: the longitudes are cut at their widest gap (so homes either side of the
    /// antimeridian stay together), then the median is taken. The median, not the mean: a few swapped or stray points
    /// must not move the data's centre to another zone.
    /// </summary>
    private static double CentreLongitude(double[] lon)
    {
        var sorted = (double[])lon.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        double widest = sorted[0] + 360 - sorted[n - 1];
        int cut = -1; // the widest gap is between sorted[cut] and sorted[cut + 1]; -1: the one across the antimeridian
        for (int i = 0; i + 1 < n; i++)
        {
            if (sorted[i + 1] - sorted[i] > widest)
            {
                widest = sorted[i + 1] - sorted[i];
                cut = i;
            }
        }

        if (cut < 0) return sorted[n / 2];
        // Homes up to the cut come after the others, one turn on.
        return sorted[(n / 2 + cut + 1) % n];
    }

    /// <summary>One problem when more than a few homes (over 10, and over 1%) lie outside the area of the projection picked for the data's centre.</summary>
    private HomeDataProblem? SpansZones(PlanarProjection projection, double[] lon, double[] lat)
    {
        if (projection.ValidLonLatArea is not { } area) return null;
        int outside = 0;
        double minLat = double.MaxValue, maxLat = double.MinValue;
        for (int i = 0; i < lon.Length; i++)
        {
            if (!ContainsLongitude(area, lon[i]) || !area.ContainsY(lat[i])) outside++;
            minLat = Math.Min(minLat, lat[i]);
            maxLat = Math.Max(maxLat, lat[i]);
        }

        if (outside <= 10 || outside * 100L <= lon.Length) return null;
        double west = lon.Min(), east = lon.Max();
        return new HomeDataProblem(0, null, null, null,
            $"the homes are too far apart for one projection: longitude {Format(west)} to {Format(east)}, latitude {Format(minLat)} to {Format(maxLat)}; " +
            $"{outside.ToString("N0", CultureInfo.InvariantCulture)} of {lon.Length.ToString("N0", CultureInfo.InvariantCulture)} homes are outside the area of {projection.Name}, the projection picked for their centre. " +
            "Give a projected CRS that covers them all with --crs (HomeCsvOptions.Projection), or split the file by region");
    }

    private static bool ContainsLongitude(GridArea area, double lon) => area.ContainsX(lon) || area.ContainsX(lon + 360) || area.ContainsX(lon - 360);

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    private void CheckArea(PlanarProjection projection, GridArea? validArea, double[] x, double[] y)
    {
        if (validArea is not { } area) return;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i])) continue; // a home whose postcode was not located: reported already
            bool inX = _kind == CoordinateKind.LonLat ? ContainsLongitude(area, x[i]) : area.ContainsX(x[i]);
            if (!inX) AddProblem(OutsideArea(i, _xField, x[i], area.MinX, area.MaxX, projection));
            if (!area.ContainsY(y[i])) AddProblem(OutsideArea(i, _yField, y[i], area.MinY, area.MaxY, projection));
        }
    }

    private HomeDataProblem OutsideArea(int i, string field, double value, double min, double max, PlanarProjection projection) =>
        new(LineAt(i), _ids[i], field, Format(value),
            $"{field} is outside the valid area of {projection.Name} [{Format(min)} to {Format(max)}]");

    private void CheckCoordinate(int line, string? id, string field, double value, bool isX)
    {
        if (!double.IsFinite(value))
        {
            AddProblem(new HomeDataProblem(line, id, field, Format(value), $"{field} is not a finite number"));
            return;
        }

        if (_kind != CoordinateKind.LonLat) return;
        double limit = isX ? 180 : 90;
        if (Math.Abs(value) > limit)
        {
            string hint = isX ? "" : " (are longitude and latitude swapped, or is this easting/northing?)";
            AddProblem(new HomeDataProblem(line, id, field, Format(value), $"{field} is outside [-{limit.ToString(CultureInfo.InvariantCulture)}, {limit.ToString(CultureInfo.InvariantCulture)}]{hint}"));
        }
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
