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
            Description = "CSV or Excel workbook (.xlsx) of homes (id, easting/northing or longitude/latitude, authority). Omit to use the built-in sample stock.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var targets = new Option<string?>("--target") { Description = "Target sizes to try, comma-separated (default 450); one clustering each." };
        var minHomes = new Option<string?>("--min-homes") { Description = "Minimum place sizes to try, comma-separated (default: the target)." };
        var maxSpreads = new Option<string?>("--max-spread-m") { Description = "Spread limits (r90, metres) to try, comma-separated (default 2500)." };
        var teams = new Option<string?>("--teams") { Description = "Team counts to try, comma-separated (e.g. 10,20,30,40): the curve teams -> coverage; each row keeps the largest clusters that keep the spread rule (a team count replaces --min-homes: team rows are given once, not per minimum)." };
        var goal = new Option<double?>("--coverage-goal") { Description = "A coverage goal in percent (e.g. 60): rows that reach it are marked, and the fewest places that do is named." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var crs = new Option<string?>("--crs") { Description = "CRS of easting/northing input (EPSG:N or WKT); default EPSG:27700." };
        var threads = new Option<int>("--threads") { Description = "Most things run at once; -1 = all cores. Never changes the result.", DefaultValueFactory = _ => -1 };
        var command = new Command("sweep", "Print places, mean size and coverage for each combination of target, minimum homes and spread limit.")
        {
            input, targets, minHomes, maxSpreads, teams, goal, seed, crs, threads,
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
            var n = PlanOptionsCli.ParseList<int>(parse.GetValue(teams), "--teams");
            double? coverageGoal = parse.GetValue(goal);
            if (coverageGoal is double g && !(g is > 0 and <= 100)) throw new ArgumentException($"--coverage-goal: must be a percentage in (0, 100], was {g.ToString(CultureInfo.InvariantCulture)}");

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
            PlanOptionsCli.CheckAuthorities(plan.AuthoritiesPath(parse), homes);
            PlanOptionsCli.WarnUnweighted(options, homes, error);
            var rows = PlanSweep.Run(homes, options, t, m, s, n, ct);
            Write(output, source, options, rows, Stopwatch.GetElapsedTime(start), coverageGoal);
            if ((n.Length > 0 || options.Trimming.Teams is not null) && m.Length > 1)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  Note       a team count replaces --min-homes, so each team row is given once, not once for each of the {m.Length} minimums"));
            }

            return 0;
        })));
        return command;
    }

    internal static void Write(TextWriter o, string source, PlaceKitOptions options, IReadOnlyList<SweepRow> rows, TimeSpan elapsed, double? coverageGoal = null)
    {
        var inv = CultureInfo.InvariantCulture;
        string extras = PlanOptionsCli.Name(options.Clustering.Algorithm)
            + (options.Clustering.MaxRadiusMeters is double r ? string.Create(inv, $", max radius {r:0.#} m") : "")
            + (options.Trimming.Reassign ? string.Create(inv, $", reassign (margin {options.Trimming.ReassignMarginMeters:0.#} m)") : "")
            + (options.Authorities.Count > 0 ? string.Create(inv, $", {options.Authorities.Count} authorities with their own settings") : "");
        bool teams = rows.Any(x => x.Teams is not null);
        o.WriteLine($"PlaceKit sweep · {source} · {extras}");
        o.WriteLine();
        o.WriteLine("  target  min homes  max spread m" + (teams ? "  teams" : "") + "  places  mean size  size range   placed homes  " + (options.SizeBy == SizeBy.Weight ? "coverage (weight)" : "coverage") + (coverageGoal is null ? "" : "  goal"));
        foreach (var row in rows)
        {
            string min = row.Teams is null ? row.MinHomes.ToString("N0", inv) : "-";
            string team = teams ? string.Create(inv, $"  {(row.Teams is int tc ? tc.ToString("N0", inv) : "-"),5}") : "";
            string mark = coverageGoal is double g ? (row.SizedCoverageRatio * 100 >= g ? "  yes" : "  -") : "";
            o.WriteLine(string.Create(inv,
                $"  {row.TargetSize,6:N0}  {min,9}  {row.MaxSpreadMeters,12:N0}{team}  {row.Places,6:N0}  {row.MeanPlaceSize,9:N0}  {Range(row),-10}  {row.PlacedHomes,12:N0}  {row.SizedCoverageRatio * 100,7:0.0}%{mark}"));
        }

        if (coverageGoal is double goal)
        {
            o.WriteLine();
            var best = rows.Where(x => x.SizedCoverageRatio * 100 >= goal).OrderBy(x => x.Places).ThenByDescending(x => x.SizedCoverageRatio).FirstOrDefault();
            o.WriteLine(best is null
                ? string.Create(inv, $"  Goal       no combination reaches {goal:0.#}% coverage (best {rows.Max(x => x.SizedCoverageRatio) * 100:0.0}%)")
                : string.Create(inv, $"  Goal       {rows.Count(x => x.SizedCoverageRatio * 100 >= goal)} of {rows.Count} combinations reach {goal:0.#}%; fewest places: {best.Places:N0} (target {best.TargetSize:N0}, {(best.Teams is int bt ? $"{bt:N0} teams" : $"min homes {best.MinHomes:N0}")}, max spread {best.MaxSpreadMeters:N0} m) covering {best.SizedCoverageRatio * 100:0.0}%"));
        }

        o.WriteLine();
        o.WriteLine($"  Time       {PlaceKitCli.Seconds(elapsed)} ({rows.Count} combinations)");
    }

    private static string Range(SweepRow row) => row.Places == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{row.MinPlaceSize:N0}-{row.MaxPlaceSize:N0}");
}
