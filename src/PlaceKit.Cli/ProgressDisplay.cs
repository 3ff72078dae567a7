using Spectre.Console;

namespace PlaceKit.Cli;

/// <summary>Progress as a live Spectre.Console display on the terminal's error stream: one row per step, a spinner while it runs, its time when done.</summary>
/// <remarks>The library's stages report only start and finish, so a running step shows as indeterminate. Thread-safe: Spectre's tasks are.</remarks>
internal sealed class ProgressDisplay : RunProgress
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["read"] = "Read homes", ["cluster"] = "Cluster each authority", ["score"] = "Score and rank clusters",
        ["trim"] = "Trim unsuitable clusters", ["coverage"] = "Compute coverage", ["write"] = "Write outputs",
    };

    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    internal override T Run<T>(Func<T> body)
    {
        T result = default!;
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                lock (_tasks)
                {
                    foreach (string step in Steps) _tasks[step] = ctx.AddTask(Labels[step], autoStart: false, maxValue: 1);
                }

                result = body();
            });
        return result;
    }

    internal override void Begin(string step)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(step, out var task)) return;
            task.IsIndeterminate = true;
            task.StartTask();
        }
    }

    internal override void End(string step, TimeSpan elapsed, string detail)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(step, out var task)) return;
            task.Description = $"{Labels[step]}{(detail.Length > 0 ? ": " + Markup.Escape(detail) : "")} [grey]({PlaceKitCli.Seconds(elapsed)})[/]";
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
