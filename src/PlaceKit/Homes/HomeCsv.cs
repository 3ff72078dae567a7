using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace PlaceKit.Homes;

/// <summary>Reads and writes CSV files of homes.</summary>
/// <remarks>
/// A header row is required; columns are found by name, case-insensitively, and extra columns are ignored:
/// <list type="bullet">
/// <item><c>id</c>: the home's unique id;</item>
/// <item><c>easting,northing</c> (or <c>x,y</c>): planar metres, British National Grid unless
/// <see cref="HomeCsvOptions.Projection"/> says otherwise; or <c>longitude,latitude</c> (or <c>lon</c>/<c>lng</c>,
/// <c>lat</c>): WGS84 degrees. When both are present, easting/northing win;</item>
/// <item><c>authority</c> (or <c>la</c>, <c>lad</c>, <c>lad_code</c>, <c>local_authority</c>): local-authority code.</item>
/// </list>
/// Comma, semicolon and tab delimiters are detected; quoted fields, CRLF line ends, UTF-8 (with or without BOM) and
/// UTF-16 with BOM are read. Numbers use '.' as the decimal separator. Every problem is collected (up to
/// <see cref="HomeCsvOptions.MaxProblems"/>) and thrown together as one <see cref="HomeDataException"/>.
/// </remarks>
public static class HomeCsv
{
    private static readonly string[] IdNames = ["id"];
    private static readonly string[] EastingNames = ["easting", "x"];
    private static readonly string[] NorthingNames = ["northing", "y"];
    private static readonly string[] LongitudeNames = ["longitude", "lon", "lng"];
    private static readonly string[] LatitudeNames = ["latitude", "lat"];
    private static readonly string[] AuthorityNames = ["authority", "la", "lad", "lad_code", "local_authority"];

    /// <summary>Reads homes from a CSV file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Reading options; <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HomeDataException">The content is not a valid CSV of homes; lists every problem.</exception>
    public static HomeSet Read(string path, HomeCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, options);
    }

    /// <summary>Reads homes from a stream of CSV text (UTF-8, or UTF-16 with a byte-order mark).</summary>
    /// <param name="stream">The stream; read to its end, not closed.</param>
    /// <param name="options">Reading options; <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="HomeDataException">The content is not a valid CSV of homes; lists every problem.</exception>
    public static HomeSet Read(Stream stream, HomeCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return Read(reader, options);
    }

    /// <summary>Reads homes from CSV text.</summary>
    /// <param name="reader">The text; read to its end, not closed.</param>
    /// <param name="options">Reading options; <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="HomeDataException">The content is not a valid CSV of homes; lists every problem.</exception>
    public static HomeSet Read(TextReader reader, HomeCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new HomeCsvOptions();
        try
        {
            return ReadCore(reader, options);
        }
        catch (DecoderFallbackException ex)
        {
            throw new HomeDataException(new HomeDataProblem(0, null, null, null,
                $"the file is not UTF-8 text (invalid byte sequence {Convert.ToHexString(ex.BytesUnknown ?? [])}); save it as CSV UTF-8"));
        }
    }

    /// <summary>Writes homes as CSV with the header <c>id,easting,northing,authority</c> (planar metres).</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(IEnumerable<Home> homes, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("id");
        csv.WriteField("easting");
        csv.WriteField("northing");
        csv.WriteField("authority");
        csv.NextRecord();
        foreach (var h in homes)
        {
            csv.WriteField(h.Id);
            csv.WriteField(h.X.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(h.Y.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(h.Authority);
            csv.NextRecord();
        }
    }

    private static HomeSet ReadCore(TextReader reader, HomeCsvOptions options)
    {
        HomeDataProblem? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = args => badData ??= new HomeDataProblem(args.Context.Parser?.RawRow ?? 0, null, null, args.Field,
                "badly quoted field (a quote inside an unquoted field, or a quote that is never closed)"),
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(reader, config, leaveOpen: true);
        if (!parser.Read())
        {
            throw new HomeDataException(new HomeDataProblem(1, null, null, null, "the file is empty: expected a header row such as id,easting,northing,authority"));
        }

        string[] header = parser.Record ?? [];
        var columns = FindColumns(header);
        var builder = new HomeSetBuilder(columns.Kind, options.Projection, options.MaxProblems, header[columns.X].Trim(), header[columns.Y].Trim());
        int width = header.Length;
        int rows = 0;
        while (parser.Read())
        {
            rows++;
            int line = parser.RawRow;
            if (badData is not null)
            {
                builder.AddProblem(badData with { Line = line });
                badData = null;
                continue;
            }

            int count = parser.Count;
            if (count != width)
            {
                string? rowId = count > columns.Id ? NullIfEmpty(parser[columns.Id]) : null;
                builder.AddProblem(new HomeDataProblem(line, rowId, null, null,
                    $"row has {count.ToString(CultureInfo.InvariantCulture)} fields but the header has {width.ToString(CultureInfo.InvariantCulture)}"));
                continue;
            }

            string id = parser[columns.Id];
            string? shownId = NullIfEmpty(id.Trim());
            bool okX = TryNumber(builder, line, shownId, header[columns.X].Trim(), parser[columns.X], out double x);
            bool okY = TryNumber(builder, line, shownId, header[columns.Y].Trim(), parser[columns.Y], out double y);
            if (!okX || !okY) continue;
            builder.Add(line, id, x, y, parser[columns.Authority]);
        }

        if (rows == 0)
        {
            throw new HomeDataException(new HomeDataProblem(1, null, null, null, "the file has a header but no homes"));
        }

        return builder.Build();
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static bool TryNumber(HomeSetBuilder builder, int line, string? id, string field, string text, out double value)
    {
        var span = text.AsSpan().Trim();
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        string message = span.IsEmpty ? $"{field} is empty"
            : span.Contains(',') && double.TryParse(span.ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"{field} is not a number: it uses ',' as a decimal separator; use '.'"
                : $"{field} is not a number";
        builder.AddProblem(new HomeDataProblem(line, id, field, text, message));
        return false;
    }

    private readonly record struct Columns(int Id, int X, int Y, int Authority, CoordinateKind Kind);

    private static Columns FindColumns(string[] header)
    {
        var problems = new List<HomeDataProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].Trim();
            if (name.Length == 0) continue;
            if (!seen.TryAdd(name, i))
            {
                problems.Add(new HomeDataProblem(1, null, name, name,
                    $"duplicate column name: columns {(seen[name] + 1).ToString(CultureInfo.InvariantCulture)} and {(i + 1).ToString(CultureInfo.InvariantCulture)} are both '{name}'"));
            }
        }

        int id = Find(seen, IdNames);
        int authority = Find(seen, AuthorityNames);
        int e = Find(seen, EastingNames), n = Find(seen, NorthingNames);
        int lon = Find(seen, LongitudeNames), lat = Find(seen, LatitudeNames);
        string have = string.Join(",", header.Select(h => h.Trim()));
        if (id < 0) problems.Add(MissingColumn("id", have));
        if (authority < 0) problems.Add(MissingColumn("authority (or la, lad, lad_code, local_authority)", have));
        CoordinateKind kind;
        int x, y;
        if (e >= 0 || n >= 0)
        {
            kind = CoordinateKind.Projected;
            (x, y) = (e, n);
            if (e < 0) problems.Add(MissingColumn("easting (or x)", have));
            if (n < 0) problems.Add(MissingColumn("northing (or y)", have));
        }
        else if (lon >= 0 || lat >= 0)
        {
            kind = CoordinateKind.LonLat;
            (x, y) = (lon, lat);
            if (lon < 0) problems.Add(MissingColumn("longitude (or lon, lng)", have));
            if (lat < 0) problems.Add(MissingColumn("latitude (or lat)", have));
        }
        else
        {
            kind = CoordinateKind.Projected;
            (x, y) = (-1, -1);
            problems.Add(MissingColumn("easting,northing (or x,y) or longitude,latitude (or lon,lat)", have));
        }

        if (problems.Count > 0) throw new HomeDataException(problems, problems.Count);
        return new Columns(id, x, y, authority, kind);
    }

    private static HomeDataProblem MissingColumn(string what, string header) =>
        new(1, null, null, null, $"missing column {what}; the header is '{header}'");

    private static int Find(Dictionary<string, int> seen, string[] names)
    {
        foreach (var name in names)
        {
            if (seen.TryGetValue(name, out int i)) return i;
        }

        return -1;
    }
}
