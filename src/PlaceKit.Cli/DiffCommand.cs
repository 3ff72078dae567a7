using System.CommandLine;
using System.Text;
using PlaceKit.IO;
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
        var changes = new Option<FileInfo?>("--changes") { Description = "Also write the changes as CSV to this file (never one of the plans; an existing file PlaceKit did not write needs --force)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing --changes file that PlaceKit did not write." };
        var command = new Command("diff", "Summarise what changed between two plans: homes moved, places created, gone and resized, coverage, stability.")
        {
            a, b, changes, force,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            string aPath = PlaceKitCli.InputFile(parse.GetValue(a)!, "plan");
            string bPath = PlaceKitCli.InputFile(parse.GetValue(b)!, "plan");
            var fileOptions = new OutputFileOptions { Force = parse.GetValue(force), Inputs = [aPath, bPath] };
            if (parse.GetValue(changes) is { } early) OutputFile.EnsureWritable(early.FullName, fileOptions); // before any work
            var before = PlanFile.Load(aPath);
            var after = PlanFile.Load(bPath);
            var diff = PlanDiff.Compare(before, after);
            output.WriteLine($"PlaceKit diff · {parse.GetValue(a)!.FullName} -> {parse.GetValue(b)!.FullName}");
            output.WriteLine(diff.Summary());
            if (parse.GetValue(changes) is { } file)
            {
                string written = OutputFile.Write(file.FullName, s =>
                {
                    using var w = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    diff.WriteCsv(w);
                }, fileOptions, ct);
                output.WriteLine($"  Wrote      {written}");
            }

            return 0;
        })));
        return command;
    }
}
