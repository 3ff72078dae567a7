using System.Diagnostics;
using System.Globalization;

namespace PlaceKit.IO;

/// <summary>
/// The path rules every PlaceKit output shares: follow a symlinked target, name temporary siblings, clean up the stale
/// siblings a killed run left behind, and tell whether an output would land on a file the same command reads.
/// </summary>
internal static class OutputPaths
{
    /// <summary>The infix of a temporary sibling being written: <c>.NAME.placekit-tmp-PID-GUID</c>.</summary>
    internal const string TempInfix = ".placekit-tmp-";

    /// <summary>The infix of the previous outputs moved aside during a swap: <c>.NAME.placekit-old-PID-GUID</c>.</summary>
    internal const string OldInfix = ".placekit-old-";

    private static readonly int Pid = Environment.ProcessId;

    /// <summary>
    /// The full path an output really goes to: a symlink (to a file or a folder, however many hops) is followed to
    /// its final target, so the outputs land where the link points and the link stays a link.
    /// </summary>
    internal static string Resolve(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        for (int hops = 0; hops < 40; hops++)
        {
            FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
            string? link = info.LinkTarget;
            if (link is null) return full;
            string dir = Path.GetDirectoryName(full) ?? full;
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(link, dir));
        }

        throw new IOException($"'{path}' is a chain of more than 40 symbolic links");
    }

    /// <summary>A fresh temporary sibling name for <paramref name="target"/>, carrying this process's id.</summary>
    internal static string Sibling(string target, string infix)
    {
        string parent = Path.GetDirectoryName(target)!;
        return Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(target)}{infix}{Pid}-{Guid.NewGuid():N}"));
    }

    /// <summary>
    /// Deletes temporary and set-aside siblings of <paramref name="target"/> left by runs that are no longer alive
    /// (killed, or stopped by a power cut). Siblings of a live process (another run into the same target) are left.
    /// Best effort: a sibling that cannot be deleted stays, hidden and harmless.
    /// </summary>
    internal static void CleanStale(string target)
    {
        string? parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent)) return;
        string name = Path.GetFileName(target);
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(parent, $".{name}.placekit-*").ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string entry in entries)
        {
            string rest = Path.GetFileName(entry)[(name.Length + 1)..];
            string tail;
            if (rest.StartsWith(TempInfix, StringComparison.Ordinal)) tail = rest[TempInfix.Length..];
            else if (rest.StartsWith(OldInfix, StringComparison.Ordinal)) tail = rest[OldInfix.Length..];
            else continue;
            if (OwnerAlive(tail)) continue;
            TryDelete(entry);
        }
    }

    /// <summary>Whether the process named in a sibling's <c>PID-GUID</c> tail is still running (older names carry no id: not alive).</summary>
    private static bool OwnerAlive(string tail)
    {
        int dash = tail.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(tail.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return false;
        if (pid == Pid) return false; // this process starts one write at a time per target; an earlier one of ours has ended
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether two full paths name the same file or folder (resolving symlinks; case as the file system has it).</summary>
    internal static bool Same(string a, string b) => string.Equals(Resolve(a), Resolve(b), PathComparison);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it.</summary>
    internal static bool Inside(string path, string folder)
    {
        string p = Resolve(path), f = Resolve(folder);
        return string.Equals(p, f, PathComparison) || p.StartsWith(f + Path.DirectorySeparatorChar, PathComparison);
    }

    private static StringComparison PathComparison => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Deletes a file or folder, best effort.</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null) Directory.Delete(path, recursive: true);
            else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden sibling is harmless, never mistaken for output, and cleaned by the next run.
        }
    }
}
