namespace PlaceKit.Clustering;

/// <summary>Turns an authority's start centres (a <see cref="ClusterStart"/>) into exactly k seeds, as the remarks of <see cref="ClusterStart"/> describe.</summary>
internal static class StartCentres
{
    /// <summary>
    /// Fills <paramref name="cx"/>, <paramref name="cy"/> (length k) from the start centres <paramref name="sx"/>,
    /// <paramref name="sy"/> (centred coordinates): the k best-supported, then D²-sampled homes for any missing.
    /// </summary>
    internal static void Seed(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] sx, double[] sy, Span<double> cx, Span<double> cy, Random rng)
    {
        int n = x.Length, k = cx.Length, m = sx.Length;
        var support = new int[m];
        if (m > 0)
        {
            for (int i = 0; i < n; i++) support[KMeansKernel.Nearest(x[i], y[i], sx, sy, out _)]++;
        }

        var keep = new int[m];
        for (int j = 0; j < m; j++) keep[j] = j;
        Array.Sort(keep, (p, q) => support[q] != support[p] ? support[q].CompareTo(support[p]) : p.CompareTo(q));
        int take = Math.Min(k, m);
        Array.Sort(keep, 0, take);
        int s = 0;
        for (int t = 0; t < take; t++)
        {
            int j = keep[t];
            if (support[j] == 0 && s > 0) continue; // a centre no home is nearest to would start empty
            cx[s] = sx[j];
            cy[s] = sy[j];
            s++;
        }

        if (s == k) return;

        // The missing centres k-means++ style: each a home drawn with probability ∝ D² to the nearest chosen centre.
        var d2 = new double[n];
        for (; s < k; s++)
        {
            double pot = 0;
            for (int i = 0; i < n; i++)
            {
                if (s == 0) d2[i] = 1;
                else KMeansKernel.Nearest(x[i], y[i], cx[..s], cy[..s], out d2[i]);
                pot += d2[i];
            }

            double r = rng.NextDouble() * pot, acc = 0;
            int pick = -1;
            for (int i = 0; i < n; i++)
            {
                acc += d2[i];
                if (d2[i] > 0 && acc > r)
                {
                    pick = i;
                    break;
                }
            }

            if (pick < 0)
            {
                // Rounding left r at the very top: the last home not on a chosen centre.
                for (int i = n - 1; i >= 0 && pick < 0; i--) if (d2[i] > 0) pick = i;
            }

            cx[s] = x[pick];
            cy[s] = y[pick];
        }
    }
}
