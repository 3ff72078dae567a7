using System.Security.Cryptography;
using System.Text;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>reportprofile --csv FILE [--runs 3]</c>: where report.html's time goes, part by part, on the plan of the file
/// (default options): the home squares (grid search, centroids, projection, encoding), the outlines (simplification to
/// the vertex budget), the map's JSON, and the whole page; then what the map drew (grids, squares, tolerance, vertices)
/// and the SHA-256 of the page with its version string taken out, to compare two builds' bytes.
/// </summary>
internal static class ReportProfile
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string csv = a.Text("csv") ?? throw new ArgumentException("reportprofile needs --csv FILE");
        int runs = a.Int("runs", 3);
        var homes = HomeCsv.Read(csv);
        var plan = PlaceDefiner.Create().Define(homes);
        var limits = ReportMapLimits.Default;
        Console.WriteLine($"{homes.Count:N0} homes, {plan.Places.Count:N0} places, {plan.Territories.Authorities.Count:N0} authorities; {runs} runs, the last shown:");
        ProfileMeasure.Measure("squares", () => ReportMapData.Squares(plan, limits.MaxSquares).Bytes.Length, runs, "bytes");
        ProfileMeasure.Measure("outlines", () => ReportMapData.Outlines(plan, limits.MaxOutlineVertices).Vertices, runs, "vertices");
        var layout = ReportMapData.Lay(plan, limits);
        var colours = PlacePalette.For(plan.Places);
        ProfileMeasure.Measure("map json", () =>
        {
            var w = new StringWriter();
            ReportMapData.WriteJson(w, plan, colours, layout);
            return w.GetStringBuilder().Length;
        }, runs, "chars");
        string page = "";
        ProfileMeasure.Measure("report.html", () =>
        {
            var w = new StringWriter();
            PlanReport.Write(plan, w);
            page = w.ToString();
            return page.Length;
        }, runs, "chars");
        Console.WriteLine($"  squares {layout.SquareCount:N0} (placed grid {layout.PlacedCellMeters} m, unplaced {layout.UnplacedCellMeters} m), outlines at {layout.ToleranceMeters} m: {layout.OutlineVertices:N0} vertices");
        string normalised = System.Text.RegularExpressions.Regex.Replace(page, "Made by PlaceKit [^ ]+", "Made by PlaceKit");
        Console.WriteLine($"  report sha256 (version taken out) {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))}");
        return 0;
    }
}
