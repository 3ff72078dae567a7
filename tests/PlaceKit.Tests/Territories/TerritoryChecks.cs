using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Territories;

namespace PlaceKit.Tests.Territories;

/// <summary>The territory invariants the issue names, checked on any map; each returns the first failure or null.</summary>
internal static class TerritoryChecks
{
    internal const double Tolerance = 1e-9;

    private static readonly GeometryFactory Factory = new();

    internal static string? All(HomeSet homes, TerritoryMap map, ReadOnlySpan<int> placeOfHome) =>
        NoOverlap(homes, map) ?? HomesCovered(homes, map, placeOfHome) ?? UnplacedHomesInNoPlace(homes, map, placeOfHome) ?? InsideArea(homes, map) ??
        TerritoriesPlusNoPlaceIsArea(homes, map);

    /// <summary>The area two polygonal geometries share, as the least of two overlays that must agree on a real overlap.</summary>
    /// <remarks>
    /// NetTopologySuite's floating-point overlay can be silently wrong where vertices nearly coincide: on four mixed
    /// authorities' fallback areas it reported 73,471 m² of overlap that a 5 m grid of point-in-area tests (and every other
    /// overlay) showed to be none. Snap-rounding to a micrometre grid never fails, but moves each vertex by up to 0.7 µm,
    /// which can itself make slivers of about perimeter x 1e-6 m². A real overlap shows in both; an artefact of one of
    /// them does not, so the smaller figure is the overlap.
    /// </remarks>
    internal static double OverlapArea(Geometry a, Geometry b)
    {
        double floating = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area;
        return floating == 0 ? 0 : Math.Min(floating, OverlayNG.Overlay(a, b, SpatialFunction.Intersection, Micrometre).Area);
    }

    private static readonly PrecisionModel Micrometre = new(1e6);

    internal static string? NoOverlap(HomeSet homes, TerritoryMap map)
    {
        var t = map.Places;
        for (int p = 0; p < t.Count; p++)
        {
            for (int q = p + 1; q < t.Count; q++)
            {
                if (t[p].Authority != t[q].Authority || !t[p].Territory.EnvelopeInternal.Intersects(t[q].Territory.EnvelopeInternal)) continue;
                double overlap = OverlapArea(t[p].Territory, t[q].Territory);
                double smaller = Math.Min(t[p].Territory.Area, t[q].Territory.Area);
                if (overlap > Tolerance * smaller) return $"{t[p].PlaceId} and {t[q].PlaceId} overlap by {overlap} m² ({overlap / smaller:E2} of the smaller)";
            }
        }

        return null;
    }

    /// <remarks>A home outside its authority's real boundary cannot be covered (territories stay inside the boundary); it is
    /// skipped here and counted by <see cref="AuthorityArea.HomesOutside"/>, which the boundary tests check separately.</remarks>
    internal static string? HomesCovered(HomeSet homes, TerritoryMap map, ReadOnlySpan<int> placeOfHome)
    {
        for (int i = 0; i < homes.Count; i++)
        {
            int p = placeOfHome[i];
            if (p < 0) continue;
            var point = Factory.CreatePoint(new Coordinate(homes.X[i], homes.Y[i]));
            var authorityArea = map.Authorities[homes.AuthorityIndex[i]];
            if (authorityArea.Source == AuthorityAreaSource.Boundary && !authorityArea.Area.Covers(point)) continue;
            var territory = map.Places[p].Territory;
            if (!territory.Covers(point) && territory.Distance(point) > 1e-6)
            {
                return $"home {homes.Ids[i]} at ({homes.X[i]}, {homes.Y[i]}) is {territory.Distance(point)} m outside its place {map.Places[p].PlaceId}";
            }
        }

        return null;
    }

    /// <summary>Every unplaced home lies in its authority's no-place area, unless a placed home of its authority shares its
    /// location (then the site's cell is the place's) or it is outside a real boundary.</summary>
    internal static string? UnplacedHomesInNoPlace(HomeSet homes, TerritoryMap map, ReadOnlySpan<int> placeOfHome)
    {
        var placedAt = new HashSet<(int, double, double)>();
        for (int i = 0; i < homes.Count; i++)
        {
            if (placeOfHome[i] >= 0) placedAt.Add((homes.AuthorityIndex[i], homes.X[i], homes.Y[i]));
        }

        for (int i = 0; i < homes.Count; i++)
        {
            if (placeOfHome[i] >= 0 || placedAt.Contains((homes.AuthorityIndex[i], homes.X[i], homes.Y[i]))) continue;
            var point = Factory.CreatePoint(new Coordinate(homes.X[i], homes.Y[i]));
            var authorityArea = map.Authorities[homes.AuthorityIndex[i]];
            if (authorityArea.Source == AuthorityAreaSource.Boundary && !authorityArea.Area.Covers(point)) continue;
            var noPlace = authorityArea.NoPlace;
            if (noPlace.IsEmpty || (!noPlace.Covers(point) && noPlace.Distance(point) > 1e-6))
            {
                return $"unplaced home {homes.Ids[i]} at ({homes.X[i]}, {homes.Y[i]}) is {(noPlace.IsEmpty ? "not in the (empty)" : noPlace.Distance(point) + " m outside the")} no-place area of {authorityArea.Authority}";
            }
        }

        return null;
    }

    internal static string? InsideArea(HomeSet homes, TerritoryMap map)
    {
        var areaOf = map.Authorities.ToDictionary(a => a.Authority);
        foreach (var t in map.Places)
        {
            var area = areaOf[t.Authority].Area;
            double outside = OverlayNGRobust.Overlay(t.Territory, area, SpatialFunction.Difference).Area;
            if (outside > Tolerance * Math.Max(t.Territory.Area, 1)) return $"{t.PlaceId}: {outside} m² outside its authority's area";
        }

        return null;
    }

    internal static string? TerritoriesPlusNoPlaceIsArea(HomeSet homes, TerritoryMap map)
    {
        foreach (var a in map.Authorities)
        {
            double sum = a.NoPlace.Area + map.Places.Where(t => t.Authority == a.Authority).Sum(t => t.Territory.Area);
            if (Math.Abs(sum - a.Area.Area) > Tolerance * a.Area.Area) return $"{a.Authority}: territories + no-place = {sum} m², area = {a.Area.Area} m²";
        }

        return null;
    }
}
