using System.Diagnostics;

namespace PlaceKit.Tests.Support;

/// <summary>Hostile conditions for tests: a small full disk (tmpfs), an immutable file, a real signal to a child process.</summary>
public static class Hostile
{
    /// <summary>Runs a program to its end and returns its exit code and standard error.</summary>
    public static (int Code, string Err) Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, err.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KiB (a disk that fills up), or skips the test with the reason.</summary>
    public static Tmpfs MountTmpfs(string path, int kilobytes)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "full-disk test skipped: a tmpfs needs Linux");
        Directory.CreateDirectory(path);
        var (code, err) = Exec("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        Skip.If(code != 0, $"full-disk test skipped: cannot mount a {kilobytes} KiB tmpfs here (needs root and mount rights): {err}");
        return new Tmpfs(path);
    }

    /// <summary>Fills a disk to the last byte with a filler file, so the next write fails with "No space left on device".</summary>
    public static void Fill(string disk)
    {
        using var filler = new FileStream(System.IO.Path.Combine(disk, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush(true);
            }
        }
        catch (IOException)
        {
            // full
        }
    }

    /// <summary>Makes a file immutable (chattr +i: it cannot be renamed, replaced or deleted, even by root), or skips the test.</summary>
    public static void MakeImmutable(string path)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "immutable-file test skipped: chattr needs Linux");
        var (code, err) = Exec("chattr", "+i", path);
        Skip.If(code != 0, $"immutable-file test skipped: chattr +i failed here: {err}");
    }

    /// <summary>Undoes <see cref="MakeImmutable"/>.</summary>
    public static void MakeMutable(string path) => Exec("chattr", "-i", path);

    /// <summary>Sends a POSIX signal (<c>INT</c> as Ctrl+C does, <c>TERM</c> as <c>kill</c> does) to a process.</summary>
    public static void Signal(int pid, string signal)
    {
        var (code, err) = Exec("kill", $"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (code != 0) throw new InvalidOperationException($"kill -{signal} {pid} failed: {err}");
    }

    /// <summary>Entries of a folder other than the ones named, e.g. temporary siblings left behind.</summary>
    public static string[] Others(string folder, params string[] expected) =>
        [.. Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Where(n => !expected.Contains(n)).Select(n => n!)];

    /// <summary>Every file of a folder (recursively) with its bytes, to compare before and after.</summary>
    public static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    /// <summary>A mounted tmpfs; unmounted on dispose.</summary>
    public sealed class Tmpfs(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => Exec("umount", "-l", Path);
    }
}
