using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary><c>placekit define [INPUT.csv] --out DIR ...</c>: read homes, define places, write the outputs, print a summary.</summary>
internal static class DefineCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<FileInfo?>("input")
        {
            Description = "CSV of homes (id, easting/northing or longitude/latitude, authority). Omit to use the built-in sample stock.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("placekit-out") };
        var target = new Option<int>("--target") { Description = "Target homes per cluster (k = round(n / target) per authority).", DefaultValueFactory = _ => 450 };
        var seed = new Option<int>("--seed") { Description = "Random seed; same input and seed give the same plan.", DefaultValueFactory = _ => 42 };
        var minHomes = new Option<int?>("--min-homes") { Description = "Fewest homes a place may have (default: the target)." };
        var maxSpread = new Option<double>("--max-spread-m") { Description = "Largest r90 (metres) a place may have.", DefaultValueFactory = _ => 2500 };
        var crs = new Option<string?>("--crs") { Description = "CRS of easting/northing input (EPSG:N or WKT); default EPSG:27700 (British National Grid)." };
        var force = new Option<bool>("--force") { Description = "Write into an output folder that holds files PlaceKit did not write (only PlaceKit's files in it are replaced)." };
        var homesGeoJson = new Option<bool>("--homes-geojson") { Description = "Also write homes.geojson: every home as a WGS84 point with place_id and status (about 230 bytes a home)." };
        var threads = new Option<int>("--threads") { Description = "Most authorities clustered at once; -1 = all cores. Never changes the result.", DefaultValueFactory = _ => -1 };
        var command = new Command("define", "Define places for a stock of homes and write homes.csv, clusters.csv, places.geojson, coverage.json and report.html.")
        {
            input, outDir, target, seed, minHomes, maxSpread, crs, threads, force, homesGeoJson,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            var options = new PlaceKitOptions
            {
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(threads),
                Clustering = { TargetSize = parse.GetValue(target) },
                Trimming = { MinHomes = parse.GetValue(minHomes), MaxSpreadMeters = parse.GetValue(maxSpread) },
            };
            var export = new PlanExportOptions { Force = parse.GetValue(force), HomesGeoJson = parse.GetValue(homesGeoJson) };
            return Run(parse.GetValue(input), parse.GetValue(outDir)!, parse.GetValue(crs), export, options, output, error, ct);
        })));
        return command;
    }

    private static int Run(FileInfo? input, DirectoryInfo outDir, string? crs, PlanExportOptions exportOptions, PlaceKitOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        var definer = PlaceDefiner.Create(options);
        var csvOptions = new HomeCsvOptions { Projection = crs is null ? null : PlaceKitCli.ParseCrs(crs) };
        PlanExporter.EnsureWritable(outDir.FullName, exportOptions); // fail before any work, not after it
        var progress = RunProgress.For(error);
        var (source, plan, files, read, export) = progress.Run(() => Define(input, outDir, exportOptions, definer, csvOptions, progress, ct));
        Summary.Write(output, source, plan, files, read, export, Stopwatch.GetElapsedTime(start));
        return 0;
    }

    private static (string Source, PlacePlan Plan, IReadOnlyList<string> Files, TimeSpan Read, TimeSpan Export) Define(
        FileInfo? input, DirectoryInfo outDir, PlanExportOptions exportOptions, PlaceDefiner definer, HomeCsvOptions csvOptions, RunProgress progress, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        progress.Begin("read");
        string source;
        HomeSet homes;
        if (input is null)
        {
            homes = SampleStock.Sample();
            source = $"built-in sample stock ({SampleStock.SampleHomes:N0} homes, {SampleStock.SampleAuthorities} authorities)";
        }
        else
        {
            if (!input.Exists) throw new FileNotFoundException($"input file '{input.FullName}' does not exist");
            homes = HomeCsv.Read(input.FullName, csvOptions);
            source = input.FullName;
        }

        var read = Stopwatch.GetElapsedTime(start);
        progress.End("read", read, $"{homes.Count:N0} homes");
        var plan = definer.Define(homes, progress, ct);
        long exportStart = Stopwatch.GetTimestamp();
        progress.Begin("write");
        var files = PlanExporter.WriteAll(plan, outDir.FullName, exportOptions, ct);
        var export = Stopwatch.GetElapsedTime(exportStart);
        progress.End("write", export, $"{files.Count} files");
        return (source, plan, files, read, export);
    }
}
