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
/// parsing both coordinates, the same with Sep, and the whole <see cref="HomeCsv.Read(string, HomeCsvOptions?)"/>
/// (validation, duplicate ids, authority codes, columnar build) by its CsvHelper path and by its Sep path for plain
/// text (issue 17), with bytes allocated a home while reading and bytes a home the set keeps. Each layer runs twice;
/// the second (warm) run is printed. <c>--read-only</c> runs only the public whole-stage call (so an older build can run
/// the same file interleaved, before/after); <c>--repeat N</c> repeats the whole-stage layers.
/// </summary>
internal static class ReadProfile
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string csv = a.Text("csv") ?? throw new ArgumentException("readprofile needs --csv FILE");
        if (a.Flag("read-only"))
        {
            // Interleaved before/after runs (another build of PlaceKit runs the same public call): only the whole stage.
            for (int r = 0; r < a.Int("repeat", 1); r++) MeasureRead("HomeCsv.Read (whole stage)", () => HomeCsv.Read(csv));
            return 0;
        }

        ProfileMeasure.Measure("StreamReader.ReadLine", () =>
        {
            using var r = new StreamReader(csv);
            long n = 0;
            while (r.ReadLine() is not null) n++;
            return n;
        });
        ProfileMeasure.Measure("CsvParser, 4 fields as strings", () => Parse(csv, parseNumbers: false));
        ProfileMeasure.Measure("CsvParser + double.Parse x, y", () => Parse(csv, parseNumbers: true));
        ProfileMeasure.Measure("Sep, 4 fields as strings", () => SepParse(csv, parseNumbers: false));
        ProfileMeasure.Measure("Sep + double.Parse x, y (spans)", () => SepParse(csv, parseNumbers: true));
        for (int r = 0; r < a.Int("repeat", 1); r++)
        {
            MeasureRead("HomeCsv.Read, CsvHelper path", () =>
            {
                using var s = File.OpenRead(csv);
                return HomeCsv.Read(s, null, sepForPlainText: false);
            });
            MeasureRead("HomeCsv.Read (whole stage)", () => HomeCsv.Read(csv));
        }

        return 0;
    }

    /// <summary>The whole read, warm (second of two runs): wall, CPU, bytes allocated a home while reading, and bytes a home the set keeps.</summary>
    private static void MeasureRead(string name, Func<HomeSet> body)
    {
        using var self = Process.GetCurrentProcess();
        for (int run = 0; run < 2; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long live0 = GC.GetTotalMemory(true);
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            long alloc0 = GC.GetTotalAllocatedBytes(true);
            long start = Stopwatch.GetTimestamp();
            var set = body();
            var wall = Stopwatch.GetElapsedTime(start);
            long allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpu0;
            long kept = GC.GetTotalMemory(true) - live0;
            GC.KeepAlive(set);
            if (run == 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-34} {wall.TotalSeconds,7:0.000} s wall {cpu.TotalSeconds,7:0.000} s cpu {allocated / (double)set.Count,7:0.0} B/home allocated {kept / (double)set.Count,7:0.0} B/home kept ({set.Count:N0} homes)"));
            }
        }
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
}
