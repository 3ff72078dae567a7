using System.CommandLine;
using PlaceKit.Editing;
using PlaceKit.Planning;
using PlaceKit.Persistence;

namespace PlaceKit.Cli;

/// <summary><c>placekit diff A/plan.json B/plan.json</c>: summarise what changed between two plans.</summary>
internal static class DiffCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var a = new Argument<FileInfo>("before") { Description = "The older plan.json." };
        var b = new Argument<FileInfo>("after") { Description = "The newer plan.json." };
        var changes = new Option<FileInfo?>("--changes") { Description = "Also write the changes as CSV to this file." };
        var command = new Command("diff", "Summarise what changed between two plans: homes moved, places created, gone and resized, coverage, stability.")
        {
            a, b, changes,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            var before = PlanFile.Load(parse.GetValue(a)!.FullName);
            var after = PlanFile.Load(parse.GetValue(b)!.FullName);
            var diff = PlanDiff.Compare(before, after);
            output.WriteLine($"PlaceKit diff · {parse.GetValue(a)!.FullName} -> {parse.GetValue(b)!.FullName}");
            output.WriteLine(diff.Summary());
            if (parse.GetValue(changes) is { } file)
            {
                using var w = new StreamWriter(file.FullName);
                diff.WriteCsv(w);
                output.WriteLine($"  Wrote      {file.FullName}");
            }

            return 0;
        })));
        return command;
    }
}
