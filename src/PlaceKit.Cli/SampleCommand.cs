using System.CommandLine;
using System.Globalization;
using System.Text;
using PlaceKit.Homes;
using PlaceKit.IO;

namespace PlaceKit.Cli;

/// <summary><c>placekit sample --out FILE</c>: writes a synthetic stock as CSV (the built-in sample by default).</summary>
internal static class SampleCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "CSV file to write.", Required = true };
        var homes = new Option<int>("--homes") { Description = "Number of homes.", DefaultValueFactory = _ => SampleStock.SampleHomes };
        var authorities = new Option<int?>("--authorities") { Description = $"Number of authorities (default {SampleStock.SampleAuthorities}, or --homes when fewer)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing file that PlaceKit did not write." };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => SampleStock.SampleSeed };
        var command = new Command("sample", "Write a synthetic housing stock (id,easting,northing,authority in British National Grid metres) as CSV; with no options, the built-in sample.")
        {
            outFile, homes, authorities, seed, force,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            int n = parse.GetValue(homes);
            if (n < 1) throw new ArgumentException($"--homes must be >= 1, was {n.ToString(CultureInfo.InvariantCulture)}");
            // The default number of authorities follows --homes down, so '--homes 10' alone just works.
            int a = parse.GetValue(authorities) ?? Math.Min(SampleStock.SampleAuthorities, n);
            if (a < 1 || a > n)
            {
                throw new ArgumentException($"--authorities must be in [1-{n.ToString(CultureInfo.InvariantCulture)}] (at most --homes), was {a.ToString(CultureInfo.InvariantCulture)}");
            }

            var file = parse.GetValue(outFile)!;
            var fileOptions = new OutputFileOptions { Force = parse.GetValue(force) };
            OutputFile.EnsureWritable(file.FullName, fileOptions); // before generating anything
            var stock = SampleStock.Generate(n, a, parse.GetValue(seed));
            string written = OutputFile.Write(file.FullName, s =>
            {
                using var writer = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                HomeCsv.Write(stock, writer);
            }, fileOptions, ct);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {n:N0} homes in {a:N0} authorities to {written}"));
            return 0;
        })));
        return command;
    }
}
