namespace PlaceKit.Homes;

/// <summary>An authority boundary file could not be used: missing, unreadable, of an unknown format, without the code field, with a bad geometry, or without a boundary for an authority that has homes.</summary>
/// <remarks>The message names the file and, where there is one, the feature (1-based), the field and the value, in words a GIS officer can act on.</remarks>
public sealed class BoundaryFileException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What is wrong.</param>
    public BoundaryFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the failure that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public BoundaryFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message (for serializers and tooling).</summary>
    public BoundaryFileException()
        : base("The authority boundary file could not be used.")
    {
    }
}
