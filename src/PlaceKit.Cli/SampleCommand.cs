using System.CommandLine;
using System.Globalization;
using System.Text;
using PlaceKit.Homes;

namespace PlaceKit.Cli;

/// <summary><c>placekit sample --out FILE</c>: writes a synthetic stock as CSV (the built-in sample by default).</summary>
internal static class SampleCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "CSV file to write.", Required = true };
        var homes = new Option<int>("--homes") { Description = "Number of homes.", DefaultValueFactory = _ => SampleStock.SampleHomes };
        var authorities = new Option<int>("--authorities") { Description = "Number of authorities.", DefaultValueFactory = _ => SampleStock.SampleAuthorities };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => SampleStock.SampleSeed };
        var command = new Command("sample", "Write a synthetic housing stock (id,easting,northing,authority in British National Grid metres) as CSV; with no options, the built-in sample.")
        {
            outFile, homes, authorities, seed,
        };
        command.SetAction(parse => PlaceKitCli.Guard(error, () =>
        {
            int n = parse.GetValue(homes), a = parse.GetValue(authorities);
            if (n < 1) throw new ArgumentException($"--homes must be >= 1, was {n.ToString(CultureInfo.InvariantCulture)}");
            if (a < 1 || a > n) throw new ArgumentException($"--authorities must be in [1-{n.ToString(CultureInfo.InvariantCulture)}], was {a.ToString(CultureInfo.InvariantCulture)}");
            var file = parse.GetValue(outFile)!;
            file.Directory?.Create();
            using (var writer = new StreamWriter(file.FullName, false, new UTF8Encoding(false), 1 << 16))
            {
                HomeCsv.Write(SampleStock.Generate(n, a, parse.GetValue(seed)), writer);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {n:N0} homes in {a:N0} authorities to {file.FullName}"));
            return 0;
        }));
        return command;
    }
}
