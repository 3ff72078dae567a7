namespace PlaceKit.Homes;

/// <summary>A postcode directory (<see cref="HomeCsvOptions.PostcodesFile"/>) could not be used: missing, not CSV, without a column PlaceKit needs, or with a bad value on a row a home uses.</summary>
/// <remarks>The message names the file and, where there is one, the line, the column and the value.</remarks>
public sealed class PostcodeDirectoryException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What is wrong.</param>
    public PostcodeDirectoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the failure that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PostcodeDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message (for serializers and tooling).</summary>
    public PostcodeDirectoryException()
        : base("The postcode directory could not be used.")
    {
    }
}
