using PlaceKit.Homes;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>
/// Territories of an edited plan from those of the plan it was edited from: only the authorities whose homes changed
/// place are built again; every other authority keeps its territories and area as they were.
/// </summary>
/// <remarks>
/// <para>An edit (a move, merge, split, create or unplace) touches one authority, so the studio pays for that authority,
/// not for the whole plan: at 45k homes in 25 authorities, one authority's Voronoi cells instead of all of them.</para>
/// <para>It relies on the <see cref="ITerritoryBuilder"/> contract that an authority's territories depend only on that
/// authority's homes, their places, its area and the territory options (the default builder is handed the areas the
/// basis had, since its fallback areas are also shaped by neighbouring authorities). The authorities to rebuild are handed to the composed
/// builder as a <see cref="HomeSet"/> of their own homes in input order, so the result is exactly what a whole build
/// gives (same sites, same order, same geometry).</para>
/// </remarks>
internal static class IncrementalTerritories
{
    /// <summary>Builds <paramref name="plan"/>'s territories reusing <paramref name="basis"/>'s where nothing changed.</summary>
    /// <param name="builder">The composed territory stage.</param>
    /// <param name="plan">The plan to build for.</param>
    /// <param name="placeOfHome">Each home's place index in <paramref name="plan"/>, or -1.</param>
    /// <param name="basis">A plan over the same homes, built with the same stage and territory options, whose territories are built.</param>
    /// <param name="basisPlaceOfHome">Each home's place index in <paramref name="basis"/>, or -1.</param>
    /// <returns>The map, equal to a whole build.</returns>
    internal static TerritoryMap Build(ITerritoryBuilder builder, PlacePlan plan, ReadOnlySpan<int> placeOfHome, PlacePlan basis,
        ReadOnlySpan<int> basisPlaceOfHome)
    {
        var homes = plan.Homes;
        var auth = homes.AuthorityIndex;
        var old = basis.Territories;
        int authorities = homes.Authorities.Count;

        // An authority is rebuilt when any of its homes is in a place of another id (or joined or left the places).
        var changed = new bool[authorities];
        for (int i = 0; i < auth.Length; i++)
        {
            if (changed[auth[i]]) continue;
            int p = placeOfHome[i], q = basisPlaceOfHome[i];
            if ((p < 0) != (q < 0) || (p >= 0 && !string.Equals(plan.Places[p].Id, basis.Places[q].Id, StringComparison.Ordinal)))
            {
                changed[auth[i]] = true;
            }
        }

        // Build the changed authorities on their own homes and places.
        var members = new List<int>();
        for (int i = 0; i < auth.Length; i++)
        {
            if (changed[auth[i]]) members.Add(i);
        }

        var built = new Dictionary<string, PlaceTerritory>(StringComparer.Ordinal);
        var builtAreas = new Dictionary<string, AuthorityArea>(StringComparer.Ordinal);
        if (members.Count > 0)
        {
            var subHomes = homes.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members));
            var authorityIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int a = 0; a < authorities; a++) authorityIndex[homes.Authorities[a]] = a;
            var subPlaceIndex = new int[plan.Places.Count];
            var subPlaces = new List<Place>();
            for (int p = 0; p < plan.Places.Count; p++)
            {
                subPlaceIndex[p] = -1;
                if (authorityIndex.TryGetValue(plan.Places[p].Authority, out int a) && changed[a])
                {
                    subPlaceIndex[p] = subPlaces.Count;
                    subPlaces.Add(plan.Places[p]);
                }
            }

            var subPlaceOf = new int[members.Count];
            for (int j = 0; j < members.Count; j++)
            {
                int p = placeOfHome[members[j]];
                subPlaceOf[j] = p < 0 ? -1 : subPlaceIndex[p];
            }

            // The default builder's fallback areas depend on neighbouring authorities' homes too (overlaps go to the
            // nearest home): the rebuilt authorities keep the areas they had, which a build on their homes alone could not give.
            var map = builder is VoronoiTerritoryBuilder voronoi
                ? voronoi.Build(subHomes, subPlaces, subPlaceOf, plan.Options.Territories, plan.Options.MaxDegreeOfParallelism, default,
                    old.Authorities.ToDictionary(a => a.Authority, a => a.Area, StringComparer.Ordinal))
                : builder.Build(subHomes, subPlaces, subPlaceOf, plan.Options.Territories, plan.Options.MaxDegreeOfParallelism);
            foreach (var t in map.Places) built[t.PlaceId] = t;
            foreach (var a in map.Authorities) builtAreas[a.Authority] = a;
        }

        var kept = new Dictionary<string, PlaceTerritory>(StringComparer.Ordinal);
        foreach (var t in old.Places) kept[t.PlaceId] = t;
        var places = new PlaceTerritory[plan.Places.Count];
        for (int p = 0; p < places.Length; p++)
        {
            string id = plan.Places[p].Id;
            places[p] = built.TryGetValue(id, out var t) ? t : kept[id];
        }

        var areas = new AuthorityArea[authorities];
        for (int a = 0; a < authorities; a++)
        {
            areas[a] = changed[a] ? builtAreas[homes.Authorities[a]] : old.Authorities[a];
        }

        return new TerritoryMap(places, areas);
    }
}
