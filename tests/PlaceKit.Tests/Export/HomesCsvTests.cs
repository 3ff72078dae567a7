using System.Globalization;
using CsvHelper;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.IO;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Export;

/// <summary>
/// homes.csv (issue 17: made faster: each distinct point projected once, numbers formatted into a buffer) must be byte
/// for byte what the earlier writer gave; that writer is kept below as the reference.
/// </summary>
public sealed class HomesCsvTests
{
    /// <summary>The writer before issue 17's export work: one CsvHelper field per value, double.ToString per number, every home projected.</summary>
    private static string Reference(PlacePlan plan)
    {
        var writer = new StringWriter();
        var reasonOfHome = new string?[plan.Homes.Count];
        foreach (var u in plan.Unplaced) reasonOfHome[u.Index] = u.ReasonText;
        foreach (var r in plan.Reassigned) reasonOfHome[r.Index] = r.Note;
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true))
        {
            var nameOf = plan.Homes.Authorities.Select(plan.Options.NameOf).ToArray();
            foreach (var h in (string[])["id", "authority", "authority_name", "cluster_id", "place_id", "status", "reason", "x", "y", "longitude", "latitude"]) csv.WriteField(h);
            var homes = plan.Homes;
            var weights = homes.WeightArray;
            if (weights is not null) csv.WriteField("weight");
            csv.NextRecord();
            var lon = homes.X.ToArray();
            var lat = homes.Y.ToArray();
            homes.Projection.ToWgs84(lon, lat);
            for (int i = 0; i < homes.Count; i++)
            {
                var place = plan.PlaceOf(i);
                csv.WriteField(SpreadsheetText.Escape(homes.Ids[i]));
                csv.WriteField(SpreadsheetText.Escape(homes.Authorities[homes.AuthorityIndex[i]]));
                csv.WriteField(SpreadsheetText.Escape(nameOf[homes.AuthorityIndex[i]]));
                csv.WriteField(plan.ClusterOfHome[i].ToString(CultureInfo.InvariantCulture));
                csv.WriteField(SpreadsheetText.Escape(place?.Id ?? ""));
                csv.WriteField(place is null ? "unplaced" : "placed");
                csv.WriteField(SpreadsheetText.Escape(reasonOfHome[i] ?? ""));
                csv.WriteField(homes.X[i].ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(homes.Y[i].ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(lon[i].ToString("0.#######", CultureInfo.InvariantCulture));
                csv.WriteField(lat[i].ToString("0.#######", CultureInfo.InvariantCulture));
                if (weights is not null) csv.WriteField(weights[i].ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }

        return writer.ToString();
    }

    private static string Written(PlacePlan plan)
    {
        var writer = new StringWriter();
        PlanCsv.WriteHomes(plan, writer);
        return writer.ToString();
    }

    /// <summary>
    /// Shaped stocks (blocks of flats on one point, single homes, far north), with ids and authority names that need
    /// quoting or a spreadsheet mark, coordinates with many decimals, weights or not, and trimming that leaves homes
    /// unplaced: the same text as the reference writer.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property WriteHomes_AnyPlan_SameBytesAsTheEarlierWriter() =>
        Prop.ForAll(
            Stocks.Gen().SelectMany(s => Gen.Elements(false, true).SelectMany(weighted => Gen.Choose(0, 3).Select(jitter => (s, weighted, jitter)))).ToArbitrary(),
            t =>
            {
                var rng = new Random(t.s.Seed);
                string[] odd = ["=SUM(A1)", "a,b", "say \"hi\"", " padded ", "semi;colon", "-5", "'+x", "ünï"];
                var homes = t.s.Homes.Select((h, i) => h with
                {
                    Id = i % 11 == 0 ? $"{odd[i % odd.Length]}{i}" : h.Id,
                    X = h.X + (t.jitter * rng.NextDouble() / 1000),
                    Y = h.Y + (t.jitter == 3 ? 0.005 : 0),
                    Weight = t.weighted ? 1 + Math.Round(rng.NextDouble() * 3, rng.Next(0, 4)) : 1,
                }).ToArray();
                var names = homes.Select(h => h.Authority).Distinct()
                    .Select(a => new AuthoritySettings(a) { Name = a.EndsWith('1') ? "=Hart, \"North\"" : a + " council" }).ToList();
                var options = new PlaceKitOptions
                {
                    Clustering = { TargetSize = Math.Max(5, t.s.TargetSize) },
                    Trimming = { MinHomes = 3, MaxSpreadMeters = 2000 },
                    Authorities = names,
                };
                var plan = PlaceDefiner.Create(options).Define(HomeSet.Create(homes));
                string want = Reference(plan), got = Written(plan);
                if (want == got) return true.ToProperty();
                var a = want.Split('\n');
                var b = got.Split('\n');
                int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(k => a[k] != b[k]);
                return false.Label($"line {line}: reference '{a.ElementAtOrDefault(line)}', written '{b.ElementAtOrDefault(line)}'");
            });

    /// <summary>
    /// The reason column kept a cluster (<see cref="HomeReasons"/>) gives every home the text of joining its own reasons,
    /// or its reassignment note, as the per-home array did: shaped stocks, both trimming rules, reassignment on and off.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property HomeReasons_AnyPlan_EachHomesOwnReasonOrNote() =>
        Prop.ForAll(
            Stocks.Gen().SelectMany(s => Gen.Elements(false, true).Select(reassign => (s, reassign))).ToArbitrary(),
            t =>
            {
                var options = new PlaceKitOptions
                {
                    Seed = t.s.Seed,
                    Clustering = { TargetSize = Math.Max(5, t.s.TargetSize) },
                    Trimming = { MinHomes = Math.Max(3, t.s.TargetSize), MaxSpreadMeters = 300, Reassign = t.reassign },
                };
                var plan = PlaceDefiner.Create(options).Define(t.s.ToHomeSet());
                var want = new string?[plan.Homes.Count];
                foreach (var u in plan.Unplaced) want[u.Index] = u.ReasonText;
                foreach (var r in plan.Reassigned) want[r.Index] = r.Note;
                var reasons = HomeReasons.Of(plan);
                int wrong = Enumerable.Range(0, want.Length).FirstOrDefault(i => reasons[i] != want[i], -1);
                return (wrong < 0).Label(wrong < 0 ? "" : $"home {wrong}: want '{want[wrong]}', got '{reasons[wrong]}'")
                    .Classify(plan.Unplaced.Count > 0, "some unplaced")
                    .Classify(plan.Reassigned.Count > 0, "some reassigned");
            });

    /// <summary>Each distinct point projected once gives every home the bits of projecting every home (BNG and a UTM zone).</summary>
    [Property(MaxTest = 40)]
    public Property HomeLonLat_SharedPoints_SameBitsAsProjectingEveryHome() =>
        Prop.ForAll(
            Stocks.Gen().SelectMany(s => Gen.Elements(false, true).Select(utm => (s, utm))).ToArbitrary(),
            t =>
            {
                var projection = t.utm ? PlanarProjection.Utm(30, true) : PlanarProjection.BritishNationalGrid;
                var homes = HomeSet.Create(t.s.Homes.Select(h => h with { X = t.utm ? h.X + 100_000 : h.X, Y = t.utm ? h.Y + 5_500_000 : h.Y }), CoordinateKind.Projected, projection);
                var lonLat = HomeLonLat.Of(homes);
                var lon = homes.X.ToArray();
                var lat = homes.Y.ToArray();
                homes.Projection.ToWgs84(lon, lat);
                int distinct = homes.X.ToArray().Zip(homes.Y.ToArray()).Distinct().Count();
                if (lonLat.Points != distinct) return false.Label($"{lonLat.Points} points, {distinct} distinct");
                for (int i = 0; i < homes.Count; i++)
                {
                    if (BitConverter.DoubleToInt64Bits(lonLat.Longitude(i)) != BitConverter.DoubleToInt64Bits(lon[i]) ||
                        BitConverter.DoubleToInt64Bits(lonLat.Latitude(i)) != BitConverter.DoubleToInt64Bits(lat[i]))
                    {
                        return false.Label($"home {i}: ({lonLat.Longitude(i):R}, {lonLat.Latitude(i):R}) != ({lon[i]:R}, {lat[i]:R})");
                    }
                }

                return true.ToProperty();
            });

    [Fact]
    public void HomeLonLat_NoHomes_Empty()
    {
        var homes = HomeSet.Create([new Home("a", 400000, 300000, "E1")]).Subset([]);
        Assert.Equal(0, HomeLonLat.Of(homes).Points);
    }
}
