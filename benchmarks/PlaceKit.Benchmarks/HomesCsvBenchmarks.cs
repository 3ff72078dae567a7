using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.IO;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// homes.csv's hot paths on a generated plan of 200,000 homes in 80 authorities (SampleStock, as the scale runner's
/// stocks): the whole writer before (<see cref="WriteHomesBefore"/>, the pre-issue-17 code kept here) and after, and its
/// two parts: the lon/lat projection (every home vs each distinct point once) and the number formatting
/// (<c>double.ToString("0.##")</c>/<c>("0.#######")</c> vs <see cref="DecimalText"/>), over the plan's 800,000 numbers.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HomesCsvBenchmarks
{
    private PlacePlan _plan = null!;
    private double[] _lon = [];
    private double[] _lat = [];

    [GlobalSetup]
    public void Setup()
    {
        _plan = PlaceDefiner.Create(new PlaceKitOptions { MaxDegreeOfParallelism = 2, Clustering = { TargetSize = 450 } })
            .Define(HomeSet.Create(SampleStock.Generate(200_000, 80, 42)));
        _lon = _plan.Homes.X.ToArray();
        _lat = _plan.Homes.Y.ToArray();
        _plan.Homes.Projection.ToWgs84(_lon, _lat);
    }

    [Benchmark(Baseline = true)]
    public long WriteHomesBefore()
    {
        using var stream = new CountingStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true)) Before(_plan, writer);
        return stream.Length;
    }

    [Benchmark]
    public long WriteHomesAfter()
    {
        using var stream = new CountingStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true)) PlanCsv.WriteHomes(_plan, writer);
        return stream.Length;
    }

    [Benchmark]
    public double ProjectEveryHome()
    {
        var lon = _plan.Homes.X.ToArray();
        var lat = _plan.Homes.Y.ToArray();
        _plan.Homes.Projection.ToWgs84(lon, lat);
        return lon[^1];
    }

    [Benchmark]
    public double ProjectDistinctPoints() => HomeLonLat.Of(_plan.Homes).Longitude(_plan.Homes.Count - 1);

    [Benchmark]
    public long FormatNumbersToString()
    {
        long length = 0;
        var x = _plan.Homes.X;
        var y = _plan.Homes.Y;
        for (int i = 0; i < x.Length; i++)
        {
            length += x[i].ToString("0.##", CultureInfo.InvariantCulture).Length + y[i].ToString("0.##", CultureInfo.InvariantCulture).Length;
            length += _lon[i].ToString("0.#######", CultureInfo.InvariantCulture).Length + _lat[i].ToString("0.#######", CultureInfo.InvariantCulture).Length;
        }

        return length;
    }

    [Benchmark]
    public long FormatNumbersDecimalText()
    {
        Span<char> buffer = stackalloc char[DecimalText.MaxLength];
        long length = 0;
        var x = _plan.Homes.X;
        var y = _plan.Homes.Y;
        for (int i = 0; i < x.Length; i++)
        {
            DecimalText.TryFormat(x[i], 2, buffer, out int a);
            DecimalText.TryFormat(y[i], 2, buffer, out int b);
            DecimalText.TryFormat(_lon[i], 7, buffer, out int c);
            DecimalText.TryFormat(_lat[i], 7, buffer, out int d);
            length += a + b + c + d;
        }

        return length;
    }

    /// <summary>PlanCsv.WriteHomes as it was before issue 17's export work (main at e937532).</summary>
    private static void Before(PlacePlan plan, TextWriter writer)
    {
        var reasonOfHome = new string?[plan.Homes.Count];
        foreach (var u in plan.Unplaced) reasonOfHome[u.Index] = u.ReasonText;
        foreach (var r in plan.Reassigned) reasonOfHome[r.Index] = r.Note;
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
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
}
