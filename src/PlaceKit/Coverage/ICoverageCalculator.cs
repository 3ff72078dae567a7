using PlaceKit.Homes;
using PlaceKit.Trimming;

namespace PlaceKit.Coverage;

/// <summary>The coverage stage: totals, place sizes and per-authority figures.</summary>
public interface ICoverageCalculator
{
    /// <summary>Computes coverage.</summary>
    /// <param name="homes">All input homes.</param>
    /// <param name="places">The places.</param>
    /// <param name="unplaced">The unplaced homes with reasons.</param>
    /// <returns>The coverage report.</returns>
    CoverageReport Calculate(HomeSet homes, IReadOnlyList<Place> places, IReadOnlyList<UnplacedHome> unplaced);
}
