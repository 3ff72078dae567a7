"""Writes samples/places.ipynb (a Polyglot / .NET Interactive notebook) from the cells below. Edit here, then run."""
import json, pathlib

def code(src):
    return {"cell_type": "code", "execution_count": None, "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": src.strip("\n").splitlines(keepends=True)}

def md(src):
    return {"cell_type": "markdown", "metadata": {}, "source": src.strip("\n").splitlines(keepends=True)}

cells = [
    md("""
# Where are our places? PlaceKit in a notebook

Split every home into places: clusters inside each local authority, tight enough to feel like one community and big
enough for a dedicated team. Then look at coverage and at the map.
"""),
    code("""
#r "nuget: PlaceKit, 0.1.0"
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
    md("## The map\n\nThe same self-contained report `placekit define` writes as report.html: every home coloured by its place, outlines labelled by rank; scroll to zoom, drag to pan."),
    code("""
using var report = new MemoryStream();
PlanReport.Write(plan, report);
display(HTML(System.Text.Encoding.UTF8.GetString(report.ToArray())));
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
path = pathlib.Path(__file__).resolve().parent.parent / "samples" / "places.ipynb"
path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
print("wrote", path)
