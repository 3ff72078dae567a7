using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlaceKit.Editing;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Persistence;

namespace PlaceKit.Cli;

/// <summary><c>placekit define [INPUT.csv] --out DIR ...</c>: read homes, define places, write the outputs, print a summary.</summary>
internal static class DefineCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<FileInfo?>("input")
        {
            Description = "CSV or Excel workbook (.xlsx) of homes (id, easting/northing or longitude/latitude, authority). Omit to use the built-in sample stock.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("placekit-out") };
        var target = new Option<int>("--target") { Description = "Target homes per cluster (k = round(n / target) per authority).", DefaultValueFactory = _ => 450 };
        var seed = new Option<int>("--seed") { Description = "Random seed; same input and seed give the same plan.", DefaultValueFactory = _ => 42 };
        var minHomes = new Option<int?>("--min-homes") { Description = "Fewest homes a place may have (default: the target)." };
        var maxSpread = new Option<double>("--max-spread-m") { Description = "Largest r90 (metres) a place may have.", DefaultValueFactory = _ => 2500 };
        var teams = new Option<int?>("--teams")
        {
            Description = "Number of teams: the plan has this many places, the largest clusters that keep the spread rule (replaces --min-homes).",
        };
        var crs = new Option<string?>("--crs") { Description = "CRS of easting/northing input (EPSG:N or WKT); default EPSG:27700 (British National Grid)." };
        var force = new Option<bool>("--force") { Description = "Write into an output folder that holds files PlaceKit did not write (only PlaceKit's files in it are replaced)." };
        var homesGeoJson = new Option<bool>("--homes-geojson") { Description = "Also write homes.geojson: every home as a WGS84 point with place_id and status (about 230 bytes a home)." };
        var threads = new Option<int>("--threads") { Description = "Most authorities clustered at once; -1 = all cores. Never changes the result.", DefaultValueFactory = _ => -1 };
        var previous = new Option<FileInfo?>("--previous") { Description = "A previous plan.json: warm-start from its places, keep their ids, re-apply its edits, write changes.csv." };
        var command = new Command("define", "Define places for a stock of homes and write homes.csv, clusters.csv, places.geojson, coverage.json, report.html, plan.json and run.json.")
        {
            input, outDir, target, seed, minHomes, maxSpread, teams, crs, threads, force, homesGeoJson, previous,
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
                Trimming = { MinHomes = parse.GetValue(minHomes), MaxSpreadMeters = parse.GetValue(maxSpread), Teams = parse.GetValue(teams) },
            };
            plan.ApplyTo(parse, options);
            var export = new PlanExportOptions { Force = parse.GetValue(force), HomesGeoJson = parse.GetValue(homesGeoJson) };
            PlacePlan? old = null;
            var inputs = new List<string>();
            if (parse.GetValue(input) is { } given) inputs.Add(given.FullName); // checked once the options are known to be valid
            if (parse.GetValue(previous) is { } prev)
            {
                // With a previous plan its options are the default; options given on the command line override them.
                string prevPath = PlaceKitCli.InputFile(prev, "previous plan");
                inputs.Add(prevPath);
                PlanExporter.EnsureWritable(parse.GetValue(outDir)!.FullName, export with { Inputs = inputs }); // before loading anything
                // --boundaries replaces the previous plan's boundary file (which may have moved); otherwise its own is used again.
                old = parse.GetValue(plan.Boundaries) is { } moved
                    ? PlanFile.LoadWithBoundaries(prevPath, moved.FullName, parse.GetValue(plan.BoundaryField))
                    : PlanFile.Load(prevPath);
                var o = old.Options.Clone();
                o.MaxDegreeOfParallelism = options.MaxDegreeOfParallelism;
                if (parse.GetResult(seed) is { Implicit: false }) o.Seed = options.Seed;
                if (parse.GetResult(target) is { Implicit: false }) o.Clustering.TargetSize = options.Clustering.TargetSize;
                if (parse.GetResult(minHomes) is { Implicit: false }) o.Trimming.MinHomes = options.Trimming.MinHomes;
                if (parse.GetResult(maxSpread) is { Implicit: false }) o.Trimming.MaxSpreadMeters = options.Trimming.MaxSpreadMeters;
                if (parse.GetResult(teams) is { Implicit: false }) o.Trimming.Teams = options.Trimming.Teams;
                if (parse.GetResult(plan.AuthoritiesFile) is { Implicit: false }) o.Authorities = options.Authorities;
                if (parse.GetResult(plan.SizeBy) is { Implicit: false }) o.SizeBy = options.SizeBy;
                plan.ApplyBoundaries(parse, o); // given boundaries replace the previous plan's; otherwise its own are used again
                options = o;
            }

            var csvOptions = plan.CsvOptions(parse, options, parse.GetValue(crs));
            return Run(parse.GetValue(input), parse.GetValue(outDir)!, csvOptions, export with { Inputs = inputs }, options, output, error, old, plan.AuthoritiesPath(parse), ct);
        })));
        return command;
    }

    private static int Run(FileInfo? input, DirectoryInfo outDir, HomeCsvOptions csvOptions, PlanExportOptions exportOptions, PlaceKitOptions options, TextWriter output, TextWriter error,
        PlacePlan? previous, string? authoritiesFile, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        var definer = PlaceDefiner.Create(options);
        // Fail before any work, not after it (run.json and changes.csv included in the check).
        PlanExporter.EnsureWritable(outDir.FullName, exportOptions with { ExtraFiles = [new ExportFile(RunRecord.FileName, _ => { })] });
        var progress = RunProgress.For(error);
        var (source, plan, files, read, export, rerun) = progress.Run(() => Define(input, outDir, exportOptions, definer, csvOptions, previous, authoritiesFile, progress, ct));
        PlanSummary.Write(output, plan, source, RunRecord.Create(plan, source, read, export, Stopwatch.GetElapsedTime(start)), files);
        if (rerun is not null)
        {
            output.WriteLine();
            output.WriteLine("  Changes from the previous plan");
            output.WriteLine(rerun.Changes.Summary());
            var locked = rerun.Plan.Places.Where(p => p.Locked).ToArray();
            if (locked.Length > 0)
            {
                output.WriteLine($"  Locked places kept: {string.Join(", ", locked.Select(p => $"{p.Id} ({p.Homes.ToString("N0", CultureInfo.InvariantCulture)} homes)"))}");
            }

            foreach (var s in rerun.PartlyAppliedEdits) output.WriteLine($"  Partly applied edit {s}");
            foreach (var s in rerun.SkippedEdits) output.WriteLine($"  Skipped edit {s}");
        }

        return 0;
    }

    private static (string Source, PlacePlan Plan, IReadOnlyList<string> Files, TimeSpan Read, TimeSpan Export, RerunResult? Rerun) Define(
        FileInfo? input, DirectoryInfo outDir, PlanExportOptions exportOptions, PlaceDefiner definer, HomeCsvOptions csvOptions, PlacePlan? previous,
        string? authoritiesFile, RunProgress progress, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        progress.Begin("read");
        var (homes, source) = HomeInput.Load(input, csvOptions);

        var read = Stopwatch.GetElapsedTime(start);
        progress.End("read", read, $"{homes.Count:N0} homes" + PlanOptionsCli.UnweightedNote(definer.Options, homes));
        PlanOptionsCli.CheckAuthorities(authoritiesFile, homes);
        var rerun = previous is null ? null : PlanRerun.Define(homes, previous, definer.Options, ct);
        var plan = rerun?.Plan ?? definer.Define(homes, progress, ct);
        long exportStart = Stopwatch.GetTimestamp();
        progress.Begin("write");
        // run.json is written last, inside the same all-or-nothing export, so it can report the export's own time.
        var runJson = RunRecord.AsExportFile(plan, source, read, start, exportStart);
        var files = PlanExporter.WriteAll(plan, outDir.FullName, exportOptions with { Changes = rerun?.Changes, ExtraFiles = [runJson] }, ct);
        var export = Stopwatch.GetElapsedTime(exportStart);
        progress.End("write", export, $"{files.Count} files");
        return (source, plan, files, read, export, rerun);
    }
}
