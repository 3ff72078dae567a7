using System.Numerics;
using System.Runtime.CompilerServices;
using PlaceKit.Homes;

namespace PlaceKit.Export;

/// <summary>
/// Every home's WGS84 longitude and latitude, each distinct planar point projected once: homes that share their exact
/// coordinates (flats in one block, homes located by postcode) share one projection.
/// </summary>
/// <remarks>
/// <para>
/// The projection transforms every point on its own (<see cref="PlanarProjection"/>: the result does not depend on the
/// point's neighbours in the span), so a point's lon/lat is the same bits whether it is projected once or for every home
/// at it. Points are matched on their exact bits (an open-addressing table of home indices, dropped after the pass).
/// Memory: 4 bytes a home (the point of each home) and 16 bytes a distinct point, against 16 bytes a home for
/// projecting a copy of every home's coordinates; while matching, the table adds 4 bytes a slot (at most 8 bytes a home).
/// </para>
/// <para>
/// One export writes several outputs that need these (homes.csv, homes.geojson, report.html's home squares), in
/// parallel: <see cref="PlanExporter"/> calls <see cref="Share"/> for the export's duration, and each writer asks
/// <see cref="For"/> (or <see cref="Shared"/>), so the points are projected once per export; a writer used on its own
/// projects its own.
/// </para>
/// </remarks>
internal sealed class HomeLonLat
{
    private static readonly ConditionalWeakTable<HomeSet, Lazy<HomeLonLat>> SharedByHomes = new();

    private readonly int[] _pointOf;
    private readonly double[] _lon;
    private readonly double[] _lat;

    private HomeLonLat(int[] pointOf, double[] lon, double[] lat)
    {
        _pointOf = pointOf;
        _lon = lon;
        _lat = lat;
    }

    /// <summary>The number of distinct points projected.</summary>
    internal int Points => _lon.Length;

    /// <summary>A home's longitude, degrees.</summary>
    internal double Longitude(int home) => _lon[_pointOf[home]];

    /// <summary>A home's latitude, degrees.</summary>
    internal double Latitude(int home) => _lat[_pointOf[home]];

    /// <summary>
    /// Shares one projection of the homes (computed by the first writer that asks, on its thread) with every writer
    /// that asks until the result is disposed; null when an export of the same homes already shares one (that export's
    /// is used until it ends).
    /// </summary>
    internal static IDisposable? Share(HomeSet homes)
    {
        var shared = new Lazy<HomeLonLat>(() => Of(homes), LazyThreadSafetyMode.ExecutionAndPublication);
        return SharedByHomes.TryAdd(homes, shared) ? new Sharing(homes) : null;
    }

    /// <summary>The projection shared for these homes (computed now if no writer has yet), or null when none is shared.</summary>
    internal static HomeLonLat? Shared(HomeSet homes) => SharedByHomes.TryGetValue(homes, out var shared) ? shared.Value : null;

    /// <summary>The shared projection of these homes, or a projection of its own when none is shared.</summary>
    internal static HomeLonLat For(HomeSet homes) => Shared(homes) ?? Of(homes);

    /// <summary>Projects the homes' distinct points to WGS84.</summary>
    internal static HomeLonLat Of(HomeSet homes)
    {
        var x = homes.XArray;
        var y = homes.YArray;
        int n = x.Length;
        var pointOf = new int[n];
        int points = 0;
        if (n > 0)
        {
            // Linear probing at a load of at most 3/4; a slot holds 1 + the first home at its point, 0 when empty.
            int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, n + (n / 3) + 1));
            int bits = BitOperations.Log2((uint)capacity);
            int mask = capacity - 1;
            var table = new int[capacity];
            for (int i = 0; i < n; i++)
            {
                long xb = BitConverter.DoubleToInt64Bits(x[i]);
                long yb = BitConverter.DoubleToInt64Bits(y[i]);
                ulong h = (((ulong)xb * 0x9E3779B97F4A7C15UL) ^ (ulong)yb) * 0xBF58476D1CE4E5B9UL;
                int slot = (int)(h >> (64 - bits));
                while (true)
                {
                    int entry = table[slot];
                    if (entry == 0)
                    {
                        table[slot] = i + 1;
                        pointOf[i] = points++;
                        break;
                    }

                    int first = entry - 1;
                    if (BitConverter.DoubleToInt64Bits(x[first]) == xb && BitConverter.DoubleToInt64Bits(y[first]) == yb)
                    {
                        pointOf[i] = pointOf[first];
                        break;
                    }

                    slot = (slot + 1) & mask;
                }
            }

            var lon = new double[points];
            var lat = new double[points];
            for (int i = 0, next = 0; next < points; i++)
            {
                if (pointOf[i] != next) continue; // points are numbered in order of their first home
                lon[next] = x[i];
                lat[next] = y[i];
                next++;
            }

            homes.Projection.ToWgs84(lon, lat);
            return new HomeLonLat(pointOf, lon, lat);
        }

        return new HomeLonLat(pointOf, [], []);
    }

    private sealed class Sharing(HomeSet homes) : IDisposable
    {
        public void Dispose() => SharedByHomes.Remove(homes);
    }
}
