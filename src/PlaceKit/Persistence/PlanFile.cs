using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PlaceKit.IO;
using PlaceKit.Homes;
using PlaceKit.Trimming;

using PlaceKit.Planning;

namespace PlaceKit.Persistence;

/// <summary>Saves a <see cref="PlacePlan"/> to a versioned <c>plan.json</c> and loads it back.</summary>
/// <remarks>
/// The file (System.Text.Json, snake_case) holds <c>format</c> = <c>placekit-plan</c>, <c>format_version</c>
/// (<see cref="FormatVersion"/>), the PlaceKit version that wrote it, the CRS (name and WKT), the options and seed,
/// the homes (id, x, y in planar metres, authority; input order), each home's cluster and each cluster's place id
/// (with <c>locked: true</c> for a locked place) or unplaced reasons, the same for the plan before edits when there are edits, the clustering run details and the
/// edit history. Derived figures (centres, hulls, scores, ranks, coverage) are not stored: loading recomputes them
/// with the composed stages (a definer's, or the defaults), so a plan saved by an older PlaceKit loads with today's scoring.
/// <para>A file with a newer format version, another format, malformed JSON or content that does not hold together
/// (columns of different lengths, a cluster crossing an authority border, a duplicate home) fails with a
/// <see cref="PlanFileException"/> naming what is wrong. Options come from the file; a plan made with other options
/// or another PlaceKit version loads as it was made. The loaded homes report <see cref="CoordinateKind.Projected"/>.</para>
/// <para>Cost: O(n log n) to load (rescoring), O(n) to save; about 50 bytes a home.</para>
/// </remarks>
public static class PlanFile
{
    /// <summary>The <c>format</c> value of a plan file.</summary>
    public const string Format = "placekit-plan";

    /// <summary>The format version this PlaceKit writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Saves a plan to a file, replacing it all or nothing (<see cref="OutputFile"/>: a temporary sibling, then one atomic rename).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="path">The file, usually <c>plan.json</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void Save(PlacePlan plan, string path)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(path);
        OutputFile.Write(path, s => Save(plan, s), new OutputFileOptions { Force = true });
    }

    /// <summary>Saves a plan to a stream as UTF-8 JSON.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Save(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var homes = plan.Homes;
        var dto = new PlanFileDto
        {
            Format = Format,
            FormatVersion = FormatVersion,
            PlacekitVersion = Version,
            Crs = new CrsDto { Name = homes.Projection.Name, Wkt = homes.Projection.Wkt },
            Options = plan.Options,
            // The home set's own columns, not copies: the DTO is only serialized, never changed, and at 25M homes the
            // copies were 0.8 GB held while the other outputs were being written.
            Homes = new HomesDto
            {
                Id = homes.Ids as string[] ?? [.. homes.Ids],
                X = homes.XArray,
                Y = homes.YArray,
                Authority = homes.AuthorityArray,
                Authorities = [.. homes.Authorities],
                Weight = homes.WeightArray,
            },
            Assignment = AssignmentOf(plan),
            Unedited = plan.Unedited is { } u ? AssignmentOf(u) : null,
            Authorities = [.. plan.Authorities],
            Edits = [.. plan.Edits.Select(e => new EditDto { Line = e.Line, Action = e.Action, Targets = [.. e.Targets], Argument = e.Argument, Author = e.Author, Time = e.Time })],
        };
        JsonSerializer.Serialize(stream, dto, PlanFileJsonContext.Default.PlanFileDto);
    }

    /// <summary>Loads a plan from a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="definer">Whose stages rebuild the plan (scores, coverage) and are kept with it for its edits and
    /// re-runs; null for the default stages (<see cref="PlaceDefiner.Create(PlaceKitOptions?, Microsoft.Extensions.Logging.ILogger{PlaceDefiner}?)"/>).
    /// The options always come from the file.</param>
    /// <returns>The plan, with scores, ranks, hulls and coverage recomputed.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PlanFileException">The file is not a plan this PlaceKit can read; the message names the file and what is wrong.</exception>
    public static PlacePlan Load(string path, IPlaceDefiner? definer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"plan file '{Path.GetFullPath(path)}' does not exist", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(stream, $"plan file '{path}'", definer);
    }

    /// <summary>Loads a plan whose authority boundaries file has moved (or is to be replaced): the plan's territories are clipped to <paramref name="boundariesFile"/> instead of the file recorded in it.</summary>
    /// <param name="path">The plan file.</param>
    /// <param name="boundariesFile">The boundary file to use (GeoJSON, GeoPackage or Shapefile); recorded in the loaded plan's options.</param>
    /// <param name="boundaryField">Its code field; <see langword="null"/> keeps the plan's (or tries the default fields).</param>
    /// <param name="definer">Whose stages rebuild the plan, as in <see cref="Load(string, IPlaceDefiner?)"/>; null for the default stages.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> or <paramref name="boundariesFile"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The plan file does not exist.</exception>
    /// <exception cref="PlanFileException">The file is not a plan this PlaceKit can read, or the boundary file does not exist.</exception>
    public static PlacePlan LoadWithBoundaries(string path, string boundariesFile, string? boundaryField = null, IPlaceDefiner? definer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(boundariesFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"plan file '{Path.GetFullPath(path)}' does not exist", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(stream, $"plan file '{path}'", definer, (Path.GetFullPath(boundariesFile), boundaryField));
    }

    /// <summary>Loads a plan from a stream of UTF-8 JSON.</summary>
    /// <param name="stream">The JSON; not closed.</param>
    /// <param name="definer">Whose stages rebuild the plan, as in <see cref="Load(string, IPlaceDefiner?)"/>; null for the default stages.</param>
    /// <returns>The plan, with scores, ranks, hulls and coverage recomputed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="PlanFileException">The content is not a plan this PlaceKit can read; the message says what is wrong.</exception>
    public static PlacePlan Load(Stream stream, IPlaceDefiner? definer = null) => Load(stream, "plan file", definer);

    private static PlacePlan Load(Stream stream, string source, IPlaceDefiner? definer, (string File, string? Field)? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var stages = (definer ?? PlaceDefiner.Create()).Stages;
        PlanFileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(stream, PlanFileJsonContext.Default.PlanFileDto);
        }
        catch (JsonException ex)
        {
            throw new PlanFileException($"{source} is not valid plan JSON: {ex.Message}", ex);
        }

        if (dto is null || dto.Format != Format)
        {
            throw new PlanFileException($"{source} is not a PlaceKit plan: expected \"format\": \"{Format}\", found {(dto?.Format is null ? "none" : $"\"{dto.Format}\"")}");
        }

        if (dto.FormatVersion < 1 || dto.FormatVersion > FormatVersion)
        {
            throw new PlanFileException(
                $"{source} has format version {dto.FormatVersion.ToString(CultureInfo.InvariantCulture)} (written by PlaceKit {dto.PlacekitVersion ?? "unknown"}); " +
                $"this PlaceKit {Version} reads versions 1 to {FormatVersion.ToString(CultureInfo.InvariantCulture)}" +
                (dto.FormatVersion > FormatVersion ? ": upgrade PlaceKit to load it" : ""));
        }

        PlanFileException Fail(string what) => new($"{source}: {what}");
        var options = dto.Options ?? throw Fail("the 'options' section is missing");
        options = options.Clone();
        if (boundaries is { } b)
        {
            options.Territories.BoundariesFile = b.File;
            options.Territories.BoundaryField = b.Field ?? options.Territories.BoundaryField;
            options.Territories.BoundariesSha256 = File.Exists(b.File) ? AuthorityBoundaries.FileSha256(b.File) : null; // the new file, as it is now
        }

        try
        {
            PlaceDefiner.Validate(options);
        }
        catch (OptionsValidationException ex)
        {
            throw new PlanFileException($"{source}: invalid options: {string.Join("; ", ex.Failures)}", ex);
        }

        if (options.Territories.BoundariesFile is { } boundaryFile && !File.Exists(boundaryFile))
        {
            // Never fall back to the drawn area silently: the plan's territories were clipped to that file.
            throw Fail($"the plan's territories are clipped to the authority boundaries in '{boundaryFile}', which does not exist (moved or deleted?); " +
                "put the file back there, or give its new path (--boundaries FILE with placekit define --previous or placekit adjust; PlanFile.LoadWithBoundaries)");
        }

        if (options.Territories.BoundariesFile is { } recorded && options.Territories.BoundariesSha256 is { } sha
            && !string.Equals(sha, AuthorityBoundaries.FileSha256(recorded), StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"the authority boundaries in '{recorded}' have changed since the plan was made (its SHA-256 differs from the one recorded); " +
                "to clip the plan to them as they are now, give the file again (--boundaries FILE with placekit define --previous or placekit adjust; PlanFile.LoadWithBoundaries)");
        }

        var projection = Projection(dto.Crs, Fail);
        var h = dto.Homes ?? throw Fail("the 'homes' section is missing");
        if (h.Id is null || h.X is null || h.Y is null || h.Authority is null || h.Authorities is null)
        {
            throw Fail("the 'homes' section needs the columns id, x, y, authority and authorities");
        }

        int n = h.Id!.Length;
        if (h.X!.Length != n || h.Y!.Length != n || h.Authority!.Length != n)
        {
            throw Fail($"the homes columns differ in length: id {n}, x {h.X.Length}, y {h.Y!.Length}, authority {h.Authority!.Length}");
        }

        if (h.Weight is { } weight && weight.Length != n) throw Fail($"the homes columns differ in length: id {n}, weight {weight.Length}");

        var records = new Home[n];
        for (int i = 0; i < n; i++)
        {
            int a = h.Authority[i];
            if ((uint)a >= (uint)h.Authorities!.Length) throw Fail($"home '{h.Id[i]}' has authority index {a}, outside [0-{h.Authorities.Length - 1}]");
            records[i] = new Home(h.Id[i], h.X[i], h.Y[i], h.Authorities[a]) { Weight = h.Weight?[i] ?? 1 };
        }

        HomeSet homes;
        try
        {
            homes = HomeSet.Create(records, CoordinateKind.Projected, projection, weighted: h.Weight is not null);
        }
        catch (HomeDataException ex)
        {
            throw new PlanFileException($"{source}: invalid homes: {ex.Message}", ex);
        }

        var runs = dto.Authorities ?? [];
        foreach (var run in runs)
        {
            if (run is null || run.Authority is null || run.Note is null) throw Fail("an entry of 'authorities' lacks its 'authority' or 'note'");
        }

        PlacePlan? unedited = dto.Unedited is null ? null : Build(stages, homes, dto.Unedited, "unedited", runs, options, [], null, Fail);
        if ((dto.Edits ?? []).Any(e => e is null)) throw Fail("an entry of 'edits' is null");
        var edits = (dto.Edits ?? []).Select(e => new PlanEdit(e.Line, e.Action ?? "", [.. (e.Targets ?? []).Where(t => t is not null)], e.Argument ?? "") { Author = e.Author, Time = e.Time }).ToArray();
        if (edits.Length > 0 && unedited is null) throw Fail("the plan has edits but no 'unedited' assignment");
        return Build(stages, homes, dto.Assignment ?? throw Fail("the 'assignment' section is missing"), "assignment", runs, options, edits, unedited, Fail);
    }

    private static PlacePlan Build(PlanStages stages, HomeSet homes, AssignmentDto dto, string section, IReadOnlyList<Clustering.AuthorityClustering> runs,
        PlaceKitOptions options, PlanEdit[] edits, PlacePlan? unedited, Func<string, PlanFileException> fail)
    {
        if (dto.Cluster is null || dto.Clusters is null) throw fail($"'{section}' needs 'cluster' and 'clusters'");
        int k = dto.Clusters!.Count;
        var place = new string?[k];
        var reasons = new IReadOnlyList<TrimReason>?[k];
        var locked = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            var cl = dto.Clusters[c] ?? throw fail($"'{section}': cluster {c + 1} is null");
            if (cl.Id != c + 1) throw fail($"'{section}': cluster {c + 1} is listed with id {cl.Id}; clusters must be listed in id order from 1");
            place[c] = cl.Place;
            if (cl.Locked == true)
            {
                if (cl.Place is null) throw fail($"'{section}': cluster {c + 1} is locked but is not a place (it has no 'place' id)");
                locked.Add(cl.Place);
            }

            if (cl.Reasons is { Count: > 0 } r) reasons[c] = [.. r.Where(x => x is not null).Select(x => new TrimReason(x.Rule ?? "", x.Detail ?? ""))];
        }

        var problems = PlanAssembly.Check(homes, dto.Cluster!, place, reasons);
        if (problems.Count > 0) throw fail($"'{section}': {string.Join("; ", problems)}");
        return stages.Rebuild(homes, dto.Cluster!, place, reasons, runs, options, edits, unedited, locked: locked);
    }

    private static PlanarProjection Projection(CrsDto? crs, Func<string, PlanFileException> fail)
    {
        if (crs is null) return PlanarProjection.BritishNationalGrid;
        try
        {
            if (crs.Name is { } name && name.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) return PlanarProjection.Parse(name);
            if (crs.Wkt is { } wkt) return PlanarProjection.FromWkt(wkt);
        }
        catch (ArgumentException ex)
        {
            throw fail($"the CRS cannot be rebuilt: {ex.Message}");
        }

        throw fail("the 'crs' section has neither an EPSG name nor WKT");
    }

    private static AssignmentDto AssignmentOf(PlacePlan plan)
    {
        var clusters = new ClusterDto[plan.Clusters.Count];
        for (int c = 0; c < clusters.Length; c++) clusters[c] = new ClusterDto { Id = c + 1 };
        foreach (var p in plan.Places)
        {
            clusters[p.Score.ClusterId - 1].Place = p.Id;
            if (p.Locked) clusters[p.Score.ClusterId - 1].Locked = true;
        }

        foreach (var t in plan.Trimmed)
        {
            clusters[t.Cluster.ClusterId - 1].Reasons = [.. t.Reasons.Select(r => new ReasonDto { Rule = r.Rule, Detail = r.Detail })];
        }

        return new AssignmentDto { Cluster = plan.ClusterOfHomeArray, Clusters = [.. clusters] };
    }

    private static string Version => typeof(PlacePlan).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
