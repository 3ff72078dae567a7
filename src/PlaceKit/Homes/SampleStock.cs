using System.Globalization;

namespace PlaceKit.Homes;

/// <summary>
/// Generates realistic synthetic housing stocks in British National Grid metres: dense city estates (with blocks of
/// flats sharing one coordinate), market towns, villages and isolated rural homes, spread over many authorities.
/// </summary>
/// <remarks>
/// Deterministic: the same arguments give the same homes on any machine. O(n) time. Used for the built-in sample
/// (<see cref="Sample"/>: 45,000 homes in 25 authorities), the tests and the benchmarks (any size, e.g. 5 million homes
/// in 1,000 authorities). Authorities sit on a grid over England and Wales and never overlap; homes come out shuffled
/// across authorities with ids <c>H0000001</c>, <c>H0000002</c>, ... like a landlord's export.
/// </remarks>
public static class SampleStock
{
    /// <summary>Homes in the built-in sample stock.</summary>
    public const int SampleHomes = 45_000;

    /// <summary>Authorities in the built-in sample stock.</summary>
    public const int SampleAuthorities = 25;

    /// <summary>The seed of the built-in sample stock.</summary>
    public const int SampleSeed = 2026;

    /// <summary>The built-in sample stock: 45,000 homes in 25 authorities, as a validated home set.</summary>
    /// <returns>The sample home set.</returns>
    public static HomeSet Sample() => HomeSet.Create(Generate(SampleHomes, SampleAuthorities, SampleSeed));

    /// <summary>Generates a synthetic stock.</summary>
    /// <param name="homes">How many homes, at least 1.</param>
    /// <param name="authorities">How many authorities, 1 to <paramref name="homes"/>.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The homes, shuffled across authorities, in planar British National Grid metres.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="homes"/> &lt; 1, or <paramref name="authorities"/> outside [1-homes].</exception>
    public static IReadOnlyList<Home> Generate(int homes, int authorities, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(homes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(authorities, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(authorities, homes);
        var rng = new Random(seed);

        // Authority sizes: skewed like real stocks (a few big city landlords, many small districts), each at least 1 home.
        var weights = new double[authorities];
        double total = 0;
        for (int a = 0; a < authorities; a++)
        {
            weights[a] = Math.Exp(rng.NextDouble() * 2.3) * (rng.NextDouble() < 0.12 ? 3 : 1);
            total += weights[a];
        }

        var sizes = new int[authorities];
        int assigned = 0;
        for (int a = 0; a < authorities; a++)
        {
            sizes[a] = 1 + (int)((homes - authorities) * weights[a] / total);
            assigned += sizes[a];
        }

        for (int a = 0; assigned < homes; a = (a + 1) % authorities, assigned++) sizes[a]++;

        // Authorities on a grid over England and Wales (BNG 150 km-650 km east, 80 km-600 km north).
        int cols = (int)Math.Ceiling(Math.Sqrt(authorities));
        int rowsCount = (authorities + cols - 1) / cols;
        double spacing = Math.Min(32_000, Math.Min(500_000.0 / cols, 520_000.0 / rowsCount));
        double radius = spacing * 0.42;
        var xs = new double[homes];
        var ys = new double[homes];
        var auth = new int[homes];
        int at = 0;
        for (int a = 0; a < authorities; a++)
        {
            double cx = 150_000 + ((a % cols) + 0.5) * spacing + ((rng.NextDouble() - 0.5) * spacing * 0.1);
            double cy = 80_000 + ((a / cols) + 0.5) * spacing + ((rng.NextDouble() - 0.5) * spacing * 0.1);
            at = FillAuthority(rng, a, sizes[a], cx, cy, radius, xs, ys, auth, at);
        }

        // Shuffle across authorities, as an export sorted by property reference would be.
        var order = new int[homes];
        for (int i = 0; i < homes; i++) order[i] = i;
        rng.Shuffle(order);
        var codes = new string[authorities];
        for (int a = 0; a < authorities; a++) codes[a] = AuthorityCode(a);
        var result = new Home[homes];
        for (int i = 0; i < homes; i++)
        {
            int j = order[i];
            result[i] = new Home(HomeId(i), Math.Round(xs[j], 1), Math.Round(ys[j], 1), codes[auth[j]]);
        }

        return result;
    }

    private static string HomeId(int i) => "H" + (i + 1).ToString("D7", CultureInfo.InvariantCulture);

    private static string AuthorityCode(int a) =>
        "E0" + (6 + (a % 3)).ToString(CultureInfo.InvariantCulture) + (a + 1).ToString("D6", CultureInfo.InvariantCulture);

    private static int FillAuthority(Random rng, int a, int n, double cx, double cy, double radius, double[] xs, double[] ys, int[] auth, int at)
    {
        // The mix of settlement kinds depends on how urban the authority is.
        double urban = rng.NextDouble();
        double cityShare = urban > 0.6 ? 0.75 : urban > 0.3 ? 0.35 : 0.1;
        double ruralShare = urban > 0.6 ? 0.02 : 0.08;
        int city = (int)(n * cityShare);
        int rural = (int)(n * ruralShare);
        int villages = (int)((n - city - rural) * 0.35);
        int towns = n - city - rural - villages;
        int end = at + n;

        // City: one centre, estates around it (Gaussian blobs 120-350 m), some blocks of flats on one point.
        double ccx = cx + Gauss(rng) * radius * 0.15, ccy = cy + Gauss(rng) * radius * 0.15;
        at = Blobs(rng, city, ccx, ccy, radius * 0.35, 120, 350, 150, 1500, 0.25, xs, ys, at);

        // Market towns: a few blobs 350-700 m, placed around the authority.
        at = Blobs(rng, towns, cx, cy, radius * 0.8, 350, 700, 300, 2500, 0.05, xs, ys, at);

        // Villages: many small blobs 80-200 m.
        at = Blobs(rng, villages, cx, cy, radius * 0.9, 80, 200, 10, 80, 0.0, xs, ys, at);

        // Isolated rural homes: uniform over the authority's disc.
        for (int i = 0; i < rural; i++, at++)
        {
            double r = radius * Math.Sqrt(rng.NextDouble()), t = rng.NextDouble() * Math.Tau;
            xs[at] = cx + (r * Math.Cos(t));
            ys[at] = cy + (r * Math.Sin(t));
        }

        for (int i = end - n; i < end; i++) auth[i] = a;
        return at;
    }

    private static int Blobs(Random rng, int count, double cx, double cy, double spread, double minSigma, double maxSigma,
        int minSize, int maxSize, double flatShare, double[] xs, double[] ys, int at)
    {
        int left = count;
        while (left > 0)
        {
            int size = Math.Min(left, rng.Next(minSize, maxSize + 1));
            double sigma = minSigma + (rng.NextDouble() * (maxSigma - minSigma));
            double r = spread * Math.Sqrt(rng.NextDouble()), t = rng.NextDouble() * Math.Tau;
            double bx = cx + (r * Math.Cos(t)), by = cy + (r * Math.Sin(t));
            int i = 0;
            while (i < size)
            {
                double px = bx + (Gauss(rng) * sigma), py = by + (Gauss(rng) * sigma);
                int block = rng.NextDouble() < flatShare ? Math.Min(size - i, rng.Next(6, 40)) : 1;
                for (int b = 0; b < block; b++, i++, at++)
                {
                    xs[at] = px;
                    ys[at] = py;
                }
            }

            left -= size;
        }

        return at;
    }

    private static double Gauss(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(Math.Tau * u2);
    }
}
