using System.Text.Json.Serialization;

namespace PlaceKit;

/// <summary>What a plan's sizes count: homes, or the homes' weights (households, residents, workload).</summary>
/// <remarks>
/// With <see cref="Weight"/>, the target size (hence k), the size-constrained bounds, the minimum place size, the team
/// choice and the teams curve count weight, and k-means uses weighted centres (scikit-learn's <c>sample_weight</c>).
/// Every home weighs 1 when the homes have no weights, and then both give the same plan.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SizeBy>))]
public enum SizeBy
{
    /// <summary>Sizes count homes (the default).</summary>
    Homes = 0,

    /// <summary>Sizes count the homes' weights.</summary>
    Weight = 1,
}
