namespace PlaceKit.Planning;

/// <summary>
/// One authority's own name and rules, overriding the plan-wide options for its homes only: e.g. a city with a
/// larger target than a rural district, or a team count per authority.
/// </summary>
/// <param name="Code">The authority code the settings apply to (as in the homes' <c>authority</c> column).</param>
/// <remarks>A <see langword="null"/> value keeps the plan-wide option. See <see cref="PlaceKitOptions.Authorities"/>.</remarks>
public sealed record AuthoritySettings(string Code)
{
    /// <summary>The authority's name, shown next to its code in every output.</summary>
    /// <value>Default <see langword="null"/>: the code alone.</value>
    public string? Name { get; init; }

    /// <summary>Overrides <see cref="Clustering.ClusteringOptions.TargetSize"/> for this authority.</summary>
    public int? TargetSize { get; init; }

    /// <summary>Overrides <see cref="Trimming.TrimmingOptions.MinHomes"/> for this authority.</summary>
    public int? MinHomes { get; init; }

    /// <summary>Overrides <see cref="Trimming.TrimmingOptions.MaxSpreadMeters"/> for this authority.</summary>
    public double? MaxSpreadMeters { get; init; }

    /// <summary>
    /// This authority's own team count (<see cref="Trimming.TrimmingOptions.Teams"/>): its places are the largest of its
    /// clusters that keep the spread rule, this many at most, whatever the plan-wide team count.
    /// </summary>
    public int? Teams { get; init; }
}
