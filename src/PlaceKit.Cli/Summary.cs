using System.Globalization;
using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary>The short summary <c>placekit define</c> prints.</summary>
internal static class Summary
{
    internal static void Write(TextWriter o, string source, PlacePlan plan, IReadOnlyList<string> files, TimeSpan read, TimeSpan export, TimeSpan total)
    {
        var c = plan.Coverage;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"PlaceKit {typeof(PlacePlan).Assembly.GetName().Version?.ToString(3)} · {source}");
        o.WriteLine(string.Create(inv, $"  Homes      {c.TotalHomes:N0} in {plan.Homes.Authorities.Count:N0} authorities"));
        o.WriteLine(string.Create(inv, $"  Clusters   {plan.Clusters.Count:N0} (target {plan.Options.Clustering.TargetSize:N0} homes, {PlanOptionsCli.Name(plan.Options.Clustering.Algorithm)}, seed {plan.Seed})"));
        o.WriteLine(string.Create(inv, $"  Places     {c.Places:N0}: mean {c.MeanPlaceSize:N0} homes, median {c.MedianPlaceSize:N0}, range {c.MinPlaceSize:N0}-{c.MaxPlaceSize:N0}"));
        o.WriteLine(string.Create(inv, $"  Coverage   {c.CoverageRatio * 100:0.0}%: {c.PlacedHomes:N0} homes placed, {c.UnplacedHomes:N0} unplaced"));
        if (plan.Options.Trimming.Reassign)
        {
            o.WriteLine(string.Create(inv,
                $"  Reassigned {c.ReassignedHomes:N0} homes of trimmed clusters joined a place: placed {c.PlacedHomesBeforeReassignment:N0} before, {c.PlacedHomes:N0} after"));
        }

        if (TeamsLine(plan) is { } teamsLine) o.WriteLine(teamsLine);
        if (plan.Options.Authorities.Count > 0)
        {
            o.WriteLine(string.Create(inv, $"  Settings   {plan.Options.Authorities.Count:N0} authorities with their own name or rules: ")
                + string.Join(", ", plan.Options.Authorities.Take(4).Select(a => a.Name is { Length: > 0 } n ? $"{n} ({a.Code})" : a.Code))
                + (plan.Options.Authorities.Count > 4 ? ", ..." : ""));
        }

        var notes = plan.Authorities.Where(a => a.Note.Length > 0).ToArray();
        if (notes.Length > 0)
        {
            o.WriteLine(string.Create(inv, $"  Notes      {notes.Length:N0} authorities (all in coverage.json):"));
            foreach (var a in notes.Take(5)) o.WriteLine($"             {plan.Options.NameOf(a.Authority)}: {a.Note}");
            if (notes.Length > 5) o.WriteLine(string.Create(inv, $"             ... {notes.Length - 5:N0} more"));
        }

        if (c.UnplacedByRule.Count > 0)
        {
            o.WriteLine("  Unplaced   " + string.Join(", ", c.UnplacedByRule.Select(kv => string.Create(inv, $"{kv.Key} {kv.Value:N0}"))));
        }

        o.WriteLine($"  In short   {c.Headline}");
        if (plan.Places.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("  Rank  Place  Authority                 Homes  Tightness/km²  r90 m");
            foreach (var p in plan.Places.Take(10))
            {
                o.WriteLine(string.Create(inv, $"  {p.Rank,4}  {p.Id,-5}  {Trim(plan.Options.NameOf(p.Authority), 24),-24} {p.Homes,6:N0}  {p.Tightness,13:N0}  {p.Score.R90Meters,5:N0}"));
            }

            if (plan.Places.Count > 10) o.WriteLine(string.Create(inv, $"  ... {plan.Places.Count - 10:N0} more places in clusters.csv"));
        }

        o.WriteLine();
        o.WriteLine($"  Wrote      {string.Join(", ", files.Select(Path.GetFileName))} to {Path.GetDirectoryName(files[0])}");
        var t = plan.Timings;
        o.WriteLine(string.Create(inv,
            $"  Time       {total.TotalSeconds:0.00} s (read {read.TotalSeconds:0.00}, cluster {t.Cluster.TotalSeconds:0.00}, score {t.Score.TotalSeconds:0.00}, trim {t.Trim.TotalSeconds:0.00}, coverage {t.Coverage.TotalSeconds:0.00}, territories {t.Territories.TotalSeconds:0.00}, export {export.TotalSeconds:0.00})"));
    }

    private static string Trim(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    /// <summary>The team count and, when fewer clusters qualify, how many and why; null without a team count.</summary>
    internal static string? TeamsLine(PlacePlan plan)
    {
        if (plan.Options.Trimming.Teams is not int teams) return null;
        var inv = CultureInfo.InvariantCulture;
        int places = plan.Places.Count(p => plan.Options.SettingsOf(p.Authority)?.Teams is null);
        string line = string.Create(inv, $"  Teams      {teams:N0}: {places:N0} places, the largest clusters that keep the spread rule (r90 <= {plan.Options.Trimming.MaxSpreadMeters:N0} m)");
        if (places < teams) line += string.Create(inv, $"; only {places:N0} clusters keep it, so {teams - places:N0} teams have no place");
        return line;
    }
}
