namespace PlaceKit.Export;

/// <summary>The output folder cannot be used: it holds files PlaceKit did not write, or it is not a folder.</summary>
/// <remarks>Raised before anything is written, so the folder is untouched.</remarks>
public sealed class OutputFolderException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="folder">The output folder's full path.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public OutputFolderException(string folder, string message)
        : base(message)
    {
        Folder = folder;
    }

    /// <summary>The output folder's full path.</summary>
    public string Folder { get; }
}
