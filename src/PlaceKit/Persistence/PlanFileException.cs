namespace PlaceKit.Persistence;

/// <summary>A <c>plan.json</c> could not be loaded: not JSON, not a plan, a newer format, or content that does not hold together.</summary>
/// <remarks>The message names the file (when known) and what is wrong, e.g. the section and value.</remarks>
public sealed class PlanFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlanFileException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public PlanFileException(string message)
        : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PlanFileException(string message, Exception innerException)
        : base(message, innerException) { }
}
