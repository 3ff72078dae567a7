using System.Globalization;

namespace PlaceKit.Benchmarks;

/// <summary>The <c>--name value</c> pairs of the scale, peer and run commands.</summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    internal CommandArgs(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            string name = args[i][2..];
            _values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
    }

    internal string? Text(string name) => _values.GetValueOrDefault(name);

    internal string Text(string name, string fallback) => _values.GetValueOrDefault(name) ?? fallback;

    internal int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    internal bool Flag(string name) => _values.ContainsKey(name);
}
