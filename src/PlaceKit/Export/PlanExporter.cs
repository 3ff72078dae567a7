using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using PlaceKit.IO;
using PlaceKit.Planning;
using PlaceKit.Persistence;

namespace PlaceKit.Export;

/// <summary>Writes every output file of a plan into a folder, all or nothing.</summary>
/// <remarks>
/// The files are written into a temporary folder next to the target and moved into place only when every one is
/// complete, so an interrupted run (cancellation, a failing writer, a full disk) leaves the previous outputs untouched.
/// A PlaceKit output folder carries a <c>.placekit</c> marker listing the files PlaceKit wrote; such a folder is
/// replaced as a whole. A folder holding anything else is never touched unless
/// <see cref="PlanExportOptions.Force"/> is set, and then only PlaceKit's own files in it are replaced.
/// </remarks>
public static class PlanExporter
{
    /// <summary>
    /// The key in <see cref="Exception.Data"/> set to <see langword="true"/> on the rare <see cref="IOException"/> after which
    /// the previous outputs could not all be put back (the message says where they are). Absent: the previous outputs are untouched.
    /// </summary>
    public const string OutputsTouchedKey = "PlaceKit.OutputsTouched";

    /// <summary>The marker file in every PlaceKit output folder; it lists the files PlaceKit wrote there.</summary>
    internal const string MarkerFileName = ".placekit";

    /// <summary>An output: its file name, its writer into a stream, and optionally a writer that makes the file itself at a new path.</summary>
    /// <param name="Name">The file name.</param>
    /// <param name="Write">The writer into a stream.</param>
    /// <param name="WriteNewFile">For a writer that needs a file rather than a stream (SQLite for the GeoPackage): the
    /// export has it write straight into the temporary folder, instead of into a file of its own copied here.</param>
    /// <param name="Cost">How long the output takes to write, relatively: the export starts the costliest first, so that
    /// the last to finish is a small one and no core waits at the end.</param>
    private sealed record Output(string Name, Action<PlacePlan, Stream> Write, Action<PlacePlan, string>? WriteNewFile = null, int Cost = 0);

    // The outputs, in order: a list of (file name, writer). Add new outputs here.
    private static readonly Output[] Outputs =
    [
        // Costs as measured alone at 1M homes (benchmarks' exportprofile): places.gpkg 1.9 s, homes.csv 1.2 s (with the
        // homes' projection, which the report then shares), report.html 0.9 s, plan.json 0.3 s, the others under 0.1 s.
        new("homes.csv", (plan, s) => WriteText(s, w => PlanCsv.WriteHomes(plan, w)), Cost: 3),
        new("clusters.csv", (plan, s) => WriteText(s, w => PlanCsv.WriteClusters(plan, w))),
        new("places.geojson", PlacesGeoJson.Write),
        new("territories.geojson", TerritoriesGeoJson.Write),
        new("places.gpkg", PlacesGeoPackage.Write, PlacesGeoPackage.WriteNewFile, Cost: 4),
        new("coverage.json", CoverageJson.Write),
        new("report.html", PlanReport.Write, Cost: 2),
        new("plan.json", PlanFile.Save, Cost: 1),
    ];

    /// <summary>The optional per-home GeoJSON, written when <see cref="PlanExportOptions.HomesGeoJson"/> is set.</summary>
    private static readonly Output HomesOutput = new("homes.geojson", HomesGeoJson.Write, Cost: 3);

    /// <summary>The files <see cref="WriteAll(PlacePlan, string)"/> writes, in order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [.. Outputs.Select(o => o.Name)];

    /// <summary>Writes <c>homes.csv</c>, <c>clusters.csv</c>, <c>places.geojson</c>, <c>territories.geojson</c>, <c>places.gpkg</c>, <c>coverage.json</c>, <c>report.html</c> and <c>plan.json</c> (<see cref="PlanFile"/>) into a folder, all or nothing.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="directory">The output folder; created if needed, replaced as a whole if it is an earlier PlaceKit output folder.</param>
    /// <returns>The full paths of the files written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="OutputFolderException">The folder holds files PlaceKit did not write, or is a file.</exception>
    /// <exception cref="IOException">A file could not be written; the previous outputs are untouched.</exception>
    public static IReadOnlyList<string> WriteAll(PlacePlan plan, string directory) => WriteAll(plan, directory, null, default);

    /// <summary>Writes every output file into a folder, all or nothing, with options and cancellation.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="directory">The output folder; created if needed, replaced as a whole if it is an earlier PlaceKit output folder.</param>
    /// <param name="options">Export options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the export before the files are moved into place; the previous outputs stay.</param>
    /// <returns>The full paths of the files written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="OutputFolderException">The folder holds files PlaceKit did not write (and <see cref="PlanExportOptions.Force"/> is not set), or is a file.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the previous outputs are untouched.</exception>
    /// <exception cref="IOException">A file could not be written; the previous outputs are untouched.</exception>
    public static IReadOnlyList<string> WriteAll(PlacePlan plan, string directory, PlanExportOptions? options, CancellationToken cancellationToken = default) =>
        WriteAll(plan, directory, options, OutputsFor(options), cancellationToken, options?.ExtraFiles?.Count ?? 0);

    private static IReadOnlyList<Output> OutputsFor(PlanExportOptions? options)
    {
        if (options is null || (!options.HomesGeoJson && options.Changes is null && options.ExtraFiles is not { Count: > 0 })) return Outputs;
        var outputs = new List<Output>(Outputs);
        if (options.HomesGeoJson) outputs.Add(HomesOutput);
        if (options.Changes is { } changes) outputs.Add(new("changes.csv", (_, s) => WriteText(s, changes.WriteCsv)));
        foreach (var extra in options.ExtraFiles ?? [])
        {
            if (extra.Name.Length == 0 || extra.Name != Path.GetFileName(extra.Name) || outputs.Exists(o => o.Name == extra.Name))
            {
                throw new ArgumentException($"Extra file name '{extra.Name}' must be a plain file name not used by another output.", nameof(options));
            }

            outputs.Add(new(extra.Name, (_, s) => extra.Write(s)));
        }
        return outputs;
    }

    /// <summary>
    /// Checks, before any work, that <see cref="WriteAll(PlacePlan, string, PlanExportOptions?, CancellationToken)"/> may
    /// write into a folder: it is new, empty, an earlier PlaceKit output folder, or <see cref="PlanExportOptions.Force"/> is set;
    /// and no file the command reads (<see cref="PlanExportOptions.Inputs"/>) would be replaced.
    /// </summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="options">Export options; <see langword="null"/> for defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="OutputFolderException">The folder holds files PlaceKit did not write (and Force is not set), is a file, is a root,
    /// holds a folder where an output file goes, or would replace a file the command reads.</exception>
    public static void EnsureWritable(string directory, PlanExportOptions? options = null)
    {
        options ??= new PlanExportOptions();
        CheckFolder(directory, options, OutputsFor(options).Select(o => o.Name).ToArray());
    }

    private static (string Target, string Parent, bool Exists, bool Ours) CheckFolder(string directory, PlanExportOptions options, IReadOnlyList<string> names)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string shown = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        string target = OutputPaths.Resolve(directory); // a symlinked folder: write where it points, keep the link
        string parent = Path.GetDirectoryName(target) ?? throw new OutputFolderException(target, $"'{shown}' is a root folder; choose a folder inside it");
        if (File.Exists(target)) throw new OutputFolderException(target, $"'{shown}' is a file, not a folder; choose another output folder");
        bool exists = Directory.Exists(target);
        bool ours = !exists || IsPlaceKitFolder(target, out _);
        if (!ours && !options.Force)
        {
            IsPlaceKitFolder(target, out string? foreign);
            throw new OutputFolderException(target,
                $"'{shown}' holds files PlaceKit did not write (such as '{foreign}'); choose another output folder or pass --force (PlanExportOptions.Force) to write into it");
        }

        foreach (string input in options.Inputs ?? [])
        {
            if (!File.Exists(input) && !Directory.Exists(input)) continue;
            // The whole folder is replaced when it is PlaceKit's; under --force only the output files are.
            bool hit = ours ? OutputPaths.Inside(input, target) : names.Any(n => OutputPaths.Same(input, Path.Combine(target, n)));
            if (hit)
            {
                throw new OutputFolderException(target,
                    $"'{shown}' holds '{Path.GetFileName(input)}', which this command reads; write the outputs to another folder");
            }
        }

        if (exists && !ours)
        {
            foreach (string n in names)
            {
                if (Directory.Exists(Path.Combine(target, n)))
                {
                    throw new OutputFolderException(target,
                        $"'{Path.Combine(shown, n)}' is a folder where PlaceKit writes a file; PlaceKit does not replace folders, even with --force; move it or choose another output folder");
                }
            }
        }

        return (target, parent, exists, ours);
    }

    /// <summary>The seam tests use to inject a failing writer.</summary>
    internal static IReadOnlyList<string> WriteAll(PlacePlan plan, string directory, PlanExportOptions? options,
        IReadOnlyList<(string Name, Action<PlacePlan, Stream> Write)> outputs, CancellationToken cancellationToken, int sequentialTail = 0) =>
        WriteAll(plan, directory, options, [.. outputs.Select(o => new Output(o.Name, o.Write))], cancellationToken, sequentialTail);

    private static IReadOnlyList<string> WriteAll(PlacePlan plan, string directory, PlanExportOptions? options,
        IReadOnlyList<Output> outputs, CancellationToken cancellationToken, int sequentialTail = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new PlanExportOptions();
        string[] names = [.. outputs.Select(o => o.Name)];
        var (target, parent, exists, ours) = CheckFolder(directory, options, names);

        Directory.CreateDirectory(parent);
        OutputPaths.CleanStale(target);
        string temp = OutputPaths.Sibling(target, OutputPaths.TempInfix);
        Directory.CreateDirectory(temp);
        try
        {
            // The files are independent, so they are written in parallel (each to its own file; the content never
            // depends on the order), the costliest started first and each taken by the next free thread; extra files
            // come last, one by one, so they can report on the others.
            int parallelCount = outputs.Count - sequentialTail;
            int[] schedule = [.. Enumerable.Range(0, parallelCount).OrderByDescending(i => outputs[i].Cost).ThenBy(i => i)];
            using var sharedLonLat = HomeLonLat.Share(plan.Homes); // homes.csv, homes.geojson and the report project the homes once
            try
            {
                Parallel.ForEach(Partitioner.Create(schedule, EnumerablePartitionerOptions.NoBuffering), Parallelism.Options(plan.Options.MaxDegreeOfParallelism, cancellationToken),
                    i => WriteOne(plan, temp, outputs[i], cancellationToken));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }

            for (int i = parallelCount; i < outputs.Count; i++) WriteOne(plan, temp, outputs[i], cancellationToken);

            File.WriteAllText(Path.Combine(temp, MarkerFileName),
                "# Written by PlaceKit; this folder is replaced as a whole by the next run into it. Files:\n" +
                string.Join("\n", names) + "\n");
            cancellationToken.ThrowIfCancellationRequested();
            // The last safe point: from here the previous outputs are swapped for the new ones, all or nothing.
            CheckFolder(directory, options, names); // the folder may have changed while the files were written
            if (!exists)
            {
                Directory.Move(temp, target);
            }
            else if (ours)
            {
                Swap(temp, target);
            }
            else
            {
                // --force into a folder with other files: replace only PlaceKit's files, keep the others, add no marker
                // (the folder still holds files PlaceKit did not write, so the next run needs --force again).
                ReplaceFiles(temp, target, names);
                OutputPaths.TryDelete(temp);
            }
        }
        catch
        {
            OutputPaths.TryDelete(temp);
            throw;
        }

        return [.. names.Select(n => Path.Combine(target, n))];
    }

    private static void WriteOne(PlacePlan plan, string temp, Output output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string path = Path.Combine(temp, output.Name);
        if (output.WriteNewFile is { } writeNewFile)
        {
            // Straight into the temporary folder (swapped in only when every file is complete), rather than into a file of
            // the writer's own copied here: the same bytes, without a second copy written, read and deleted (the
            // GeoPackage: 123 MB at 1M homes).
            writeNewFile(plan, path);
            using var written = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            written.Flush(flushToDisk: true);
            return;
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        output.Write(plan, stream);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Whether a folder holds only files PlaceKit wrote: its marker and the files the marker lists (an empty folder counts).</summary>
    private static bool IsPlaceKitFolder(string folder, out string? foreign)
    {
        string marker = Path.Combine(folder, MarkerFileName);
        var listed = new HashSet<string>(StringComparer.Ordinal) { MarkerFileName };
        if (File.Exists(marker))
        {
            foreach (var line in File.ReadLines(marker))
            {
                if (line.Length > 0 && line[0] != '#') listed.Add(line.Trim());
            }
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            string entryName = Path.GetFileName(entry);
            if (!listed.Contains(entryName) || Directory.Exists(entry))
            {
                foreign = entryName;
                return false;
            }
        }

        foreign = null;
        return true;
    }

    /// <summary>Moves the old folder aside, the new one into place, then deletes the old one; puts the old one back if the move fails.</summary>
    private static void Swap(string temp, string target)
    {
        string old = OutputPaths.Sibling(target, OutputPaths.OldInfix);
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        OutputPaths.TryDelete(old);
    }

    /// <summary>
    /// <c>--force</c> into a folder that holds other files: each output file replaces its namesake, all or nothing.
    /// Each old file is first moved aside (into a hidden sibling folder), then the new one moved in; if any step fails
    /// every step done is undone in reverse, so the folder is as it was, and the failure is reported.
    /// </summary>
    private static void ReplaceFiles(string temp, string target, IReadOnlyList<string> names)
    {
        string old = OutputPaths.Sibling(target, OutputPaths.OldInfix);
        Directory.CreateDirectory(old);
        var movedAside = new List<string>();
        var placed = new List<string>();
        string? failing = null;
        try
        {
            foreach (string name in names)
            {
                failing = name;
                string dst = Path.Combine(target, name);
                if (File.Exists(dst) || new FileInfo(dst).LinkTarget is not null)
                {
                    File.Move(dst, Path.Combine(old, name));
                    movedAside.Add(name);
                }

                File.Move(Path.Combine(temp, name), dst);
                placed.Add(name);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var stuck = new List<string>();
            for (int i = placed.Count - 1; i >= 0; i--)
            {
                try { File.Move(Path.Combine(target, placed[i]), Path.Combine(temp, placed[i])); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { stuck.Add(placed[i]); }
            }

            for (int i = movedAside.Count - 1; i >= 0; i--)
            {
                try { File.Move(Path.Combine(old, movedAside[i]), Path.Combine(target, movedAside[i]), overwrite: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { stuck.Add(movedAside[i]); }
            }

            string why = ex.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ');
            if (stuck.Count > 0)
            {
                var partial = new IOException(
                    $"could not replace '{failing}' in '{target}' ({why}), and could not put back {string.Join(", ", stuck)}; the previous files are in '{old}'", ex);
                partial.Data[OutputsTouchedKey] = true;
                throw partial;
            }

            OutputPaths.TryDelete(old);
            throw new IOException($"could not replace '{failing}' in '{target}' ({why}); every file was put back", ex);
        }

        OutputPaths.TryDelete(old);
    }

    private static void WriteText(Stream stream, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        write(writer);
    }
}
