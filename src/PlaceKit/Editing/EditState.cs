using System.Globalization;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Trimming;

namespace PlaceKit.Editing;

/// <summary>A plan being edited: each home's place id, or why it is unplaced. Mutable; one per edit run.</summary>
internal sealed class EditState
{
    /// <summary>Reason code of homes whose place was removed by an edit.</summary>
    internal const string RemovedByEdit = "removed-by-edit";

    /// <summary>Reason code of homes taken out of their place by an edit.</summary>
    internal const string UnplacedByEdit = "unplaced-by-edit";

    private readonly PlacePlan _plan;
    private readonly HomeSet _homes;
    private readonly string?[] _place;
    private readonly IReadOnlyList<TrimReason>?[] _reasons;
    private readonly string[] _origin;
    private readonly Dictionary<string, int> _placeAuthority = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _placeSize = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everUsed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    /// <summary>Starts editing a plan as it stands: its locked places refuse edits.</summary>
    internal EditState(PlacePlan plan)
        : this(plan, replaying: false)
    {
    }

    /// <summary>
    /// Starts editing a plan. With <paramref name="replaying"/>, the plan's locked places are <em>held</em>: the plan is a
    /// base (a re-run's, which put each locked place back with its homes) on which a history made before the locks is
    /// replayed; an edit of that history that touches a held place is superseded by the lock (its effect is already in
    /// the place) instead of refused, until the history's own <c>lock</c> of that place (or <see cref="EndReplay"/>).
    /// </summary>
    internal EditState(PlacePlan plan, bool replaying)
    {
        _plan = plan;
        _homes = plan.Homes;
        int n = _homes.Count;
        _place = new string?[n];
        _reasons = new IReadOnlyList<TrimReason>?[n];
        _origin = new string[n];
        foreach (var u in plan.Unplaced) _reasons[u.Index] = u.Reasons;
        var auth = _homes.AuthorityIndex;
        for (int i = 0; i < n; i++)
        {
            var p = plan.PlaceOf(i);
            _origin[i] = "#" + plan.ClusterOfHome[i].ToString(CultureInfo.InvariantCulture);
            if (p is null) continue;
            _place[i] = p.Id;
            _placeAuthority[p.Id] = auth[i];
            _placeSize[p.Id] = _placeSize.GetValueOrDefault(p.Id) + 1;
        }

        foreach (var p in plan.Places)
        {
            _everUsed.Add(p.Id);
            if (p.Locked) (replaying ? _held : _locked).Add(p.Id);
        }

        if (plan.Unedited is { } u0) foreach (var p in u0.Places) _everUsed.Add(p.Id);
    }

    /// <summary>
    /// The targets of an edit that are gone: home ids no longer in the stock (move, create, unplace), or place ids that
    /// no longer exist (merge, split, remove). Empty for an unknown action.
    /// </summary>
    internal List<string> Missing(PlanEdit edit)
    {
        string action = (edit.Action ?? "").Trim().ToLowerInvariant();
        bool places = action is PlanEditAction.Merge or PlanEditAction.Split or PlanEditAction.Remove or PlanEditAction.Lock or PlanEditAction.Unlock;
        bool homes = action is PlanEditAction.Move or PlanEditAction.Create or PlanEditAction.Unplace;
        var missing = new List<string>();
        foreach (var t in edit.Targets.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal))
        {
            if ((homes && !_homes.TryGetIndex(t, out _)) || (places && !_placeAuthority.ContainsKey(t))) missing.Add(t);
        }

        return missing;
    }

    /// <summary>Checks one edit against the current state and applies it when valid; returns its problems (none when applied).</summary>
    internal List<PlanEditProblem> TryApply(PlanEdit edit)
    {
        var problems = new List<PlanEditProblem>();
        void Fail(string reason) => problems.Add(new PlanEditProblem(edit.Line, edit.ToString(), reason));
        var targets = edit.Targets.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        string action = (edit.Action ?? "").Trim().ToLowerInvariant();
        if (!PlanEditAction.All.Contains(action))
        {
            Fail($"unknown action '{edit.Action}': use {string.Join(", ", PlanEditAction.All)}");
            return problems;
        }

        if (targets.Length == 0)
        {
            Fail(action is PlanEditAction.Merge or PlanEditAction.Split or PlanEditAction.Remove or PlanEditAction.Lock or PlanEditAction.Unlock
                ? "no targets: list the place ids, separated by ';'"
                : "no targets: list the home ids, separated by ';'");
            return problems;
        }

        if (action is PlanEditAction.Merge or PlanEditAction.Remove or PlanEditAction.Unplace or PlanEditAction.Lock or PlanEditAction.Unlock
            && !string.IsNullOrWhiteSpace(edit.Argument))
        {
            // Never silently ignore what a person typed: an argument the action does not use is a mistake to show.
            Fail($"{action} takes no argument, was '{edit.Argument}'; leave the argument empty");
            return problems;
        }

        if (_held.Count > 0 && action is not (PlanEditAction.Lock or PlanEditAction.Unlock))
        {
            // Replaying a history on a base that holds locked places: the lock already holds what this edit did to them.
            bool placeEdit = action is PlanEditAction.Merge or PlanEditAction.Split or PlanEditAction.Remove;
            if ((placeEdit && targets.Any(_held.Contains)) || (action is PlanEditAction.Move or PlanEditAction.Create && _held.Contains(edit.Argument.Trim())))
            {
                return problems;
            }

            if (!placeEdit)
            {
                var rest = targets.Where(t => !(_homes.TryGetIndex(t, out int i) && _place[i] is { } p && _held.Contains(p))).ToArray();
                if (rest.Length == 0) return problems;
                if (rest.Length < targets.Length)
                {
                    var inner = TryApply(edit with { Targets = rest });
                    return inner.Count == 0 ? inner : [.. inner.Select(q => q with { Edit = edit.ToString() })];
                }
            }
        }

        if (_locked.Count > 0 && action is not (PlanEditAction.Lock or PlanEditAction.Unlock))
        {
            // A locked place changes only once it is unlocked: refuse, naming it, whatever the edit would do to it.
            var named = new SortedSet<string>(StringComparer.Ordinal);
            if (action is PlanEditAction.Merge or PlanEditAction.Split or PlanEditAction.Remove)
            {
                foreach (var t in targets) if (_locked.Contains(t)) named.Add(t);
            }
            else
            {
                if (action is PlanEditAction.Move && _locked.Contains(edit.Argument.Trim())) named.Add(edit.Argument.Trim());
                foreach (var t in targets)
                {
                    if (_homes.TryGetIndex(t, out int i) && _place[i] is { } p && _locked.Contains(p)) named.Add(p);
                }
            }

            foreach (var p in named)
            {
                Fail($"place '{p}' is locked: {action} would change it; unlock it first (unlock,{p},)");
            }

            if (problems.Count > 0) return problems;
        }

        switch (action)
        {
            case PlanEditAction.Move:
            {
                var homes = HomesOf(targets, Fail);
                string to = edit.Argument.Trim();
                if (to.Length == 0) Fail("no place to move into: put the place id in the argument column");
                else if (PlaceAuthority(to, Fail) is int a)
                {
                    foreach (int i in homes)
                    {
                        if (_homes.AuthorityIndex[i] != a) Fail(CrossesBorder(i, to, a));
                    }
                }

                if (problems.Count == 0) foreach (int i in homes) SetPlace(i, to);
                break;
            }

            case PlanEditAction.Merge:
            {
                if (targets.Length < 2) Fail("merge needs at least two different places, separated by ';'");
                var authorities = targets.Select(t => PlaceAuthority(t, Fail)).ToArray();
                if (problems.Count > 0) break;
                for (int t = 1; t < targets.Length; t++)
                {
                    if (authorities[t] != authorities[0])
                    {
                        Fail($"place '{targets[t]}' is in authority '{Code(authorities[t]!.Value)}' but '{targets[0]}' is in '{Code(authorities[0]!.Value)}': places of different authorities cannot merge");
                    }
                }

                if (problems.Count > 0) break;
                var others = new HashSet<string>(targets.Skip(1), StringComparer.Ordinal);
                for (int i = 0; i < _place.Length; i++)
                {
                    if (_place[i] is { } p && others.Contains(p)) SetPlace(i, targets[0]);
                }

                break;
            }

            case PlanEditAction.Split:
            {
                if (targets.Length != 1) Fail($"split takes one place, got {targets.Length}: split them on separate rows");
                var a = PlaceAuthority(targets[0], Fail);
                if (!int.TryParse(edit.Argument.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parts))
                {
                    Fail($"split count '{edit.Argument}' is not a whole number");
                    break;
                }

                if (problems.Count > 0 || a is null) break;
                string id = targets[0];
                var members = MembersOf(id);
                if (parts < 2) Fail($"split count must be at least 2, was {parts}");
                else if (parts > members.Length) Fail($"split count {parts} is more than the {members.Length} homes of place '{id}'");
                else
                {
                    int distinct = AuthorityRunner.DistinctLocations(Column(members, _homes.X), Column(members, _homes.Y));
                    if (parts > distinct) Fail($"split count {parts} is more than the {distinct} distinct locations of place '{id}'");
                }

                if (problems.Count == 0) Split(id, members, parts);
                break;
            }

            case PlanEditAction.Remove:
            {
                foreach (var t in targets) PlaceAuthority(t, Fail);
                if (problems.Count > 0) break;
                var gone = new HashSet<string>(targets, StringComparer.Ordinal);
                for (int i = 0; i < _place.Length; i++)
                {
                    if (_place[i] is { } p && gone.Contains(p))
                    {
                        Unplace(i, new TrimReason(RemovedByEdit, $"place {p} removed by the edit on line {edit.Line.ToString(CultureInfo.InvariantCulture)}"));
                    }
                }

                break;
            }

            case PlanEditAction.Create:
            {
                var homes = HomesOf(targets, Fail);
                string name = edit.Argument.Trim();
                if (name.Length == 0) Fail("no name for the new place: put it in the argument column");
                else if (_placeSize.ContainsKey(name)) Fail($"place '{name}' already exists: a new place needs a new name");
                if (homes.Count > 0)
                {
                    int a = _homes.AuthorityIndex[homes[0]];
                    foreach (int i in homes)
                    {
                        if (_homes.AuthorityIndex[i] != a)
                        {
                            Fail($"homes '{_homes.Ids[homes[0]]}' ({Code(a)}) and '{_homes.Ids[i]}' ({Code(_homes.AuthorityIndex[i])}) are in different authorities: a place never crosses an authority border");
                        }
                    }
                }

                if (problems.Count == 0) foreach (int i in homes) SetPlace(i, name);
                break;
            }

            case PlanEditAction.Lock:
            {
                foreach (var t in targets)
                {
                    if (PlaceAuthority(t, Fail) is null) continue;
                    if (_locked.Contains(t)) Fail($"place '{t}' is already locked");
                }

                if (problems.Count > 0) break;
                foreach (var t in targets)
                {
                    _held.Remove(t);
                    _locked.Add(t);
                }

                break;
            }

            case PlanEditAction.Unlock:
            {
                foreach (var t in targets)
                {
                    if (PlaceAuthority(t, Fail) is null) continue;
                    if (!_locked.Contains(t) && !_held.Contains(t)) Fail($"place '{t}' is not locked");
                }

                if (problems.Count > 0) break;
                foreach (var t in targets)
                {
                    _held.Remove(t);
                    _locked.Remove(t);
                }

                break;
            }

            case PlanEditAction.Unplace:
            {
                var homes = HomesOf(targets, Fail);
                if (problems.Count > 0) break;
                foreach (int i in homes)
                {
                    if (_place[i] is { } p)
                    {
                        Unplace(i, new TrimReason(UnplacedByEdit, $"taken out of place {p} by the edit on line {edit.Line.ToString(CultureInfo.InvariantCulture)}"));
                    }
                }

                break;
            }
        }

        return problems;
    }

    /// <summary>Ends a replay: places still held become locked (edits touching them are refused from now on).</summary>
    internal void EndReplay()
    {
        _locked.UnionWith(_held);
        _held.Clear();
    }

    /// <summary>Builds the edited plan: one cluster per place, and one per group of unplaced homes with the same origin and reasons.</summary>
    internal PlacePlan Build(IReadOnlyList<PlanEdit> history)
    {
        int n = _homes.Count;
        var auth = _homes.AuthorityIndex;
        var original = _plan.ClusterOfHome;
        var groupOf = new int[n];
        var keys = new Dictionary<(int Authority, string Key), int>();
        var groups = new List<(int Authority, int MinCluster, int MinHome, string? Place, IReadOnlyList<TrimReason>? Reasons)>();
        for (int i = 0; i < n; i++)
        {
            string key = _place[i] is { } p ? "place\n" + p : "unplaced\n" + _origin[i] + "\n" + string.Join("; ", _reasons[i]!);
            if (!keys.TryGetValue((auth[i], key), out int g))
            {
                g = groups.Count;
                keys.Add((auth[i], key), g);
                groups.Add((auth[i], original[i], i, _place[i], _place[i] is null ? _reasons[i] : null));
            }
            else if (original[i] < groups[g].MinCluster)
            {
                groups[g] = groups[g] with { MinCluster = original[i] };
            }

            groupOf[i] = g;
        }

        var order = Enumerable.Range(0, groups.Count).ToArray();
        var codes = _homes.Authorities;
        Array.Sort(order, (p, q) =>
        {
            int c = string.CompareOrdinal(codes[groups[p].Authority], codes[groups[q].Authority]);
            if (c == 0) c = groups[p].MinCluster.CompareTo(groups[q].MinCluster);
            return c != 0 ? c : groups[p].MinHome.CompareTo(groups[q].MinHome);
        });
        var idOfGroup = new int[groups.Count];
        var placeOfCluster = new string?[groups.Count];
        var reasonsOfCluster = new IReadOnlyList<TrimReason>?[groups.Count];
        for (int r = 0; r < order.Length; r++)
        {
            idOfGroup[order[r]] = r + 1;
            placeOfCluster[r] = groups[order[r]].Place;
            reasonsOfCluster[r] = groups[order[r]].Reasons;
        }

        var clusterOfHome = new int[n];
        for (int i = 0; i < n; i++) clusterOfHome[i] = idOfGroup[groupOf[i]];
        bool edited = history.Count > _plan.Edits.Count;
        var unedited = edited ? _plan.Unedited ?? _plan : _plan.Unedited;
        return _plan.Stages.Rebuild(_homes, clusterOfHome, placeOfCluster, reasonsOfCluster, _plan.Authorities, _plan.Options, history, unedited, _plan.Timings,
            new HashSet<string>(_locked.Concat(_held).Where(_placeSize.ContainsKey), StringComparer.Ordinal));
    }

    private void Split(string id, int[] members, int parts)
    {
        int m = members.Length;
        var x = Column(members, _homes.X);
        var y = Column(members, _homes.Y);
        double mx = x.Average(), my = y.Average(), variance = 0;
        for (int j = 0; j < m; j++)
        {
            x[j] -= mx;
            y[j] -= my;
            variance += (x[j] * x[j]) + (y[j] * y[j]);
        }

        var options = _plan.Options.Clustering;
        var cx = new double[parts];
        var cy = new double[parts];
        var labels = new int[m];
        var rng = new Random(StableSeed.For(_plan.Seed, "split:" + id));
        KMeansKernel.SeedPlusPlus(x, y, cx, cy, rng);
        KMeansKernel.Iterate(x, y, cx, cy, labels, options.MaxIterations, options.Tolerance * (variance / m / 2));

        // The biggest part keeps the id (ties: the one holding the earliest home); the others get id-2, id-3, ...
        var size = new int[parts];
        var first = new int[parts];
        Array.Fill(first, int.MaxValue);
        for (int j = 0; j < m; j++)
        {
            size[labels[j]]++;
            first[labels[j]] = Math.Min(first[labels[j]], j);
        }

        var rank = Enumerable.Range(0, parts).Where(p => size[p] > 0).OrderByDescending(p => size[p]).ThenBy(p => first[p]).ToArray();
        var name = new string[parts];
        name[rank[0]] = id;
        int suffix = 2;
        for (int r = 1; r < rank.Length; r++)
        {
            string candidate;
            do candidate = id + "-" + (suffix++).ToString(CultureInfo.InvariantCulture);
            while (_placeSize.ContainsKey(candidate) || _everUsed.Contains(candidate));
            name[rank[r]] = candidate;
        }

        for (int j = 0; j < m; j++) SetPlace(members[j], name[labels[j]]);
    }

    private void SetPlace(int i, string place)
    {
        if (_place[i] == place) return;
        if (_place[i] is { } old) Shrink(old);
        else _reasons[i] = null;
        _place[i] = place;
        _placeAuthority[place] = _homes.AuthorityIndex[i];
        _placeSize[place] = _placeSize.GetValueOrDefault(place) + 1;
        _everUsed.Add(place);
    }

    private void Unplace(int i, TrimReason reason)
    {
        string old = _place[i]!;
        Shrink(old);
        _place[i] = null;
        _origin[i] = "place " + old;
        _reasons[i] = [reason];
    }

    private void Shrink(string place)
    {
        if (--_placeSize[place] > 0) return;
        _placeSize.Remove(place);
        _placeAuthority.Remove(place);
    }

    private List<int> HomesOf(string[] ids, Action<string> fail)
    {
        var homes = new List<int>(ids.Length);
        foreach (var id in ids)
        {
            if (_homes.TryGetIndex(id, out int i)) homes.Add(i);
            else fail($"unknown home id '{id}'");
        }

        return homes;
    }

    private int? PlaceAuthority(string id, Action<string> fail)
    {
        if (_placeAuthority.TryGetValue(id, out int a)) return a;
        fail(_everUsed.Contains(id)
            ? $"place '{id}' no longer exists (merged, removed or emptied by an earlier edit)"
            : $"unknown place id '{id}'");
        return null;
    }

    private int[] MembersOf(string id)
    {
        var members = new List<int>();
        for (int i = 0; i < _place.Length; i++)
        {
            if (_place[i] == id) members.Add(i);
        }

        return [.. members];
    }

    private static double[] Column(int[] members, ReadOnlySpan<double> values)
    {
        var c = new double[members.Length];
        for (int j = 0; j < members.Length; j++) c[j] = values[members[j]];
        return c;
    }

    private string CrossesBorder(int home, string place, int placeAuthority) =>
        $"home '{_homes.Ids[home]}' is in authority '{Code(_homes.AuthorityIndex[home])}' but place '{place}' is in '{Code(placeAuthority)}': a place never crosses an authority border";

    private string Code(int authority) => _homes.Authorities[authority];
}
