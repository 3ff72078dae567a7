namespace PlaceKit.Clustering;

/// <summary>The built-in clustering algorithm <see cref="Planning.PlaceDefiner"/> uses.</summary>
public enum ClusteringAlgorithm
{
    /// <summary>Plain k-means per authority (<see cref="KMeansClusterer"/>): sizes average the target but vary widely.</summary>
    KMeans = 0,

    /// <summary>k-means with a minimum and maximum cluster size per authority (<see cref="SizeConstrainedClusterer"/>).</summary>
    SizeConstrained = 1,
}
