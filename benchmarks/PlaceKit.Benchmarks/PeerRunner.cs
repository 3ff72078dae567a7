using System.Globalization;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>peer --csv FILE [--target 450] [--seed 42] [--python /usr/bin/python3] [--lloyd]</c>: runs PlaceKit's whole
/// pipeline and scikit-learn's KMeans (benchmarks/peers/kmeans_sklearn.py, lloyd and elkan) on the same CSV, each in its
/// own process, and prints clustering time, whole-process wall time, total inertia, and the ratios against scikit-learn's
/// faster algorithm. <c>--lloyd</c> adds PlaceKit's plain Lloyd kernel (the pre-acceleration baseline). <c>--postgis</c>
/// adds PostGIS's <c>ST_ClusterKMeans</c> (benchmarks/peers/kmeans_postgis.sh, a throwaway server of its own); its
/// "whole process" columns are load + clustering query (server start-up excluded) and the server's CPU plus the
/// script's.
/// <c>--repeat N</c> (default 1) runs everything N times, interleaved, and keeps each run's fastest clustering, wall and
/// CPU times (for a noisy shared machine).
/// </summary>
internal static class PeerRunner
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string csv = Path.GetFullPath(a.Text("csv") ?? throw new ArgumentException("peer needs --csv FILE"));
        string target = a.Text("target", "450"), seed = a.Text("seed", "42");
        string python = a.Text("python", "/usr/bin/python3");
        string script = a.Text("script") ?? FindScript();
        var inv = CultureInfo.InvariantCulture;

        int repeat = Math.Max(1, a.Int("repeat", 1));
        var runs = new List<(string Name, bool Peer, Func<(Dictionary<string, string> Values, TimeSpan Wall, TimeSpan Cpu)> Run)>
        {
            ("PlaceKit (accelerated)", false, () => ChildProcess.RunSelf("run", "--csv", csv, "--target", target, "--seed", seed, "--algorithm", "auto")),
        };
        // The same work as the peer script (read the CSV, cluster every authority), in a process of its own: what the
        // whole define's extra stages (score, trim, coverage, territories, every output) add is the difference.
        runs.Add(("PlaceKit (read and cluster only, as the peer script)", false, () => ChildProcess.RunSelf("run", "--csv", csv, "--target", target, "--seed", seed, "--algorithm", "auto", "--upto", "cluster")));
        if (a.Flag("lloyd")) runs.Add(("PlaceKit (Lloyd)", false, () => ChildProcess.RunSelf("run", "--csv", csv, "--target", target, "--seed", seed, "--algorithm", "lloyd")));
        foreach (var alg in new[] { "lloyd", "elkan" })
        {
            // OpenMP's default (one thread a core) and one thread: on a busy 2-core machine libgomp's spinning
            // barriers can make the threaded run far slower, so the peer gets the better of the two.
            foreach (var threads in new[] { "", "1" })
            {
                var env = threads.Length == 0 ? null : new Dictionary<string, string> { ["OMP_NUM_THREADS"] = threads };
                string label = threads.Length == 0 ? "OpenMP default threads" : "OMP_NUM_THREADS=1";
                runs.Add(($"scikit-learn ({alg}, {label})", true, () => ChildProcess.Run(python, [script, csv, "--target", target, "--seed", seed, "--algorithm", alg], env)));
            }
        }

        if (a.Flag("postgis"))
        {
            string postgis = Path.Combine(Path.GetDirectoryName(script)!, "kmeans_postgis.sh");
            runs.Add(("PostGIS (ST_ClusterKMeans, one backend)", false, () =>
            {
                var (v, _, cpu) = ChildProcess.Run("bash", [postgis, csv, "--target", target]);
                var wall = TimeSpan.FromSeconds(v.Number("load_seconds") + v.Number("cluster_seconds"));
                return (v, wall, cpu + TimeSpan.FromSeconds(v.Number("server_cpu_seconds")));
            }));
        }

        var rows = new (string Name, Dictionary<string, string> V, TimeSpan Wall, TimeSpan Cpu)[runs.Count];
        for (int rep = 0; rep < repeat; rep++)
        {
            for (int r = 0; r < runs.Count; r++)
            {
                var (values, wall, cpu) = runs[r].Run();
                if (rep == 0)
                {
                    rows[r] = (runs[r].Name, values, wall, cpu);
                    continue;
                }

                var kept = rows[r];
                if (values.Number("cluster_seconds") < kept.V.Number("cluster_seconds")) kept.V["cluster_seconds"] = values["cluster_seconds"];
                rows[r] = (kept.Name, kept.V, wall < kept.Wall ? wall : kept.Wall, cpu < kept.Cpu ? cpu : kept.Cpu);
            }
        }

        var pk = rows[0];
        var peers = rows.Where((_, r) => runs[r].Peer).ToList(); // scikit-learn's runs
        var best = peers.MinBy(p => p.V.Number("cluster_seconds"));
        var bestWall = peers.Min(p => p.Wall.TotalSeconds);
        Console.WriteLine(string.Create(inv, $"{csv}: {pk.V.Number("homes"):N0} homes, {pk.V.Number("authorities"):N0} authorities, target {target}, seed {seed}, best of {repeat}"));
        Console.WriteLine("| run | clusters | total inertia m² | cluster s | whole process s (wall) | whole process cpu s | inertia vs best peer | cluster speed-up | whole speed-up |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, v, wall, cpu) in rows)
        {
            double inertiaDiff = (v.Number("inertia") / best.V.Number("inertia")) - 1;
            double clusterRatio = best.V.Number("cluster_seconds") / v.Number("cluster_seconds");
            double wholeRatio = bestWall / wall.TotalSeconds;
            Console.WriteLine(string.Create(inv,
                $"| {name} | {v.Number("clusters"):N0} | {v.Number("inertia"):E6} | {v.Number("cluster_seconds"):0.000} | {wall.TotalSeconds:0.000} | {cpu.TotalSeconds:0.000} | {inertiaDiff * 100:+0.00;-0.00;0.00}% | {clusterRatio:0.00}x | {wholeRatio:0.00}x |"));
        }

        Console.WriteLine(string.Create(inv, $"Inertia and cluster speed-up are against {best.Name}, the fastest scikit-learn clustering on this file; whole speed-up against the fastest scikit-learn process ({bestWall:0.000} s). > 1 means PlaceKit is faster."));
        Console.WriteLine($"Load average at the end: {ScaleRunner.LoadAverage()}");
        return 0;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "benchmarks", "peers", "kmeans_sklearn.py");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("benchmarks/peers/kmeans_sklearn.py not found above the program's folder; pass --script PATH");
    }
}
