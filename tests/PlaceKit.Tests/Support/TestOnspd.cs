using System.Globalization;
using System.Text;

namespace PlaceKit.Tests.Support;

/// <summary>One row of a synthetic postcode directory.</summary>
public sealed record OnspdRow(string Postcode, string? Doterm, string Authority, double? Easting, double? Northing, double Lat, double Long);

/// <summary>
/// Writes postcode directories in the ONS Postcode Directory's CSV layout (the real header, 54 columns; <c>pcd</c>
/// 7 characters with the outward code padded, <c>pcd2</c> 8, <c>pcds</c> one space; quoted like ONSPD; no grid
/// reference = empty <c>oseast1m</c> and lat 99.999999), with made-up values in the columns PlaceKit does not read.
/// </summary>
public static class TestOnspd
{
    public static readonly string[] Header =
    [
        "pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua", "osward", "parish", "usertype", "oseast1m", "osnrth1m",
        "osgrdind", "oshlthau", "nhser", "ctry", "rgn", "streg", "pcon", "eer", "teclec", "ttwa", "pct", "itl", "statsward", "oa01",
        "casward", "npark", "lsoa01", "msoa01", "ur01ind", "oac01", "oa11", "lsoa11", "msoa11", "wz11", "sicbl", "bua24", "ru11ind",
        "oac11", "lat", "long", "lep1", "lep2", "pfa", "imd", "calncv", "icb", "oa21", "lsoa21", "msoa21", "ruc21ind", "globalid",
    ];

    public static string Pcd(string pcds)
    {
        var parts = pcds.Split(' ');
        return parts[0].Length >= 4 ? parts[0] + parts[1] : parts[0].PadRight(4) + parts[1][..Math.Min(3, parts[1].Length)];
    }

    public static void Write(TextWriter w, IEnumerable<OnspdRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        w.Write(string.Join(",", Header.Select(h => $"\"{h}\"")));
        w.Write("\r\n");
        var sb = new StringBuilder(512);
        foreach (var r in rows)
        {
            sb.Clear();
            string pcd = Pcd(r.Postcode);
            sb.Append('"').Append(pcd).Append("\",\"").Append(pcd.Length == 7 ? pcd[..4] + " " + pcd[4..] : pcd).Append("\",\"").Append(r.Postcode).Append("\",\"198001\",\"")
              .Append(r.Doterm).Append("\",\"E99999999\",\"E99999999\",\"").Append(r.Authority).Append("\",\"E05000001\",\"E43000001\",\"0\",")
              .Append(r.Easting is { } e ? e.ToString("0", inv) : "").Append(',').Append(r.Northing is { } n ? n.ToString("0", inv) : "")
              .Append(",\"1\",\"E18000001\",\"E40000001\",\"E92000001\",\"E12000001\",\"0\",\"E14000001\",\"E15000001\",\"E15000001\",\"E30000001\",\"E16000001\",\"E10000001\",\"00AAFA\",\"E00000001\",\"00AAFA\",\"\",\"E01000001\",\"E02000001\",\"A\",\"1A1\",\"E00000001\",\"E01000001\",\"E02000001\",\"E33000001\",\"E38000001\",\"E63000001\",\"A1\",\"1A1\",")
              .Append(r.Lat.ToString("0.000000", inv)).Append(',').Append(r.Long.ToString("0.000000", inv))
              .Append(",\"E37000001\",\"\",\"E23000001\",1,\"E56000001\",\"E54000001\",\"E00000001\",\"E01000001\",\"E02000001\",\"A1\",\"{00000000-0000-0000-0000-000000000000}\"");
            w.Write(sb);
            w.Write("\r\n");
        }
    }

    public static void Write(string path, IEnumerable<OnspdRow> rows)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        Write(w, rows);
    }

    /// <summary>A postcode-shaped code for the i-th postcode: outward codes of 2 to 4 characters, inward digit + 2 letters.</summary>
    public static string Postcode(int i)
    {
        const string L = "ABDEFGHJLNPQRSTUWXYZ";
        string[] areas = ["B", "M", "SW", "LL", "CF", "EH", "W"];
        string area = areas[i % areas.Length];
        int district = (i / areas.Length) % 99 + 1;
        int rest = i / (areas.Length * 99);
        string outward = area == "W" && district < 10 ? $"W{district}A" : $"{area}{district}";
        return $"{outward} {rest % 10}{L[(rest / 10) % 20]}{L[(rest / 200) % 20]}";
    }
}
