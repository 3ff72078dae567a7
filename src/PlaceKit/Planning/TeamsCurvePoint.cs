namespace PlaceKit.Planning;

/// <summary>One point of the teams → coverage curve: what the best <paramref name="Teams"/> places cover.</summary>
/// <param name="Teams">The number of teams (places).</param>
/// <param name="Homes">Homes in the <paramref name="Teams"/> largest clusters that keep the spread rule.</param>
/// <param name="CoverageRatio">Those homes over all homes, in [0, 1] (their weight over all weight when sized by weight).</param>
/// <param name="SmallestPlace">The homes of the last place this team buys (what one more team adds).</param>
public sealed record TeamsCurvePoint(int Teams, int Homes, double CoverageRatio, int SmallestPlace)
{
    /// <summary>The weight of those places' homes (equal to <see cref="Homes"/> when the homes have no weights).</summary>
    public double Weight { get; init; }
}
