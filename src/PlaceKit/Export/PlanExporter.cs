using System.Text;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes every output file of a plan into a folder.</summary>
public static class PlanExporter
{
    /// <summary>The files <see cref="WriteAll"/> writes.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["homes.csv", "clusters.csv", "places.geojson", "coverage.json", "plan.json"];

    /// <summary>Writes <c>homes.csv</c>, <c>clusters.csv</c>, <c>places.geojson</c>, <c>coverage.json</c> and <c>plan.json</c> (<see cref="PlanFile"/>) into a folder, creating it if needed.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="directory">The output folder.</param>
    /// <returns>The full paths of the files written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="IOException">A file could not be written.</exception>
    public static IReadOnlyList<string> WriteAll(PlacePlan plan, string directory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        written.Add(WriteText(directory, "homes.csv", w => PlanCsv.WriteHomes(plan, w)));
        written.Add(WriteText(directory, "clusters.csv", w => PlanCsv.WriteClusters(plan, w)));
        written.Add(WriteBinary(directory, "places.geojson", s => PlacesGeoJson.Write(plan, s)));
        written.Add(WriteBinary(directory, "coverage.json", s => CoverageJson.Write(plan, s)));
        written.Add(WriteBinary(directory, "plan.json", s => PlanFile.Save(plan, s)));
        return written;
    }

    private static string WriteText(string directory, string name, Action<TextWriter> write)
    {
        string path = Path.Combine(directory, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        write(writer);
        return Path.GetFullPath(path);
    }

    private static string WriteBinary(string directory, string name, Action<Stream> write)
    {
        string path = Path.Combine(directory, name);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
        return Path.GetFullPath(path);
    }
}
