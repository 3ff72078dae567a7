using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>The reason column of the per-home outputs: why a home is unplaced, or the note of a reassigned home.</summary>
/// <remarks>
/// The unplaced homes of a cluster share its list of reasons, so the texts are kept a cluster (each list joined once, the
/// same text as <see cref="Trimming.UnplacedHome.ReasonText"/>), with the few reassigned homes' notes beside them: no
/// array of a reference a home (200 MB at 25M homes, once for each writer that needs the column). Should some
/// cluster's unplaced homes ever carry different lists, the texts are kept a home instead, so the column is always the
/// same as joining each home's own reasons.
/// </remarks>
internal sealed class HomeReasons
{
    private readonly int[] _clusterOfHome;
    private readonly string?[]? _byCluster; // by the home's cluster (as the plan numbers it), for the unplaced homes of that cluster
    private readonly bool[]? _unplaced;
    private readonly string?[]? _byHome;    // the fallback: a text a home
    private readonly Dictionary<int, string> _notes = [];

    private HomeReasons(PlacePlan plan)
    {
        _clusterOfHome = plan.ClusterOfHomeArray;
        var textOf = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        var listOfCluster = new Dictionary<int, object>();
        bool perCluster = true;
        foreach (var u in plan.Unplaced)
        {
            int c = _clusterOfHome[u.Index];
            if (c < 0 || (listOfCluster.TryGetValue(c, out var list) && !ReferenceEquals(list, u.Reasons)))
            {
                perCluster = false;
                break;
            }

            listOfCluster[c] = u.Reasons;
        }

        if (perCluster)
        {
            _byCluster = new string?[listOfCluster.Count == 0 ? 0 : listOfCluster.Keys.Max() + 1];
            _unplaced = new bool[plan.Homes.Count];
            foreach (var u in plan.Unplaced)
            {
                _unplaced[u.Index] = true;
                _byCluster[_clusterOfHome[u.Index]] ??= Text(u);
            }
        }
        else
        {
            _byHome = new string?[plan.Homes.Count];
            foreach (var u in plan.Unplaced) _byHome[u.Index] = Text(u);
        }

        foreach (var r in plan.Reassigned) _notes[r.Index] = r.Note;

        string Text(Trimming.UnplacedHome u)
        {
            if (!textOf.TryGetValue(u.Reasons, out var text)) textOf[u.Reasons] = text = u.ReasonText;
            return text;
        }
    }

    /// <summary>The reasons of a plan's homes.</summary>
    internal static HomeReasons Of(PlacePlan plan) => new(plan);

    /// <summary>The home's reason text, <see langword="null"/> for a placed home that was not reassigned.</summary>
    internal string? this[int home] =>
        _notes.Count > 0 && _notes.TryGetValue(home, out var note) ? note
        : _byHome is { } byHome ? byHome[home]
        : _unplaced![home] ? _byCluster![_clusterOfHome[home]] : null;
}
