namespace PlaceKit.IO;

/// <summary>An output file cannot be written where asked: it is a file the same command reads, a file PlaceKit did not write, or a folder.</summary>
/// <remarks>Raised before anything is written, so the existing file is untouched.</remarks>
public sealed class OutputFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The output file's full path.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public OutputFileException(string path, string message)
        : base(message)
    {
        FilePath = path;
    }

    /// <summary>The output file's full path (after following symbolic links).</summary>
    public string FilePath { get; }
}
