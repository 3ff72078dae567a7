using System.Numerics;
using PlaceKit.Homes;

namespace PlaceKit.Export;

/// <summary>
/// Every home's WGS84 longitude and latitude, each distinct planar point projected once: homes that share their exact
/// coordinates (flats in one block, homes located by postcode) share one projection.
/// </summary>
/// <remarks>
/// The projection transforms every point on its own (<see cref="PlanarProjection"/>: the result does not depend on the
/// point's neighbours in the span), so a point's lon/lat is the same bits whether it is projected once or for every home
/// at it. Points are matched on their exact bits (an open-addressing table of home indices, dropped after the pass).
/// Memory: 4 bytes a home (the point of each home) and 16 bytes a distinct point, against 16 bytes a home for
/// projecting a copy of every home's coordinates; while matching, the table adds 4 bytes a slot (at most 8 bytes a home).
/// </remarks>
internal sealed class HomeLonLat
{
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
}
