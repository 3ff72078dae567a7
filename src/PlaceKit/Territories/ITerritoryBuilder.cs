using PlaceKit.Homes;
using PlaceKit.Trimming;

namespace PlaceKit.Territories;

/// <summary>The territory stage: gives each place the part of its authority its homes are nearest, and the authority's no-place area.</summary>
/// <remarks>Every way of making a plan uses the composed builder: <c>PlacePlan.Territories</c> is built by it, once, when first read.</remarks>
public interface ITerritoryBuilder
{
    /// <summary>Builds the territories.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="places">The plan's places.</param>
    /// <param name="placeIndexOfHome">Each home's index into <paramref name="places"/>, or -1 when unplaced.</param>
    /// <param name="options">The territory options.</param>
    /// <param name="maxDegreeOfParallelism">How many authorities are built at once; -1 for every core. Never changes the result.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One territory per place (in the order of <paramref name="places"/>) and one area per authority (in the order of <see cref="HomeSet.Authorities"/>).</returns>
    TerritoryMap Build(HomeSet homes, IReadOnlyList<Place> places, ReadOnlySpan<int> placeIndexOfHome, TerritoryOptions options,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default);
}
