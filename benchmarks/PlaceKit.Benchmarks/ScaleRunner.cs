using System.Diagnostics;
using System.Globalization;
using System.Text;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>scale --homes N --authorities M [--seed 42] [--target 450] [--threads -1] [--algorithm auto|size-constrained]
/// [--weights 0.5-4] [--min-size N] [--max-size N] [--out DIR] [--time-report]</c>: generates a
/// national-size stock with <see cref="SampleStock.Generate"/>, writes it to a temporary CSV (kept and reused), then runs
/// the whole pipeline on it in a fresh child process and prints per-stage times, total, homes per second and the peak
/// working set of that process; the child prints a <c>progress:</c> line (CPU seconds, working set and peak) as each stage
/// ends. England's size is <c>--homes 25000000 --authorities 330</c> (issue 17). <c>--out DIR</c> keeps the outputs there (report.html included) instead of a deleted
/// temporary folder; <c>--time-report</c> also times report.html alone (written once more after the export).
/// </summary>
internal static class ScaleRunner
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        int homes = a.Int("homes", 1_000_000), authorities = a.Int("authorities", 300), seed = a.Int("seed", 42);
        var inv = CultureInfo.InvariantCulture;
        string csv = a.Text("csv") ?? Path.Combine(Path.GetTempPath(), string.Create(inv, $"placekit-stock-{homes}-{authorities}-{seed}.csv"));
        if (!File.Exists(csv))
        {
            long g = Stopwatch.GetTimestamp();
            string tmp = csv + ".tmp";
            WriteStock(tmp, homes, authorities, seed);
            File.Move(tmp, csv, overwrite: true);

            // Hand the generated stock's memory back before the child runs (25M homes: about 3 GB).
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Console.WriteLine(string.Create(inv, $"generated {homes:N0} homes in {authorities:N0} authorities -> {csv} ({new FileInfo(csv).Length / 1e6:0.0} MB) in {Stopwatch.GetElapsedTime(g).TotalSeconds:0.0} s"));
        }

        var run = new List<string> { "run", "--csv", csv, "--seed", a.Text("seed", "42"), "--target", a.Text("target", "450"),
            "--threads", a.Text("threads", "-1"), "--algorithm", a.Text("algorithm", "auto") };
        foreach (var extra in new[] { "weights", "min-size", "max-size", "out" })
        {
            if (a.Text(extra) is { } value) run.AddRange(["--" + extra, value]);
        }

        if (a.Flag("time-report")) run.Add("--time-report");
        var (v, wall, cpu) = ChildProcess.RunSelf([.. run]);
        double total = v.Number("total_seconds");
        Console.WriteLine(string.Create(inv, $"PlaceKit pipeline on {csv}"));
        Console.WriteLine(string.Create(inv, $"  homes {v.Number("homes"):N0}, authorities {v.Number("authorities"):N0}, clusters {v.Number("clusters"):N0}, kernel {v["algorithm"]}, threads {v["threads"]}"));
        foreach (var stage in new[] { "read", "cluster", "score", "trim", "coverage", "territories", "export" })
        {
            Console.WriteLine(string.Create(inv, $"  {stage,-9} {v.Number(stage + "_seconds"),8:0.000} s   cpu {v.Number(stage + "_cpu_seconds"),8:0.000} s"));
        }

        if (a.Flag("time-report")) Console.WriteLine(string.Create(inv, $"  (report.html alone, written again: {v.Number("report_seconds"):0.000} s   cpu {v.Number("report_cpu_seconds"):0.000} s)"));
        Console.WriteLine(string.Create(inv,
            $"  territories: {v.Number("territories_allocated") / (1 << 20):N0} MiB allocated, working set {v.Number("territories_ws_before") / (1 << 20):N0} -> {v.Number("territories_ws_after") / (1 << 20):N0} MiB"));
        Console.WriteLine(string.Create(inv, $"  total     {total,8:0.000} s   cpu {v.Number("total_cpu_seconds"),8:0.000} s   ({v.Number("homes") / total:N0} homes/s)"));
        Console.WriteLine(string.Create(inv, $"  process   {wall.TotalSeconds,8:0.000} s wall, {cpu.TotalSeconds:0.000} s cpu, start-up included"));
        Console.WriteLine(string.Create(inv, $"  load average at the end: {LoadAverage()}"));
        Console.WriteLine(string.Create(inv, $"  peak working set {v.Number("peak_working_set") / (1 << 20):N0} MiB ({v["peak_working_set"]} bytes)"));
        Console.WriteLine(string.Create(inv, $"  total inertia {v.Number("inertia"):E6} m², iterations {v["iterations"]}"));
        if (v["algorithm"] == "size-constrained")
        {
            double clusters = v.Number("clusters");
            Console.WriteLine(string.Create(inv, $"  bounds {v["bounds"]}: {v.Number("clusters_outside_bounds"):N0} clusters outside; at a bound (within one home's weight): {v.Number("clusters_at_bounds"):N0} ({v.Number("clusters_at_bounds") / clusters:P1}; lower {v.Number("clusters_at_lower"):N0}, upper {v.Number("clusters_at_upper"):N0})"));
            Console.WriteLine(string.Create(inv, $"  weighted assignment: {v.Number("weighted_solves"):N0} solves, {v.Number("weighted_split_homes"):N0} split homes rounded, {v.Number("weighted_repair_moves"):N0} repair moves, rounded cost {v.Number("weighted_gap"):P3} over the fractional optimum"));
        }
        return 0;
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static void WriteStock(string path, int homes, int authorities, int seed)
    {
        var stock = SampleStock.Generate(homes, authorities, seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        HomeCsv.Write(stock, writer);
    }
}
