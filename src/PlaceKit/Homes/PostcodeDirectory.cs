using System.Globalization;
using nietras.SeparatedValues;

namespace PlaceKit.Homes;

/// <summary>
/// The rows of a postcode directory in the ONS Postcode Directory's CSV layout (ONSPD: <c>pcd</c>/<c>pcds</c>,
/// <c>doterm</c>, <c>oslaua</c>, <c>oseast1m</c>, <c>osnrth1m</c>, <c>lat</c>, <c>long</c>; other columns ignored) for
/// the postcodes some homes use. The file (2.7 million rows in reality) is streamed with Sep: each row's postcode is
/// normalised in a stack buffer and looked up without allocating; only the rows wanted are parsed and kept.
/// </summary>
internal sealed class PostcodeDirectory
{
    /// <summary>ONSPD's latitude for a postcode with no grid reference.</summary>
    private const double NoGridLatitude = 99.999999;

    private readonly Dictionary<string, Entry> _entries;

    private PostcodeDirectory(string path, Dictionary<string, Entry> entries)
    {
        FilePath = path;
        _entries = entries;
    }

    /// <summary>The directory file.</summary>
    internal string FilePath { get; }

    /// <summary>One postcode: where, which authority, and whether (and when) it was terminated.</summary>
    /// <param name="Line">Its line in the directory.</param>
    /// <param name="Terminated">The <c>doterm</c> (YYYYMM) when terminated; <see langword="null"/> when live.</param>
    /// <param name="Authority">The <c>oslaua</c> code.</param>
    /// <param name="Easting">BNG easting (<c>oseast1m</c>); NaN when none.</param>
    /// <param name="Northing">BNG northing (<c>osnrth1m</c>); NaN when none.</param>
    /// <param name="Latitude">WGS84 latitude; NaN when none.</param>
    /// <param name="Longitude">WGS84 longitude; NaN when none.</param>
    internal readonly record struct Entry(int Line, string? Terminated, string Authority, double Easting, double Northing, double Latitude, double Longitude);

    /// <summary>The postcode's row, when the directory has it.</summary>
    internal bool TryGet(string normalised, out Entry entry) => _entries.TryGetValue(normalised, out entry);

    /// <summary>A postcode in upper case without any white space (<c>sw1a 1aa</c>, <c>SW1A1AA</c>, <c>SW1A  1AA</c> are one postcode).</summary>
    internal static string Normalise(string postcode)
    {
        Span<char> buffer = stackalloc char[32];
        return Normalise(postcode, buffer, out int n) ? new string(buffer[..n]) : postcode.Trim().ToUpperInvariant();
    }

    private static bool Normalise(ReadOnlySpan<char> text, Span<char> buffer, out int n)
    {
        n = 0;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (n == buffer.Length) return false;
            buffer[n++] = char.ToUpperInvariant(c);
        }

        return true;
    }

    /// <summary>Streams the directory and keeps the rows of the postcodes wanted (normalised).</summary>
    /// <exception cref="PostcodeDirectoryException">The file is missing, not a CSV in the ONSPD layout, or a wanted row has a bad value.</exception>
    internal static PostcodeDirectory Read(string path, IReadOnlySet<string> wanted)
    {
        string name = Path.GetFileName(path);
        if (Directory.Exists(path)) throw new PostcodeDirectoryException($"postcode directory '{path}' is a folder; give the CSV file inside it (ONSPD_..._UK.csv in its Data folder)");
        if (!File.Exists(path)) throw new PostcodeDirectoryException($"postcode directory '{path}' does not exist");
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var lookup = (wanted as HashSet<string> ?? new HashSet<string>(wanted, StringComparer.Ordinal)).GetAlternateLookup<ReadOnlySpan<char>>();
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, ColNameComparer = StringComparer.OrdinalIgnoreCase }).FromFile(path);
            var header = reader.Header;
            if (header.IsEmpty) throw new PostcodeDirectoryException($"postcode directory '{name}' is empty: expected the ONS Postcode Directory's CSV with a header row (pcd, pcds, doterm, oslaua, oseast1m, osnrth1m, lat, long)");
            int pcd = header.TryIndexOf("pcds", out int i) ? i : header.TryIndexOf("pcd", out i) ? i : header.TryIndexOf("pcd2", out i) ? i : -1;
            var missing = new List<string>();
            if (pcd < 0) missing.Add("pcds (or pcd)");
            int Need(string column)
            {
                if (header.TryIndexOf(column, out int at)) return at;
                missing.Add(column);
                return -1;
            }

            int doterm = Need("doterm"), oslaua = Need("oslaua"), east = Need("oseast1m"), north = Need("osnrth1m"), lat = Need("lat"), lon = Need("long");
            if (missing.Count > 0)
            {
                string have = string.Join(",", header.ColNames.Take(12)) + (header.ColNames.Count > 12 ? ",..." : "");
                throw new PostcodeDirectoryException($"postcode directory '{name}' is missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}; the header is '{have}'. Give the ONS Postcode Directory's CSV (ONSPD), not a lookup file");
            }

            int width = new[] { pcd, doterm, oslaua, east, north, lat, lon }.Max() + 1;
            Span<char> buffer = stackalloc char[32];
            foreach (var row in reader)
            {
                if (row.ColCount < width)
                {
                    if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue;
                    throw new PostcodeDirectoryException($"postcode directory '{name}', line {row.LineNumberFrom.ToString(CultureInfo.InvariantCulture)}: the row has {row.ColCount.ToString(CultureInfo.InvariantCulture)} fields but the header has {header.ColNames.Count.ToString(CultureInfo.InvariantCulture)}; is the file truncated?");
                }

                if (!Normalise(row[pcd].Span, buffer, out int n) || !lookup.TryGetValue(buffer[..n], out string? key)) continue;
                int line = row.LineNumberFrom;
                var term = row[doterm].Span.Trim();
                var code = row[pcd].Span.Trim();
                var entry = new Entry(line, term.IsEmpty ? null : term.ToString(), row[oslaua].Span.Trim().ToString(),
                    Number(row[east].Span, "oseast1m", name, line, code), Number(row[north].Span, "osnrth1m", name, line, code),
                    Number(row[lat].Span, "lat", name, line, code), Number(row[lon].Span, "long", name, line, code));
                if (entry.Latitude == NoGridLatitude) entry = entry with { Latitude = double.NaN, Longitude = double.NaN };
                // A postcode listed twice (re-used after termination): the live row wins, else the first.
                if (!entries.TryGetValue(key, out var seen) || seen.Terminated is not null && entry.Terminated is null) entries[key] = entry;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or System.Text.DecoderFallbackException)
        {
            throw new PostcodeDirectoryException($"postcode directory '{name}' could not be read as CSV: {ex.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ')}", ex);
        }

        return new PostcodeDirectory(path, entries);
    }

    private static double Number(ReadOnlySpan<char> text, string column, string name, int line, ReadOnlySpan<char> postcode)
    {
        text = text.Trim();
        if (text.IsEmpty) return double.NaN;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new PostcodeDirectoryException($"postcode directory '{name}', line {line.ToString(CultureInfo.InvariantCulture)}, postcode '{postcode.ToString()}', column '{column}' = '{text.ToString()}': not a number");
    }
}
