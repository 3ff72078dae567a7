using System.Globalization;
using System.Text.RegularExpressions;
using PlaceKit.IO;

namespace PlaceKit.Homes;

/// <summary>
/// The column rules every homes file shares (CSV and .xlsx): which header names give which field, and how a row's
/// text becomes a home or problems. One copy, so a workbook and a CSV of the same stock read alike.
/// </summary>
internal static partial class HomeColumns
{
    internal static readonly string[] IdNames = ["id"];
    internal static readonly string[] EastingNames = ["easting", "x"];
    internal static readonly string[] NorthingNames = ["northing", "y"];
    internal static readonly string[] LongitudeNames = ["longitude", "lon", "lng"];
    internal static readonly string[] LatitudeNames = ["latitude", "lat"];
    internal static readonly string[] AuthorityNames = ["authority", "la", "lad", "lad_code", "local_authority"];
    internal static readonly string[] WeightNames = ["weight"];
    internal static readonly string[] PostcodeNames = ["postcode", "post_code"];

    internal static bool TryNumber(HomeSetBuilder builder, int line, ReadOnlySpan<char> id, string field, ReadOnlySpan<char> text, out double value)
    {
        var span = text.Trim();
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            if (double.IsFinite(value)) return true;
            builder.AddProblem(new HomeDataProblem(line, NullIfEmpty(id), field, Shorten(text), $"{field} is not a finite number"));
            return false;
        }

        string message = span.IsEmpty ? $"{field} is empty"
            : span.Contains(',') && double.TryParse(span.ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"{field} is not a number: it uses ',' as a decimal separator; use '.'"
                : Postcode().IsMatch(span) ? $"{field} is not a number: it looks like a postcode; give coordinates, or leave both coordinates empty and give a postcode directory (--postcodes FILE) to locate the home by its postcode column"
                : $"{field} is not a number";
        builder.AddProblem(new HomeDataProblem(line, NullIfEmpty(id), field, Shorten(text), message));
        return false;
    }

    internal static bool TryWeight(HomeSetBuilder builder, int line, ReadOnlySpan<char> id, string field, ReadOnlySpan<char> text, out double value)
    {
        if (!TryNumber(builder, line, id, field, text, out value)) return false;
        if (value >= 0) return true;
        builder.AddProblem(new HomeDataProblem(line, NullIfEmpty(id), field, Shorten(text), $"{field} must be a finite number >= 0"));
        return false;
    }

    [GeneratedRegex("^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Postcode();

    internal readonly record struct Columns(int Id, int X, int Y, int Authority, CoordinateKind Kind, int Weight, int Postcode = -1)
    {
        /// <summary>The x column's name as written, or its usual name when the homes have no coordinate columns (located by postcode).</summary>
        internal string XName(string[] header) => X >= 0 ? header[X].Trim() : Kind == CoordinateKind.LonLat ? "longitude" : "easting";

        /// <summary>The y column's name as written, or its usual name.</summary>
        internal string YName(string[] header) => Y >= 0 ? header[Y].Trim() : Kind == CoordinateKind.LonLat ? "latitude" : "northing";
    }

    /// <summary>Finds the columns by name (the rules in <see cref="HomeCsv"/>); throws every header problem at once, on <paramref name="headerLine"/>.</summary>
    internal static Columns Find(string[] header, bool boundaries, bool postcodes = false, int headerLine = 1, string? sheet = null)
    {
        var problems = new List<HomeDataProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].Trim();
            if (name.Length == 0) continue;
            if (!seen.TryAdd(name, i))
            {
                problems.Add(new HomeDataProblem(headerLine, null, name, name,
                    $"duplicate column name: columns {(seen[name] + 1).ToString(CultureInfo.InvariantCulture)} and {(i + 1).ToString(CultureInfo.InvariantCulture)} are both '{name}'"));
            }
        }

        // Two columns for one role (easting and x, authority and la) or both coordinate systems: refuse rather than
        // pick one silently, naming the columns (they may disagree: a BNG pair and a lon/lat pair 17,000 km apart).
        foreach (var (role, names) in (ReadOnlySpan<(string, string[])>)[("id", IdNames), ("easting", EastingNames), ("northing", NorthingNames), ("longitude", LongitudeNames), ("latitude", LatitudeNames), ("authority", AuthorityNames), ("postcode", PostcodeNames)])
        {
            var present = names.Where(seen.ContainsKey).Select(n => header[seen[n]].Trim()).ToArray();
            if (present.Length > 1)
            {
                problems.Add(new HomeDataProblem(headerLine, null, present[1], present[1],
                    $"columns {string.Join(" and ", present.Select(p => $"'{p}'"))} both give the {role}; keep one (remove or rename the other) so PlaceKit does not have to guess"));
            }
        }

        var projected = EastingNames.Concat(NorthingNames).Where(seen.ContainsKey).Select(n => header[seen[n]].Trim()).ToArray();
        var geographic = LongitudeNames.Concat(LatitudeNames).Where(seen.ContainsKey).Select(n => header[seen[n]].Trim()).ToArray();
        if (projected.Length > 0 && geographic.Length > 0)
        {
            problems.Add(new HomeDataProblem(headerLine, null, null, null,
                $"both easting/northing columns ({string.Join(",", projected)}) and longitude/latitude columns ({string.Join(",", geographic)}) are present; keep one pair (remove or rename the other) so PlaceKit does not have to guess which is right"));
        }

        int id = Find(seen, IdNames);
        int authority = Find(seen, AuthorityNames);
        int postcode = Find(seen, PostcodeNames);
        bool byPostcode = postcodes && postcode >= 0;
        int e = Find(seen, EastingNames), n = Find(seen, NorthingNames);
        int lon = Find(seen, LongitudeNames), lat = Find(seen, LatitudeNames);
        string have = string.Join(",", header.Select(h => h.Trim()));
        if (id < 0) problems.Add(MissingColumn(headerLine, "id", have));
        if (postcodes && postcode < 0)
        {
            problems.Add(MissingColumn(headerLine, "postcode (or post_code): a postcode directory (--postcodes) locates the homes that have a postcode and no coordinates", have));
        }

        if (authority < 0 && !boundaries && !byPostcode)
        {
            problems.Add(MissingColumn(headerLine, "authority (or la, lad, lad_code, local_authority), or give authority boundaries (--boundaries FILE) to take each home's authority from the boundary that holds it", have));
        }
        CoordinateKind kind;
        int x, y;
        if (e >= 0 || n >= 0)
        {
            kind = CoordinateKind.Projected;
            (x, y) = (e, n);
            if (e < 0) problems.Add(MissingColumn(headerLine, "easting (or x)", have));
            if (n < 0) problems.Add(MissingColumn(headerLine, "northing (or y)", have));
        }
        else if (lon >= 0 || lat >= 0)
        {
            kind = CoordinateKind.LonLat;
            (x, y) = (lon, lat);
            if (lon < 0) problems.Add(MissingColumn(headerLine, "longitude (or lon, lng)", have));
            if (lat < 0) problems.Add(MissingColumn(headerLine, "latitude (or lat)", have));
        }
        else
        {
            kind = CoordinateKind.Projected;
            (x, y) = (-1, -1);
            if (!byPostcode)
            {
                string hint = postcode >= 0 ? ", or give a postcode directory (--postcodes FILE) to locate the homes by their postcode" : "";
                problems.Add(MissingColumn(headerLine, $"easting,northing (or x,y) or longitude,latitude (or lon,lat){hint}", have));
            }
        }

        if (problems.Count > 0) throw new HomeDataException([.. problems.Select(p => p with { Sheet = sheet })], problems.Count);
        return new Columns(id, x, y, authority, kind, Find(seen, WeightNames), postcodes ? postcode : -1);
    }

    private static HomeDataProblem MissingColumn(int line, string what, string header) =>
        new(line, null, null, null, $"missing column {what}; the header is '{header}'");

    private static int Find(Dictionary<string, int> seen, string[] names)
    {
        foreach (var name in names)
        {
            if (seen.TryGetValue(name, out int i)) return i;
        }

        return -1;
    }
    /// <summary>
    /// Reads one row (already known not to be blank and as wide as the header) into the builder: a home, or its
    /// problems (the id noted, so a later duplicate is still reported). Fields are read as text: the id is the only
    /// string made for a valid home (an authority code once, on its first home).
    /// </summary>
    internal static void AddRow<TRow>(HomeSetBuilder builder, string[] header, Columns columns, int line, TRow row)
        where TRow : IHomeRow, allows ref struct
    {
        ReadOnlySpan<char> shownId = row[columns.Id].Trim();
        string xName = columns.XName(header), yName = columns.YName(header);
        if (columns.Postcode >= 0 && (columns.X < 0 || row[columns.X].IsWhiteSpace() && row[columns.Y].IsWhiteSpace()))
        {
            // No coordinates: the home is located by its postcode once the directory has been read.
            string postcode = row[columns.Postcode].Trim().ToString();
            double w = 1;
            bool ok = columns.Weight < 0 || TryWeight(builder, line, shownId, header[columns.Weight].Trim(), row[columns.Weight], out w);
            if (postcode.Length == 0)
            {
                builder.AddProblem(new HomeDataProblem(line, NullIfEmpty(shownId), header[columns.Postcode].Trim(), "", $"the home has no coordinates and no postcode; give {xName},{yName} or a postcode"));
                ok = false;
            }

            if (!ok)
            {
                builder.NoteId(line, NullIfEmpty(shownId));
                return;
            }

            string? pendingAuthority = columns.Authority < 0 ? null : SpreadsheetText.Unescape(row[columns.Authority].Trim().ToString());
            builder.Add(line, Unescape(shownId).ToString(), double.NaN, double.NaN, pendingAuthority, w, postcode);
            return;
        }

        bool okX = TryNumber(builder, line, shownId, xName, row[columns.X], out double x);
        bool okY = TryNumber(builder, line, shownId, yName, row[columns.Y], out double y);
        double weight = 1;
        bool okW = columns.Weight < 0 || TryWeight(builder, line, shownId, header[columns.Weight].Trim(), row[columns.Weight], out weight);
        if (!okX || !okY || !okW)
        {
            builder.NoteId(line, NullIfEmpty(shownId));
            return;
        }

        // A leading apostrophe that PlaceKit (or a spreadsheet) put before = + - @ is the "text" mark, not part of the id.
        ReadOnlySpan<char> authority = columns.Authority < 0 ? default : Unescape(row[columns.Authority].Trim());
        builder.Add(line, Unescape(shownId).ToString(), x, y, authority, weight);
    }

    /// <summary><see cref="SpreadsheetText.Unescape(string)"/> on text: the same slice, without a string.</summary>
    private static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> cell) =>
        cell.Length >= 2 && cell[0] == '\'' && (cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'') ? cell[1..] : cell;

    internal static string? Shorten(string? value) => value is null || value.Length <= 200 ? value : value[..200];

    internal static string Shorten(ReadOnlySpan<char> value) => (value.Length <= 200 ? value : value[..200]).ToString();

    internal static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    internal static string? NullIfEmpty(ReadOnlySpan<char> s) => s.IsEmpty ? null : s.ToString();
}

/// <summary>A row's fields as text, by column index.</summary>
internal interface IHomeRow
{
    ReadOnlySpan<char> this[int index] { get; }
}
