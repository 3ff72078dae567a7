using System.Globalization;
using System.Security.Cryptography;

namespace PlaceKit.IO;

/// <summary>Writes one output file all or nothing: the discipline behind every single file PlaceKit writes.</summary>
/// <remarks>
/// The content goes to a hidden temporary sibling (<c>.NAME.placekit-tmp-PID-GUID</c>), is flushed to disk, and
/// replaces the target in one atomic rename, so a reader sees the old file or the new one, never half of either; a
/// failure (a full disk, a failing writer, cancellation) deletes the sibling and leaves the old file as it was.
/// <list type="bullet">
/// <item>A symbolic link is followed: the file it points to is replaced and the link stays.</item>
/// <item>A file the same command reads (<see cref="OutputFileOptions.Inputs"/>) is never replaced, even with force.</item>
/// <item>An existing file is replaced only when PlaceKit wrote it and nobody changed it since (a hidden
/// <c>.NAME.placekit</c> note next to it holds its length and SHA-256), or with <see cref="OutputFileOptions.Force"/>.</item>
/// <item>Temporary siblings of the same target left by a killed run are deleted first.</item>
/// </list>
/// Cost: one extra read of the new file to hash it; nothing else beyond the write.
/// </remarks>
public static class OutputFile
{
    /// <summary>Checks, before any work, that <see cref="Write"/> may write to a path.</summary>
    /// <param name="path">The output file.</param>
    /// <param name="options">Options; <see langword="null"/> for defaults.</param>
    /// <returns>The full path the file will be written to (a symbolic link followed).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="OutputFileException">The path is a folder, a file the command reads, or a file PlaceKit did not write (and Force is not set).</exception>
    public static string EnsureWritable(string path, OutputFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new OutputFileOptions();
        string target = OutputPaths.Resolve(path);
        string shown = Path.GetFullPath(path);
        if (Directory.Exists(target)) throw new OutputFileException(target, $"'{shown}' is a folder; give a file name (such as '{Path.Combine(shown, "changes.csv")}')");
        foreach (var input in options.Inputs ?? [])
        {
            if (OutputPaths.Same(input, target))
            {
                throw new OutputFileException(target, $"'{shown}' is a file this command reads; write the output to another file");
            }
        }

        if (File.Exists(target) && !options.Force && !WrittenByPlaceKit(target))
        {
            throw new OutputFileException(target, $"'{shown}' exists and PlaceKit did not write it (or it was changed since); choose another file or pass --force (OutputFileOptions.Force) to replace it");
        }

        return target;
    }

    /// <summary>Writes a file all or nothing (see the remarks on <see cref="OutputFile"/>).</summary>
    /// <param name="path">The output file; its folder is created if needed.</param>
    /// <param name="write">Writes the content to the stream it is given (do not close it).</param>
    /// <param name="options">Options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels before the file is moved into place; the old file stays.</param>
    /// <returns>The full path written (a symbolic link followed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="write"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="OutputFileException">The path is a folder, a file the command reads, or a file PlaceKit did not write (and Force is not set).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the old file is untouched.</exception>
    /// <exception cref="IOException">The file could not be written (a full disk); the old file is untouched.</exception>
    public static string Write(string path, Action<Stream> write, OutputFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        string target = EnsureWritable(path, options);
        string folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        OutputPaths.CleanStale(target);
        string temp = OutputPaths.Sibling(target, OutputPaths.TempInfix);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            string note = Fingerprint(temp);
            EnsureWritable(path, options); // the target may have changed while the content was written
            File.Move(temp, target, overwrite: true);
            WriteNote(target, note);
        }
        catch
        {
            OutputPaths.TryDelete(temp);
            throw;
        }

        return target;
    }

    /// <summary>The hidden note next to a file PlaceKit wrote: <c>.NAME.placekit</c>.</summary>
    internal static string NotePath(string target) => Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.placekit");

    /// <summary>Whether PlaceKit wrote the file and it is unchanged since: its note matches its length and SHA-256.</summary>
    internal static bool WrittenByPlaceKit(string target)
    {
        string note = NotePath(target);
        try
        {
            if (!File.Exists(note)) return false;
            string[] lines = File.ReadAllLines(note);
            return lines.Length >= 2 && string.Equals(lines[1], Fingerprint(target), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Fingerprint(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long length = stream.Length;
        string hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return string.Create(CultureInfo.InvariantCulture, $"{length} {hash}");
    }

    private static void WriteNote(string target, string fingerprint)
    {
        string note = NotePath(target);
        string temp = OutputPaths.Sibling(note, OutputPaths.TempInfix);
        try
        {
            File.WriteAllText(temp, $"# Written by PlaceKit: {Path.GetFileName(target)} may be replaced by the next run while it is unchanged. Length and SHA-256:\n{fingerprint}\n");
            File.Move(temp, note, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without its note the file counts as someone else's: the next run asks for --force. Safe, never clobbering.
            OutputPaths.TryDelete(temp);
        }
    }
}
