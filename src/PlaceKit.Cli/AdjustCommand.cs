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
        var editsFile = new Argument<FileInfo>("edits") { Description = "CSV of edits: action,targets,argument (move, merge, split, remove, create, unplace, lock, unlock)." };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo("placekit-out") };
        var force = new Option<bool>("--force") { Description = "Write into an output folder that holds files PlaceKit did not write (only PlaceKit's files in it are replaced, all or none)." };
        var boundaries = new Option<FileInfo?>("--boundaries") { Description = "Use this authority boundary file instead of the one recorded in the plan (when it has moved)." };
        var boundaryField = new Option<string?>("--boundary-field") { Description = "The code field of --boundaries (default: the plan's, or the usual LADyyCD/code fields)." };
        var command = new Command("adjust", "Apply edits (move, merge, split, remove, create, unplace, lock, unlock) to a plan; all or none. Writes the usual outputs, plan.json and changes.csv.")
        {
            planFile, editsFile, outDir, force, boundaries, boundaryField,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            long start = Stopwatch.GetTimestamp();
            string planPath = PlaceKitCli.InputFile(parse.GetValue(planFile)!, "plan");
            string editsPath = PlaceKitCli.InputFile(parse.GetValue(editsFile)!, "edit");
            var dir = parse.GetValue(outDir)!.FullName;
            var exportOptions = new PlanExportOptions { Force = parse.GetValue(force), Inputs = [planPath, editsPath] };
            PlanExporter.EnsureWritable(dir, exportOptions); // fail before any work, not after it
            if (parse.GetValue(boundaryField) is not null && parse.GetValue(boundaries) is null) throw new ArgumentException("--boundary-field needs --boundaries FILE");
            var before = parse.GetValue(boundaries) is { } moved
                ? PlanFile.LoadWithBoundaries(planPath, moved.FullName, parse.GetValue(boundaryField))
                : PlanFile.Load(planPath);
            var edits = PlanEdits.Read(editsPath);
            var after = PlanEditor.Apply(before, edits);
            var read = Stopwatch.GetElapsedTime(start);
            long exportStart = Stopwatch.GetTimestamp();
            var diff = PlanDiff.Compare(before, after);
            var files = PlanExporter.WriteAll(after, dir, exportOptions with { Changes = diff }, ct);
            string source = $"{planPath} + {edits.Count} edits";
            PlanSummary.Write(output, after, source, RunRecord.Create(after, source, read, Stopwatch.GetElapsedTime(exportStart), Stopwatch.GetElapsedTime(start)), files);
            output.WriteLine();
            output.WriteLine("  Changes");
            output.WriteLine(diff.Summary());
            return 0;
        })));
        return command;
    }
}
