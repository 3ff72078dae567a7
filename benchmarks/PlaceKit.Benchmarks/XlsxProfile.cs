using System.Diagnostics;
using System.Globalization;
using ExcelDataReader;
using MiniExcelLibs;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>xlsxprofile [--homes 45000,200000]</c>: reading a workbook of homes (id, easting, northing, authority; numbers
/// as numeric cells) with ExcelDataReader and with MiniExcel, both streaming the first sheet and materialising every
/// cell the way the homes reader needs it. Each reader runs twice per size; the second (warm) run is printed: wall,
/// CPU, bytes allocated and the peak working set. Used to pick the library for .xlsx input (issue 14).
/// </summary>
internal static class XlsxProfile
{
    internal static int Execute(string[] args)
    {
        // ExcelDataReader's configuration asks for code page 1252 even for .xlsx: it needs the code-pages provider.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var a = new CommandArgs(args);
        int[] sizes = [.. a.Text("homes", "45000,200000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        foreach (int n in sizes)
        {
            string path = Path.Combine(Path.GetTempPath(), $"placekit-xlsxprofile-{n}.xlsx");
            var homes = SampleStock.Generate(n, Math.Max(1, n / 1500), 42);
            var rows = homes.Select(h => new Dictionary<string, object> { ["id"] = h.Id, ["easting"] = h.X, ["northing"] = h.Y, ["authority"] = h.Authority });
            File.Delete(path);
            MiniExcel.SaveAs(path, rows, sheetName: "Stock");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n:N0} homes, {new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MiB xlsx"));
            ProfileMeasure.Measure("ExcelDataReader", () => ReadExcelDataReader(path));
            ProfileMeasure.Measure("MiniExcel Query (dynamic rows)", () => ReadMiniExcel(path, header: true));
            ProfileMeasure.Measure("MiniExcel Query (A,B,C keys)", () => ReadMiniExcel(path, header: false));
            ProfileMeasure.Measure("HomeXlsx.Read (whole stage)", () => HomeXlsx.Read(path).Count);
            string csv = Path.ChangeExtension(path, ".csv");
            using (var w = new StreamWriter(csv)) HomeCsv.Write(homes, w);
            ProfileMeasure.Measure("HomeCsv.Read, same stock as CSV", () => HomeCsv.Read(csv).Count);
            File.Delete(csv);
            File.Delete(path);
        }

        return 0;
    }

    private static long ReadExcelDataReader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        long n = 0;
        double sum = 0;
        reader.Read(); // header
        while (reader.Read())
        {
            n += (reader.GetValue(0) as string ?? "").Length + (reader.GetValue(3) as string ?? "").Length;
            sum += Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture) + Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
        }

        return n + (long)sum;
    }

    private static long ReadMiniExcel(string path, bool header)
    {
        using var stream = File.OpenRead(path);
        long n = 0;
        double sum = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: header))
        {
            var v = row.Values.ToArray();
            if (!header && n == 0 && v[0] is string s && s == "id") { n = 1; continue; }
            n += (v[0] as string ?? "").Length + (v[3] as string ?? "").Length;
            sum += Convert.ToDouble(v[1], CultureInfo.InvariantCulture) + Convert.ToDouble(v[2], CultureInfo.InvariantCulture);
        }

        return n + (long)sum;
    }
}
