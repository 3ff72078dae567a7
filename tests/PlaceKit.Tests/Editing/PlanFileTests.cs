using System.Text;
using PlaceKit.Planning;
using static PlaceKit.Tests.Editing.EditingFixtures;
using PlaceKit.Persistence;

namespace PlaceKit.Tests.Editing;

public class PlanFileTests
{
    private static PlacePlan RoundTrip(PlacePlan plan)
    {
        var ms = new MemoryStream();
        PlanFile.Save(plan, ms);
        ms.Position = 0;
        return PlanFile.Load(ms);
    }

    [Fact]
    public void SaveThenLoad_SamePlacesAssignmentAndCoverage()
    {
        var plan = SmallPlan();
        var loaded = RoundTrip(plan);
        Assert.Equal(plan.Places.Select(p => (p.Id, p.Rank, p.Homes, p.Authority, p.Tightness)), loaded.Places.Select(p => (p.Id, p.Rank, p.Homes, p.Authority, p.Tightness)));
        Assert.Equal(PlaceIds(plan), PlaceIds(loaded));
        Assert.Equal(plan.ClusterOfHome.ToArray(), loaded.ClusterOfHome.ToArray());
        Assert.Equal(plan.Unplaced.Select(u => (u.HomeId, u.ReasonText)), loaded.Unplaced.Select(u => (u.HomeId, u.ReasonText)));
        Assert.Equal(plan.Coverage.PlacedHomes, loaded.Coverage.PlacedHomes);
        Assert.Equal(plan.Coverage.MedianPlaceSize, loaded.Coverage.MedianPlaceSize);
        Assert.Equal(plan.Homes.Ids, loaded.Homes.Ids);
        Assert.Equal(plan.Homes.X.ToArray(), loaded.Homes.X.ToArray());
        Assert.Equal("EPSG:27700", loaded.Homes.Projection.Name);
        Assert.Equal(plan.Seed, loaded.Seed);
        Assert.Equal(150, loaded.Options.Clustering.TargetSize);
    }

    [Fact]
    public void SaveThenLoad_EditedPlan_KeepsHistoryAndUnedited()
    {
        var plan = SmallPlan();
        var edited = PlaceKit.Editing.PlanEditor.Apply(plan, Edits($"remove,{plan.Places[0].Id},", $"merge,{SameAuthorityPair(plan)},"));
        var loaded = RoundTrip(edited);
        Assert.Equal(edited.Edits, loaded.Edits);
        Assert.Equal(PlaceIds(edited), PlaceIds(loaded));
        Assert.Equal(PlaceIds(plan), PlaceIds(loaded.Unedited!));
        Assert.Contains(loaded.Unplaced, u => u.Reasons[0].Rule == "removed-by-edit");
    }

    internal static string SameAuthorityPair(PlacePlan plan)
    {
        var g = plan.Places.Skip(1).GroupBy(p => p.Authority).First(x => x.Count() >= 2).ToArray();
        return g[0].Id + ";" + g[1].Id;
    }

    [Theory]
    [InlineData("{\"format\":\"placekit-plan\",\"format_version\":99,\"placekit_version\":\"9.0.0\"}", "format version 99 (written by PlaceKit 9.0.0)")]
    [InlineData("{\"format\":\"something-else\",\"format_version\":1}", "is not a PlaceKit plan")]
    [InlineData("{\"format\":\"placekit-plan\",", "is not valid plan JSON")]
    [InlineData("{\"format\":\"placekit-plan\",\"format_version\":1,\"options\":{}}", "the 'homes' section is missing")]
    [InlineData("{\"format\":\"placekit-plan\",\"format_version\":1,\"options\":{\"clustering\":{\"target_size\":0}}}", "Clustering.TargetSize: must be >= 1, was 0")]
    public void Load_BadFile_ThrowsNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<PlanFileException>(() => PlanFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Load_ClusterCrossingBorder_Throws()
    {
        var plan = SmallPlan();
        var ms = new MemoryStream();
        PlanFile.Save(plan, ms);
        var json = System.Text.Json.Nodes.JsonNode.Parse(ms.ToArray())!;
        var clusters = json["assignment"]!["cluster"]!.AsArray();
        int other = plan.Homes.Count - 1;
        while (plan.Homes.AuthorityIndex[other] == plan.Homes.AuthorityIndex[0]) other--;
        clusters[0] = plan.ClusterOfHome[other];
        var ex = Assert.Throws<PlanFileException>(() => PlanFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()))));
        Assert.Contains("crosses the border", ex.Message);
    }

    [Fact]
    public void Load_OtherOptionsAndVersion_LoadsWithFileOptions()
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = 3, Clustering = { TargetSize = 90 }, Trimming = { MinHomes = 10 } })
            .Define(PlaceKit.Homes.HomeSet.Create(PlaceKit.Homes.SampleStock.Generate(800, 2, 3)));
        var ms = new MemoryStream();
        PlanFile.Save(plan, ms);
        var json = System.Text.Json.Nodes.JsonNode.Parse(ms.ToArray())!;
        json["placekit_version"] = "0.0.1";
        json["some_future_field"] = 5;
        var loaded = PlanFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())));
        Assert.Equal(90, loaded.Options.Clustering.TargetSize);
        Assert.Equal(10, loaded.Options.Trimming.MinHomes);
        Assert.Equal(PlaceIds(plan), PlaceIds(loaded));
    }
}
