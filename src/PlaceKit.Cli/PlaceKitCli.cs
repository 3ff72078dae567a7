using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary>The <c>placekit</c> command line: a thin shell over the library.</summary>
internal static class PlaceKitCli
{
    /// <summary>Exit code for bad input or bad options.</summary>
    internal const int UserError = 2;

    /// <summary>Parses and runs a command line, writing to the given writers.</summary>
    /// <returns>The exit code: 0 success, 2 bad input or options, 1 an unexpected failure, 130 cancelled.</returns>
    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("PlaceKit: define places (tight, team-sized clusters of homes) for place-based working.");
        root.Subcommands.Add(DefineCommand.Create(output, error));
        root.Subcommands.Add(SweepCommand.Create(output, error));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
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
        catch (OptionsValidationException ex)
        {
            foreach (var f in ex.Failures) error.WriteLine($"error: invalid option: {f}");
            return UserError;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled; no outputs were written");
            return 130;
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    internal static long Timestamp() => Stopwatch.GetTimestamp();
}
