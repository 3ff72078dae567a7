#:package PlaceKit@0.1.0
// Until PlaceKit is on nuget.org: take it from the folder `dotnet pack` writes (a path relative to this file), and
// leave this repository's central package versions alone. A copy outside the repository needs only the first.
#:property RestoreAdditionalProjectSources=../artifacts/packages
#:property ManagePackageVersionsCentrally=false

// Comparing two plans of the same homes: coverage, place sizes, which homes are placed by one and not the other,
// authorities where they differ most, and how far the two agree on which homes belong together.
// A .NET 10 file-based app:
//   dotnet pack PlaceKit.sln -c Release -o artifacts/packages     # once, at the repository root (until PlaceKit is on nuget.org)
//   dotnet run samples/compare-plans.cs                           # the sample stock: k-means vs size-constrained clusters
//   dotnet run samples/compare-plans.cs -- a/plan.json b/plan.json # two saved plans (placekit define writes plan.json)
using System.Globalization;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;

PlacePlan a, b;
string nameA, nameB;
if (args.Length == 2)
{
    (a, b, nameA, nameB) = (PlanFile.Load(args[0]), PlanFile.Load(args[1]), args[0], args[1]);
}
else
{
    var homes = SampleStock.Sample();
    a = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450 } }).Define(homes);
    b = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450, Algorithm = ClusteringAlgorithm.SizeConstrained } }).Define(homes);
    (nameA, nameB) = ("k-means", "size-constrained");
}

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"A: {nameA}: {a.Coverage.Headline}");
Console.WriteLine($"B: {nameB}: {b.Coverage.Headline}");
Console.WriteLine();
void Row(string what, string x, string y) => Console.WriteLine($"{what,-16} {x,10} {y,10}");
Row("", "A", "B");
Row("places", a.Coverage.Places.ToString("N0", inv), b.Coverage.Places.ToString("N0", inv));
Row("mean size", a.Coverage.MeanPlaceSize.ToString("N0", inv), b.Coverage.MeanPlaceSize.ToString("N0", inv));
Row("size range", $"{a.Coverage.MinPlaceSize:N0}-{a.Coverage.MaxPlaceSize:N0}", $"{b.Coverage.MinPlaceSize:N0}-{b.Coverage.MaxPlaceSize:N0}");
Row("placed homes", a.Coverage.PlacedHomes.ToString("N0", inv), b.Coverage.PlacedHomes.ToString("N0", inv));
Row("coverage", (a.Coverage.CoverageRatio * 100).ToString("0.0", inv) + "%", (b.Coverage.CoverageRatio * 100).ToString("0.0", inv) + "%");

// Homes matched by id, so two plans of slightly different stocks compare too.
int both = 0, onlyA = 0, onlyB = 0, neither = 0, shared = 0;
var together = new Dictionary<(string A, string B), int>();   // homes in place A-x and place B-y
for (int i = 0; i < a.Homes.Count; i++)
{
    if (!b.Homes.TryGetIndex(a.Homes.Ids[i], out int j)) continue;
    shared++;
    var pa = a.PlaceOf(i);
    var pb = b.PlaceOf(j);
    if (pa is not null && pb is not null)
    {
        both++;
        together[(pa.Id, pb.Id)] = together.GetValueOrDefault((pa.Id, pb.Id)) + 1;
    }
    else if (pa is not null) onlyA++;
    else if (pb is not null) onlyB++;
    else neither++;
}

Console.WriteLine();
Console.WriteLine(string.Create(inv, $"Of {shared:N0} homes in both plans: {both:N0} placed by both, {onlyA:N0} only by A, {onlyB:N0} only by B, {neither:N0} by neither."));

// Agreement: for each place of B, the share of its homes (placed by both) that come from one place of A.
int kept = together.GroupBy(kv => kv.Key.B).Sum(g => g.Max(kv => kv.Value));
if (both > 0)
{
    Console.WriteLine(string.Create(inv, $"Agreement: {kept * 100.0 / both:0.0}% of the homes placed by both are in a B place drawn mostly from their own A place (100% when every place of B lies inside one place of A)."));
}

// One place up close, looked up by id: where the homes of A's tightest place are in B.
if (a.TryGetPlace("P1", out var first))
{
    var whereInB = a.HomesIn(first)
        .GroupBy(h => b.Homes.TryGetIndex(h.Id, out int j) ? b.PlaceOf(j)?.Id ?? "unplaced" : "not in B")
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => string.Create(inv, $"{g.Key} {g.Count():N0}"));
    Console.WriteLine(string.Create(inv, $"P1 (A, rank {first.Rank}): {first.Homes:N0} homes in {first.Authority}; in B: {string.Join(" · ", whereInB)}"));
}

Console.WriteLine();
Console.WriteLine("Authorities where coverage differs most:");
Console.WriteLine("authority   homes  coverage A  coverage B  places A  places B");
var byB = b.Coverage.ByAuthority.ToDictionary(x => x.Authority);
foreach (var (ca, cb) in a.Coverage.ByAuthority
    .Where(x => byB.ContainsKey(x.Authority))
    .Select(x => (x, byB[x.Authority]))
    .OrderByDescending(p => Math.Abs(p.Item1.CoverageRatio - p.Item2.CoverageRatio)).ThenBy(p => p.Item1.Authority, StringComparer.Ordinal)
    .Take(10))
{
    Console.WriteLine(string.Create(inv,
        $"{ca.Authority,-10} {ca.TotalHomes,6:N0}  {ca.CoverageRatio * 100,9:0.0}%  {cb.CoverageRatio * 100,9:0.0}%  {ca.Places,8}  {cb.Places,8}"));
}
