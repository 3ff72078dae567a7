using PlaceKit.Homes;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>
/// Shows how places and coverage change with the trimming rules (and the target size): one row per combination of
/// target × minimum homes × spread limit, each equal to what <see cref="PlaceDefiner.Define"/> gives with those options.
/// </summary>
/// <remarks>
/// Clustering and scoring, the expensive stages, run once per target size; trimming depends only on the scores, so
/// every (minimum, spread) combination reuses them and only trims, reassigns (when on) and counts, in parallel
/// (<see cref="PlaceKitOptions.MaxDegreeOfParallelism"/>), each writing its own row: deterministic. Runs a definer's
/// composed stages (<see cref="IPlaceDefiner.Stages"/>), or the default stages.
/// <para>A team count (<see cref="TrimmingOptions.Teams"/>) replaces the minimum place size, so a row with a team count
/// would be the same for every minimum: such rows are made once per target, spread and team count, with the first
/// minimum given (<see cref="SweepRow.Teams"/> tells them apart; the CLI prints "-" for their minimum).</para>
/// </remarks>
public static class PlanSweep
{
    /// <summary>Runs the sweep.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="baseOptions">Everything else (seed, algorithm, sizes, radius, reassignment, ...).</param>
    /// <param name="targets">Target sizes to try; empty: the base target.</param>
    /// <param name="minHomes">Minimum place sizes to try; empty: the base <see cref="TrimmingOptions.MinHomes"/> (or the target).</param>
    /// <param name="maxSpreads">Spread limits (metres) to try; empty: the base <see cref="TrimmingOptions.MaxSpreadMeters"/>.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>Rows ordered by target, then minimum, then spread, in the order given.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A combination gives invalid options; the message names the field and value.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public static IReadOnlyList<SweepRow> Run(HomeSet homes, PlaceKitOptions baseOptions, IReadOnlyList<int> targets, IReadOnlyList<int> minHomes,
        IReadOnlyList<double> maxSpreads, CancellationToken cancellationToken = default) =>
        Run(homes, baseOptions, targets, minHomes, maxSpreads, [], cancellationToken);

    /// <summary>Runs the sweep, team counts included: one row per target × minimum × spread × team count.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="baseOptions">Everything else (seed, algorithm, sizes, radius, reassignment, authorities, ...).</param>
    /// <param name="targets">Target sizes to try; empty: the base target.</param>
    /// <param name="minHomes">Minimum place sizes to try; empty: the base <see cref="TrimmingOptions.MinHomes"/> (or the target). Ignored by rows with a team count.</param>
    /// <param name="maxSpreads">Spread limits (metres) to try; empty: the base <see cref="TrimmingOptions.MaxSpreadMeters"/>.</param>
    /// <param name="teams">Team counts to try (<see cref="TrimmingOptions.Teams"/>): the rows give the curve "teams → coverage"; empty: the base team count.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>Rows ordered by target, then minimum, then spread, then team count, in the order given. A team count replaces the
    /// minimum, so rows with a team count are given once per target, spread and team count (with the first minimum), not
    /// repeated for every minimum.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A combination gives invalid options; the message names the field and value.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public static IReadOnlyList<SweepRow> Run(HomeSet homes, PlaceKitOptions baseOptions, IReadOnlyList<int> targets, IReadOnlyList<int> minHomes,
        IReadOnlyList<double> maxSpreads, IReadOnlyList<int> teams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        return Run(PlaceDefiner.Create(baseOptions).Stages, baseOptions, homes, targets, minHomes, maxSpreads, teams, cancellationToken);
    }

    /// <summary>Runs the sweep with a definer's stages and options (e.g. the <see cref="IPlaceDefiner"/> from dependency injection).</summary>
    /// <param name="definer">The definer: its <see cref="IPlaceDefiner.Stages"/> make every row, its <see cref="IPlaceDefiner.Options"/> are the base.</param>
    /// <param name="homes">The homes.</param>
    /// <param name="targets">Target sizes to try; empty: the base target.</param>
    /// <param name="minHomes">Minimum place sizes to try; empty: the base <see cref="TrimmingOptions.MinHomes"/> (or the target).</param>
    /// <param name="maxSpreads">Spread limits (metres) to try; empty: the base <see cref="TrimmingOptions.MaxSpreadMeters"/>.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>Rows ordered by target, then minimum, then spread, in the order given.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A combination gives invalid options; the message names the field and value.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public static IReadOnlyList<SweepRow> Run(IPlaceDefiner definer, HomeSet homes, IReadOnlyList<int> targets, IReadOnlyList<int> minHomes,
        IReadOnlyList<double> maxSpreads, CancellationToken cancellationToken = default) =>
        Run(definer, homes, targets, minHomes, maxSpreads, [], cancellationToken);

    /// <summary>Runs the sweep with a definer's stages and options, team counts included: one row per target × minimum × spread × team count.</summary>
    /// <param name="definer">The definer: its <see cref="IPlaceDefiner.Stages"/> make every row, its <see cref="IPlaceDefiner.Options"/> are the base.</param>
    /// <param name="homes">The homes.</param>
    /// <param name="targets">Target sizes to try; empty: the base target.</param>
    /// <param name="minHomes">Minimum place sizes to try; empty: the base <see cref="TrimmingOptions.MinHomes"/> (or the target). Ignored by rows with a team count.</param>
    /// <param name="maxSpreads">Spread limits (metres) to try; empty: the base <see cref="TrimmingOptions.MaxSpreadMeters"/>.</param>
    /// <param name="teams">Team counts to try (<see cref="TrimmingOptions.Teams"/>): the rows give the curve "teams → coverage"; empty: the base team count.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>Rows ordered by target, then minimum, then spread, then team count, in the order given. A team count replaces the
    /// minimum, so rows with a team count are given once per target, spread and team count (with the first minimum), not
    /// repeated for every minimum.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A combination gives invalid options; the message names the field and value.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public static IReadOnlyList<SweepRow> Run(IPlaceDefiner definer, HomeSet homes, IReadOnlyList<int> targets, IReadOnlyList<int> minHomes,
        IReadOnlyList<double> maxSpreads, IReadOnlyList<int> teams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(definer);
        return Run(definer.Stages, definer.Options, homes, targets, minHomes, maxSpreads, teams, cancellationToken);
    }

    /// <summary>The sweep with given stages; an unset <see cref="TrimmingOptions.MinHomes"/> in the base follows each target.</summary>
    private static SweepRow[] Run(PlanStages stages, PlaceKitOptions baseOptions, HomeSet homes, IReadOnlyList<int> targets, IReadOnlyList<int> minHomes,
        IReadOnlyList<double> maxSpreads, IReadOnlyList<int> teams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(minHomes);
        ArgumentNullException.ThrowIfNull(maxSpreads);
        int[] ts = targets.Count > 0 ? [.. targets] : [baseOptions.Clustering.TargetSize];
        int?[] ms = minHomes.Count > 0 ? [.. minHomes.Select(m => (int?)m)] : [baseOptions.Trimming.MinHomes];
        double[] ss = maxSpreads.Count > 0 ? [.. maxSpreads] : [baseOptions.Trimming.MaxSpreadMeters];
        int?[] ns = teams.Count > 0 ? [.. teams.Select(m => (int?)m)] : [baseOptions.Trimming.Teams];

        // Validate every combination before any work. A team count replaces the minimum (every authority is then in a
        // team pool), so rows with a team count are made once per target, spread and team count: with the first minimum.
        var combos = new List<PlaceKitOptions>(ts.Length * ms.Length * ss.Length * ns.Length);
        var start = new int[ts.Length + 1];
        for (int ti = 0; ti < ts.Length; ti++)
        {
            start[ti] = combos.Count;
            for (int mi = 0; mi < ms.Length; mi++)
            {
                foreach (double s in ss)
                {
                    foreach (int? team in ns)
                    {
                        if (team is not null && mi > 0) continue;
                        var o = baseOptions.Clone();
                        o.Clustering.TargetSize = ts[ti];
                        o.Trimming.MinHomes = ms[mi];
                        o.Trimming.MaxSpreadMeters = s;
                        o.Trimming.Teams = team;
                        PlaceDefiner.Validate(o);
                        combos.Add(o.Resolved());
                    }
                }
            }
        }

        start[ts.Length] = combos.Count;
        var rows = new SweepRow[combos.Count];
        var parallel = Parallelism.Options(baseOptions.MaxDegreeOfParallelism, cancellationToken);
        for (int ti = 0; ti < ts.Length; ti++)
        {
            var first = combos[start[ti]];
            var (clusters, scores, _, _) = stages.ClusterAndScore(homes, first, null, null, cancellationToken);
            int offset = start[ti];
            Parallel.For(0, start[ti + 1] - offset, parallel, j =>
            {
                var o = combos[offset + j];
                var plan = stages.Complete(homes, clusters, scores, o, null, cancellationToken, TimeSpan.Zero, TimeSpan.Zero);
                var c = plan.Coverage;
                rows[offset + j] = new SweepRow(o.Clustering.TargetSize, o.Trimming.MinHomes!.Value, o.Trimming.MaxSpreadMeters, c.Places, c.MeanPlaceSize,
                    c.MinPlaceSize, c.MaxPlaceSize, c.PlacedHomes, c.ReassignedHomes, c.TotalHomes)
                {
                    Teams = o.Trimming.Teams, SizeBy = o.SizeBy, PlacedWeight = c.PlacedWeight, TotalWeight = c.TotalWeight,
                };
            });
        }

        return rows;
    }
}
