namespace PlaceKit.Planning;

/// <summary>The actions an edit file may use, as written in its <c>action</c> column (case-insensitive).</summary>
public static class PlanEditAction
{
    /// <summary><c>move,H1;H2,P12</c>: move homes (placed or unplaced) into place P12.</summary>
    public const string Move = "move";

    /// <summary><c>merge,P12;P13,</c>: merge places of one authority; the first id survives.</summary>
    public const string Merge = "merge";

    /// <summary><c>split,P12,3</c>: split a place into 3, re-clustered inside it with k-means.</summary>
    public const string Split = "split";

    /// <summary><c>remove,P12,</c>: remove places; their homes become unplaced with reason <c>removed-by-edit</c>.</summary>
    public const string Remove = "remove";

    /// <summary><c>create,H1;H2,NAME</c>: a new place NAME from homes of one authority.</summary>
    public const string Create = "create";

    /// <summary><c>unplace,H1;H2,</c>: take homes out of their place; they become unplaced with reason <c>unplaced-by-edit</c>.</summary>
    public const string Unplace = "unplace";

    /// <summary><c>lock,P12;P13,</c>: lock places: edits and re-runs keep their homes as they are until they are unlocked.</summary>
    /// <remarks>
    /// An edit that would change a locked place (move homes into or out of it, merge, split or remove it, create a place
    /// or unplace homes from its homes) is refused, naming the place. A re-run from the plan keeps a locked place's
    /// remaining homes in it under the same id, adds no other home to it, never trims it, and clusters the rest of its
    /// authority around it.
    /// </remarks>
    public const string Lock = "lock";

    /// <summary><c>unlock,P12,</c>: unlock places, so that edits and re-runs may change them again.</summary>
    public const string Unlock = "unlock";

    /// <summary>Every action, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Move, Merge, Split, Remove, Create, Unplace, Lock, Unlock];
}
