namespace PlaceKit.Territories;

/// <summary>The territory stage's result: each place's territory and each authority's area.</summary>
/// <remarks>Immutable. Within one authority the territories do not overlap, and together with the no-place area they make up the authority's area.</remarks>
public sealed class TerritoryMap
{
    /// <summary>Creates a map.</summary>
    /// <param name="places">One territory per place, in the plan's place order.</param>
    /// <param name="authorities">One area per authority, in <see cref="Homes.HomeSet.Authorities"/> order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TerritoryMap(IReadOnlyList<PlaceTerritory> places, IReadOnlyList<AuthorityArea> authorities)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(authorities);
        Places = places;
        Authorities = authorities;
    }

    /// <summary>One territory per place, in the plan's place order (index p for <c>plan.Places[p]</c>).</summary>
    public IReadOnlyList<PlaceTerritory> Places { get; }

    /// <summary>One area per authority, in <see cref="Homes.HomeSet.Authorities"/> order.</summary>
    public IReadOnlyList<AuthorityArea> Authorities { get; }
}
