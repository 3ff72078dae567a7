using System.Diagnostics;
using System.Globalization;

namespace PlaceKit.Benchmarks;

/// <summary>The one measuring loop of the profile commands: wall and CPU seconds, bytes allocated, peak working set.</summary>
internal static class ProfileMeasure
{
    /// <summary>Runs <paramref name="body"/> <paramref name="runs"/> times after a full collection each time and prints the last run (the earlier ones warm up).</summary>
    /// <param name="name">The row's label.</param>
    /// <param name="body">The work; its result is printed when <paramref name="unit"/> is given (e.g. bytes written).</param>
    /// <param name="runs">How many runs (at least one).</param>
    /// <param name="unit">The name of what <paramref name="body"/> returns, or <see langword="null"/> to print nothing of it.</param>
    internal static void Measure(string name, Func<long> body, int runs = 2, string? unit = null)
    {
        using var self = Process.GetCurrentProcess();
        for (int run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            long result = body();
            var wall = Stopwatch.GetElapsedTime(start);
            long alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpu0;
            if (run < runs - 1) continue;
            string extra = unit is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {result:N0} {unit}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-32} {wall.TotalSeconds,7:0.000} s wall {cpu.TotalSeconds,7:0.000} s cpu {alloc / 1048576.0,8:0.0} MiB allocated, peak working set {self.PeakWorkingSet64 / 1048576.0:0} MiB{extra}"));
        }
    }
}
