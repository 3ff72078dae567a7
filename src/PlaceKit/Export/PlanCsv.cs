using System.Globalization;
using CsvHelper;
using PlaceKit.IO;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan's per-home and per-cluster tables as CSV (RFC 4180, invariant culture, '.' decimals).</summary>
/// <remarks>Safe to open in a spreadsheet: a text cell (id, authority, place id, reason) that would run as a formula
/// gets a leading apostrophe (<see cref="SpreadsheetText"/>); PlaceKit's readers read back the exact text.</remarks>
public static class PlanCsv
{
    /// <summary>Writes <c>homes.csv</c>: one row per input home, in input order: <c>id,authority,authority_name,cluster_id,place_id,status,reason,x,y,longitude,latitude</c>, and <c>weight</c> when the homes have weights.</summary>
    /// <remarks><c>x,y</c> are the home's planar coordinates in the plan's CRS (metres, 0.01 m), <c>longitude,latitude</c> WGS84 (7 decimals).
    /// <c>status</c> is <c>placed</c> or <c>unplaced</c>; <c>place_id</c> is empty and <c>reason</c> says why when unplaced;
    /// a home moved by reassignment is placed with <c>reason</c> <c>reassigned-from: cluster N</c>.</remarks>
    /// <param name="plan">The plan.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteHomes(PlacePlan plan, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(writer);
        var reasonOfHome = HomeReasons.Of(plan);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        var homes = plan.Homes;
        var authorityText = homes.Authorities.Select(SpreadsheetText.Escape).ToArray();
        var nameText = homes.Authorities.Select(a => SpreadsheetText.Escape(plan.Options.NameOf(a))).ToArray();
        foreach (var h in (string[])["id", "authority", "authority_name", "cluster_id", "place_id", "status", "reason", "x", "y", "longitude", "latitude"]) csv.WriteField(h);
        var weights = homes.WeightArray;
        if (weights is not null) csv.WriteField("weight");
        csv.NextRecord();
        var lonLat = HomeLonLat.For(homes);
        var x = homes.XArray;
        var y = homes.YArray;
        var authority = homes.AuthorityArray;
        var clusterOfHome = plan.ClusterOfHomeArray;
        var placeOfHome = plan.PlaceIndexOfHome;
        var clusterText = new Dictionary<int, string>();
        var placeText = new string?[plan.Places.Count];

        // The numbers (x, y, longitude, latitude and the weight) end the row: they are formatted into one buffer and
        // handed to CsvHelper as one unquoted run of fields. A number never needs quoting (digits, '-', '.', or the
        // runtime's NaN/Infinity text), so the bytes are those of one WriteField per number.
        Span<char> tail = stackalloc char[(5 * (DecimalText.MaxLength + 1)) + 32];
        for (int i = 0; i < homes.Count; i++)
        {
            int placeIndex = placeOfHome[i];
            csv.WriteField(SpreadsheetText.Escape(homes.Ids[i]));
            csv.WriteField(authorityText[authority[i]]);
            csv.WriteField(nameText[authority[i]]);
            int cluster = clusterOfHome[i];
            if (!clusterText.TryGetValue(cluster, out var clusterId)) clusterText[cluster] = clusterId = cluster.ToString(CultureInfo.InvariantCulture);
            csv.WriteField(clusterId, false);
            csv.WriteField(placeIndex < 0 ? "" : placeText[placeIndex] ??= SpreadsheetText.Escape(plan.Places[placeIndex].Id));
            csv.WriteField(placeIndex < 0 ? "unplaced" : "placed", false);
            csv.WriteField(SpreadsheetText.Escape(reasonOfHome[i] ?? ""));
            int w = 0;
            w += Number(x[i], 2, tail[w..]);
            tail[w++] = ',';
            w += Number(y[i], 2, tail[w..]);
            tail[w++] = ',';
            w += Number(lonLat.Longitude(i), 7, tail[w..]);
            tail[w++] = ',';
            w += Number(lonLat.Latitude(i), 7, tail[w..]);
            if (weights is not null)
            {
                tail[w++] = ',';
                if (!weights[i].TryFormat(tail[w..], out int r, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException("A weight did not fit its buffer.");
                w += r;
            }

            csv.WriteField(new string(tail[..w]), false);
            csv.NextRecord();
        }
    }

    private static int Number(double value, int decimals, Span<char> destination)
    {
        if (!DecimalText.TryFormat(value, decimals, destination, out int written)) throw new InvalidOperationException("A number did not fit its buffer.");
        return written;
    }

    /// <summary>
    /// Writes <c>clusters.csv</c>: one row per cluster, in cluster-id order:
    /// <c>cluster_id,authority,authority_name,homes,centre_x,centre_y,hull_area_km2,density_per_km2,mean_distance_m,r90_m,tightness,rank,kept,trim_reasons,place_id,territory_area_km2,polsby_popper,reock</c>, and <c>weight</c> (the cluster's homes' weight) when the homes have weights.
    /// </summary>
    /// <remarks><c>kept</c> is <c>true</c>/<c>false</c>; <c>trim_reasons</c> is <c>;</c>-separated; <c>place_id</c> and the
    /// territory's area and compactness (<see cref="Territories.Compactness"/>) are empty for a trimmed cluster.</remarks>
    /// <param name="plan">The plan.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteClusters(PlacePlan plan, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(writer);
        var reasons = new Dictionary<int, string>();
        foreach (var t in plan.Trimmed) reasons[t.Cluster.ClusterId] = string.Join(";", t.Reasons);
        var placeOfCluster = new Dictionary<int, int>();
        for (int p = 0; p < plan.Places.Count; p++) placeOfCluster[plan.Places[p].Score.ClusterId] = p;
        var territories = plan.Territories;
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] header = ["cluster_id", "authority", "authority_name", "homes", "centre_x", "centre_y", "hull_area_km2", "density_per_km2", "mean_distance_m", "r90_m", "tightness", "rank", "kept", "trim_reasons", "place_id", "territory_area_km2", "polsby_popper", "reock"];
        foreach (var h in header) csv.WriteField(h);
        bool weighted = plan.Homes.HasWeights;
        if (weighted) csv.WriteField("weight");
        csv.NextRecord();
        foreach (var c in plan.Clusters)
        {
            bool trimmed = reasons.TryGetValue(c.ClusterId, out var why);
            csv.WriteField(c.ClusterId.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(SpreadsheetText.Escape(c.Authority));
            csv.WriteField(SpreadsheetText.Escape(plan.Options.NameOf(c.Authority)));
            csv.WriteField(c.Homes.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.CentreX.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(c.CentreY.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(c.HullAreaKm2.ToString("0.######", CultureInfo.InvariantCulture));
            csv.WriteField(c.DensityPerKm2.ToString("0.##", CultureInfo.InvariantCulture));
            csv.WriteField(c.MeanDistanceMeters.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(c.R90Meters.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(c.Tightness.ToString("0.##", CultureInfo.InvariantCulture));
            csv.WriteField(c.Rank.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(trimmed ? "false" : "true");
            csv.WriteField(SpreadsheetText.Escape(why ?? ""));
            if (placeOfCluster.TryGetValue(c.ClusterId, out int place))
            {
                var t = territories.Places[place];
                csv.WriteField(SpreadsheetText.Escape(plan.Places[place].Id));
                csv.WriteField(t.AreaKm2.ToString("0.######", CultureInfo.InvariantCulture));
                csv.WriteField(t.PolsbyPopper.ToString("0.####", CultureInfo.InvariantCulture));
                csv.WriteField(t.Reock.ToString("0.####", CultureInfo.InvariantCulture));
            }
            else
            {
                for (int k = 0; k < 4; k++) csv.WriteField("");
            }

            if (weighted) csv.WriteField(c.Weight.ToString("0.######", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }
}
