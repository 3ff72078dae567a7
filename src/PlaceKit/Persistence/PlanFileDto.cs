using PlaceKit.Clustering;
using PlaceKit.Trimming;

using PlaceKit.Planning;

namespace PlaceKit.Persistence;

/// <summary>The JSON shape of <c>plan.json</c> (see <see cref="PlanFile"/>); nullable everywhere so missing sections can be named.</summary>
internal sealed class PlanFileDto
{
    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? PlacekitVersion { get; set; }

    public CrsDto? Crs { get; set; }

    public PlaceKitOptions? Options { get; set; }

    public HomesDto? Homes { get; set; }

    public AssignmentDto? Assignment { get; set; }

    public AssignmentDto? Unedited { get; set; }

    public List<AuthorityClustering>? Authorities { get; set; }

    public List<EditDto>? Edits { get; set; }
}

/// <summary>The CRS of the homes' planar metres: its short name and OGC WKT.</summary>
internal sealed class CrsDto
{
    public string? Name { get; set; }

    public string? Wkt { get; set; }
}

/// <summary>The homes, columnar, in input order; <c>authority</c> indexes <c>authorities</c>.</summary>
internal sealed class HomesDto
{
    public string[]? Id { get; set; }

    public double[]? X { get; set; }

    public double[]? Y { get; set; }

    public int[]? Authority { get; set; }

    public string[]? Authorities { get; set; }

    /// <summary>Each home's weight; absent when the homes have none (every home weighs 1).</summary>
    public double[]? Weight { get; set; }
}

/// <summary>Each home's 1-based cluster, and each cluster's place id or reasons for being unplaced.</summary>
internal sealed class AssignmentDto
{
    public int[]? Cluster { get; set; }

    public List<ClusterDto>? Clusters { get; set; }
}

/// <summary>One cluster: a place (with its id) or unplaced (with reasons).</summary>
internal sealed class ClusterDto
{
    public int Id { get; set; }

    public string? Place { get; set; }

    /// <summary>True when the place is locked; absent otherwise.</summary>
    public bool? Locked { get; set; }

    public List<ReasonDto>? Reasons { get; set; }
}

/// <summary>One reason a cluster's homes are unplaced.</summary>
internal sealed class ReasonDto
{
    public string? Rule { get; set; }

    public string? Detail { get; set; }
}

/// <summary>One edit of the history.</summary>
internal sealed class EditDto
{
    public int Line { get; set; }

    public string? Action { get; set; }

    public string[]? Targets { get; set; }

    public string? Argument { get; set; }

    public string? Author { get; set; }

    public DateTimeOffset? Time { get; set; }
}
