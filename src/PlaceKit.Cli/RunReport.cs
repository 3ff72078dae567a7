using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary>
/// <c>run.json</c>: what one <c>placekit define</c> run did and what it cost, written next to the other outputs so runs
/// can be compared: PlaceKit version, options, seed, thread count, homes, clusters, total inertia, seconds per stage,
/// total seconds and the process's peak working set.
/// </summary>
/// <param name="PlaceKitVersion">The PlaceKit library version.</param>
/// <param name="Input">The input file, or a description of the built-in sample.</param>
/// <param name="Options">Every option the plan was made with.</param>
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
internal sealed record RunReport(
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
    RunStages Stages,
    double TotalSeconds,
    long PeakWorkingSetBytes)
{
    /// <summary>The file name.</summary>
    internal const string FileName = "run.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Builds the report of a finished run.</summary>
    internal static RunReport Create(string input, PlacePlan plan, TimeSpan read, TimeSpan export, TimeSpan total)
    {
        var t = plan.Timings;
        long iterations = 0;
        foreach (var a in plan.Authorities) iterations += a.Iterations;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        int threads = plan.Options.MaxDegreeOfParallelism < 0 ? Environment.ProcessorCount : plan.Options.MaxDegreeOfParallelism;
        return new RunReport(
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
            new RunStages(read.TotalSeconds, t.Cluster.TotalSeconds, t.Score.TotalSeconds, t.Trim.TotalSeconds, t.Coverage.TotalSeconds, t.Territories.TotalSeconds, export.TotalSeconds),
            total.TotalSeconds,
            self.PeakWorkingSet64);
    }

    /// <summary>Writes the report as JSON (the content of <c>run.json</c>).</summary>
    internal void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);
}

/// <summary>Seconds per stage of a run, as <c>stages</c> in <c>run.json</c>.</summary>
/// <param name="Read">Reading and validating the input.</param>
/// <param name="Cluster">Clustering.</param>
/// <param name="Score">Scoring and ranking.</param>
/// <param name="Trim">Trimming and building places.</param>
/// <param name="Coverage">Coverage.</param>
/// <param name="Territories">Territories.</param>
/// <param name="Export">Writing the output files.</param>
internal sealed record RunStages(double Read, double Cluster, double Score, double Trim, double Coverage, double Territories, double Export);
