using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace PlaceKit.Editing;

/// <summary>Reads and writes an edit file: a CSV with the header <c>action,targets,argument</c> (optionally <c>author,time</c>), one edit a row.</summary>
/// <remarks>
/// Written for a spreadsheet: columns are found by name case-insensitively (extra columns ignored), blank rows are
/// skipped, cells are trimmed, <c>targets</c> is a <c>;</c>-separated list of home or place ids. Whether each edit makes
/// sense (known action, known ids, one authority) is checked by <see cref="PlanEditor"/> against the plan, so that
/// every problem of a file is reported together. The optional <c>author</c> and <c>time</c> columns (ISO 8601) are kept
/// in <see cref="PlanEdit.Author"/> and <see cref="PlanEdit.Time"/> for the edit history. O(rows).
/// </remarks>
public static class PlanEdits
{
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
    /// <exception cref="PlanEditException">The header lacks a column or a row cannot be read.</exception>
    public static IReadOnlyList<PlanEdit> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, config, leaveOpen: true);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new PlanEditException([new PlanEditProblem(1, "", "the edit file is empty: expected the header action,targets,argument")]);
        }

        var header = csv.HeaderRecord ?? [];
        var missing = new List<PlanEditProblem>();
        int[] index = new int[3];
        string[] names = ["action", "targets", "argument"];
        for (int c = 0; c < names.Length; c++)
        {
            index[c] = Array.FindIndex(header, h => string.Equals(h.Trim(), names[c], StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0) missing.Add(new PlanEditProblem(1, "", $"the header has no '{names[c]}' column (expected action,targets,argument; found {string.Join(",", header)})"));
        }

        if (missing.Count > 0) throw new PlanEditException(missing);
        int authorColumn = Array.FindIndex(header, h => string.Equals(h.Trim(), "author", StringComparison.OrdinalIgnoreCase));
        int timeColumn = Array.FindIndex(header, h => string.Equals(h.Trim(), "time", StringComparison.OrdinalIgnoreCase));
        var edits = new List<PlanEdit>();
        var badTimes = new List<PlanEditProblem>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            string action = (csv.GetField(index[0]) ?? "").Trim().ToLowerInvariant();
            string targets = csv.GetField(index[1]) ?? "";
            string argument = (csv.GetField(index[2]) ?? "").Trim();
            if (action.Length == 0 && targets.Trim().Length == 0 && argument.Length == 0) continue;
            var ids = targets.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            string author = authorColumn < 0 ? "" : (csv.GetField(authorColumn) ?? "").Trim();
            string timeText = timeColumn < 0 ? "" : (csv.GetField(timeColumn) ?? "").Trim();
            DateTimeOffset? time = null;
            if (timeText.Length > 0)
            {
                if (DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) time = t;
                else badTimes.Add(new PlanEditProblem(line, $"{action},{string.Join(';', ids)},{argument}", $"time '{timeText}' is not a date and time (use ISO 8601, e.g. 2026-03-01T14:05:00Z)"));
            }

            edits.Add(new PlanEdit(line, action, ids, argument) { Author = author.Length == 0 ? null : author, Time = time });
        }

        if (badTimes.Count > 0) throw new PlanEditException(badTimes);
        return edits;
    }

    /// <summary>Writes edits as an edit file that <see cref="Read(TextReader)"/> (and <c>placekit adjust</c>) reads back: the header <c>action,targets,argument,author,time</c>, one edit a row.</summary>
    /// <param name="edits">The edits, in order. Row k (0-based) is on line k + 2, so edits numbered that way (as <see cref="PlanEditor"/>'s history is when it starts from a plan with no edits) read back with the same lines.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A target id contains <c>;</c> or a line break, or an argument or author contains a line break: the row could not be read back as written.</exception>
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
                if (t.Contains(';', StringComparison.Ordinal) || t.AsSpan().ContainsAny('\r', '\n'))
                {
                    throw new ArgumentException($"edit on line {e.Line}: id '{t}' contains ';' or a line break, so it cannot be written in the targets column", nameof(edits));
                }
            }

            if (e.Argument.AsSpan().ContainsAny('\r', '\n') || (e.Author ?? "").AsSpan().ContainsAny('\r', '\n'))
            {
                throw new ArgumentException($"edit on line {e.Line}: the argument or author contains a line break", nameof(edits));
            }

            csv.WriteField(e.Action);
            csv.WriteField(string.Join(';', e.Targets));
            csv.WriteField(e.Argument);
            csv.WriteField(e.Author ?? "");
            csv.WriteField(e.Time is { } t2 ? t2.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "");
            csv.NextRecord();
        }
    }
}
