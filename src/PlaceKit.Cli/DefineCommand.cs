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
        var threads = new Option<int>("--threads") { Description = "Most authorities clustered at once; -1 = all cores. Never changes the result.", DefaultValueFactory = _ => -1 };
        var command = new Command("define", "Define places for a stock of homes and write homes.csv, clusters.csv, places.geojson and coverage.json.")
        {
            input, outDir, target, seed, minHomes, maxSpread, crs, threads,
        };
        var plan = new PlanOptionsCli();
        plan.AddTo(command);
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            var options = new PlaceKitOptions
            {
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(threads),
                Clustering = { TargetSize = parse.GetValue(target) },
                Trimming = { MinHomes = parse.GetValue(minHomes), MaxSpreadMeters = parse.GetValue(maxSpread) },
            };
            plan.ApplyTo(parse, options);
            return Run(parse.GetValue(input), parse.GetValue(outDir)!, parse.GetValue(crs), options, output, ct);
        })));
        return command;
    }

    private static int Run(FileInfo? input, DirectoryInfo outDir, string? crs, PlaceKitOptions options, TextWriter output, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        var definer = PlaceDefiner.Create(options);
        var (homes, source) = HomeInput.Load(input, crs);
        var read = Stopwatch.GetElapsedTime(start);
        var plan = definer.Define(homes, null, ct);
        long exportStart = Stopwatch.GetTimestamp();
        var files = PlanExporter.WriteAll(plan, outDir.FullName);
        var export = Stopwatch.GetElapsedTime(exportStart);
        var total = Stopwatch.GetElapsedTime(start);
        Summary.Write(output, source, plan, files, read, export, total);
        return 0;
    }
}
