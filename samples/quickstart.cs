#:project ../src/PlaceKit/PlaceKit.csproj

// PlaceKit quickstart, a .NET 10 file-based app:
//   dotnet run samples/quickstart.cs                 # the built-in sample stock
//   dotnet run samples/quickstart.cs -- homes.csv    # your own CSV (id, easting/northing or longitude/latitude, authority)
// It references the library's project (#:project), so it runs straight from a clone; the other scripts in samples/
// reference the packed package instead, as your own scripts will.
using System.Diagnostics;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

long start = Stopwatch.GetTimestamp();
string source = args.Length > 0 ? Path.GetFullPath(args[0]) : "built-in sample stock";
var homes = args.Length > 0 ? HomeCsv.Read(args[0]) : SampleStock.Sample();
var read = Stopwatch.GetElapsedTime(start);
var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450 } }).Define(homes);

// Every output (homes.csv, clusters.csv, places.geojson, coverage.json, report.html, plan.json) and the run record
// (run.json), all or nothing, into a folder of its own (the CLI's placekit-out from the README's first command is left
// alone); then the same summary `placekit define` prints, ten tightest places included.
long exportStart = Stopwatch.GetTimestamp();
var files = PlanExporter.WriteAll(plan, "quickstart-out",
    new PlanExportOptions { ExtraFiles = [RunRecord.AsExportFile(plan, source, read, start, exportStart)] });
PlanSummary.Write(Console.Out, plan, source, RunRecord.Create(plan, source, read, Stopwatch.GetElapsedTime(exportStart), Stopwatch.GetElapsedTime(start)), files);
