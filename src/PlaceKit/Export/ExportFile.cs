namespace PlaceKit.Export;

/// <summary>An extra file for <see cref="PlanExporter"/> to write with a plan's outputs (see <see cref="PlanExportOptions.ExtraFiles"/>).</summary>
/// <param name="Name">The file name inside the output folder (no folder part), e.g. <c>run.json</c>.</param>
/// <param name="Write">Writes the file's content to the stream it is given; called after PlaceKit's own files.</param>
public sealed record ExportFile(string Name, Action<Stream> Write);
