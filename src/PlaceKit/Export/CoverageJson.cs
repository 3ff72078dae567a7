using System.Text.Json;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan's coverage as JSON.</summary>
/// <remarks>
/// Shape: <c>{ total_homes, placed_homes, unplaced_homes, coverage_ratio, places, mean_place_size, median_place_size,
/// min_place_size, max_place_size, headline, unplaced_by_rule: {rule: homes}, by_authority: [{authority, total_homes,
/// placed_homes, places, coverage_ratio}], placed_homes_before_reassignment, reassigned_homes, authority_notes: [{authority,
/// clusters, note}] }</c> (a note says when an authority could not meet the size bounds, or clusters were split).
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
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("total_homes", c.TotalHomes);
        w.WriteNumber("placed_homes", c.PlacedHomes);
        w.WriteNumber("unplaced_homes", c.UnplacedHomes);
        w.WriteNumber("placed_homes_before_reassignment", c.PlacedHomesBeforeReassignment);
        w.WriteNumber("reassigned_homes", c.ReassignedHomes);
        w.WriteNumber("coverage_ratio", Math.Round(c.CoverageRatio, 6));
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
            w.WriteNumber("total_homes", a.TotalHomes);
            w.WriteNumber("placed_homes", a.PlacedHomes);
            w.WriteNumber("places", a.Places);
            w.WriteNumber("coverage_ratio", Math.Round(a.CoverageRatio, 6));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("authority_notes");
        foreach (var a in plan.Authorities)
        {
            if (a.Note.Length == 0) continue;
            w.WriteStartObject();
            w.WriteString("authority", a.Authority);
            w.WriteNumber("clusters", a.Clusters);
            w.WriteString("note", a.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
