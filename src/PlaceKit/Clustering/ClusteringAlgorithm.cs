using System.ComponentModel;
using System.Text.Json.Serialization;

namespace PlaceKit.Clustering;

/// <summary>The built-in clustering algorithm <see cref="PlaceClusterer"/> runs.</summary>
/// <remarks>
/// Written by name in files (<c>"algorithm": "size-constrained"</c> in <c>plan.json</c> and <c>run.json</c>; files
/// with the old numbers still load) and read from configuration in the command line's spelling
/// (<c>"Algorithm": "size-constrained"</c>) or the member name (<c>"SizeConstrained"</c>), case-insensitively.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ClusteringAlgorithm>))]
[TypeConverter(typeof(ClusteringAlgorithmConverter))]
public enum ClusteringAlgorithm
{
    /// <summary>Plain k-means per authority (<see cref="KMeansClusterer"/>): sizes average the target but vary widely. Named <c>kmeans</c>.</summary>
    [JsonStringEnumMemberName("kmeans")]
    KMeans = 0,

    /// <summary>k-means with a minimum and maximum cluster size per authority (<see cref="SizeConstrainedClusterer"/>). Named <c>size-constrained</c>.</summary>
    [JsonStringEnumMemberName("size-constrained")]
    SizeConstrained = 1,
}
