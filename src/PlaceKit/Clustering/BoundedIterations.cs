namespace PlaceKit.Clustering;

/// <summary>One assignment pass of a kernel run by <see cref="BoundedIterations"/>: the bounded kernels (Hamerly, Elkan) and the anchored warm start.</summary>
internal interface IBoundedPass : IDisposable
{
    /// <summary>The first pass: every home against every centre, bounds initialised; returns the homes that changed cluster.</summary>
    int RunFirst();

    /// <summary>A later pass, skipping homes whose bounds prove their centre is still nearest; returns the homes that changed cluster.</summary>
    int Run();

    /// <summary>After each centre update: the bounded kernels loosen their bounds by how far each centre moved; the anchored warm start anchors re-seeded homes.</summary>
    void AfterUpdate();
}

/// <summary>The iteration loop shared by the bounded kernels, with the same stopping rules as Lloyd.</summary>
internal static class BoundedIterations
{
    /// <summary>
    /// Passes and centre updates until no home changes cluster, the total squared centre shift is at most
    /// <paramref name="shiftTolerance"/>, or <paramref name="maxIterations"/> passes; then one more pass when the labels
    /// may lag the last update, so labels and centres are consistent on return.
    /// </summary>
    /// <param name="w">The work: homes, labels and the start centres.</param>
    /// <param name="pass">The kernel's assignment pass.</param>
    /// <param name="maxIterations">The most passes.</param>
    /// <param name="shiftTolerance">Stop once an update moves the centres by at most this total squared distance, m².</param>
    /// <param name="distancesKept">Whether the passes keep every home's distance to its centre (the anchored warm start's do), so neither the update nor the end recomputes them.</param>
    /// <returns>The inertia and the number of iterations.</returns>
    internal static (double Inertia, int Iterations) Run(KMeansWork w, IBoundedPass pass, int maxIterations, double shiftTolerance, bool distancesKept = false)
    {
        int iterations = 0;
        bool settled = false;
        for (int iter = 0; iter < maxIterations; iter++)
        {
            int changes = iter == 0 ? pass.RunFirst() : pass.Run();
            iterations = iter + 1;
            if (iter > 0 && changes == 0)
            {
                settled = true;
                break;
            }

            double shift = w.Update(distValid: distancesKept);
            pass.AfterUpdate();
            if (shift <= shiftTolerance) break;
        }

        if (!settled)
        {
            if (iterations == 0) pass.RunFirst();
            else pass.Run();
        }

        if (!distancesKept) w.ComputeDist();
        return (w.SumDist(), iterations);
    }
}
