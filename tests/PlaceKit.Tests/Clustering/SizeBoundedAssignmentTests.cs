using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;

namespace PlaceKit.Tests.Clustering;

public class SizeBoundedAssignmentTests
{
    /// <summary>Tiny instances: up to 9 points on a coarse grid (ties happen), up to 4 centres, bounds that admit an assignment.</summary>
    public static class Tiny
    {
        public static Arbitrary<(double[] X, double[] Y, double[] Cx, double[] Cy, int Lo, int Hi)> Case() =>
            (from n in Gen.Choose(2, 9)
             from k in Gen.Choose(2, Math.Min(4, n))
             from xs in Gen.ArrayOf(Gen.Choose(0, 6), n + k)
             from ys in Gen.ArrayOf(Gen.Choose(0, 6), n + k)
             from lo in Gen.Choose(0, n / k)
             from hi in Gen.Choose(Math.Max(lo, (n + k - 1) / k), n)
             select (xs[..n].Select(v => v * 100.0).ToArray(), ys[..n].Select(v => v * 100.0).ToArray(),
                     xs[n..].Select(v => v * 100.0).ToArray(), ys[n..].Select(v => v * 100.0).ToArray(), lo, hi)).ToArbitrary();
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Tiny)])]
    public Property Assign_AllCandidates_MatchesBruteForceOptimum((double[] X, double[] Y, double[] Cx, double[] Cy, int Lo, int Hi) c)
    {
        int n = c.X.Length, k = c.Cx.Length;
        var labels = new int[n];
        bool ok = new SizeBoundedAssignment(c.X, c.Y).Assign(c.Cx, c.Cy, c.Lo, c.Hi, k, labels);
        var sizes = new int[k];
        foreach (int l in labels) sizes[l]++;
        bool inBounds = sizes.All(s => s >= c.Lo && s <= c.Hi);
        double cost = Cost(c, labels), best = BruteForce(c);
        return (ok && inBounds && Math.Abs(cost - best) < 1e-6).Label($"cost {cost} vs optimum {best}, sizes [{string.Join(",", sizes)}], bounds {c.Lo}-{c.Hi}");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Tiny)])]
    public Property Assign_FewCandidates_EitherMeetsBoundsUsingOnlyCandidatesOrSaysInfeasible((double[] X, double[] Y, double[] Cx, double[] Cy, int Lo, int Hi) c)
    {
        int n = c.X.Length;
        var labels = new int[n];
        if (!new SizeBoundedAssignment(c.X, c.Y).Assign(c.Cx, c.Cy, c.Lo, c.Hi, 2, labels)) return true.Classify(true, "infeasible with 2 candidates");
        var sizes = new int[c.Cx.Length];
        bool ok = true;
        for (int i = 0; i < n; i++)
        {
            sizes[labels[i]]++;

            // The label is one of the two nearest centres.
            var d = Enumerable.Range(0, c.Cx.Length).Select(j => D2(c, i, j)).ToArray();
            ok &= d.Count(v => v < d[labels[i]]) <= 1;
        }

        return (ok && sizes.All(s => s >= c.Lo && s <= c.Hi)).ToProperty();
    }

    private static double D2((double[] X, double[] Y, double[] Cx, double[] Cy, int Lo, int Hi) c, int i, int j)
    {
        double dx = c.X[i] - c.Cx[j], dy = c.Y[i] - c.Cy[j];
        return (dx * dx) + (dy * dy);
    }

    private static double Cost((double[] X, double[] Y, double[] Cx, double[] Cy, int Lo, int Hi) c, int[] labels) =>
        Enumerable.Range(0, labels.Length).Sum(i => D2(c, i, labels[i]));

    private static double BruteForce((double[] X, double[] Y, double[] Cx, double[] Cy, int Lo, int Hi) c)
    {
        int n = c.X.Length, k = c.Cx.Length;
        var labels = new int[n];
        double best = double.PositiveInfinity;
        int total = (int)Math.Pow(k, n);
        for (int code = 0; code < total; code++)
        {
            int v = code;
            var sizes = new int[k];
            for (int i = 0; i < n; i++)
            {
                labels[i] = v % k;
                v /= k;
                sizes[labels[i]]++;
            }

            if (sizes.Any(s => s < c.Lo || s > c.Hi)) continue;
            best = Math.Min(best, Cost(c, labels));
        }

        return best;
    }
}
