using System.Text.Json.Serialization;

using PlaceKit.Planning;

namespace PlaceKit.Persistence;

/// <summary>
/// Source-generated JSON metadata for <c>plan.json</c>, so saving and loading plans works where reflection-based
/// serialization is off (trimmed and native AOT apps, .NET 10 file-based apps) and starts faster.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlanFileDto))]
internal sealed partial class PlanFileJsonContext : JsonSerializerContext;
