using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;

namespace PlaceKit.Tests.Clustering;

/// <summary>The centre grid's nearest / second-nearest search against the full scan it replaces for large k.</summary>
public class CentreGridTests
{
    /// <summary>Centres in shapes that stress a grid: clumps, duplicates, a line, one far outlier, a wide spread.</summary>
    private static Gen<(double[] X, double[] Y)> Centres() =>
        from k in Gen.Frequency((1, Gen.Choose(1, 3)), (4, Gen.Choose(4, 300)))
        from shape in Gen.Elements("clumps", "line", "spread", "duplicates", "outlier")
        from seed in Gen.Choose(0, int.MaxValue)
        select Make(k, shape, seed);

    private static (double[] X, double[] Y) Make(int k, string shape, int seed)
    {
        var rng = new Random(seed);
        var x = new double[k];
        var y = new double[k];
        for (int c = 0; c < k; c++)
        {
            switch (shape)
            {
                case "clumps":
                    x[c] = (rng.Next(3) * 5_000) + Math.Round(rng.NextDouble() * 50, 1);
                    y[c] = (rng.Next(3) * 5_000) + Math.Round(rng.NextDouble() * 50, 1);
                    break;
                case "line":
                    x[c] = Math.Round(rng.NextDouble() * 10_000);
                    y[c] = 1_299_000;
                    break;
                case "duplicates":
                    x[c] = rng.Next(6) * 100;
                    y[c] = rng.Next(6) * 100;
                    break;
                case "outlier":
                    x[c] = c == 0 ? 400_000 : rng.NextDouble() * 1_000;
                    y[c] = c == 0 ? -300_000 : rng.NextDouble() * 1_000;
                    break;
                default:
                    x[c] = (rng.NextDouble() - 0.5) * 200_000;
                    y[c] = (rng.NextDouble() - 0.5) * 200_000;
                    break;
            }
        }

        return (x, y);
    }

    [Property(MaxTest = 300)]
    public Property Nearest2_EqualsTheFullScan_ForHomesAnywhere() =>
        Prop.ForAll(Centres().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (centres, seed) =>
        {
            var (cx, cy) = centres;
            var grid = new CentreGrid(cx.Length);
            grid.Build(cx, cy);
            var rng = new Random(seed);
            double minX = cx.Min(), maxX = cx.Max(), minY = cy.Min(), maxY = cy.Max();
            double spanX = Math.Max(1, maxX - minX), spanY = Math.Max(1, maxY - minY);
            for (int q = 0; q < 200; q++)
            {
                // Homes on centres, near them, inside the box and far outside it.
                double px, py;
                int c = rng.Next(cx.Length);
                switch (q % 4)
                {
                    case 0: (px, py) = (cx[c], cy[c]); break;
                    case 1: (px, py) = (cx[c] + Math.Round(rng.NextDouble() * 3, 1), cy[c] - Math.Round(rng.NextDouble() * 3, 1)); break;
                    case 2: (px, py) = (minX + (rng.NextDouble() * spanX), minY + (rng.NextDouble() * spanY)); break;
                    default: (px, py) = (minX + ((rng.NextDouble() * 5) - 2) * spanX, minY + ((rng.NextDouble() * 5) - 2) * spanY); break;
                }

                int want = KMeansKernel.Nearest2(px, py, cx, cy, out double wantD2, out double wantS2);
                int got = grid.Nearest2(px, py, out double gotD2, out double gotS2);
                if (got != want || gotD2 != wantD2 || gotS2 != wantS2)
                {
                    return false.Label($"k {cx.Length}, home ({px}, {py}): grid {got} {gotD2} {gotS2}, scan {want} {wantD2} {wantS2}");
                }
            }

            return true.ToProperty();
        });

    [Fact]
    public void Nearest2_TiesGoToTheLowestIndex_AndTheSecondDistanceCountsTheTie()
    {
        double[] cx = [10, 0, 10, 0];
        double[] cy = [0, 0, 0, 0];
        var grid = new CentreGrid(4);
        grid.Build(cx, cy);
        int best = grid.Nearest2(10, 0, out double d2, out double s2);
        Assert.Equal(0, best); // centres 0 and 2 coincide: the lower index wins
        Assert.Equal(0, d2);
        Assert.Equal(0, s2); // the other copy is the second-nearest, at distance 0
        Assert.Equal(1, grid.Nearest2(4, 0, out d2, out s2)); // centres 1 and 3 coincide at 4 m
        Assert.Equal(16, d2);
        Assert.Equal(16, s2);
        Assert.Equal(0, grid.Nearest2(6, 0, out d2, out s2)); // centres 0 and 2 coincide at 4 m, 1 and 3 at 6 m
        Assert.Equal(16, d2);
        Assert.Equal(16, s2);
    }

    [Fact]
    public void Build_AgainAfterCentresMove_SearchesTheNewCentres()
    {
        var grid = new CentreGrid(3);
        grid.Build([0, 100, 200], [0, 0, 0]);
        Assert.Equal(2, grid.Nearest2(190, 0, out _, out _));
        grid.Build([0, 100, 5_000], [0, 0, 7_000]);
        Assert.Equal(1, grid.Nearest2(190, 0, out double d2, out _));
        Assert.Equal(90 * 90, d2);
    }
}
