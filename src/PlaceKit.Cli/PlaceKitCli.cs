using System.CommandLine;
using System.CommandLine.Help;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PlaceKit.Editing;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.IO;
using PlaceKit.Planning;
using PlaceKit.Persistence;

namespace PlaceKit.Cli;

/// <summary>The <c>placekit</c> command line: a thin shell over the library.</summary>
internal static class PlaceKitCli
{
    /// <summary>Exit code for bad input or bad options.</summary>
    internal const int UserError = 2;

    /// <summary>Parses and runs a command line, writing to the given writers.</summary>
    /// <returns>The exit code: 0 success, 2 bad input or options, 1 an unexpected failure, 130 cancelled.</returns>
    internal static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CancellationToken.None);

    /// <summary>Parses and runs a command line; <paramref name="cancellationToken"/> (Ctrl+C, SIGTERM) stops the run at its next safe point.</summary>
    /// <returns>The exit code: 0 success, 2 bad input or options, 1 an unexpected failure, 130 cancelled.</returns>
    internal static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = CreateRoot();
        root.Subcommands.Add(DefineCommand.Create(output, error));
        root.Subcommands.Add(SampleCommand.Create(output, error));
        root.Subcommands.Add(AdjustCommand.Create(output, error));
        root.Subcommands.Add(DiffCommand.Create(output, error));
        root.Subcommands.Add(SweepCommand.Create(output, error));
        root.Subcommands.Add(StudioCommand.Create(output, error));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped option is a user's mistake like bad input: one line each, exit code 2, nothing run.
            foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}");
            return UserError;
        }

        // PlaceKit handles the signals itself (ConsoleCancellation), so System.CommandLine's own handler is off.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return parsed.InvokeAsync(configuration, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>The root command, named <c>placekit</c> however the program was started.</summary>
    /// <remarks>
    /// System.CommandLine's <see cref="RootCommand"/> takes its name from the process (<c>PlaceKit.Cli</c> under
    /// <c>dotnet run</c> or the tool's shim, <c>testhost</c> in tests), and the help would say <c>Usage: PlaceKit.Cli</c>;
    /// a plain command named like the tool, with the same help and version options, says <c>Usage: placekit</c>.
    /// </remarks>
    internal static Command CreateRoot() =>
        new("placekit", "PlaceKit: define places (tight, team-sized clusters of homes) for place-based working.")
        {
            Options = { new HelpOption(), new VersionOption() },
        };

    /// <summary>The command-line option behind each validated options property, so errors name what the user typed.</summary>
    private static readonly Dictionary<string, string> OptionOfProperty = new(StringComparer.Ordinal)
    {
        ["MaxDegreeOfParallelism"] = "--threads",
        ["Seed"] = "--seed",
        ["Clustering.TargetSize"] = "--target",
        ["Trimming.MinHomes"] = "--min-homes",
        ["Trimming.MaxSpreadMeters"] = "--max-spread-m",
        ["Trimming.ReassignMarginMeters"] = "--reassign-margin-m",
        ["Clustering.MinSize"] = "--min-size",
        ["Clustering.MaxSize"] = "--max-size",
        ["Clustering.MaxRadiusMeters"] = "--max-radius-m",
    };

    /// <summary>Formats one options-validation failure (<c>Property X: message</c>) naming the command-line option.</summary>
    internal static string OptionFailure(string failure)
    {
        string text = failure.StartsWith("Property ", StringComparison.Ordinal) ? failure["Property ".Length..] : failure;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string property = colon > 0 ? text[..colon] : "";
        return OptionOfProperty.TryGetValue(property, out var option)
            ? $"error: invalid option {option}: {text}"
            : $"error: invalid option: {text}";
    }

    /// <summary>Parses <c>--crs</c>, naming the option and value when it is not a usable CRS.</summary>
    /// <exception cref="ArgumentException">The text names no CRS PlaceKit can use.</exception>
    internal static PlanarProjection ParseCrs(string text)
    {
        try
        {
            return PlanarProjection.Parse(text);
        }
        catch (ArgumentException ex)
        {
            string why = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException($"invalid option --crs '{text}': {why}", ex);
        }
    }

    /// <summary>The full path of a file a command reads, with a clear message when it is missing or is a folder.</summary>
    /// <param name="file">The file as given.</param>
    /// <param name="what">What the file is, for the message ("input", "plan", "edit").</param>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a folder.</exception>
    internal static string InputFile(FileInfo file, string what)
    {
        if (Directory.Exists(file.FullName))
        {
            string hint = what == "plan" ? $" (such as '{Path.Combine(file.FullName, "plan.json")}')" : "";
            throw new FileNotFoundException($"{what} file '{file.FullName}' is a folder, not a file; give the file inside it{hint}");
        }

        if (!File.Exists(file.FullName)) throw new FileNotFoundException($"{what} file '{file.FullName}' does not exist");
        return file.FullName;
    }

    /// <summary>Runs a command body, turning a user's mistakes into one line a problem and exit code 2.</summary>
    internal static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (HomeDataException ex)
        {
            error.WriteLine(ex.TotalProblems == 1 ? "error: 1 problem in the input homes" : $"error: {ex.TotalProblems} problems in the input homes");
            foreach (var p in ex.Problems) error.WriteLine($"  {p}");
            if (ex.TotalProblems > ex.Problems.Count) error.WriteLine($"  ... and {ex.TotalProblems - ex.Problems.Count} more");
            return UserError;
        }
        catch (PlanEditException ex)
        {
            error.WriteLine(ex.Problems.Count == 1 ? "error: 1 problem in the edits; none were applied" : $"error: {ex.Problems.Count} problems in the edits; none were applied");
            foreach (var p in ex.Problems) error.WriteLine($"  {p}");
            return UserError;
        }
        catch (AuthoritySettingsException ex)
        {
            error.WriteLine(ex.Problems.Count == 1 ? "error: 1 problem in the authorities file" : $"error: {ex.Problems.Count} problems in the authorities file");
            foreach (var p in ex.Problems) error.WriteLine($"  {p}");
            return UserError;
        }
        catch (PostcodeDirectoryException ex)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return UserError;
        }
        catch (BoundaryFileException ex)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return UserError;
        }
        catch (PlanFileException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var f in ex.Failures) error.WriteLine(OptionFailure(f));
            return UserError;
        }
        catch (OutputFolderException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
        catch (OutputFileException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return UserError;
        }
        catch (Exception ex) when (ex is OperationCanceledException
            || ex is AggregateException agg && agg.Flatten().InnerExceptions.All(e => e is OperationCanceledException))
        {
            error.WriteLine("error: cancelled; the previous outputs are untouched");
            return 130;
        }
        catch (IOException ex) when (ex.Data[PlanExporter.OutputsTouchedKey] is true)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return 1;
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}; the previous outputs are untouched");
            return 1;
        }
        catch (Exception ex)
        {
            // Not a user's mistake: still one line, never a stack trace, and the exporter has left the old outputs alone.
            error.WriteLine($"error: unexpected failure ({ex.GetType().Name}): {OneLine(ex.Message)}; the previous outputs are untouched");
            return 1;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.', ' ');

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    internal static long Timestamp() => Stopwatch.GetTimestamp();
}
