using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>The reason column of the per-home outputs: why a home is unplaced, or the note of a reassigned home.</summary>
internal static class HomeReasons
{
    /// <summary>
    /// Each home's reason text, <see langword="null"/> for a placed home that was not reassigned. The unplaced homes of a
    /// cluster share its list of reasons, so each list is joined once (the same text as <see cref="Trimming.UnplacedHome.ReasonText"/>),
    /// not once a home.
    /// </summary>
    internal static string?[] Of(PlacePlan plan)
    {
        var reasonOf = new string?[plan.Homes.Count];
        var textOf = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        foreach (var u in plan.Unplaced)
        {
            if (!textOf.TryGetValue(u.Reasons, out var text)) textOf[u.Reasons] = text = u.ReasonText;
            reasonOf[u.Index] = text;
        }

        foreach (var r in plan.Reassigned) reasonOf[r.Index] = r.Note;
        return reasonOf;
    }
}
