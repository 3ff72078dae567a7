namespace PlaceKit.Studio;

/// <summary>The studio refused to save (a file changed on disk since it was opened, or the folder is not PlaceKit's); nothing was written.</summary>
public sealed class StudioSaveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudioSaveException()
    {
    }

    /// <summary>Creates the exception with a message saying why.</summary>
    /// <param name="message">Why saving was refused.</param>
    public StudioSaveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Why saving was refused.</param>
    /// <param name="innerException">The cause.</param>
    public StudioSaveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
