using PlaceKit.Clustering;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>One generated authority (fixed seed), centred, with k from the default rule (target 450).</summary>
internal static class AuthorityFixture
{
    internal static HomeSet Homes(int n) => HomeSet.Create(SampleStock.Generate(n, 1, 42));

    /// <summary>A work buffer holding the authority's centred columns, for the kernel-level benchmarks.</summary>
    internal static KMeansWork Work(int n, int chunk = KMeansWork.DefaultChunk, int threads = 1)
    {
        var homes = Homes(n);
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += homes.X[i];
            my += homes.Y[i];
        }

        mx /= n;
        my /= n;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = homes.X[i] - mx;
            y[i] = homes.Y[i] - my;
        }

        int k = KMeansClusterer.ClusterCount(n, 450, AuthorityRunner.DistinctLocations(x, y));
        var w = new KMeansWork(n, k, chunk, new ParallelOptions { MaxDegreeOfParallelism = threads });
        x.CopyTo(w.X, 0);
        y.CopyTo(w.Y, 0);
        return w;
    }
}
