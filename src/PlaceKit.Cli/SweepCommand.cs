using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary>
/// <c>placekit sweep [INPUT.csv] --min-homes 300,450,600 --max-spread-m 1500,2500,4000 [--target 450,...]</c>: a table
/// of places, mean size and coverage for every combination, so a user can see what the trimming rules cost.
/// </summary>
internal static class SweepCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<FileInfo?>("input")
        {
            Description = "CSV of homes (id, easting/northing or longitude/latitude, authority). Omit to use the built-in sample stock.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var targets = new Option<string?>("--target") { Description = "Target sizes to try, comma-separated (default 450); one clustering each." };
        var minHomes = new Option<string?>("--min-homes") { Description = "Minimum place sizes to try, comma-separated (default: the target)." };
        var maxSpreads = new Option<string?>("--max-spread-m") { Description = "Spread limits (r90, metres) to try, comma-separated (default 2500)." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var crs = new Option<string?>("--crs") { Description = "CRS of easting/northing input (EPSG:N or WKT); default EPSG:27700." };
        var threads = new Option<int>("--threads") { Description = "Most things run at once; -1 = all cores. Never changes the result.", DefaultValueFactory = _ => -1 };
        var command = new Command("sweep", "Print places, mean size and coverage for each combination of target, minimum homes and spread limit.")
        {
            input, targets, minHomes, maxSpreads, seed, crs, threads,
        };
        var plan = new PlanOptionsCli();
        plan.AddTo(command);
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            var options = new PlaceKitOptions { Seed = parse.GetValue(seed), MaxDegreeOfParallelism = parse.GetValue(threads) };
            plan.ApplyTo(parse, options);
            var t = PlanOptionsCli.ParseList<int>(parse.GetValue(targets), "--target");
            var m = PlanOptionsCli.ParseList<int>(parse.GetValue(minHomes), "--min-homes");
            var s = PlanOptionsCli.ParseList<double>(parse.GetValue(maxSpreads), "--max-spread-m");

            // Validate the options of every combination before reading the input.
            foreach (int target in t.Length > 0 ? t : [options.Clustering.TargetSize])
            {
                foreach (double spread in s.Length > 0 ? s : [options.Trimming.MaxSpreadMeters])
                {
                    var probe = options.Clone();
                    probe.Clustering.TargetSize = target;
                    probe.Trimming.MaxSpreadMeters = spread;
                    PlaceDefiner.Validate(probe);
                }
            }

            long start = Stopwatch.GetTimestamp();
            var (homes, source) = HomeInput.Load(parse.GetValue(input), plan.CsvOptions(parse, options, parse.GetValue(crs)));
            var rows = PlanSweep.Run(homes, options, t, m, s, ct);
            Write(output, source, options, rows, Stopwatch.GetElapsedTime(start));
            return 0;
        })));
        return command;
    }

    internal static void Write(TextWriter o, string source, PlaceKitOptions options, IReadOnlyList<SweepRow> rows, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        string extras = PlanOptionsCli.Name(options.Clustering.Algorithm)
            + (options.Clustering.MaxRadiusMeters is double r ? string.Create(inv, $", max radius {r:0.#} m") : "")
            + (options.Trimming.Reassign ? string.Create(inv, $", reassign (margin {options.Trimming.ReassignMarginMeters:0.#} m)") : "");
        o.WriteLine($"PlaceKit sweep · {source} · {extras}");
        o.WriteLine();
        o.WriteLine("  target  min homes  max spread m  places  mean size  size range   placed homes  coverage");
        foreach (var row in rows)
        {
            o.WriteLine(string.Create(inv,
                $"  {row.TargetSize,6:N0}  {row.MinHomes,9:N0}  {row.MaxSpreadMeters,12:N0}  {row.Places,6:N0}  {row.MeanPlaceSize,9:N0}  {Range(row),-10}  {row.PlacedHomes,12:N0}  {row.CoverageRatio * 100,7:0.0}%"));
        }

        o.WriteLine();
        o.WriteLine($"  Time       {PlaceKitCli.Seconds(elapsed)} ({rows.Count} combinations)");
    }

    private static string Range(SweepRow row) => row.Places == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{row.MinPlaceSize:N0}-{row.MaxPlaceSize:N0}");
}
