using System.CommandLine;
using System.Diagnostics;
using PlaceKit.Editing;
using PlaceKit.Export;
using PlaceKit.Planning;
using PlaceKit.Persistence;

namespace PlaceKit.Cli;

/// <summary><c>placekit adjust plan.json edits.csv --out DIR</c>: apply people's edits to a saved plan and write the outputs.</summary>
internal static class AdjustCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var planFile = new Argument<FileInfo>("plan") { Description = "A plan.json written by placekit define or adjust." };
        var editsFile = new Argument<FileInfo>("edits") { Description = "CSV of edits: action,targets,argument (move, merge, split, remove, create, unplace)." };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("placekit-out") };
        var command = new Command("adjust", "Apply edits (move, merge, split, remove, create, unplace) to a plan; all or none. Writes the usual outputs, plan.json and changes.csv.")
        {
            planFile, editsFile, outDir,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            long start = Stopwatch.GetTimestamp();
            var planPath = parse.GetValue(planFile)!;
            var before = PlanFile.Load(planPath.FullName);
            var edits = PlanEdits.Read(parse.GetValue(editsFile)!.FullName);
            var after = PlanEditor.Apply(before, edits);
            var dir = parse.GetValue(outDir)!.FullName;
            var read = Stopwatch.GetElapsedTime(start);
            long exportStart = Stopwatch.GetTimestamp();
            var diff = PlanDiff.Compare(before, after);
            var files = PlanExporter.WriteAll(after, dir, new PlanExportOptions { Changes = diff }, ct);
            Summary.Write(output, $"{planPath.FullName} + {edits.Count} edits", after, files, read, Stopwatch.GetElapsedTime(exportStart), Stopwatch.GetElapsedTime(start));
            output.WriteLine();
            output.WriteLine("  Changes");
            output.WriteLine(diff.Summary());
            return 0;
        })));
        return command;
    }
}
