namespace PlaceKit.IO;

/// <summary>
/// Makes a text cell of a CSV safe to open in a spreadsheet, and reads it back exactly: a cell that Excel, LibreOffice
/// or Google Sheets would run as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
/// return) is written with a leading apostrophe, the spreadsheet's own "this is text" mark.
/// </summary>
/// <remarks>
/// The mapping is one to one, so PlaceKit's readers get back the exact id: <see cref="Escape"/> also adds an
/// apostrophe to a cell that already starts with an apostrophe followed by one of those characters (or by another
/// apostrophe), and <see cref="Unescape"/> removes exactly one leading apostrophe from such cells. Every other cell,
/// including one that starts with a single apostrophe followed by anything else, is left as it is. Numbers PlaceKit
/// formats itself (coordinates, sizes) are written as numbers and are not text cells. See OWASP "CSV Injection".
/// O(1) for a cell that needs nothing, O(length) otherwise.
/// </remarks>
public static class SpreadsheetText
{
    /// <summary>Whether a spreadsheet would run the cell as a formula: it starts with <c>= + - @</c>, a tab or a carriage return.</summary>
    /// <param name="cell">The cell's text.</param>
    /// <returns><see langword="true"/> when the cell needs the text mark.</returns>
    public static bool IsFormulaLike(string? cell) => cell is { Length: > 0 } && IsTrigger(cell[0]);

    /// <summary>The cell as written to a CSV: with a leading apostrophe when a spreadsheet would otherwise run it as a formula.</summary>
    /// <param name="cell">The text (an id, an authority, a place name, a reason).</param>
    /// <returns>The cell to write; <see cref="Unescape"/> gives <paramref name="cell"/> back.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cell"/> is null.</exception>
    public static string Escape(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return NeedsMark(cell) ? "'" + cell : cell;
    }

    /// <summary>The text of a cell read from a CSV: one leading apostrophe removed when <see cref="Escape"/> would have added it.</summary>
    /// <param name="cell">The cell as read.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cell"/> is null.</exception>
    public static string Unescape(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length >= 2 && cell[0] == '\'' && (IsTrigger(cell[1]) || cell[1] == '\'') ? cell[1..] : cell;
    }

    private static bool NeedsMark(string cell) =>
        cell.Length > 0 && (IsTrigger(cell[0]) || (cell[0] == '\'' && cell.Length >= 2 && (IsTrigger(cell[1]) || cell[1] == '\'')));

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
