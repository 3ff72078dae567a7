namespace PlaceKit.Homes;

/// <summary>Input homes could not be used: carries every problem found (up to a cap) as data, not only the first.</summary>
/// <remarks>
/// The message lists the problems one a line, each naming the line, the home id where there is one, the field and
/// the value. <see cref="TotalProblems"/> counts every problem found, including those beyond the cap.
/// </remarks>
public sealed class HomeDataException : Exception
{
    /// <summary>Creates an exception for the given problems.</summary>
    /// <param name="problems">The problems listed (at least one).</param>
    /// <param name="totalProblems">How many problems were found in all; at least <c>problems.Count</c>.</param>
    public HomeDataException(IReadOnlyList<HomeDataProblem> problems, int totalProblems)
        : base(BuildMessage(problems, totalProblems))
    {
        Problems = problems;
        TotalProblems = Math.Max(totalProblems, problems.Count);
    }

    /// <summary>Creates an exception for a single problem.</summary>
    /// <param name="problem">The problem.</param>
    public HomeDataException(HomeDataProblem problem)
        : this([problem], 1)
    {
    }

    /// <summary>The problems listed, in input order.</summary>
    public IReadOnlyList<HomeDataProblem> Problems { get; }

    /// <summary>How many problems were found in all, including any beyond the listing cap.</summary>
    public int TotalProblems { get; }

    private static string BuildMessage(IReadOnlyList<HomeDataProblem> problems, int total)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var sb = new System.Text.StringBuilder();
        sb.Append(total == 1 ? "1 problem in the input homes:" : $"{Math.Max(total, problems.Count)} problems in the input homes:");
        foreach (var p in problems) sb.Append('\n').Append(p);
        if (total > problems.Count) sb.Append('\n').Append($"... and {total - problems.Count} more.");
        return sb.ToString();
    }
}
