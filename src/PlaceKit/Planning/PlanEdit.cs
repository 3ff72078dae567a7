using System.Text;
using PlaceKit.IO;

namespace PlaceKit.Planning;

/// <summary>One person's edit to a plan: a row <c>action,targets,argument</c> of an edit file.</summary>
/// <param name="Line">The 1-based line of the edit file it came from (or the position in a list built in code); named in every error.</param>
/// <param name="Action">One of <see cref="PlanEditAction"/>'s actions, lower case.</param>
/// <param name="Targets">The home or place ids it acts on (the <c>;</c>-separated <c>targets</c> column).</param>
/// <param name="Argument">The place to move into, the split count or the new place's name; empty when the action takes none.</param>
public sealed record PlanEdit(int Line, string Action, IReadOnlyList<string> Targets, string Argument)
{
    /// <summary>Who made the edit (the studio asks for a name once; an edit file's optional <c>author</c> column); null when not recorded.</summary>
    /// <remarks>Kept in the edit history (<c>plan.json</c>); not part of the edit's meaning, so <see cref="Equals(PlanEdit?)"/> ignores it.</remarks>
    public string? Author { get; init; }

    /// <summary>When the edit was made (an edit file's optional <c>time</c> column, ISO 8601); null when not recorded.</summary>
    /// <remarks>Kept in the edit history (<c>plan.json</c>); not part of the edit's meaning, so <see cref="Equals(PlanEdit?)"/> ignores it.</remarks>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The edit as a row of an edit file: <c>action,targets,argument</c> (without CSV quoting; a <c>;</c> inside an id written <c>\;</c>, see <c>PlanEdits.JoinTargets</c>).</summary>
    /// <returns>The row text.</returns>
    public override string ToString() => $"{Action},{JoinTargets(Targets)},{Argument}";

    /// <summary>Joins ids into a <c>targets</c> cell (<c>PlanEdits.JoinTargets</c>, which reads back with <c>PlanEdits.SplitTargets</c>).</summary>
    internal static string JoinTargets(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sb = new StringBuilder();
        bool first = true;
        foreach (string raw in ids)
        {
            if (!first) sb.Append(';');
            first = false;
            string id = SpreadsheetText.Escape(raw);
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (c == ';') sb.Append("\\;");
                else if (c == '\\' && (i + 1 == id.Length || id[i + 1] is ';' or '\\')) sb.Append("\\\\");
                else sb.Append(c);
            }
        }

        return sb.ToString();
    }


    /// <summary>Value equality, comparing targets element by element.</summary>
    /// <param name="other">The other edit.</param>
    /// <returns>Whether both edits are the same row.</returns>
    public bool Equals(PlanEdit? other) =>
        other is not null && Line == other.Line && Action == other.Action && Argument == other.Argument && Targets.SequenceEqual(other.Targets);

    /// <summary>A hash consistent with <see cref="Equals(PlanEdit?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Line, Action, Argument, Targets.Count);
}
