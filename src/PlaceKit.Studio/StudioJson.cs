using System.Text.Json.Serialization;

namespace PlaceKit.Studio;

/// <summary>An edit as the page sends it: the action, its targets (homes by index, or places by id), the argument and the author.</summary>
internal sealed record EditRequest
{
    public string? Action { get; init; }

    public int[]? Homes { get; init; }

    public string[]? Places { get; init; }

    public string? Argument { get; init; }

    public string? Author { get; init; }
}

/// <summary>The page's configuration, embedded in the page as JSON.</summary>
internal sealed record PageConfig
{
    public required string Token { get; init; }

    public required string PlanName { get; init; }

    public string? BasemapUrl { get; init; }

    public string? BasemapAttribution { get; init; }
}

/// <summary>Source-generated JSON for the studio's requests (works trimmed and AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 8)]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(PageConfig))]
internal sealed partial class StudioJsonContext : JsonSerializerContext;
