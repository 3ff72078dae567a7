using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PlaceKit.Benchmarks;

/// <summary>Runs a command to completion, timing it from the outside, and parses its key=value output lines.</summary>
internal static class ChildProcess
{
    /// <summary>This benchmark program itself, with the given arguments (apphost or <c>dotnet PlaceKit.Benchmarks.dll</c>).</summary>
    internal static (Dictionary<string, string> Values, TimeSpan Wall, TimeSpan Cpu) RunSelf(params string[] args)
    {
        string exe = Environment.ProcessPath ?? "dotnet";
        var all = new List<string>();
        if (Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) all.Add(typeof(ChildProcess).Assembly.Location);
        all.AddRange(args);
        return Run(exe, all);
    }

    internal static (Dictionary<string, string> Values, TimeSpan Wall, TimeSpan Cpu) Run(string exe, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (environment is not null)
        {
            foreach (var (key, value) in environment) info.Environment[key] = value;
        }

        foreach (var a in args) info.ArgumentList.Add(a);
        double cpu0 = ChildrenCpuSeconds();
        long start = Stopwatch.GetTimestamp();
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {exe}");
        // The child's "progress:" lines are shown as they come (a long run says where it is, and how much memory it
        // holds, before it ends or is stopped); the whole of stderr goes into the error of a failed run.
        var stderr = Task.Run(() =>
        {
            var all = new StringBuilder();
            while (p.StandardError.ReadLine() is { } line)
            {
                all.AppendLine(line);
                if (line.StartsWith("progress: ", StringComparison.Ordinal)) Console.Error.WriteLine("  " + line);
            }

            return all.ToString();
        });
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var wall = Stopwatch.GetElapsedTime(start);
        var cpu = TimeSpan.FromSeconds(ChildrenCpuSeconds() - cpu0);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) values[line[..eq]] = line[(eq + 1)..];
        }

        return (values, wall, cpu);
    }

    internal static double Number(this Dictionary<string, string> values, string key) =>
        double.Parse(values[key], NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>User + system CPU seconds of this process's waited-for children (Linux /proc/self/stat cutime + cstime, 100 ticks a second); 0 elsewhere.</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat")) return 0;
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }
}
