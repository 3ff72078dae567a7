using PlaceKit.Persistence;
using PlaceKit.Cli;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Studio.Tests.Support;

/// <summary>The built-in sample plan (45,000 homes, 25 authorities), defined once per test run and saved into fresh folders on demand.</summary>
public static class SamplePlan
{
    private static readonly Lazy<PlacePlan> Plan = new(() => PlaceDefiner.Create().Define(SampleStock.Sample()));

    public static PlacePlan Get() => Plan.Value;

    /// <summary>Saves the sample plan as DIR/jan/plan.json in a new temporary folder and returns the plan file's path.</summary>
    public static string SaveToTemp(PlacePlan? plan = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "placekit-studio-tests", Guid.NewGuid().ToString("N"));
        string dir = Path.Combine(root, "jan");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "plan.json");
        PlanFile.Save(plan ?? Get(), path);
        return path;
    }

    /// <summary>Runs the placekit command line in-process.</summary>
    public static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = PlaceKitCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Each home's place id (null when unplaced), in input order.</summary>
    public static string?[] PlaceIds(PlacePlan plan)
    {
        var ids = new string?[plan.Homes.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = plan.PlaceOf(i)?.Id;
        return ids;
    }
}
