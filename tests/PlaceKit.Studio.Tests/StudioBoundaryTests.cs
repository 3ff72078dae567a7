using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using PlaceKit.Studio.Tests.Support;
using PlaceKit.Territories;

namespace PlaceKit.Studio.Tests;

/// <summary>A plan clipped to real boundaries opens in the studio with them, and with a moved file when told where it went.</summary>
public sealed class StudioBoundaryTests
{
    private static readonly string Wales = Path.Combine(AppContext.BaseDirectory, "Data", "boundaries", "north-west-wales.geojson");

    [Fact]
    public void Open_PlanWithMovedBoundaries_FailsNamingTheFile_UntilGivenTheNewPath()
    {
        string dir = Directory.CreateTempSubdirectory("placekit-studio-boundaries").FullName;
        try
        {
            string file = Path.Combine(dir, "lads.geojson");
            File.Copy(Wales, file);

            // Homes in Anglesey, Gwynedd and Conwy (British National Grid), a few hundred metres apart.
            var rng = new Random(7);
            var homes = new List<Home>();
            (string Code, double X, double Y)[] centres = [("W06000001", 245_000, 378_000), ("W06000002", 258_000, 338_000), ("W06000003", 283_000, 368_000)];
            foreach (var (code, x, y) in centres)
            {
                for (int i = 0; i < 120; i++) homes.Add(new Home($"{code}-{i}", x + (rng.NextDouble() * 3000), y + (rng.NextDouble() * 3000), code));
            }

            var options = new PlaceKitOptions { Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 5, MaxSpreadMeters = 4000 } };
            options.Territories.BoundariesFile = file;
            var plan = PlaceDefiner.Create(options).Define(HomeSet.Create(homes));
            string planDir = Path.Combine(dir, "jan");
            Directory.CreateDirectory(planDir);
            string planPath = Path.Combine(planDir, "plan.json");
            PlanFile.Save(plan, planPath);

            var studio = PlaceStudio.Open(planPath, new PlaceStudioOptions { BasemapUrl = null });
            Assert.All(studio.Plan.Territories.Authorities, a => Assert.Equal(AuthorityAreaSource.Boundary, a.Source));

            string moved = Path.Combine(dir, "moved.geojson");
            File.Move(file, moved);
            var ex = Assert.Throws<PlanFileException>(() => PlaceStudio.Open(planPath, new PlaceStudioOptions { BasemapUrl = null }));
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);

            var relocated = PlaceStudio.Open(planPath, new PlaceStudioOptions { BasemapUrl = null, BoundariesFile = moved });
            Assert.Equal(moved, relocated.Plan.Options.Territories.BoundariesFile);
            Assert.Equal(plan.Territories.Places.Select(t => t.Territory.Area), relocated.Plan.Territories.Places.Select(t => t.Territory.Area));

            // From the command line: a moved file is named, and --boundary-field alone is refused; both exit 2.
            var (code1, _, err1) = SamplePlan.Cli("studio", planPath, "--no-browser", "--basemap", "none");
            Assert.Equal(2, code1);
            Assert.Contains("does not exist", err1, StringComparison.Ordinal);
            var (code2, _, err2) = SamplePlan.Cli("studio", planPath, "--no-browser", "--boundary-field", "LAD13CD");
            Assert.Equal(2, code2);
            Assert.Contains("--boundary-field needs --boundaries", err2, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
