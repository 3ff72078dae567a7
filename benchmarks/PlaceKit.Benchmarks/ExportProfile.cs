using System.Text;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>exportprofile --csv FILE [--runs 2] [--only NAME,...] [--keep DIR] [--all]</c>: where the export stage's time goes, one output at a time
/// (in <see cref="PlanExporter.WriteAll(PlacePlan, string)"/> they run in parallel): each writer writes the plan of the
/// file (default options, territories built first) to a temporary file, <c>--runs</c> times, and the last run is
/// printed with wall and CPU seconds, allocation and the bytes written. Uses only the public writers, so the same file
/// builds against an older PlaceKit for a before/after comparison. <c>--keep DIR</c> keeps each output's last run in DIR
/// (to compare the bytes of two builds). <c>--all</c> then also times <see cref="PlanExporter.WriteAll(PlacePlan, string)"/>
/// (every output in parallel, as <c>define</c> writes them; <c>--only none</c> for that alone).
/// </summary>
internal static class ExportProfile
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string csv = a.Text("csv") ?? throw new ArgumentException("exportprofile needs --csv FILE");
        int runs = int.Parse(a.Text("runs", "2"), System.Globalization.CultureInfo.InvariantCulture);
        var only = a.Text("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? keep = a.Text("keep");
        bool all = a.Flag("all");
        if (keep is not null) Directory.CreateDirectory(keep);
        var homes = HomeCsv.Read(csv);
        var definer = new PlaceDefiner(Options.Create(new PlaceKitOptions()), new KMeansClusterer(), new DensityScorer(), new PlaceTrimmer(), new CoverageCalculator(), new VoronoiTerritoryBuilder());
        var plan = definer.Define(homes);
        Console.WriteLine($"{homes.Count:N0} homes, {plan.Places.Count:N0} places, {plan.Territories.Places.Count:N0} territories; each output alone, {runs} runs, the last shown:");
        (string Name, Action<Stream> Write)[] outputs =
        [
            ("homes.csv", s => Text(s, w => PlanCsv.WriteHomes(plan, w))),
            ("clusters.csv", s => Text(s, w => PlanCsv.WriteClusters(plan, w))),
            ("places.geojson", s => PlacesGeoJson.Write(plan, s)),
            ("territories.geojson", s => TerritoriesGeoJson.Write(plan, s)),
            ("places.gpkg", s => PlacesGeoPackage.Write(plan, s)),
            ("coverage.json", s => CoverageJson.Write(plan, s)),
            ("report.html", s => PlanReport.Write(plan, s)),
            ("plan.json", s => PlanFile.Save(plan, s)),
        ];
        string temp = Path.Combine(Path.GetTempPath(), $"placekit-exportprofile-{Environment.ProcessId}.tmp");
        try
        {
            foreach (var (name, write) in outputs)
            {
                if (only is not null && !only.Contains(name)) continue;
                ProfileMeasure.Measure(name, () =>
                {
                    using var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    write(file);
                    return file.Length;
                }, runs, "bytes");
                if (keep is not null) File.Copy(temp, Path.Combine(keep, name), overwrite: true);
            }
        }
        finally
        {
            File.Delete(temp);
        }

        if (all)
        {
            // Every output at once, as define writes them (in parallel, sharing what they share).
            string folder = Path.Combine(Path.GetTempPath(), $"placekit-exportprofile-{Environment.ProcessId}.all");
            try
            {
                ProfileMeasure.Measure("all (WriteAll)", () => PlanExporter.WriteAll(plan, folder).Sum(f => new FileInfo(f).Length), runs, "bytes");
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }

        return 0;
    }

    private static void Text(Stream stream, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        write(writer);
    }
}
