using System.Globalization;
using System.Net;
using NetTopologySuite.Geometries;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>The report's map: an inline SVG of every home, each place's territory, hull (footprint) and rank, and each authority's area.</summary>
/// <remarks>
/// Coordinates are whole metres in a local frame (x east from the westmost home, y south from the northmost home), so
/// a national stock still needs at most seven digits a number. Homes are drawn as zero-length round-capped subpaths,
/// one <c>&lt;path&gt;</c> per place plus one for all unplaced homes, with relative moves between homes sorted by
/// position and homes on the same metre drawn once: about 8 bytes a home. Every place gets exactly one hull
/// (<c>data-place</c>) and one rank label, however small; a hull that is a point or line is buffered by
/// <see cref="PlacesGeoJson.DegenerateBufferMeters"/>. O(n log n) in the number of homes.
/// </remarks>
internal static class ReportMap
{
    /// <summary>The map width, pixels, assumed for the label size and scale bar before the page's script measures the real one.</summary>
    internal const double AssumedPixels = 1200;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static void Write(TextWriter w, PlacePlan plan, IReadOnlyList<string> colours)
    {
        var homes = plan.Homes;
        var xs = homes.X;
        var ys = homes.Y;
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < xs.Length; i++)
        {
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }

        if (xs.Length == 0) (minX, maxX, minY, maxY) = (0, 0, 0, 0);
        double spanX = Math.Max(maxX - minX, 400), spanY = Math.Max(maxY - minY, 400);
        double ox = minX - ((spanX - (maxX - minX)) / 2), oy = maxY + ((spanY - (maxY - minY)) / 2);
        double pad = Math.Round(Math.Max(spanX, spanY) * 0.03);
        var frame = new Frame(ox, oy);
        double vbW = Math.Ceiling(spanX + (2 * pad)), vbH = Math.Ceiling(spanY + (2 * pad));
        double upp = vbW / AssumedPixels;
        var lx = new int[xs.Length];
        var ly = new int[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            lx[i] = frame.X(xs[i]);
            ly[i] = frame.Y(ys[i]);
        }

        w.Write(string.Create(Inv, $"<svg id=\"map\" viewBox=\"{-pad} {-pad} {vbW} {vbH}\" preserveAspectRatio=\"xMidYMid meet\" style=\"aspect-ratio:{vbW}/{vbH}\" role=\"img\" aria-label=\"Map of homes and places\">"));

        // Authorities: their area (a real boundary, or the fallback around their homes, drawn dashed) and their code.
        var homesOf = new int[homes.Authorities.Count];
        foreach (int a in homes.AuthorityIndex) homesOf[a]++;
        var factory = new GeometryFactory();
        var map = plan.Territories;
        w.Write("<g class=\"authorities\">");
        var authorityLabels = new List<(double X, double Y, string Code)>();
        for (int a = 0; a < map.Authorities.Count; a++)
        {
            var area = map.Authorities[a];
            if (area.Area.IsEmpty) continue;
            string code = WebUtility.HtmlEncode(area.Authority);
            bool boundary = area.Source == Territories.AuthorityAreaSource.Boundary;
            w.Write(string.Create(Inv, $"<path class=\"{(boundary ? "boundary" : "fallback")}\" d=\"{PathData(area.Area, frame)}\"><title>{code}: {homesOf[a]:N0} homes · {(boundary ? "boundary" : "area around its homes (no boundary given)")} {area.AreaKm2:N1} km², {area.NoPlaceAreaKm2:N1} km² in no place</title></path>"));
            var env = area.Area.EnvelopeInternal;
            authorityLabels.Add(((frame.X(env.MinX) + frame.X(env.MaxX)) / 2.0, frame.Y(env.MaxY) - (upp * 4), code));
        }

        w.Write("</g>");

        // Territories: each place's share of its authority, in its colour, under the homes.
        w.Write("<g id=\"territories\">");
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var place = plan.Places[p];
            var t = map.Places[p];
            string id = WebUtility.HtmlEncode(place.Id);
            w.Write(string.Create(Inv,
                $"<path data-territory=\"{id}\" fill=\"{colours[p]}\" stroke=\"{colours[p]}\" d=\"{PathData(t.Territory, frame)}\"><title>{id} territory · {t.AreaKm2:N2} km² · Polsby-Popper {t.PolsbyPopper:0.00} · Reock {t.Reock:0.00}</title></path>"));
        }

        w.Write("</g>");

        // Homes: unplaced first (underneath), then each place in its colour.
        var unplaced = new List<int>(plan.Unplaced.Count);
        foreach (var u in plan.Unplaced) unplaced.Add(u.Index);
        w.Write("<path class=\"dots unplaced\" d=\"");
        Dots(w, unplaced, lx, ly);
        w.Write("\"/>");
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var members = plan.HomesOf(p);
            var list = new List<int>(members.Length);
            foreach (int i in members) list.Add(i);
            w.Write($"<path class=\"dots\" stroke=\"{colours[p]}\" d=\"");
            Dots(w, list, lx, ly);
            w.Write("\"/>");
        }

        // Hulls, one per place, then the rank labels on top.
        w.Write("<g id=\"hulls\">");
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var place = plan.Places[p];
            var poly = AsPolygon(frame.ToLocal(place.Score.Hull, factory), PlacesGeoJson.DegenerateBufferMeters);
            var env = poly.EnvelopeInternal;
            string id = WebUtility.HtmlEncode(place.Id);
            string tip = string.Create(Inv,
                $"{id} (rank {place.Rank}) · {WebUtility.HtmlEncode(place.Authority)} · {place.Homes:N0} homes · tightness {place.Tightness:N0}/km² · r90 {place.Score.R90Meters:N0} m");
            w.Write(string.Create(Inv,
                $"<polygon data-place=\"{id}\" data-rank=\"{place.Rank}\" data-bbox=\"{env.MinX} {env.MinY} {env.Width} {env.Height}\" points=\"{Points(poly)}\" fill=\"{colours[p]}\" stroke=\"{colours[p]}\"><title>{tip}</title></polygon>"));
        }

        w.Write("</g>");
        w.Write(string.Create(Inv, $"<g id=\"auth-labels\" font-size=\"{Math.Round(11 * upp, 1)}\">"));
        foreach (var (x, y, code) in authorityLabels) w.Write(string.Create(Inv, $"<text x=\"{Math.Round(x)}\" y=\"{Math.Round(y)}\">{code}</text>"));
        w.Write("</g>");
        w.Write(string.Create(Inv, $"<g id=\"labels\" font-size=\"{Math.Round(13 * upp, 1)}\">"));
        foreach (var place in plan.Places)
        {
            w.Write(string.Create(Inv, $"<text x=\"{frame.X(place.Score.CentreX)}\" y=\"{frame.Y(place.Score.CentreY)}\" dy=\"0.35em\">{place.Rank}</text>"));
        }

        w.Write("</g></svg>");
    }

    /// <summary>The scale bar length, metres, for a given number of metres per pixel: 1, 2 or 5 times a power of ten, at most about 110 pixels.</summary>
    internal static double ScaleBarMeters(double metresPerPixel)
    {
        double target = 110 * metresPerPixel;
        double pow = Math.Pow(10, Math.Floor(Math.Log10(target)));
        foreach (double m in (ReadOnlySpan<double>)[5, 2, 1])
        {
            if (m * pow <= target) return m * pow;
        }

        return pow;
    }

    /// <summary>SVG path data (whole metres in the local frame) for a polygon or multipolygon, holes included (even-odd fill).</summary>
    private static string PathData(Geometry g, Frame frame)
    {
        var sb = new System.Text.StringBuilder();
        for (int k = 0; k < g.NumGeometries; k++)
        {
            if (g.GetGeometryN(k) is not Polygon { IsEmpty: false } poly) continue;
            Ring(sb, poly.ExteriorRing.Coordinates, frame);
            foreach (var hole in poly.InteriorRings) Ring(sb, hole.Coordinates, frame);
        }

        return sb.ToString();
    }

    private static void Ring(System.Text.StringBuilder sb, Coordinate[] ring, Frame frame)
    {
        int px = int.MinValue, py = int.MinValue, written = 0;
        for (int k = 0; k < ring.Length - 1; k++)
        {
            int x = frame.X(ring[k].X), y = frame.Y(ring[k].Y);
            if (x == px && y == py) continue;
            sb.Append(written == 0 ? 'M' : 'L').Append(x.ToString(Inv)).Append(' ').Append(y.ToString(Inv));
            (px, py) = (x, y);
            written++;
        }

        if (written > 0) sb.Append('Z');
    }

    private static Polygon AsPolygon(Geometry hull, double buffer) =>
        hull as Polygon ?? (Polygon)hull.Buffer(buffer, 4).ConvexHull();

    private static string Points(Polygon poly)
    {
        var ring = poly.ExteriorRing.Coordinates;
        var sb = new System.Text.StringBuilder(ring.Length * 12);
        for (int k = 0; k < ring.Length - 1; k++)
        {
            if (k > 0) sb.Append(' ');
            sb.Append(Math.Round(ring[k].X).ToString(Inv)).Append(',').Append(Math.Round(ring[k].Y).ToString(Inv));
        }

        return sb.ToString();
    }

    /// <summary>Writes path data for a set of homes: one zero-length subpath per distinct metre, relative moves in position order.</summary>
    private static void Dots(TextWriter w, List<int> members, int[] lx, int[] ly)
    {
        var keys = new long[members.Count];
        for (int k = 0; k < keys.Length; k++) keys[k] = ((long)ly[members[k]] << 32) | (uint)lx[members[k]];
        Array.Sort(keys);
        long last = long.MinValue;
        int px = 0, py = 0;
        bool first = true;
        Span<char> buf = stackalloc char[32];
        foreach (long key in keys)
        {
            if (key == last) continue;
            last = key;
            int x = (int)(uint)(key & 0xFFFFFFFF), y = (int)(key >> 32);
            int dx = first ? x : x - px, dy = first ? y : y - py;
            w.Write(first ? 'M' : 'm');
            dx.TryFormat(buf, out int n, default, Inv);
            w.Write(buf[..n]);
            if (dy >= 0) w.Write(' ');
            dy.TryFormat(buf, out n, default, Inv);
            w.Write(buf[..n]);
            w.Write("h0");
            (px, py, first) = (x, y, false);
        }
    }

    /// <summary>The local frame: whole metres east of <see cref="Ox"/> and south of <see cref="Oy"/>.</summary>
    private readonly record struct Frame(double Ox, double Oy)
    {
        public int X(double x) => (int)Math.Round(x - Ox);

        public int Y(double y) => (int)Math.Round(Oy - y);

        public Geometry ToLocal(Geometry g, GeometryFactory factory)
        {
            var src = g.Coordinates;
            var pts = new Coordinate[src.Length];
            for (int k = 0; k < src.Length; k++) pts[k] = new Coordinate(X(src[k].X), Y(src[k].Y));
            return factory.CreateMultiPointFromCoords(pts).ConvexHull();
        }
    }
}
