using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlaceKit.Clustering;
using PlaceKit.DependencyInjection;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Planning;

/// <summary>Names, not numbers, in files and configuration (issue 13, item 7).</summary>
public class OptionNamesTests
{
    private static PlacePlan SizeConstrainedPlan() =>
        PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 100, Algorithm = ClusteringAlgorithm.SizeConstrained } })
            .Define(HomeSet.Create(SampleStock.Generate(800, 2, 4)));

    [Fact]
    public void PlanFile_WritesTheAlgorithmByName_AndReadsNamesAndOldNumbers()
    {
        var plan = SizeConstrainedPlan();
        using var ms = new MemoryStream();
        PlanFile.Save(plan, ms);
        string json = Encoding.UTF8.GetString(ms.ToArray());
        Assert.Contains("\"algorithm\":\"size-constrained\"", json);
        Assert.DoesNotContain("\"algorithm\":1", json);

        var loaded = PlanFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ClusteringAlgorithm.SizeConstrained, loaded.Options.Clustering.Algorithm);

        // A plan.json written before names (issue 13) still loads.
        var old = PlanFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.Replace("\"algorithm\":\"size-constrained\"", "\"algorithm\":1", StringComparison.Ordinal))));
        Assert.Equal(ClusteringAlgorithm.SizeConstrained, old.Options.Clustering.Algorithm);
        Assert.Equal(plan.ClusterOfHome.ToArray(), old.ClusterOfHome.ToArray());
    }

    [Theory]
    [InlineData("size-constrained", ClusteringAlgorithm.SizeConstrained)]
    [InlineData("SizeConstrained", ClusteringAlgorithm.SizeConstrained)]
    [InlineData("size_constrained", ClusteringAlgorithm.SizeConstrained)]
    [InlineData("kmeans", ClusteringAlgorithm.KMeans)]
    [InlineData("k-means", ClusteringAlgorithm.KMeans)]
    [InlineData("KMeans", ClusteringAlgorithm.KMeans)]
    public void Configuration_AcceptsCliAndMemberSpellings(string value, ClusteringAlgorithm expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clustering:Algorithm"] = value }).Build();
        using var sp = new ServiceCollection().AddPlaceKit(config).BuildServiceProvider();
        Assert.Equal(expected, sp.GetRequiredService<IPlaceDefiner>().Options.Clustering.Algorithm);
    }

    [Fact]
    public void Configuration_UnknownAlgorithm_FailsNamingKeyValueAndChoices()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PlaceKit:Clustering:Algorithm"] = "fast" }).Build();
        using var sp = new ServiceCollection().AddPlaceKit(config.GetSection("PlaceKit")).BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<IPlaceDefiner>());
        Assert.Contains("'fast' at 'PlaceKit:Clustering:Algorithm'", ex.Message);
        Assert.Contains("use kmeans or size-constrained", ex.InnerException!.Message);
    }

    [Theory]
    [InlineData("PlaceKit:Clustering:TargetSze", "TargetSze")]
    [InlineData("PlaceKit:Sed", "Sed")]
    [InlineData("PlaceKit:Trimming:MinHome", "MinHome")]
    public void Configuration_UnknownKey_IsAStartUpErrorNamingTheKey(string key, string name)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "300" }).Build();
        using var sp = new ServiceCollection().AddPlaceKit(config.GetSection("PlaceKit")).BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<IPlaceDefiner>());
        Assert.Contains($"'{name}'", ex.Message);
    }
}
