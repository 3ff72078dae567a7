#:package PlaceKit@0.1.0
// Until PlaceKit is on nuget.org: take it from the folder `dotnet pack` writes (a path relative to this file), and
// leave this repository's central package versions alone. A copy outside the repository needs only the first.
#:property RestoreAdditionalProjectSources=../artifacts/packages
#:property ManagePackageVersionsCentrally=false

// Coverage by local authority: how much of each authority's stock the places cover, and why the rest is unplaced.
// A .NET 10 file-based app:
//   dotnet pack PlaceKit.sln -c Release -o artifacts/packages     # once, at the repository root (until PlaceKit is on nuget.org)
//   dotnet run samples/coverage-by-authority.cs                   # the built-in sample stock
//   dotnet run samples/coverage-by-authority.cs -- homes.csv      # your homes
using System.Globalization;
using PlaceKit.Homes;
using PlaceKit.Planning;

var homes = args.Length > 0 ? HomeCsv.Read(args[0]) : SampleStock.Sample();
var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450 } }).Define(homes);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(plan.Coverage.Headline);
Console.WriteLine();

// Unplaced homes per authority by the rule their cluster broke (a cluster can break both rules, so a home can count
// under both; the "unplaced" column counts each home once).
var brokeRule = plan.Unplaced
    .SelectMany(u => u.Reasons.Select(r => (u.Authority, r.Rule)))
    .GroupBy(x => x)
    .ToDictionary(g => g.Key, g => g.Count());
int Broke(string authority, string rule) => brokeRule.GetValueOrDefault((authority, rule));

Console.WriteLine("authority   homes  places  placed  unplaced  coverage  too few homes  too spread");
foreach (var a in plan.Coverage.ByAuthority.OrderByDescending(a => a.CoverageRatio).ThenBy(a => a.Authority, StringComparer.Ordinal))
{
    Console.WriteLine(string.Create(inv,
        $"{a.Authority,-10} {a.TotalHomes,6:N0}  {a.Places,6}  {a.PlacedHomes,6:N0}  {a.TotalHomes - a.PlacedHomes,8:N0}  {a.CoverageRatio * 100,7:0.0}%  {Broke(a.Authority, "too-few-homes"),13:N0}  {Broke(a.Authority, "too-spread"),10:N0}"));
}

var none = plan.Coverage.ByAuthority.Where(a => a.Places == 0).Select(a => a.Authority).ToList();
Console.WriteLine();
Console.WriteLine(none.Count == 0
    ? "Every authority has at least one place."
    : string.Create(inv, $"{none.Count} of {plan.Coverage.ByAuthority.Count} authorities have no place: {string.Join(", ", none)}"));
