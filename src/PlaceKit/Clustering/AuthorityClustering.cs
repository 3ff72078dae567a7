namespace PlaceKit.Clustering;

/// <summary>How one authority was clustered: its size, k, and how well k-means fitted.</summary>
/// <param name="Authority">The authority code.</param>
/// <param name="Homes">Homes in the authority.</param>
/// <param name="DistinctLocations">Distinct coordinates among them (flats often share one).</param>
/// <param name="Clusters">k, the number of clusters made.</param>
/// <param name="FirstClusterId">The plan-wide id of the authority's first cluster; its clusters are numbered consecutively.</param>
/// <param name="Inertia">Sum of squared distances from each home to its cluster centre, m².</param>
/// <param name="Iterations">k-means iterations of the winning run.</param>
/// <param name="Note">Anything the user should know (e.g. k capped at the number of distinct locations); empty otherwise.</param>
public sealed record AuthorityClustering(
    string Authority, int Homes, int DistinctLocations, int Clusters, int FirstClusterId, double Inertia, int Iterations, string Note);
