using System.Globalization;

namespace PlaceKit.Editing;

/// <summary>Why one edit was rejected (or skipped when re-applied to a new plan).</summary>
/// <param name="Line">The edit's line in the edit file.</param>
/// <param name="Edit">The edit as written, e.g. <c>merge,P12;P13,</c>; empty when the row could not be read.</param>
/// <param name="Reason">What is wrong, naming the ids involved.</param>
public sealed record PlanEditProblem(int Line, string Edit, string Reason)
{
    /// <summary>The problem as one line: <c>line 4 (merge,P12;P13,): ...</c>; line breaks inside a cell are shown as <c>\n</c>, long rows shortened.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Edit.Length == 0
        ? $"line {Line.ToString(CultureInfo.InvariantCulture)}: {OneLine(Reason)}"
        : $"line {Line.ToString(CultureInfo.InvariantCulture)} ({OneLine(Edit.Length <= 200 ? Edit : Edit[..200] + "...")}): {OneLine(Reason)}";

    private static string OneLine(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
