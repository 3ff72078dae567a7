using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Trimming;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>run --csv FILE [--target 450] [--seed 42] [--threads -1] [--algorithm auto|lloyd|hamerly|elkan] [--out DIR]</c>:
/// one whole pipeline run (read, cluster, score, trim, coverage, export) in this process, printed as key=value lines.
/// The scale and peer commands start it as a child process so its peak working set is the pipeline's alone.
/// </summary>
internal static class PipelineRun
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string csv = a.Text("csv") ?? throw new ArgumentException("run needs --csv FILE");
        var options = new PlaceKitOptions
        {
            Seed = a.Int("seed", 42),
            MaxDegreeOfParallelism = a.Int("threads", -1),
            Clustering = { TargetSize = a.Int("target", 450) },
        };
        var algorithm = Enum.Parse<KMeansAlgorithm>(a.Text("algorithm", "auto"), ignoreCase: true);
        string outDir = a.Text("out", Path.Combine(Path.GetTempPath(), "placekit-bench-out-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        var inv = CultureInfo.InvariantCulture;

        long start = Stopwatch.GetTimestamp();
        var homes = HomeCsv.Read(csv);
        var read = Stopwatch.GetElapsedTime(start);
        PlaceDefiner.Validate(options);
        var definer = new PlaceDefiner(Options.Create(options), new KMeansClusterer(algorithm), new DensityScorer(), new PlaceTrimmer(), new CoverageCalculator());
        var plan = definer.Define(homes);
        long exportStart = Stopwatch.GetTimestamp();
        PlanExporter.WriteAll(plan, outDir);
        var export = Stopwatch.GetElapsedTime(exportStart);
        var total = Stopwatch.GetElapsedTime(start);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var t = plan.Timings;
        Console.WriteLine($"algorithm={algorithm}");
        Console.WriteLine($"threads={(options.MaxDegreeOfParallelism < 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism).ToString(inv)}");
        Console.WriteLine($"homes={homes.Count.ToString(inv)}");
        Console.WriteLine($"authorities={homes.Authorities.Count.ToString(inv)}");
        Console.WriteLine($"clusters={plan.Clusters.Count.ToString(inv)}");
        Console.WriteLine($"iterations={plan.Authorities.Sum(x => x.Iterations).ToString(inv)}");
        Console.WriteLine($"inertia={plan.TotalInertia.ToString("R", inv)}");
        Console.WriteLine($"read_seconds={read.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"cluster_seconds={t.Cluster.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"score_seconds={t.Score.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"trim_seconds={t.Trim.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"coverage_seconds={t.Coverage.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"export_seconds={export.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"total_seconds={total.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"peak_working_set={self.PeakWorkingSet64.ToString(inv)}");
        if (!a.Flag("out")) Directory.Delete(outDir, recursive: true);
        return 0;
    }
}
