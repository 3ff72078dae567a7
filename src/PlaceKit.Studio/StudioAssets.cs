using System.Reflection;

namespace PlaceKit.Studio;

/// <summary>The page, its script and style, and the vendored map library, embedded in the assembly (no CDN, nothing to deploy).</summary>
internal static class StudioAssets
{
    private static readonly Assembly Assembly = typeof(StudioAssets).Assembly;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [""] = "text/plain; charset=utf-8",
    };

    /// <summary>The names of every embedded asset, relative to <c>wwwroot/</c> with forward slashes.</summary>
    internal static IReadOnlyList<string> Names { get; } =
        [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal) || n.StartsWith("wwwroot\\", StringComparison.Ordinal))
            .Select(n => n["wwwroot/".Length..].Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>Opens an asset by its relative name, or returns null when there is none (or the name escapes the folder).</summary>
    internal static Stream? Open(string name, out string contentType)
    {
        contentType = "application/octet-stream";
        if (name.Length == 0 || name.Contains("..", StringComparison.Ordinal) || !Names.Contains(name, StringComparer.Ordinal)) return null;
        contentType = Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return Assembly.GetManifestResourceStream("wwwroot/" + name) ?? Assembly.GetManifestResourceStream("wwwroot\\" + name.Replace('/', '\\'));
    }

    /// <summary>Reads a text asset whole.</summary>
    internal static string ReadText(string name)
    {
        using var stream = Open(name, out _) ?? throw new InvalidOperationException($"the studio asset '{name}' is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
