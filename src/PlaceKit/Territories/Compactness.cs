using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace PlaceKit.Territories;

/// <summary>Standard compactness measures of a territory, as districting tools (PySAL spopt, GerryChain, Maptitude) report them.</summary>
/// <remarks>
/// Both are 1 for a disc and fall towards 0 for long or ragged shapes; both are scale-free, so a small town and a
/// rural district compare directly. <b>Polsby-Popper</b> punishes ragged edges (it sees the perimeter); <b>Reock</b>
/// punishes elongation (it sees the farthest points). A place that looks fine on one and poor on the other is either
/// jagged but round (low PP) or smooth but stretched (low Reock).
/// <para>References: D. D. Polsby and R. D. Popper, "The Third Criterion: Compactness as a Procedural Safeguard Against
/// Partisan Gerrymandering", <i>Yale Law &amp; Policy Review</i> 9(2):301-353, 1991; E. C. Reock, "A Note: Measuring
/// Compactness as a Requirement of Legislative Apportionment", <i>Midwest Journal of Political Science</i>
/// 5(1):70-74, 1961.</para>
/// </remarks>
public static class Compactness
{
    /// <summary>Polsby-Popper: 4π · A / P², where A is the area and P the perimeter (all rings, holes included).</summary>
    /// <remarks>A multipolygon is measured as one shape: total area over total perimeter. 0 for an empty or non-polygonal geometry.</remarks>
    /// <param name="territory">A polygonal geometry in planar units.</param>
    /// <returns>The score in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="territory"/> is null.</exception>
    public static double PolsbyPopper(Geometry territory)
    {
        ArgumentNullException.ThrowIfNull(territory);
        double a = territory.Area, p = territory.Length;
        return a > 0 && p > 0 ? Math.Min(1, 4 * Math.PI * a / (p * p)) : 0;
    }

    /// <summary>Reock: A / (π r²), where r is the radius of the smallest circle enclosing the territory (NetTopologySuite <c>MinimumBoundingCircle</c>).</summary>
    /// <remarks>A multipolygon is measured as one shape: total area over the circle around all its parts. 0 for an empty or non-polygonal geometry.</remarks>
    /// <param name="territory">A polygonal geometry in planar units.</param>
    /// <returns>The score in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="territory"/> is null.</exception>
    public static double Reock(Geometry territory)
    {
        ArgumentNullException.ThrowIfNull(territory);
        double a = territory.Area;
        if (!(a > 0)) return 0;
        double r = new MinimumBoundingCircle(territory.ConvexHull()).GetRadius();
        return r > 0 ? Math.Min(1, a / (Math.PI * r * r)) : 0;
    }
}
