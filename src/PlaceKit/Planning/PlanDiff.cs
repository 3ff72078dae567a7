using System.Globalization;
using CsvHelper;
using PlaceKit.Coverage;
using PlaceKit.IO;
using PlaceKit.Planning;

namespace PlaceKit.Planning;

/// <summary>What changed between two plans: homes that moved between places, homes added and gone, places created, gone and resized, coverage, and how stable the places were.</summary>
/// <remarks>
/// Homes are matched by id and places by id. A home is <b>unchanged</b> when it is in both plans with the same authority
/// and coordinates; <see cref="Stability"/> is the share of unchanged homes whose place id is the same in both plans
/// (both unplaced counts as the same). O(n log n).
/// </remarks>
public sealed class PlanDiff
{
    private PlanDiff() { }

    /// <summary>Homes in both plans whose place id differs, in the second plan's input order.</summary>
    public IReadOnlyList<HomeChange> MovedHomes { get; private init; } = [];

    /// <summary>Homes only in the second plan, with their place there.</summary>
    public IReadOnlyList<HomeChange> AddedHomes { get; private init; } = [];

    /// <summary>Homes only in the first plan, with their place there.</summary>
    public IReadOnlyList<HomeChange> RemovedHomes { get; private init; } = [];

    /// <summary>Place ids only in the second plan, ordinal order.</summary>
    public IReadOnlyList<string> PlacesCreated { get; private init; } = [];

    /// <summary>Place ids only in the first plan, ordinal order.</summary>
    public IReadOnlyList<string> PlacesGone { get; private init; } = [];

    /// <summary>Places in both plans with a different number of homes, ordinal order.</summary>
    public IReadOnlyList<PlaceResize> PlacesResized { get; private init; } = [];

    /// <summary>The first plan's coverage.</summary>
    public CoverageReport CoverageBefore { get; private init; } = null!;

    /// <summary>The second plan's coverage.</summary>
    public CoverageReport CoverageAfter { get; private init; } = null!;

    /// <summary>Homes in both plans with the same authority and coordinates.</summary>
    public int UnchangedHomes { get; private init; }

    /// <summary>Of <see cref="UnchangedHomes"/>, those whose place id is the same (or unplaced in both).</summary>
    public int UnchangedHomesKeptPlace { get; private init; }

    /// <summary>Of <see cref="UnchangedHomes"/>, those in a place in the first plan.</summary>
    public int UnchangedPlacedHomes { get; private init; }

    /// <summary>Of <see cref="UnchangedPlacedHomes"/>, those in the place with the same id in the second plan.</summary>
    public int UnchangedPlacedHomesKeptPlace { get; private init; }

    /// <summary>UnchangedPlacedHomesKeptPlace / UnchangedPlacedHomes, in [0, 1]: stability among homes that had a place; 1 when none had.</summary>
    public double PlacedStability => UnchangedPlacedHomes == 0 ? 1 : (double)UnchangedPlacedHomesKeptPlace / UnchangedPlacedHomes;

    /// <summary>UnchangedHomesKeptPlace / UnchangedHomes, in [0, 1]; 1 when no home is unchanged.</summary>
    public double Stability => UnchangedHomes == 0 ? 1 : (double)UnchangedHomesKeptPlace / UnchangedHomes;

    /// <summary>Compares two plans.</summary>
    /// <param name="before">The first (older) plan.</param>
    /// <param name="after">The second (newer) plan.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PlanDiff Compare(PlacePlan before, PlacePlan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = before.Homes;
        var b = after.Homes;
        var moved = new List<HomeChange>();
        var added = new List<HomeChange>();
        int unchanged = 0, kept = 0, placed = 0, placedKept = 0;
        for (int j = 0; j < b.Count; j++)
        {
            string? to = after.PlaceOf(j)?.Id;
            if (!a.TryGetIndex(b.Ids[j], out int i))
            {
                added.Add(new HomeChange(b.Ids[j], null, to));
                continue;
            }

            string? from = before.PlaceOf(i)?.Id;
            bool same = from == to;
            if (!same) moved.Add(new HomeChange(b.Ids[j], from, to));
            if (a.X[i] == b.X[j] && a.Y[i] == b.Y[j] && a.Authorities[a.AuthorityIndex[i]] == b.Authorities[b.AuthorityIndex[j]])
            {
                unchanged++;
                if (same) kept++;
                if (from is not null)
                {
                    placed++;
                    if (same) placedKept++;
                }
            }
        }

        var removed = new List<HomeChange>();
        for (int i = 0; i < a.Count; i++)
        {
            if (!b.TryGetIndex(a.Ids[i], out _)) removed.Add(new HomeChange(a.Ids[i], before.PlaceOf(i)?.Id, null));
        }

        var sizeBefore = before.Places.ToDictionary(p => p.Id, p => p.Homes, StringComparer.Ordinal);
        var sizeAfter = after.Places.ToDictionary(p => p.Id, p => p.Homes, StringComparer.Ordinal);
        return new PlanDiff
        {
            MovedHomes = moved,
            AddedHomes = added,
            RemovedHomes = removed,
            PlacesCreated = [.. sizeAfter.Keys.Where(k => !sizeBefore.ContainsKey(k)).Order(StringComparer.Ordinal)],
            PlacesGone = [.. sizeBefore.Keys.Where(k => !sizeAfter.ContainsKey(k)).Order(StringComparer.Ordinal)],
            PlacesResized = [.. sizeBefore.Where(kv => sizeAfter.TryGetValue(kv.Key, out int n) && n != kv.Value)
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new PlaceResize(kv.Key, kv.Value, sizeAfter[kv.Key]))],
            CoverageBefore = before.Coverage,
            CoverageAfter = after.Coverage,
            UnchangedHomes = unchanged,
            UnchangedHomesKeptPlace = kept,
            UnchangedPlacedHomes = placed,
            UnchangedPlacedHomesKeptPlace = placedKept,
        };
    }

    /// <summary>
    /// Writes <c>changes.csv</c>: <c>change,id,from,to,homes_before,homes_after</c>, one row per home that moved
    /// (<c>home-moved</c>), was added (<c>home-added</c>) or is gone (<c>home-removed</c>), and per place created
    /// (<c>place-created</c>), gone (<c>place-gone</c>) or resized (<c>place-resized</c>).
    /// </summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in (string[])["change", "id", "from", "to", "homes_before", "homes_after"]) csv.WriteField(h);
        csv.NextRecord();
        void Row(string change, string id, string? from, string? to, string before = "", string after = "")
        {
            csv.WriteField(change);
            csv.WriteField(SpreadsheetText.Escape(id)); // safe in a spreadsheet: a formula-like id gets a leading apostrophe
            csv.WriteField(SpreadsheetText.Escape(from ?? ""));
            csv.WriteField(SpreadsheetText.Escape(to ?? ""));
            csv.WriteField(before);
            csv.WriteField(after);
            csv.NextRecord();
        }

        string N(int v) => v.ToString(CultureInfo.InvariantCulture);
        foreach (var h in MovedHomes) Row("home-moved", h.HomeId, h.From, h.To);
        foreach (var h in AddedHomes) Row("home-added", h.HomeId, null, h.To);
        foreach (var h in RemovedHomes) Row("home-removed", h.HomeId, h.From, null);
        foreach (var p in PlacesCreated) Row("place-created", p, null, null);
        foreach (var p in PlacesGone) Row("place-gone", p, null, null);
        foreach (var r in PlacesResized) Row("place-resized", r.PlaceId, null, null, N(r.Before), N(r.After));
    }

    /// <summary>A few lines for a terminal: homes moved, added and gone, places created, gone and resized, coverage and stability.</summary>
    /// <returns>The summary, lines separated by <see cref="Environment.NewLine"/>.</returns>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "" : " (" + string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? ", ..." : "") + ")";
        return string.Join(Environment.NewLine,
            string.Create(inv, $"  Homes      {MovedHomes.Count:N0} changed place, {AddedHomes.Count:N0} added, {RemovedHomes.Count:N0} gone"),
            string.Create(inv, $"  Places     {PlacesCreated.Count:N0} created{List(PlacesCreated)}, {PlacesGone.Count:N0} gone{List(PlacesGone)}, {PlacesResized.Count:N0} resized"),
            string.Create(inv, $"  Coverage   {CoverageBefore.CoverageRatio * 100:0.0}% -> {CoverageAfter.CoverageRatio * 100:0.0}% ({CoverageBefore.Places:N0} -> {CoverageAfter.Places:N0} places)"),
            string.Create(inv, $"  Stability  {Stability * 100:0.0}% of {UnchangedHomes:N0} unchanged homes kept their place ({PlacedStability * 100:0.0}% of the {UnchangedPlacedHomes:N0} that had one)"));
    }
}
