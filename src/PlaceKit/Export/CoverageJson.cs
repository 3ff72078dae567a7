using System.Text.Json;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan's coverage as JSON.</summary>
/// <remarks>
/// Shape: <c>{ total_homes, placed_homes, unplaced_homes, coverage_ratio, places, mean_place_size, median_place_size,
/// min_place_size, max_place_size, headline, unplaced_by_rule: {rule: homes}, by_authority: [{authority, name, total_homes,
/// placed_homes, places, coverage_ratio, area_source, area_km2, no_place_area_km2, polsby_popper_mean, reock_mean}],
/// placed_homes_before_reassignment, reassigned_homes, authority_notes: [{authority, clusters, note}], territories: {area_km2,
/// territory_area_km2, no_place_area_km2, polsby_popper: {mean, median, min, max}, reock: {mean, median, min, max}} }</c>
/// (a note says when an authority could not meet the size bounds, or clusters were split; <c>area_source</c> is
/// <c>boundary</c> or <c>fallback</c>; with a boundary, <c>homes_outside_boundary</c> and the first 20 of their ids in
/// <c>homes_outside_boundary_examples</c>; compactness is of the places' territories, see <see cref="Territories.Compactness"/>).
/// </remarks>
public static class CoverageJson
{
    /// <summary>Writes the coverage.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write UTF-8 JSON; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var c = plan.Coverage;
        var map = plan.Territories;
        var areaOf = map.Authorities.ToDictionary(a => a.Authority, StringComparer.Ordinal);
        var byAuthority = map.Places.GroupBy(t => t.Authority, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("total_homes", c.TotalHomes);
        w.WriteNumber("placed_homes", c.PlacedHomes);
        w.WriteNumber("unplaced_homes", c.UnplacedHomes);
        w.WriteNumber("placed_homes_before_reassignment", c.PlacedHomesBeforeReassignment);
        w.WriteNumber("reassigned_homes", c.ReassignedHomes);
        w.WriteNumber("coverage_ratio", Math.Round(c.CoverageRatio, 6));
        w.WriteString("size_by", plan.Options.SizeBy == SizeBy.Weight ? "weight" : "homes");
        if (plan.Homes.HasWeights)
        {
            w.WriteNumber("total_weight", c.TotalWeight);
            w.WriteNumber("placed_weight", c.PlacedWeight);
            w.WriteNumber("weight_coverage_ratio", Math.Round(c.WeightCoverageRatio, 6));
        }

        w.WriteNumber("places", c.Places);
        w.WriteNumber("mean_place_size", Math.Round(c.MeanPlaceSize, 2));
        w.WriteNumber("median_place_size", c.MedianPlaceSize);
        w.WriteNumber("min_place_size", c.MinPlaceSize);
        w.WriteNumber("max_place_size", c.MaxPlaceSize);
        w.WriteString("headline", c.Headline);
        w.WriteStartObject("unplaced_by_rule");
        foreach (var (rule, homes) in c.UnplacedByRule) w.WriteNumber(rule, homes);
        w.WriteEndObject();
        w.WriteStartArray("by_authority");
        foreach (var a in c.ByAuthority)
        {
            w.WriteStartObject();
            w.WriteString("authority", a.Authority);
            w.WriteString("name", plan.Options.NameOf(a.Authority));
            w.WriteNumber("total_homes", a.TotalHomes);
            w.WriteNumber("placed_homes", a.PlacedHomes);
            w.WriteNumber("places", a.Places);
            w.WriteNumber("coverage_ratio", Math.Round(a.CoverageRatio, 6));
            if (plan.Homes.HasWeights)
            {
                w.WriteNumber("total_weight", a.TotalWeight);
                w.WriteNumber("placed_weight", a.PlacedWeight);
                w.WriteNumber("weight_coverage_ratio", Math.Round(a.WeightCoverageRatio, 6));
            }

            if (areaOf.TryGetValue(a.Authority, out var area))
            {
                w.WriteString("area_source", area.Source == Territories.AuthorityAreaSource.Boundary ? "boundary" : "fallback");
                w.WriteNumber("area_km2", Math.Round(area.AreaKm2, 6));
                w.WriteNumber("no_place_area_km2", Math.Round(area.NoPlaceAreaKm2, 6));
                if (area.Source == Territories.AuthorityAreaSource.Boundary)
                {
                    w.WriteNumber("homes_outside_boundary", area.HomesOutside);
                    w.WriteStartArray("homes_outside_boundary_examples");
                    foreach (var id in area.HomesOutsideExamples) w.WriteStringValue(id);
                    w.WriteEndArray();
                }
            }

            var ts = byAuthority.GetValueOrDefault(a.Authority) ?? [];
            if (ts.Length > 0)
            {
                w.WriteNumber("polsby_popper_mean", Math.Round(ts.Average(t => t.PolsbyPopper), 4));
                w.WriteNumber("reock_mean", Math.Round(ts.Average(t => t.Reock), 4));
            }
            else
            {
                w.WriteNull("polsby_popper_mean");
                w.WriteNull("reock_mean");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("authority_notes");
        foreach (var a in plan.Authorities)
        {
            if (a.Note.Length == 0) continue;
            w.WriteStartObject();
            w.WriteString("authority", a.Authority);
            w.WriteString("name", plan.Options.NameOf(a.Authority));
            w.WriteNumber("clusters", a.Clusters);
            w.WriteString("note", a.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("territories");
        w.WriteNumber("area_km2", Math.Round(map.Authorities.Sum(a => a.AreaKm2), 6));
        w.WriteNumber("territory_area_km2", Math.Round(map.Places.Sum(t => t.AreaKm2), 6));
        w.WriteNumber("no_place_area_km2", Math.Round(map.Authorities.Sum(a => a.NoPlaceAreaKm2), 6));
        Summary(w, "polsby_popper", map.Places.Select(t => t.PolsbyPopper));
        Summary(w, "reock", map.Places.Select(t => t.Reock));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        w.WriteStartObject(name);
        if (v.Length == 0)
        {
            foreach (var k in (string[])["mean", "median", "min", "max"]) w.WriteNull(k);
        }
        else
        {
            w.WriteNumber("mean", Math.Round(v.Average(), 4));
            w.WriteNumber("median", Math.Round(v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2, 4));
            w.WriteNumber("min", Math.Round(v[0], 4));
            w.WriteNumber("max", Math.Round(v[^1], 4));
        }

        w.WriteEndObject();
    }
}
