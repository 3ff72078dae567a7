namespace PlaceKit.Export;

/// <summary>Seconds per stage of a run, as <c>stages</c> in <c>run.json</c>.</summary>
/// <param name="Read">Reading and validating the input.</param>
/// <param name="Cluster">Clustering.</param>
/// <param name="Score">Scoring and ranking.</param>
/// <param name="Trim">Trimming and building places.</param>
/// <param name="Coverage">Coverage.</param>
/// <param name="Territories">Territories.</param>
/// <param name="Export">Writing the output files.</param>
public sealed record RunStageSeconds(double Read, double Cluster, double Score, double Trim, double Coverage, double Territories, double Export);
