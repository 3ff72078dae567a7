namespace PlaceKit.Planning;

/// <summary>An authorities file (see <see cref="AuthoritySettingsCsv"/>) could not be used: every problem, each naming its line.</summary>
public sealed class AuthoritySettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file's name.</param>
    /// <param name="problems">The problems, at least one, each naming its line.</param>
    public AuthoritySettingsException(string source, IReadOnlyList<string> problems)
        : base((problems ?? throw new ArgumentNullException(nameof(problems))).Count == 1
            ? problems[0]
            : $"{problems.Count} problems in {source}:\n" + string.Join("\n", problems))
    {
        Problems = problems;
    }

    /// <summary>The problems, in file order, each naming its line, code, field and value.</summary>
    public IReadOnlyList<string> Problems { get; }
}
