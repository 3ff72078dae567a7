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
/// <c>run --csv FILE [--target 450] [--seed 42] [--threads -1] [--algorithm auto|lloyd|hamerly|elkan|size-constrained]
/// [--weights LO-HI] [--min-size N --max-size N] [--out DIR] [--time-report] [--upto cluster]</c>: <c>--upto cluster</c>
/// stops after clustering (read and cluster only: the work the scikit-learn peer script does); <c>--time-report</c> writes report.html once
/// more on its own after the export and prints its time (<c>report_seconds</c>, <c>report_cpu_seconds</c>); <c>--weights</c> gives every home a random weight in
/// [LO, HI] (seeded; 2 decimals) and sizes by weight.
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
        bool sizeConstrained = a.Text("algorithm", "auto") == "size-constrained";
        var algorithm = sizeConstrained ? KMeansAlgorithm.Auto : Enum.Parse<KMeansAlgorithm>(a.Text("algorithm", "auto"), ignoreCase: true);
        if (sizeConstrained)
        {
            options.Clustering.Algorithm = ClusteringAlgorithm.SizeConstrained;
            if (a.Text("min-size") is { } mn) options.Clustering.MinSize = int.Parse(mn, CultureInfo.InvariantCulture);
            if (a.Text("max-size") is { } mx) options.Clustering.MaxSize = int.Parse(mx, CultureInfo.InvariantCulture);
        }

        string? weights = a.Text("weights");
        if (weights is not null) options.SizeBy = SizeBy.Weight;
        string outDir = a.Text("out", Path.Combine(Path.GetTempPath(), "placekit-bench-out-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        var inv = CultureInfo.InvariantCulture;

        using var self = Process.GetCurrentProcess();
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        long start = Stopwatch.GetTimestamp();
        var cpu0 = Cpu(self);
        var homes = HomeCsv.Read(csv);
        if (weights is not null)
        {
            var range = weights.Split('-');
            double wlo = double.Parse(range[0], CultureInfo.InvariantCulture), whi = double.Parse(range[1], CultureInfo.InvariantCulture);
            var rng = new Random(options.Seed);
            homes = HomeSet.Create(Enumerable.Range(0, homes.Count).Select(i => homes[i] with { Weight = Math.Round(wlo + (rng.NextDouble() * (whi - wlo)), 2) }),
                CoordinateKind.Projected, homes.Projection, weighted: true);
        }

        var read = Stopwatch.GetElapsedTime(start);
        var cpuRead = Cpu(self);
        cpu["read"] = cpuRead - cpu0;
        Progress(self, "read", cpu["read"]);
        PlaceDefiner.Validate(options);
        WeightedBoundsStats.Reset();
        IPlaceClusterer clusterer = sizeConstrained ? new SizeConstrainedClusterer() : new KMeansClusterer(algorithm);
        if (a.Text("upto") is { } upto)
        {
            if (upto != "cluster") throw new ArgumentException($"--upto takes 'cluster', not '{upto}'");
            return ReadAndCluster(self, homes, clusterer, options, read, start, cpu0, cpuRead);
        }

        var definer = new PlaceDefiner(Options.Create(options), clusterer, new DensityScorer(), new PlaceTrimmer(), new CoverageCalculator(), new PlaceKit.Territories.VoronoiTerritoryBuilder());
        var plan = definer.Define(homes, new CpuProgress(self, cpu));
        long exportStart = Stopwatch.GetTimestamp();
        var cpuExport = Cpu(self);
        PlanExporter.WriteAll(plan, outDir);
        var export = Stopwatch.GetElapsedTime(exportStart);
        var total = Stopwatch.GetElapsedTime(start);
        double cpuEnd = Cpu(self);
        cpu["export"] = cpuEnd - cpuExport;
        Progress(self, "export", cpu["export"]);
        cpu["total"] = cpuEnd - cpu0;
        if (a.Flag("time-report"))
        {
            // The report alone, written once more (not part of the totals above): the export stage's share for report.html.
            long r0 = Stopwatch.GetTimestamp();
            double rc0 = Cpu(self);
            PlanReport.Write(plan, Stream.Null);
            Console.WriteLine($"report_seconds={Stopwatch.GetElapsedTime(r0).TotalSeconds.ToString("0.0000", inv)}");
            Console.WriteLine($"report_cpu_seconds={(Cpu(self) - rc0).ToString("0.0000", inv)}");
        }

        self.Refresh();
        var t = plan.Timings;
        Console.WriteLine($"algorithm={(sizeConstrained ? "size-constrained" : algorithm.ToString())}");
        if (sizeConstrained)
        {
            var (blo, bhi) = SizeConstrainedClusterer.SizeBounds(options.Resolved().Clustering);
            bool byWeight = options.SizeBy == SizeBy.Weight;
            double wmax = byWeight ? homes.Weights.ToArray().Max() : 1;
            var sizes = plan.Clusters.Select(c => byWeight ? c.Weight : c.Homes).ToArray();
            var s = WeightedBoundsStats.Read();
            Console.WriteLine($"bounds={blo.ToString(inv)}-{bhi.ToString(inv)}");
            Console.WriteLine($"clusters_outside_bounds={sizes.Count(x => x < blo - 1e-6 || x > bhi + 1e-6).ToString(inv)}");
            Console.WriteLine($"clusters_at_bounds={sizes.Count(x => x <= blo + wmax || x >= bhi - wmax).ToString(inv)}");
            Console.WriteLine($"clusters_at_lower={sizes.Count(x => x <= blo + wmax).ToString(inv)}");
            Console.WriteLine($"clusters_at_upper={sizes.Count(x => x >= bhi - wmax).ToString(inv)}");
            Console.WriteLine($"weighted_solves={s.Solves.ToString(inv)}");
            Console.WriteLine($"weighted_split_homes={s.Split.ToString(inv)}");
            Console.WriteLine($"weighted_repair_moves={s.Moves.ToString(inv)}");
            Console.WriteLine($"weighted_gap={(s.Fractional > 0 ? (s.Rounded / s.Fractional) - 1 : 0).ToString("R", inv)}");
        }

        PrintRun(options, homes, plan.Clusters.Count, plan.Authorities.Sum(x => x.Iterations), plan.TotalInertia, read, t.Cluster);
        Console.WriteLine($"score_seconds={t.Score.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"trim_seconds={t.Trim.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"coverage_seconds={t.Coverage.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"territories_seconds={t.Territories.TotalSeconds.ToString("0.0000", inv)}");
        foreach (var key in new[] { "territories_allocated", "territories_ws_before", "territories_ws_after", "territories_managed_after" })
        {
            Console.WriteLine($"{key}={cpu.GetValueOrDefault(key).ToString("0", inv)}");
        }

        Console.WriteLine($"export_seconds={export.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"total_seconds={total.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"peak_working_set={self.PeakWorkingSet64.ToString(inv)}");
        foreach (var (stage, seconds) in cpu.Where(kv => !kv.Key.Contains('_', StringComparison.Ordinal))) Console.WriteLine($"{stage}_cpu_seconds={seconds.ToString("0.0000", inv)}");
        if (!a.Flag("out")) Directory.Delete(outDir, recursive: true);
        return 0;
    }

    /// <summary>Clusters the homes read and prints what the peer runner compares (clusters, inertia, the stages' and the whole run's times).</summary>
    private static int ReadAndCluster(Process self, HomeSet homes, IPlaceClusterer clusterer, PlaceKitOptions options, TimeSpan read, long start, double cpu0, double cpuRead)
    {
        var inv = CultureInfo.InvariantCulture;
        var resolved = options.Resolved();
        long c0 = Stopwatch.GetTimestamp();
        var clusters = clusterer.Cluster(homes, resolved.Clustering, resolved.Context(progress: null, CancellationToken.None));
        var cluster = Stopwatch.GetElapsedTime(c0);
        var total = Stopwatch.GetElapsedTime(start);
        double cpuEnd = Cpu(self);
        Progress(self, "cluster", cpuEnd - cpuRead);
        PrintRun(resolved, homes, clusters.ClusterCount, clusters.Authorities.Sum(x => x.Iterations), clusters.TotalInertia, read, cluster);
        Console.WriteLine($"total_seconds={total.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"read_cpu_seconds={(cpuRead - cpu0).ToString("0.0000", inv)}");
        Console.WriteLine($"cluster_cpu_seconds={(cpuEnd - cpuRead).ToString("0.0000", inv)}");
        Console.WriteLine($"total_cpu_seconds={(cpuEnd - cpu0).ToString("0.0000", inv)}");
        self.Refresh();
        Console.WriteLine($"peak_working_set={self.PeakWorkingSet64.ToString(inv)}");
        return 0;
    }

    /// <summary>The lines every run prints: threads, the stock, the clustering's result, and the read and cluster times.</summary>
    private static void PrintRun(PlaceKitOptions options, HomeSet homes, int clusters, int iterations, double inertia, TimeSpan read, TimeSpan cluster)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"threads={(options.MaxDegreeOfParallelism < 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism).ToString(inv)}");
        Console.WriteLine($"homes={homes.Count.ToString(inv)}");
        Console.WriteLine($"authorities={homes.Authorities.Count.ToString(inv)}");
        Console.WriteLine($"clusters={clusters.ToString(inv)}");
        Console.WriteLine($"iterations={iterations.ToString(inv)}");
        Console.WriteLine($"inertia={inertia.ToString("R", inv)}");
        Console.WriteLine($"read_seconds={read.TotalSeconds.ToString("0.0000", inv)}");
        Console.WriteLine($"cluster_seconds={cluster.TotalSeconds.ToString("0.0000", inv)}");
    }

    private static double Cpu(Process p)
    {
        p.Refresh();
        return p.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Records the process CPU time each stage took (synchronously, on the reporting thread).</summary>
    /// <summary>One "progress:" line on stderr as a stage ends (the parent runner shows it at once).</summary>
    private static void Progress(Process self, string stage, double cpuSeconds)
    {
        self.Refresh();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress: {stage} done, {cpuSeconds:0.0} cpu s, working set {self.WorkingSet64 / 1048576.0:N0} MiB (peak {self.PeakWorkingSet64 / 1048576.0:N0} MiB)"));
    }

    private sealed class CpuProgress(Process self, Dictionary<string, double> cpu) : IProgress<PlanProgress>
    {
        private double _start;
        private long _allocated;

        public void Report(PlanProgress value)
        {
            double now = Cpu(self);
            string stage = value.Stage.ToString().ToLowerInvariant();
            if (!value.Done)
            {
                _start = now;
                _allocated = GC.GetTotalAllocatedBytes(precise: false);
                self.Refresh();
                cpu[stage + "_ws_before"] = self.WorkingSet64;
            }
            else
            {
                cpu[stage] = now - _start;
                cpu[stage + "_allocated"] = GC.GetTotalAllocatedBytes(precise: false) - _allocated;
                self.Refresh();
                cpu[stage + "_ws_after"] = self.WorkingSet64;
                cpu[stage + "_managed_after"] = GC.GetTotalMemory(forceFullCollection: false);
                Progress(self, stage, now - _start);
            }
        }
    }
}
