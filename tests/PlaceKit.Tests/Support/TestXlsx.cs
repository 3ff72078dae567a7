using MiniExcelLibs;

namespace PlaceKit.Tests.Support;

/// <summary>Writes .xlsx workbooks for tests with MiniExcel: each sheet a header and rows of cells (string = text cell, double = number cell, DateTime = date cell, null = empty).</summary>
public static class TestXlsx
{
    public static void Write(string path, params (string Sheet, string[] Header, IEnumerable<object?[]> Rows)[] sheets) => WriteBook(path, true, sheets);

    /// <summary>Without the header row: the first row written is row 1 (a header of the test's own, or title rows).</summary>
    public static void WriteRows(string path, IEnumerable<object?[]> rows)
    {
        int width = rows.Max(r => r.Length);
        WriteBook(path, false, [("Sheet1", [.. Enumerable.Range(0, width).Select(i => $"c{i}")], rows)]);
    }

    private static void WriteBook(string path, bool printHeader, (string Sheet, string[] Header, IEnumerable<object?[]> Rows)[] sheets)
    {
        var book = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (sheet, header, rows) in sheets)
        {
            book[sheet] = rows.Select(r =>
            {
                var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int i = 0; i < header.Length; i++) d[header[i]] = i < r.Length ? r[i] : null;
                return d;
            }).ToList();
        }

        if (File.Exists(path)) File.Delete(path);
        MiniExcel.SaveAs(path, book, printHeader: printHeader);
    }

    public static void Write(string path, string[] header, IEnumerable<object?[]> rows, string sheet = "Stock") => Write(path, (sheet, header, rows));
}
