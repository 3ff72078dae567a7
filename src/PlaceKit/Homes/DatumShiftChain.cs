using System.Buffers;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace PlaceKit.Homes;

/// <summary>
/// The transformation between WGS84 lon/lat and a projected CRS whose datum differs from WGS84 by a 7-parameter Helmert
/// shift (British National Grid), built from ProjNET's steps and run the way PROJ runs it for a 2-D CRS.
/// </summary>
/// <remarks>
/// <para>WGS84 to planar, as PROJ's <c>cs2cs +proj=longlat +datum=WGS84 +to ... +towgs84=...</c>: lon/lat at zero height
/// to geocentric, the inverse Helmert shift, geocentric to geodetic on the local ellipsoid (height dropped), then the
/// map projection. Planar to WGS84 is the exact inverse of that, so that a round trip returns the input.</para>
/// <para>Two of ProjNET's inverse steps are approximations: geocentric to geodetic (a one-step Bowring/Toms estimate,
/// millimetres off) and the inverse Helmert shift (linearised, a few millimetres off in Great Britain). Each is corrected
/// by one fixed-point step against its exact forward step: with <c>r0 = A(y)</c>, <c>A(2y - E(r0))</c> solves
/// <c>E(r) = y</c> to well under a micrometre, because A's error is smooth and tiny.</para>
/// </remarks>
internal sealed class DatumShiftChain
{
    /// <summary>Points per pass through ProjNET.</summary>
    internal const int Chunk = 4096;

    private readonly MathTransform _unproject;        // planar -> local geodetic
    private readonly MathTransform _project;          // local geodetic -> planar
    private readonly MathTransform _localToGeocentric; // exact
    private readonly MathTransform _localFromGeocentric; // approximate (Toms)
    private readonly MathTransform _shift;            // local geocentric -> WGS84 geocentric, exact
    private readonly MathTransform _unshift;          // WGS84 geocentric -> local geocentric, linearised
    private readonly MathTransform _wgs84ToGeocentric; // exact
    private readonly MathTransform _wgs84FromGeocentric; // approximate (Toms)

    internal DatumShiftChain(ProjectedCoordinateSystem system)
    {
        var factory = new CoordinateTransformationFactory();
        var local = system.GeographicCoordinateSystem;
        var localGeocentric = new CoordinateSystemFactory().CreateGeocentricCoordinateSystem(
            local.Name + " (geocentric)", local.HorizontalDatum, LinearUnit.Metre, local.PrimeMeridian);
        var wgs84 = GeographicCoordinateSystem.WGS84;
        var wgs84Geocentric = GeocentricCoordinateSystem.WGS84;
        _unproject = factory.CreateFromCoordinateSystems(system, local).MathTransform;
        _project = factory.CreateFromCoordinateSystems(local, system).MathTransform;
        _localToGeocentric = factory.CreateFromCoordinateSystems(local, localGeocentric).MathTransform;
        _localFromGeocentric = factory.CreateFromCoordinateSystems(localGeocentric, local).MathTransform;
        _shift = factory.CreateFromCoordinateSystems(localGeocentric, wgs84Geocentric).MathTransform;
        _unshift = factory.CreateFromCoordinateSystems(wgs84Geocentric, localGeocentric).MathTransform;
        _wgs84ToGeocentric = factory.CreateFromCoordinateSystems(wgs84, wgs84Geocentric).MathTransform;
        _wgs84FromGeocentric = factory.CreateFromCoordinateSystems(wgs84Geocentric, wgs84).MathTransform;
    }

    /// <summary>WGS84 lon/lat (in place) to planar metres, as PROJ does for a 2-D CRS.</summary>
    internal void FromWgs84(Span<double> x, Span<double> y)
    {
        using var work = new Work();
        for (int start = 0; start < x.Length; start += Chunk)
        {
            var xs = x.Slice(start, Math.Min(Chunk, x.Length - start));
            FromWgs84Chunk(xs, y.Slice(start, xs.Length), work);
        }
    }

    /// <summary>Planar metres (in place) to WGS84 lon/lat: the exact inverse of <see cref="FromWgs84"/>.</summary>
    internal void ToWgs84(Span<double> x, Span<double> y)
    {
        using var work = new Work();
        for (int start = 0; start < x.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - start);
            var xs = x.Slice(start, n);
            var ys = y.Slice(start, n);

            // First estimate r0 = A(p) with A = PROJ's planar-to-WGS84 pipeline (zero local height), then one step.
            var tx = work.Target.X(n);
            var ty = work.Target.Y(n);
            xs.CopyTo(tx);
            ys.CopyTo(ty);
            ToWgs84Approximate(xs, ys, work);
            var qx = work.Outer.X(n);
            var qy = work.Outer.Y(n);
            xs.CopyTo(qx);
            ys.CopyTo(qy);
            FromWgs84Chunk(qx, qy, work);
            for (int i = 0; i < n; i++)
            {
                xs[i] = tx[i] + (tx[i] - qx[i]);
                ys[i] = ty[i] + (ty[i] - qy[i]);
            }

            ToWgs84Approximate(xs, ys, work);
        }
    }

    private void FromWgs84Chunk(Span<double> xs, Span<double> ys, Work work)
    {
        int n = xs.Length;
        var zs = work.Z(n);
        zs.Clear();
        _wgs84ToGeocentric.Transform(xs, ys, zs, 1, 1, 1);
        Solve(_unshift, _shift, xs, ys, zs, work);
        Solve(_localFromGeocentric, _localToGeocentric, xs, ys, zs, work);
        zs.Clear();
        _project.Transform(xs, ys, zs, 1, 1, 1);
    }

    /// <summary>PROJ's planar-to-WGS84 pipeline: zero height on the local ellipsoid, exact steps.</summary>
    private void ToWgs84Approximate(Span<double> xs, Span<double> ys, Work work)
    {
        var zs = work.Z(xs.Length);
        zs.Clear();
        _unproject.Transform(xs, ys, zs, 1, 1, 1);
        zs.Clear();
        _localToGeocentric.Transform(xs, ys, zs, 1, 1, 1);
        _shift.Transform(xs, ys, zs, 1, 1, 1);
        Solve(_wgs84FromGeocentric, _wgs84ToGeocentric, xs, ys, zs, work);
    }

    /// <summary>Replaces the target (x, y, z) by r with exact(r) = target, from the approximate inverse plus one fixed-point step.</summary>
    private static void Solve(MathTransform approximate, MathTransform exact, Span<double> xs, Span<double> ys, Span<double> zs, Work work)
    {
        int n = xs.Length;
        var tx = work.Inner.X(n);
        var ty = work.Inner.Y(n);
        var tz = work.Inner.Z(n);
        xs.CopyTo(tx);
        ys.CopyTo(ty);
        zs.CopyTo(tz);
        approximate.Transform(xs, ys, zs, 1, 1, 1);
        exact.Transform(xs, ys, zs, 1, 1, 1);
        for (int i = 0; i < n; i++)
        {
            xs[i] = tx[i] + (tx[i] - xs[i]);
            ys[i] = ty[i] + (ty[i] - ys[i]);
            zs[i] = tz[i] + (tz[i] - zs[i]);
        }

        approximate.Transform(xs, ys, zs, 1, 1, 1);
    }

    /// <summary>Pooled scratch columns for one call.</summary>
    private sealed class Work : IDisposable
    {
        private readonly double[] _z = ArrayPool<double>.Shared.Rent(Chunk);

        internal Columns Target { get; } = new();

        internal Columns Outer { get; } = new();

        internal Columns Inner { get; } = new();

        internal Span<double> Z(int n) => _z.AsSpan(0, n);

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_z);
            Target.Dispose();
            Outer.Dispose();
            Inner.Dispose();
        }
    }

    private sealed class Columns : IDisposable
    {
        private readonly double[] _x = ArrayPool<double>.Shared.Rent(Chunk);
        private readonly double[] _y = ArrayPool<double>.Shared.Rent(Chunk);
        private readonly double[] _z = ArrayPool<double>.Shared.Rent(Chunk);

        internal Span<double> X(int n) => _x.AsSpan(0, n);

        internal Span<double> Y(int n) => _y.AsSpan(0, n);

        internal Span<double> Z(int n) => _z.AsSpan(0, n);

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_x);
            ArrayPool<double>.Shared.Return(_y);
            ArrayPool<double>.Shared.Return(_z);
        }
    }
}
