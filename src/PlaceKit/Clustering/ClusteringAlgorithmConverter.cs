using System.ComponentModel;
using System.Globalization;

namespace PlaceKit.Clustering;

/// <summary>
/// Reads a <see cref="ClusteringAlgorithm"/> from text as configuration binding does: the command-line names
/// (<c>kmeans</c>, <c>size-constrained</c>) or the member names, case-insensitively, ignoring '-' and '_'.
/// </summary>
internal sealed class ClusteringAlgorithmConverter : EnumConverter
{
    /// <summary>The names in files and on the command line, by value.</summary>
    internal static readonly IReadOnlyList<(string Name, ClusteringAlgorithm Value)> Names =
        [("kmeans", ClusteringAlgorithm.KMeans), ("size-constrained", ClusteringAlgorithm.SizeConstrained)];

    public ClusteringAlgorithmConverter()
        : base(typeof(ClusteringAlgorithm))
    {
    }

    /// <summary>Parses a name; null when it is none of them.</summary>
    internal static ClusteringAlgorithm? Parse(string text)
    {
        string key = Normalize(text);
        foreach (var (name, value) in Names)
        {
            if (Normalize(name) == key || Normalize(value.ToString()) == key) return value;
        }

        return null;
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string s) return base.ConvertFrom(context, culture, value);
        return Parse(s) ?? throw new FormatException(
            $"'{s}' is not a clustering algorithm: use {string.Join(" or ", Names.Select(n => n.Name))}");
    }

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType)
    {
        if (destinationType == typeof(string) && value is ClusteringAlgorithm a)
        {
            foreach (var (name, v) in Names)
            {
                if (v == a) return name;
            }
        }

        return base.ConvertTo(context, culture, value, destinationType);
    }

    private static string Normalize(string s) => s.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
}
