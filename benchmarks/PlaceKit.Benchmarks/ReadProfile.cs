using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using nietras.SeparatedValues;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>readprofile --csv FILE</c>: where the read stage's time goes, layer by layer on the same file: raw lines
/// (StreamReader), CsvHelper's CsvParser with every field materialised as a string (what HomeCsv does), the same plus
/// parsing both coordinates, and the whole <see cref="HomeCsv.Read(string, HomeCsvOptions?)"/> (validation, duplicate
/// ids, authority codes, columnar build). Each layer runs twice; the second (warm) run is printed, wall and CPU.
/// </summary>
internal static class ReadProfile
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string csv = a.Text("csv") ?? throw new ArgumentException("readprofile needs --csv FILE");
        Measure("StreamReader.ReadLine", () =>
        {
            using var r = new StreamReader(csv);
            long n = 0;
            while (r.ReadLine() is not null) n++;
            return n;
        });
        Measure("CsvParser, 4 fields as strings", () => Parse(csv, parseNumbers: false));
        Measure("CsvParser + double.Parse x, y", () => Parse(csv, parseNumbers: true));
        Measure("Sep, 4 fields as strings", () => SepParse(csv, parseNumbers: false));
        Measure("Sep + double.Parse x, y (spans)", () => SepParse(csv, parseNumbers: true));
        Measure("HomeCsv.Read (whole stage)", () => HomeCsv.Read(csv).Count);
        return 0;
    }

    private static long Parse(string csv, bool parseNumbers)
    {
        using var reader = new StreamReader(csv);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        parser.Read();
        long n = 0;
        double sum = 0;
        while (parser.Read())
        {
            string id = parser[0], x = parser[1], y = parser[2], la = parser[3];
            n += id.Length + la.Length;
            if (parseNumbers) sum += double.Parse(x, CultureInfo.InvariantCulture) + double.Parse(y, CultureInfo.InvariantCulture);
            else n += x.Length + y.Length;
        }

        return n + (long)sum;
    }

    private static long SepParse(string csv, bool parseNumbers)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(csv);
        long n = 0;
        double sum = 0;
        foreach (var row in reader)
        {
            string id = row[0].ToString(), la = row[3].ToString();
            n += id.Length + la.Length;
            if (parseNumbers) sum += double.Parse(row[1].Span, CultureInfo.InvariantCulture) + double.Parse(row[2].Span, CultureInfo.InvariantCulture);
            else n += row[1].ToString().Length + row[2].ToString().Length;
        }

        return n + (long)sum;
    }

    private static void Measure(string name, Func<long> body)
    {
        using var self = Process.GetCurrentProcess();
        for (int run = 0; run < 2; run++)
        {
            GC.Collect();
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            body();
            var wall = Stopwatch.GetElapsedTime(start);
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpu0;
            if (run == 1) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {wall.TotalSeconds,7:0.000} s wall {cpu.TotalSeconds,7:0.000} s cpu"));
        }
    }
}
