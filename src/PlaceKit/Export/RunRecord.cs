using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>
/// What one run did and what it cost (the content of <c>run.json</c>): PlaceKit version, input, options, seed, thread
/// count, homes, clusters, places, total inertia, seconds per stage, total seconds and the process's peak working set.
/// </summary>
/// <remarks>
/// The command line writes it with every <c>define</c>; a notebook or host makes the same record with
/// <see cref="Create"/> and writes it with <see cref="Write"/> (or passes <see cref="AsExportFile"/> to
/// <see cref="PlanExporter.WriteAll(PlacePlan, string, PlanExportOptions?, CancellationToken)"/> so it lands with the
/// other outputs, all or nothing). JSON is snake_case and source-generated (works in trimmed, AOT and file-based apps);
/// the algorithm is written by name.
/// </remarks>
/// <param name="PlaceKitVersion">The PlaceKit library version.</param>
/// <param name="Input">The input file, or a description of the built-in sample.</param>
/// <param name="Options">Every option the plan was made with (defaults resolved).</param>
/// <param name="Seed">The random seed.</param>
/// <param name="Threads">Threads the run could use (the option, or the core count for -1).</param>
/// <param name="Homes">Input homes.</param>
/// <param name="Authorities">Authorities among them.</param>
/// <param name="Clusters">Clusters made.</param>
/// <param name="Places">Places kept.</param>
/// <param name="TotalInertia">Sum over authorities of squared distances from homes to their cluster centres, m².</param>
/// <param name="Iterations">k-means iterations summed over authorities.</param>
/// <param name="Stages">Seconds per stage.</param>
/// <param name="TotalSeconds">Seconds from start to the outputs written.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set (Process.PeakWorkingSet64), bytes.</param>
public sealed record RunRecord(
    [property: JsonPropertyName("placekit_version")] string PlaceKitVersion,
    string Input,
    PlaceKitOptions Options,
    int Seed,
    int Threads,
    int Homes,
    int Authorities,
    int Clusters,
    int Places,
    double TotalInertia,
    long Iterations,
    RunStageSeconds Stages,
    double TotalSeconds,
    long PeakWorkingSetBytes)
{
    /// <summary>The file name, <c>run.json</c>.</summary>
    public const string FileName = "run.json";

    /// <summary>Makes the record of a finished run.</summary>
    /// <param name="plan">The plan the run made (its stage timings are used).</param>
    /// <param name="input">The input file, or a description of where the homes came from.</param>
    /// <param name="read">Time spent reading the homes.</param>
    /// <param name="export">Time spent writing the outputs (so far).</param>
    /// <param name="total">Time from start to now.</param>
    /// <returns>The record, with the process's peak working set as of now.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="input"/> is null.</exception>
    public static RunRecord Create(PlacePlan plan, string input, TimeSpan read, TimeSpan export, TimeSpan total)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        var t = plan.Timings;
        long iterations = 0;
        foreach (var a in plan.Authorities) iterations += a.Iterations;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        int threads = plan.Options.MaxDegreeOfParallelism < 0 ? Environment.ProcessorCount : plan.Options.MaxDegreeOfParallelism;
        return new RunRecord(
            typeof(PlacePlan).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            input,
            plan.Options,
            plan.Seed,
            threads,
            plan.Homes.Count,
            plan.Homes.Authorities.Count,
            plan.Clusters.Count,
            plan.Places.Count,
            plan.TotalInertia,
            iterations,
            new RunStageSeconds(read.TotalSeconds, t.Cluster.TotalSeconds, t.Score.TotalSeconds, t.Trim.TotalSeconds, t.Coverage.TotalSeconds, t.Territories.TotalSeconds, export.TotalSeconds),
            total.TotalSeconds,
            self.PeakWorkingSet64);
    }

    /// <summary>Writes the record as indented UTF-8 JSON (the content of <c>run.json</c>).</summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, this, RunRecordJsonContext.Default.RunRecord);
    }

    /// <summary>
    /// <c>run.json</c> as an extra file of an export, made when the export writes it (last), so it reports the
    /// export's own time: pass it in <see cref="PlanExportOptions.ExtraFiles"/>.
    /// </summary>
    /// <param name="plan">The plan being exported.</param>
    /// <param name="input">The input file, or a description of where the homes came from.</param>
    /// <param name="read">Time spent reading the homes.</param>
    /// <param name="runStart">The <see cref="Stopwatch.GetTimestamp"/> when the run started.</param>
    /// <param name="exportStart">The <see cref="Stopwatch.GetTimestamp"/> when the export started.</param>
    /// <returns>The export file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="input"/> is null.</exception>
    public static ExportFile AsExportFile(PlacePlan plan, string input, TimeSpan read, long runStart, long exportStart)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        return new ExportFile(FileName, s => Create(plan, input, read, Stopwatch.GetElapsedTime(exportStart), Stopwatch.GetElapsedTime(runStart)).Write(s));
    }
}
