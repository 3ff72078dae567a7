#:package PlaceKit@0.1.0
// Until PlaceKit is on nuget.org: take it from the folder `dotnet pack` writes (a path relative to this file), and
// leave this repository's central package versions alone. A copy outside the repository needs only the first.
#:property RestoreAdditionalProjectSources=../artifacts/packages
#:property ManagePackageVersionsCentrally=false

// Threshold sweep: how many places the trimming rules keep, and how much of the stock they cover, for every
// combination of the smallest place allowed and the widest spread allowed. A .NET 10 file-based app:
//   dotnet pack PlaceKit.sln -c Release -o artifacts/packages     # once, at the repository root (until PlaceKit is on nuget.org)
//   dotnet run samples/sweep.cs                                   # the built-in sample stock (45,000 homes)
//   dotnet run samples/sweep.cs -- homes.csv                      # your homes: id, easting/northing or longitude/latitude, authority
using System.Globalization;
using PlaceKit.Homes;
using PlaceKit.Planning;

var homes = args.Length > 0 ? HomeCsv.Read(args[0]) : SampleStock.Sample();
var options = new PlaceKitOptions { Clustering = { TargetSize = 450 } };
int[] minHomes = [300, 450, 600];
double[] maxSpreadMeters = [1500, 2500, 4000];

// Clusters and scores once per target size, then trims every combination: each row equals a full define run.
var rows = PlanSweep.Run(homes, options, targets: [options.Clustering.TargetSize], minHomes, maxSpreadMeters);

var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"{homes.Count:N0} homes in {homes.Authorities.Count} authorities, clusters of about {options.Clustering.TargetSize} homes"));
Console.WriteLine();
Console.WriteLine("min homes  max spread  places  mean size  size range    placed homes  coverage");
foreach (var r in rows)
{
    Console.WriteLine(string.Create(inv,
        $"{r.MinHomes,9:N0}  {r.MaxSpreadMeters / 1000,8:0.0} km  {r.Places,6}  {r.MeanPlaceSize,9:N0}  {$"{r.MinPlaceSize:N0}-{r.MaxPlaceSize:N0}",-11}  {r.PlacedHomes,12:N0}  {r.CoverageRatio * 100,7:0.0}%"));
}

// Coverage against the spread limit, one line per minimum: the trade-off a manager decides on.
Console.WriteLine();
foreach (var group in rows.GroupBy(r => r.MinHomes))
{
    Console.WriteLine(string.Create(inv,
        $"Places of at least {group.Key:N0} homes: coverage {string.Join(" -> ", group.Select(r => (r.CoverageRatio * 100).ToString("0", inv) + "%"))} as the spread limit grows {string.Join(" -> ", group.Select(r => (r.MaxSpreadMeters / 1000).ToString("0.#", inv) + " km"))}"));
}
