using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace PlaceKit.Planning;

/// <summary>
/// Reads per-authority names and rules (<see cref="AuthoritySettings"/>) from CSV: one row per authority with the
/// columns <c>code</c> (or <c>authority</c>), and optionally <c>name</c>, <c>target</c>, <c>min_homes</c>,
/// <c>max_spread_m</c> and <c>teams</c>; an empty cell keeps the plan-wide option.
/// </summary>
/// <remarks>
/// Column names are matched case-insensitively; a column PlaceKit does not know is an error (a misspelt rule must not
/// be dropped silently). Every problem is collected and thrown together, each naming its line, the code, the field and
/// the value: a whole number below 1 or not a number, a spread limit that is not a finite number above 0, an empty or
/// repeated code, or (when the homes' codes are given) a code no home has.
/// </remarks>
public static class AuthoritySettingsCsv
{
    private static readonly string[] Known = ["code", "authority", "name", "target", "min_homes", "max_spread_m", "teams"];

    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="knownCodes">The homes' authority codes: a row naming another code is an error. Null: not checked.</param>
    /// <returns>The settings, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AuthoritySettingsException">The content is not valid; lists every problem with its line.</exception>
    public static IReadOnlyList<AuthoritySettings> Read(string path, IReadOnlyCollection<string>? knownCodes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, knownCodes, Path.GetFileName(path));
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="reader">The text; read to its end, not closed.</param>
    /// <param name="knownCodes">The homes' authority codes: a row naming another code is an error. Null: not checked.</param>
    /// <param name="source">The name problems are reported under, e.g. the file name.</param>
    /// <returns>The settings, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="AuthoritySettingsException">The content is not valid; lists every problem with its line.</exception>
    public static IReadOnlyList<AuthoritySettings> Read(TextReader reader, IReadOnlyCollection<string>? knownCodes = null, string source = "authorities file")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<string>();
        var result = new List<AuthoritySettings>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        using var csv = new CsvReader(reader, config, leaveOpen: true);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new AuthoritySettingsException(source, [$"{source}: empty; expected a header row with code, name, target, min_homes, max_spread_m, teams"]);
        }

        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            string h = header[i].Trim();
            if (h.Length == 0) continue;
            if (Array.IndexOf(Known, h.ToLowerInvariant()) < 0)
            {
                problems.Add($"{source} line 1: unknown column '{h}' (expected code, name, target, min_homes, max_spread_m, teams)");
            }
            else if (!column.TryAdd(h.ToLowerInvariant() == "authority" ? "code" : h, i))
            {
                problems.Add($"{source} line 1: column '{h}' appears twice");
            }
        }

        if (!column.ContainsKey("code")) problems.Add($"{source} line 1: no 'code' column");
        if (problems.Count > 0) throw new AuthoritySettingsException(source, problems);

        var known = knownCodes is null ? null : new HashSet<string>(knownCodes, StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            string? Cell(string name) => column.TryGetValue(name, out int i) && csv.TryGetField(i, out string? v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            bool allEmpty = true;
            for (int i = 0; i < csv.Parser.Count; i++) allEmpty &= string.IsNullOrWhiteSpace(csv.Parser[i]);
            if (allEmpty) continue;

            string? code = Cell("code");
            string at = $"{source} line {line.ToString(CultureInfo.InvariantCulture)}";
            if (code is null)
            {
                problems.Add($"{at}: code is empty");
                continue;
            }

            at += $" ({code})";
            if (lineOf.TryGetValue(code, out int first))
            {
                problems.Add($"{at}: code '{code}' already on line {first.ToString(CultureInfo.InvariantCulture)}");
                continue;
            }

            lineOf[code] = line;
            if (known is not null && !known.Contains(code)) problems.Add($"{at}: code '{code}' is not the authority of any home");
            int? target = Whole(Cell("target"), "target", at, problems);
            int? minHomes = Whole(Cell("min_homes"), "min_homes", at, problems);
            int? teams = Whole(Cell("teams"), "teams", at, problems);
            double? spread = null;
            if (Cell("max_spread_m") is { } s)
            {
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)) spread = v;
                else problems.Add($"{at}: max_spread_m = '{s}' is not a number of metres > 0");
            }

            result.Add(new AuthoritySettings(code) { Name = Cell("name"), TargetSize = target, MinHomes = minHomes, MaxSpreadMeters = spread, Teams = teams });
        }

        if (problems.Count > 0) throw new AuthoritySettingsException(source, problems);
        return result;
    }

    private static int? Whole(string? text, string field, string at, List<string> problems)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 1) return v;
        problems.Add($"{at}: {field} = '{text}' is not a whole number >= 1");
        return null;
    }
}
