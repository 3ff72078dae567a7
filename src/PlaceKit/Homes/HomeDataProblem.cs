namespace PlaceKit.Homes;

/// <summary>One problem found in input homes: where it is, which home, which field, what value and what is wrong.</summary>
/// <param name="Line">The 1-based line of the input file, the 1-based row of a worksheet (see <see cref="Sheet"/>), or the 1-based position in an in-memory list; 0 when not tied to a line.</param>
/// <param name="HomeId">The id of the home, when the row has one; otherwise <see langword="null"/>.</param>
/// <param name="Field">The field (column) at fault, when the problem is tied to one; otherwise <see langword="null"/>.</param>
/// <param name="Value">The offending value as read, when there is one; otherwise <see langword="null"/>.</param>
/// <param name="Message">What is wrong, in words a data officer can act on.</param>
public sealed record HomeDataProblem(int Line, string? HomeId, string? Field, string? Value, string Message)
{
    /// <summary>The worksheet the problem is on, when the homes were read from a workbook (.xlsx); <see cref="Line"/> is then its row.</summary>
    /// <value>Default <see langword="null"/>: not a workbook.</value>
    public string? Sheet { get; init; }

    /// <summary>Formats the problem as one line: <c>line 17, home 'H-17', field 'latitude' = '91.5': message</c>, or <c>sheet 'Stock', row 17, ...</c> for a workbook.</summary>
    /// <returns>A single-line description of the problem.</returns>
    public override string ToString()
    {
        var where = Sheet is not null
            ? (Line > 0 ? $"sheet '{Shorten(Sheet)}', row {Line}" : $"sheet '{Shorten(Sheet)}'")
            : Line > 0 ? $"line {Line}" : "input";
        if (HomeId is not null) where += $", home '{Shorten(HomeId)}'";
        if (Field is not null) where += $", field '{Field}'";
        if (Value is not null) where += $" = '{Shorten(Value)}'";
        return $"{where}: {Escape(Message)}";
    }

    private static string Shorten(string value)
    {
        value = Escape(value);
        return value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "...");
    }

    // One problem, one line: line breaks and NULs from the input are shown escaped.
    private static string Escape(string value) =>
        value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
}
