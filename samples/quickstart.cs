#:project ../src/PlaceKit/PlaceKit.csproj

// PlaceKit quickstart, a .NET 10 file-based app:
//   dotnet run samples/quickstart.cs                 # the built-in sample stock
//   dotnet run samples/quickstart.cs -- homes.csv    # your own CSV (id, easting/northing or longitude/latitude, authority)
// It references the library's project (#:project), so it runs straight from a clone; the other scripts in samples/
// reference the packed package instead, as your own scripts will.
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

// Every output (homes.csv, clusters.csv, places.geojson, coverage.json, report.html, plan.json), all or nothing, into a
// folder of its own: the CLI's placekit-out from the README's first command is left alone.
var files = PlanExporter.WriteAll(plan, "quickstart-out");
Console.WriteLine($"Wrote {files.Count} files to {Path.GetFullPath("quickstart-out")}");
