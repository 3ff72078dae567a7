using System.Globalization;
using PlaceKit.Clustering;
using PlaceKit.Planning;
using PlaceKit.Trimming;

namespace PlaceKit.Export;

/// <summary>
/// The short plain-text summary of a plan that <c>placekit define</c> prints: homes, clusters, places, coverage,
/// reassignment, authority notes, unplaced homes by rule, the headline, the ten tightest places, and (given a
/// <see cref="RunRecord"/>) the files written and the time per stage. Notebooks, scripts and hosts print the same.
/// </summary>
/// <remarks>Numbers are formatted with the invariant culture. O(places).</remarks>
public static class PlanSummary
{
    /// <summary>The summary as text.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="source">Where the homes came from (a file, "built-in sample ..."); null leaves it out.</param>
    /// <param name="run">The run record (time per stage); null leaves the time line out.</param>
    /// <param name="files">The files written; null or empty leaves the line out.</param>
    /// <returns>The summary, lines separated by <see cref="Environment.NewLine"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static string Text(PlacePlan plan, string? source = null, RunRecord? run = null, IReadOnlyList<string>? files = null)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(w, plan, source, run, files);
        return w.ToString();
    }

    /// <summary>Writes the summary.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="source">Where the homes came from; null leaves it out.</param>
    /// <param name="run">The run record (time per stage); null leaves the time line out.</param>
    /// <param name="files">The files written; null or empty leaves the line out.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="plan"/> is null.</exception>
    public static void Write(TextWriter writer, PlacePlan plan, string? source = null, RunRecord? run = null, IReadOnlyList<string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(plan);
        var o = writer;
        var c = plan.Coverage;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"PlaceKit {typeof(PlacePlan).Assembly.GetName().Version?.ToString(3)}{(source is null ? "" : " · " + source)}");
        o.WriteLine(string.Create(inv, $"  Homes      {c.TotalHomes:N0} in {plan.Homes.Authorities.Count:N0} authorities"));
        o.WriteLine(string.Create(inv, $"  Clusters   {plan.Clusters.Count:N0} (target {plan.Options.Clustering.TargetSize:N0} homes, {AlgorithmName(plan.Options.Clustering.Algorithm)}, seed {plan.Seed})"));
        o.WriteLine(string.Create(inv, $"  Places     {c.Places:N0}: mean {c.MeanPlaceSize:N0} homes, median {c.MedianPlaceSize:N0}, range {c.MinPlaceSize:N0}-{c.MaxPlaceSize:N0}"));
        o.WriteLine(string.Create(inv, $"  Coverage   {c.CoverageRatio * 100:0.0}%: {c.PlacedHomes:N0} homes placed, {c.UnplacedHomes:N0} unplaced"));
        if (plan.Homes.HasWeights || plan.Options.SizeBy == SizeBy.Weight)
        {
            o.WriteLine(string.Create(inv,
                $"  Weight     {c.WeightCoverageRatio * 100:0.0}%: {c.PlacedWeight:N1} of {c.TotalWeight:N1} placed; sizes count {(plan.Options.SizeBy == SizeBy.Weight ? "weight" : "homes")}"));
        }

        if (plan.Options.Trimming.Reassign)
        {
            o.WriteLine(string.Create(inv,
                $"  Reassigned {c.ReassignedHomes:N0} homes of trimmed clusters joined a place: placed {c.PlacedHomesBeforeReassignment:N0} before, {c.PlacedHomes:N0} after"));
        }

        if (TeamsLine(plan) is { } teamsLine) o.WriteLine(teamsLine);
        if (plan.Options.Authorities is { Count: > 0 } settings)
        {
            o.WriteLine(string.Create(inv, $"  Settings   {settings.Count:N0} authorities with their own name or rules: ")
                + string.Join(", ", settings.Take(4).Select(a => a.Name is { Length: > 0 } n ? $"{n} ({a.Code})" : a.Code))
                + (settings.Count > 4 ? ", ..." : ""));
        }

        var notes = plan.Authorities.Where(a => a.Note.Length > 0).ToArray();
        if (notes.Length > 0)
        {
            o.WriteLine(string.Create(inv, $"  Notes      {notes.Length:N0} authorities (all in coverage.json):"));
            foreach (var a in notes.Take(5)) o.WriteLine($"             {plan.Options.NameOf(a.Authority)}: {a.Note}");
            if (notes.Length > 5) o.WriteLine(string.Create(inv, $"             ... {notes.Length - 5:N0} more"));
        }

        if (plan.Unplaced.Count > 0)
        {
            o.WriteLine("  Unplaced   " + UnplacedLine(plan));
        }

        if (plan.Options.Territories.BoundariesFile is { } boundaries)
        {
            o.WriteLine("  Boundaries " + BoundaryLine(plan, boundaries));
            if (plan.Homes.BoundaryCheck is { } check)
            {
                foreach (var line in CheckLines(check)) o.WriteLine("             " + line);
            }
        }

        if (plan.Homes.PostcodeCheck is { } postcodes)
        {
            o.WriteLine("  Postcodes  " + PostcodeLine(postcodes));
            if (postcodes.Disagreements > 0)
            {
                o.WriteLine("             " + string.Create(inv, $"{postcodes.Disagreements:N0} {(postcodes.Disagreements == 1 ? "home's authority disagrees with its postcode's oslaua" : "homes' authorities disagree with their postcodes' oslaua")} (the homes' column wins): ")
                    + string.Join(", ", postcodes.DisagreementExamples.Take(5).Select(h => $"{h.HomeId} (line {h.Line.ToString(inv)}) {h.Authority} but {h.Postcode} is in {h.DirectoryAuthority}"))
                    + (postcodes.Disagreements > 5 ? ", ..." : ""));
            }
        }

        o.WriteLine($"  In short   {c.Headline}");
        if (plan.Places.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("  Rank  Place  Authority                 Homes  Tightness/km²  r90 m");
            foreach (var p in plan.Places.Take(10))
            {
                o.WriteLine(string.Create(inv, $"  {p.Rank,4}  {p.Id,-5}  {Shorten(plan.Options.NameOf(p.Authority), 24),-24} {p.Homes,6:N0}  {p.Tightness,13:N0}  {p.Score.R90Meters,5:N0}"));
            }

            if (plan.Places.Count > 10)
            {
                int more = plan.Places.Count - 10;
                o.WriteLine(string.Create(inv,
                    $"  ... {more:N0} more {(more == 1 ? "place" : "places")} (ranks 11-{plan.Places[^1].Rank}): every place is in report.html, places.geojson and clusters.csv (by place_id); homes.csv gives each home's place_id"));
            }
        }

        if (files is { Count: > 0 } || run is not null) o.WriteLine();
        if (files is { Count: > 0 }) o.WriteLine($"  Wrote      {string.Join(", ", files.Select(Path.GetFileName))} to {Path.GetDirectoryName(files[0])}");
        if (run is { } r)
        {
            var s = r.Stages;
            o.WriteLine(string.Create(inv,
                $"  Time       {r.TotalSeconds:0.00} s (read {s.Read:0.00}, cluster {s.Cluster:0.00}, score {s.Score:0.00}, trim {s.Trim:0.00}, coverage {s.Coverage:0.00}, territories {s.Territories:0.00}, export {s.Export:0.00})"));
        }
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    /// <summary>The team count and, when fewer clusters qualify, how many and why; null without a plan-wide team count.</summary>
    /// <remarks>Counts the places of authorities that share the plan-wide count (an authority with its own count is its own pool).</remarks>
    internal static string? TeamsLine(PlacePlan plan)
    {
        if (plan.Options.Trimming.Teams is not int teams) return null;
        var inv = CultureInfo.InvariantCulture;
        int places = plan.Places.Count(p => plan.Options.SettingsOf(p.Authority)?.Teams is null);
        string line = string.Create(inv, $"  Teams      {teams:N0}: {places:N0} places, the largest clusters that keep the spread rule (r90 <= {plan.Options.Trimming.MaxSpreadMeters:N0} m)");
        if (places < teams) line += string.Create(inv, $"; only {places:N0} clusters keep it, so {teams - places:N0} teams have no place");
        return line;
    }

    /// <summary>The boundary file, and the homes that lie outside their own authority's boundary (count, then examples by authority).</summary>
    internal static string BoundaryLine(PlacePlan plan, string file)
    {
        var inv = CultureInfo.InvariantCulture;
        var areas = plan.Territories.Authorities;
        int outside = areas.Sum(a => a.HomesOutside);
        string field = plan.Options.Territories.BoundaryField is { } f ? $" (field {f})" : "";
        string head = $"{Path.GetFileName(file)}{field}: territories clipped to {areas.Count.ToString("N0", inv)} real {(areas.Count == 1 ? "boundary" : "boundaries")}";
        if (outside == 0) return head + "; every home lies inside its authority's boundary";
        var examples = areas.Where(a => a.HomesOutside > 0)
            .Select(a => string.Create(inv, $"{a.Authority} {a.HomesOutside:N0} (e.g. {string.Join(", ", a.HomesOutsideExamples.Take(3))})"));
        return head + string.Create(inv, $"; {outside:N0} {(outside == 1 ? "home lies" : "homes lie")} outside their authority's boundary (its territory cannot cover them; check their coordinates or authority; all in coverage.json): ")
            + string.Join(" · ", examples.Take(5)) + (examples.Count() > 5 ? " ..." : "");
    }

    /// <summary>How many homes were located by postcode, and how many took their authority from the directory.</summary>
    internal static string PostcodeLine(Homes.PostcodeCheck check) => string.Create(CultureInfo.InvariantCulture,
        $"{check.Located:N0} {(check.Located == 1 ? "home" : "homes")} located at their postcode's centroid ({Path.GetFileName(check.FilePath)}), {check.AuthorityFromDirectory:N0} taking its oslaua as authority");

    /// <summary>What reading the homes against the boundaries found: homes assigned by boundary and by nearest boundary, and disagreements with the authority column.</summary>
    internal static IEnumerable<string> CheckLines(Homes.BoundaryCheck check)
    {
        var inv = CultureInfo.InvariantCulture;
        if (check.ByBoundary > 0 || check.AssignedFromBoundaries)
        {
            yield return string.Create(inv, $"authority taken from the boundary holding the home for {check.ByBoundary:N0} {(check.ByBoundary == 1 ? "home" : "homes")}");
        }

        if (check.ByNearest > 0)
        {
            yield return string.Create(inv, $"{check.ByNearest:N0} {(check.ByNearest == 1 ? "home" : "homes")} in no boundary took the nearest (--nearest-boundary): ")
                + string.Join(", ", check.NearestExamples.Take(5).Select(h => string.Create(inv, $"{h.HomeId} -> {h.Authority} {h.DistanceMeters:N0} m")))
                + (check.ByNearest > 5 ? ", ..." : "");
        }

        if (check.Disagreements > 0)
        {
            yield return string.Create(inv, $"{check.Disagreements:N0} {(check.Disagreements == 1 ? "home's authority disagrees with the boundary holding it" : "homes' authorities disagree with the boundaries holding them")} (the homes' column wins): ")
                + string.Join(", ", check.DisagreementExamples.Take(5).Select(h => $"{h.HomeId} (line {h.Line.ToString(inv)}) {h.Authority} but in {h.BoundaryAuthority ?? "no boundary"}"))
                + (check.Disagreements > 5 ? ", ..." : "");
        }
    }

    /// <summary>The algorithm's name as in files and on the command line (<c>kmeans</c>, <c>size-constrained</c>).</summary>
    private static string AlgorithmName(ClusteringAlgorithm algorithm) =>
        ClusteringAlgorithmConverter.Names.FirstOrDefault(n => n.Value == algorithm).Name ?? algorithm.ToString();

    /// <summary>
    /// The unplaced homes, each counted once, by the combination of rules its cluster broke. A cluster can break both
    /// rules, and counting by rule alone (as coverage.json's <c>unplaced_by_rule</c> does) adds up to more than the
    /// unplaced homes; these counts add up to exactly the unplaced homes.
    /// </summary>
    /// <example><c>23,531 homes, each counted once: too-spread only 10,347 · both too-few-homes and too-spread 9,133 · too-few-homes only 4,051</c></example>
    internal static string UnplacedLine(PlacePlan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        var byRules = new Dictionary<string, int>(StringComparer.Ordinal);

        // The unplaced homes of a cluster share its list of reasons (as in HomeReasons.Of): one key a list, not a home.
        var keyOf = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        foreach (var u in plan.Unplaced)
        {
            if (!keyOf.TryGetValue(u.Reasons, out var key)) keyOf[u.Reasons] = key = RulesKey(u.Reasons);
            byRules[key] = byRules.GetValueOrDefault(key) + 1;
        }

        var parts = byRules.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(inv, $"{kv.Key} {kv.Value:N0}"));
        int n = plan.Unplaced.Count;
        return string.Create(inv, $"{n:N0} {(n == 1 ? "home" : "homes")}, each counted once: ") + string.Join(" · ", parts);

        static string RulesKey(IReadOnlyList<TrimReason> reasons)
        {
            var rules = reasons.Select(r => r.Rule).Distinct().Order(StringComparer.Ordinal).ToArray();
            return rules.Length switch
            {
                0 => "no reason given",
                1 => rules[0] + " only",
                2 => $"both {rules[0]} and {rules[1]}",
                _ => string.Join(", ", rules[..^1]) + " and " + rules[^1],
            };
        }
    }
}
