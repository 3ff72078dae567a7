using System.Text.Json.Serialization;

namespace PlaceKit.Export;

/// <summary>Source-generated JSON for <see cref="RunRecord"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RunRecordJsonContext : JsonSerializerContext;
