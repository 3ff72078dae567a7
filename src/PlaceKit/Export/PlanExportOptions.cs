using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>How <see cref="PlanExporter"/> writes a plan's files.</summary>
public sealed record PlanExportOptions
{
    /// <summary>Write into a folder that holds files PlaceKit did not write, replacing only PlaceKit's own files there.</summary>
    /// <remarks>Without it such a folder is refused, so a mistyped output folder never loses someone's files. An empty
    /// folder, or an earlier PlaceKit output folder (one with a <c>.placekit</c> marker and nothing else), needs no force.</remarks>
    /// <value>Default <see langword="false"/>.</value>
    public bool Force { get; init; }

    /// <summary>Also write <c>homes.geojson</c>: every home as a WGS84 point with its place and status (see <see cref="PlaceKit.Export.HomesGeoJson"/>).</summary>
    /// <remarks>About 230 bytes a home (10 MB for 45,000 homes), so it is asked for rather than always written.</remarks>
    /// <value>Default <see langword="false"/>.</value>
    public bool HomesGeoJson { get; init; }

    /// <summary>Also write <c>changes.csv</c>: what changed from an earlier plan (<see cref="PlanDiff.WriteCsv(TextWriter)"/>), as after an adjustment or a re-run.</summary>
    /// <value>Default <see langword="null"/>: no changes.csv.</value>
    public PlanDiff? Changes { get; init; }

    /// <summary>More files to write into the folder after PlaceKit's own, inside the same all-or-nothing export (the CLI's <c>run.json</c> is one).</summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public IReadOnlyList<ExportFile>? ExtraFiles { get; init; }

    /// <summary>The files the command reads (its input, a previous plan, an edit file): the export never replaces or deletes one, whatever <see cref="Force"/> says.</summary>
    /// <remarks>Replacing a PlaceKit output folder replaces everything in it, so an input inside such a folder is refused;
    /// under <see cref="Force"/> only an input with an output's name is. Compared after following symbolic links.</remarks>
    /// <value>Default <see langword="null"/>: none.</value>
    public IReadOnlyList<string>? Inputs { get; init; }
}
