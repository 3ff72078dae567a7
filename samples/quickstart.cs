#:project ../src/PlaceKit/PlaceKit.csproj

// PlaceKit quickstart, a .NET 10 file-based app:
//   dotnet run samples/quickstart.cs                 # the built-in sample stock
//   dotnet run samples/quickstart.cs -- homes.csv    # your own CSV (id, easting/northing or longitude/latitude, authority)
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

var homes = args.Length > 0 ? HomeCsv.Read(args[0]) : SampleStock.Sample();
var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450 } }).Define(homes);

Console.WriteLine(plan.Coverage.Headline);
Console.WriteLine("Rank  Place  Authority    Homes  Tightness/km²   r90 m");
foreach (var place in plan.Places)
{
    Console.WriteLine($"{place.Rank,4}  {place.Id,-5}  {place.Authority,-10} {place.Homes,6:N0}  {place.Tightness,13:N0}  {place.Score.R90Meters,6:N0}");
}

// Every output (homes.csv, clusters.csv, places.geojson, coverage.json, report.html, plan.json), all or nothing.
var files = PlanExporter.WriteAll(plan, "placekit-out");
Console.WriteLine($"Wrote {files.Count} files to {Path.GetFullPath("placekit-out")}");
