namespace PlaceKit.Clustering;

/// <summary>Which k-means iteration kernel an authority runs (all exact: same labels at convergence).</summary>
internal enum KMeansAlgorithm
{
    /// <summary>Choose per authority by k (<see cref="KMeansClusterer.Choose(int, int)"/>).</summary>
    Auto,

    /// <summary>Plain Lloyd iterations, O(n · k) per iteration: the reference and the benchmark baseline.</summary>
    Lloyd,

    /// <summary>Hamerly (2010): two bounds per home.</summary>
    Hamerly,

    /// <summary>Elkan (2003): k + 1 bounds per home.</summary>
    Elkan,
}
