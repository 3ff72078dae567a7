using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PlaceKit.Planning;

namespace PlaceKit.Editing;

/// <summary>Reads an edit file: a CSV with the header <c>action,targets,argument</c>, one edit a row.</summary>
/// <remarks>
/// Written for a spreadsheet: columns are found by name case-insensitively (extra columns ignored), blank rows are
/// skipped, cells are trimmed, <c>targets</c> is a <c>;</c>-separated list of home or place ids. Whether each edit makes
/// sense (known action, known ids, one authority) is checked by <see cref="PlanEditor"/> against the plan, so that
/// every problem of a file is reported together. O(rows).
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
        var edits = new List<PlanEdit>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            string action = (csv.GetField(index[0]) ?? "").Trim().ToLowerInvariant();
            string targets = csv.GetField(index[1]) ?? "";
            string argument = (csv.GetField(index[2]) ?? "").Trim();
            if (action.Length == 0 && targets.Trim().Length == 0 && argument.Length == 0) continue;
            var ids = targets.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            edits.Add(new PlanEdit(line, action, ids, argument));
        }

        return edits;
    }
}
