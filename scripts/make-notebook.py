"""Writes samples/places.ipynb (a Jupyter notebook for the .NET Interactive C# kernel, `.net-csharp`) from the cells
below. Edit here, then run: python3 scripts/make-notebook.py. CI runs the notebook under the real kernel
(scripts/notebook-check.py)."""
import json, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
version = re.search(r"<Version>([^<]+)</Version>", (root / "Directory.Build.props").read_text(encoding="utf-8")).group(1)

def code(src):
    return {"cell_type": "code", "execution_count": None, "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": src.strip("\n").splitlines(keepends=True)}

def md(src):
    return {"cell_type": "markdown", "metadata": {}, "source": src.strip("\n").splitlines(keepends=True)}

cells = [
    md("""
# Where are our places? PlaceKit in a notebook

Split every home into places: clusters inside each local authority, tight enough to feel like one community and big
enough for a dedicated team. Then look at coverage and at the map.

**Before the first run**, at the repository root: `dotnet pack PlaceKit.sln -c Release -o artifacts/packages`.
The first cell takes PlaceKit from that folder, the second references it. (Once PlaceKit is on nuget.org, the second
cell alone will do.) After packing a changed PlaceKit again, restart the kernel and run all cells.
"""),
    code(f"""
// Setup: take PlaceKit from the folder `dotnet pack PlaceKit.sln -c Release -o artifacts/packages` wrote.
// .NET Interactive's #i needs an absolute path, so it is made here from the one relative to this notebook.
using System.IO;
using System.Security.Cryptography;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

var packages = Path.GetFullPath(Path.Combine("..", "artifacts", "packages"));
var packed = Path.Combine(packages, "PlaceKit.{version}.nupkg");
if (!File.Exists(packed)) throw new FileNotFoundException($"Run `dotnet pack PlaceKit.sln -c Release -o artifacts/packages` at the repository root first: {{packed}} is missing.");

// NuGet caches a package by version: forget a PlaceKit {version} cached from an earlier pack, so the one just packed is used.
var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
var cached = Path.Combine(cache, "placekit", "{version.lower()}");
var cachedHash = Path.Combine(cached, "placekit.{version.lower()}.nupkg.sha512");
if (File.Exists(cachedHash) && File.ReadAllText(cachedHash).Trim() != Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(packed))))
    Directory.Delete(cached, recursive: true);

await Kernel.Root.SendAsync(new SubmitCode($"#i \\"nuget: {{packages}}\\""));
"""),
    code(f"""
#r "nuget: PlaceKit, {version}"
"""),
    code("""
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

var homes = SampleStock.Sample();   // or: HomeCsv.Read("homes.csv")
var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450 } }).Define(homes);
display(plan.Coverage.Headline);
"""),
    md("## Coverage by authority"),
    code("""
display(plan.Coverage.ByAuthority
    .Select(a => new { a.Authority, Homes = a.TotalHomes, Placed = a.PlacedHomes, a.Places, CoveragePercent = Math.Round(a.CoverageRatio * 100, 1) })
    .ToList());
"""),
    md("## The places, tightest first"),
    code("""
display(plan.Places
    .Select(p => new { p.Rank, p.Id, p.Authority, p.Homes, Tightness = Math.Round(p.Tightness), R90 = Math.Round(p.Score.R90Meters) })
    .ToList());
"""),
    md("## The map\n\nThe report's map (`placekit define` writes the whole report as report.html, with zoom and pan): every home coloured by its place, unplaced homes grey, outlines labelled by rank; hover an outline for its figures."),
    code("""
PlanReport.ToHtml(plan).DisplayAs("text/html");
"""),
    md("""
## One place up close

Places are looked up by id; a place's homes come back as records (id, easting and northing in metres, authority), in
input order, in a list you can keep, filter or join with your own data.
"""),
    code("""
var place = plan.GetPlace("P1");
var placeHomes = plan.HomesIn(place);
display($"{place.Id}: rank {place.Rank}, {place.Homes:N0} homes in {place.Authority}, r90 {place.Score.R90Meters:N0} m, {place.Tightness:N0} homes/km²");
display(placeHomes.Take(5).ToList());
display($"Home {placeHomes[0].Id} is in {plan.PlaceOf(placeHomes[0].Id)?.Id}");
"""),
    md("## Why the other homes are not in a place"),
    code("""
display(plan.Trimmed.Take(15).Select(t => new { t.Cluster.ClusterId, t.Cluster.Authority, t.Cluster.Homes, Why = t.ReasonText }).ToList());
display(plan.Coverage.UnplacedByRule);
"""),
]

nb = {
    "cells": cells,
    "metadata": {
        "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}
path = root / "samples" / "places.ipynb"
path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
print("wrote", path)
