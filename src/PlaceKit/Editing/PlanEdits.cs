using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PlaceKit.IO;
using PlaceKit.Planning;

namespace PlaceKit.Editing;

/// <summary>Reads and writes an edit file: a CSV with the header <c>action,targets,argument</c> (optionally <c>author,time</c>), one edit a row.</summary>
/// <remarks>
/// Written for a spreadsheet, and as strict as the homes reader: columns are found by name case-insensitively (extra
/// columns ignored), the delimiter (comma, semicolon or tab) is the one the header uses, blank rows are skipped, cells
/// are trimmed, a row with more fields than the header is refused. <c>targets</c> is a <c>;</c>-separated list of home
/// or place ids; an id that itself holds a <c>;</c> is written <c>\;</c> (and a <c>\</c> before a <c>;</c>, another
/// <c>\</c> or the end of the id as <c>\\</c>; <see cref="JoinTargets"/> does this), so every id the homes reader
/// accepts can be addressed. A leading apostrophe before <c>= + - @</c> (the spreadsheet's text mark, as in PlaceKit's
/// own CSVs) is removed from each id and the argument (<see cref="SpreadsheetText"/>). Whether each edit makes sense
/// (known action, known ids, one authority, an argument only where the action takes one) is checked by
/// <see cref="PlanEditor"/> against the plan, so that every problem of a file is reported together. O(rows).
/// The optional <c>author</c> and <c>time</c> columns (ISO 8601) are kept in <see cref="PlanEdit.Author"/> and
/// <see cref="PlanEdit.Time"/> for the edit history.
/// </remarks>
public static class PlanEdits
{
    private static readonly string[] Names = ["action", "targets", "argument"];

    /// <summary>Reads an edit file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The edits, in file order, each with its line.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PlanEditException">The header lacks a column or a row cannot be read.</exception>
    public static IReadOnlyList<PlanEdit> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"edit file '{Path.GetFullPath(path)}' does not exist", path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>Reads edits from CSV text.</summary>
    /// <param name="reader">The text; not closed.</param>
    /// <returns>The edits, in file order, each with its line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="PlanEditException">The header lacks a column, or rows cannot be read (every such row is listed).</exception>
    public static IReadOnlyList<PlanEdit> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string text = reader.ReadToEnd(); // edit files are written by people: small
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new PlanEditException([new PlanEditProblem(1, "", "the edit file holds NUL characters: it is not UTF-8 text (save it as CSV UTF-8)")]);
        }

        int firstEnd = text.IndexOfAny(['\r', '\n']);
        string firstLine = firstEnd < 0 ? text : text[..firstEnd];
        string delimiter = firstLine.Contains(',', StringComparison.Ordinal) ? ","
            : firstLine.Contains(';', StringComparison.Ordinal) ? ";"
            : firstLine.Contains('\t', StringComparison.Ordinal) ? "\t" : ",";
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            BadDataFound = null,
        };
        var problems = new List<PlanEditProblem>();
        var edits = new List<PlanEdit>();
        using var csv = new CsvParser(new StringReader(text), config);
        try
        {
            if (!csv.Read())
            {
                throw new PlanEditException([new PlanEditProblem(1, "", "the edit file is empty: expected the header action,targets,argument")]);
            }

            var header = csv.Record ?? [];
            if (header.Any(h => h.Contains('\n', StringComparison.Ordinal) || h.Contains('\r', StringComparison.Ordinal)))
            {
                throw new PlanEditException([new PlanEditProblem(1, "", "a quote opened in the header is never closed (expected the header action,targets,argument)")]);
            }

            int[] index = new int[Names.Length];
            for (int c = 0; c < Names.Length; c++)
            {
                index[c] = Array.FindIndex(header, h => string.Equals(h.Trim(), Names[c], StringComparison.OrdinalIgnoreCase));
                if (index[c] < 0)
                {
                    problems.Add(new PlanEditProblem(1, "", $"the header has no '{Names[c]}' column (expected action,targets,argument; found {Shorten(string.Join(",", header))})"));
                }
            }

            if (problems.Count > 0) throw new PlanEditException(problems);
            int authorColumn = Array.FindIndex(header, h => string.Equals(h.Trim(), "author", StringComparison.OrdinalIgnoreCase));
            int timeColumn = Array.FindIndex(header, h => string.Equals(h.Trim(), "time", StringComparison.OrdinalIgnoreCase));
            int width = header.Length;
            while (csv.Read())
            {
                int line = csv.RawRow;
                int count = csv.Count;
                string Field(int i) => i < count ? csv[i].Trim() : "";
                bool blank = true;
                for (int i = 0; i < count && blank; i++) blank = csv[i].Trim().Length == 0;
                if (blank) continue;
                if (count > width)
                {
                    problems.Add(new PlanEditProblem(line, Row(csv, count, delimiter),
                        $"row has {count.ToString(CultureInfo.InvariantCulture)} fields but the header has {width.ToString(CultureInfo.InvariantCulture)}: more than one argument? (quote a cell that holds '{delimiter}')"));
                    continue;
                }

                string action = Field(index[0]).ToLowerInvariant();
                string argument = SpreadsheetText.Unescape(Field(index[2]));
                var ids = SplitTargets(Field(index[1]));
                string author = authorColumn < 0 ? "" : SpreadsheetText.Unescape(Field(authorColumn));
                string timeText = timeColumn < 0 ? "" : Field(timeColumn);
                DateTimeOffset? time = null;
                if (timeText.Length > 0)
                {
                    if (DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) time = t;
                    else problems.Add(new PlanEditProblem(line, Row(csv, count, delimiter), $"time '{timeText}' is not a date and time (use ISO 8601, e.g. 2026-03-01T14:05:00Z)"));
                }

                edits.Add(new PlanEdit(line, action, ids, argument) { Author = author.Length == 0 ? null : author, Time = time });
            }
        }
        catch (CsvHelperException ex)
        {
            problems.Add(new PlanEditProblem(ex.Context?.Parser?.RawRow ?? 0, "", $"the edit file could not be parsed as CSV: {ex.Message.Split('\n')[0].Trim()}"));
        }

        if (problems.Count > 0) throw new PlanEditException(problems);
        return edits;
    }

    /// <summary>Splits a <c>targets</c> cell into ids: <c>;</c> separates, <c>\;</c> is a <c>;</c> inside an id, <c>\\</c> a backslash.</summary>
    /// <param name="targets">The cell.</param>
    /// <returns>The ids, trimmed, empty ones dropped, each without a spreadsheet text mark.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> is null.</exception>
    public static IReadOnlyList<string> SplitTargets(string targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var ids = new List<string>();
        var id = new StringBuilder();
        void Flush()
        {
            string t = id.ToString().Trim();
            if (t.Length > 0) ids.Add(SpreadsheetText.Unescape(t));
            id.Clear();
        }

        for (int i = 0; i < targets.Length; i++)
        {
            char c = targets[i];
            if (c == '\\' && i + 1 < targets.Length && targets[i + 1] is ';' or '\\')
            {
                id.Append(targets[++i]);
            }
            else if (c == ';')
            {
                Flush();
            }
            else
            {
                id.Append(c);
            }
        }

        Flush();
        return ids;
    }

    /// <summary>Joins ids into a <c>targets</c> cell that <see cref="SplitTargets"/> reads back exactly (a <c>;</c> inside an id written <c>\;</c>, a formula-like id with the spreadsheet text mark).</summary>
    /// <param name="ids">The ids.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    public static string JoinTargets(IEnumerable<string> ids) => PlanEdit.JoinTargets(ids);

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";

    private static string Row(CsvParser csv, int count, string delimiter)
    {
        var fields = new string[count];
        for (int i = 0; i < count; i++) fields[i] = csv[i];
        string row = string.Join(delimiter, fields);
        return row.Length <= 200 ? row : row[..200];
    }

    /// <summary>Writes edits as an edit file that <see cref="Read(TextReader)"/> (and <c>placekit adjust</c>) reads back: the header <c>action,targets,argument,author,time</c>, one edit a row.</summary>
    /// <param name="edits">The edits, in order. Row k (0-based) is on line k + 2, so edits numbered that way (as <see cref="PlanEditor"/>'s history is when it starts from a plan with no edits) read back with the same lines.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A target id contains a line break, or an argument or author contains a line break: the row could not be read back as written.</exception>
    public static void Write(IEnumerable<PlanEdit> edits, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in (string[])["action", "targets", "argument", "author", "time"]) csv.WriteField(h);
        csv.NextRecord();
        foreach (var e in edits)
        {
            foreach (var t in e.Targets)
            {
                if (t.AsSpan().ContainsAny('\r', '\n'))
                {
                    throw new ArgumentException($"edit on line {e.Line}: id '{t}' contains a line break, so it cannot be written in the targets column", nameof(edits));
                }
            }

            if (e.Argument.AsSpan().ContainsAny('\r', '\n') || (e.Author ?? "").AsSpan().ContainsAny('\r', '\n'))
            {
                throw new ArgumentException($"edit on line {e.Line}: the argument or author contains a line break", nameof(edits));
            }

            csv.WriteField(e.Action);
            csv.WriteField(JoinTargets(e.Targets));
            csv.WriteField(SpreadsheetText.Escape(e.Argument));
            csv.WriteField(SpreadsheetText.Escape(e.Author ?? ""));
            csv.WriteField(e.Time is { } t2 ? t2.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "");
            csv.NextRecord();
        }
    }
}
