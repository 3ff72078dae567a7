namespace PlaceKit.Trimming;

/// <summary>One rule a cluster broke, with the figures: e.g. <c>too-few-homes: 12 &lt; 450</c>.</summary>
/// <param name="Rule">The rule's code: <see cref="TooFewHomes"/>, <see cref="TooSpread"/> or <see cref="BeyondTeams"/> (others may be added by custom trimmers).</param>
/// <param name="Detail">The figures that broke it, e.g. <c>12 &lt; 450</c> or <c>r90 3.4 km &gt; 2.5 km</c>.</param>
public sealed record TrimReason(string Rule, string Detail)
{
    /// <summary>Rule code: the cluster has fewer homes than the minimum.</summary>
    public const string TooFewHomes = "too-few-homes";

    /// <summary>Rule code: the cluster's r90 exceeds the spread limit.</summary>
    public const string TooSpread = "too-spread";

    /// <summary>Rule code: the cluster keeps the spread rule but is not among the largest <see cref="TrimmingOptions.Teams"/> such clusters.</summary>
    public const string BeyondTeams = "beyond-teams";

    /// <summary>The reason as one phrase: <c>rule: detail</c>.</summary>
    /// <returns>The formatted reason.</returns>
    public override string ToString() => $"{Rule}: {Detail}";
}
