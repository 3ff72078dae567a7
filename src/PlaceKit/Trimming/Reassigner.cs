using PlaceKit.Homes;
using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>
/// Moves homes of trimmed clusters into kept places: a home joins the kept place of its own authority whose reach
/// (r90 + margin) holds it, the one with the nearest centre when several do; a home no place reaches stays unplaced.
/// </summary>
/// <remarks>
/// Reaches and centres are the places' own, measured before any home moves, so the result does not depend on the order
/// homes are visited. Never crosses an authority; never moves a home farther than the reach. Ties go to the lower
/// cluster id. Cost: O(u · p) for u homes to place and p places in their authority; O(k) extra memory. Deterministic
/// and thread-safe (stateless).
/// </remarks>
public static class Reassigner
{
    /// <summary>Finds the moves.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="clusterOfHome">Each home's 1-based cluster id, in input order.</param>
    /// <param name="trim">The trimming result (kept clusters give places; trimmed clusters give the homes to move).</param>
    /// <param name="marginMeters">Added to each place's r90 to give its reach, metres.</param>
    /// <returns>The moved homes, in input order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="marginMeters"/> is negative, NaN or infinite, or <paramref name="clusterOfHome"/> has the wrong length.</exception>
    public static IReadOnlyList<ReassignedHome> Reassign(HomeSet homes, ReadOnlySpan<int> clusterOfHome, TrimResult trim, double marginMeters)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(trim);
        if (!(marginMeters >= 0) || double.IsInfinity(marginMeters)) throw new ArgumentOutOfRangeException(nameof(marginMeters), marginMeters, "must be a finite number >= 0");
        if (clusterOfHome.Length != homes.Count) throw new ArgumentOutOfRangeException(nameof(clusterOfHome), clusterOfHome.Length, $"must have one entry per home ({homes.Count})");

        // Kept places by authority index, ordered by cluster id for deterministic ties.
        int a = homes.Authorities.Count;
        var authorityOf = new Dictionary<string, int>(a, StringComparer.Ordinal);
        for (int i = 0; i < a; i++) authorityOf[homes.Authorities[i]] = i;
        var byAuthority = new List<ClusterScore>?[a];
        foreach (var kept in trim.Kept.OrderBy(s => s.ClusterId))
        {
            if (authorityOf.TryGetValue(kept.Authority, out int ai)) (byAuthority[ai] ??= []).Add(kept);
        }

        int maxId = 0;
        foreach (var t in trim.Trimmed) maxId = Math.Max(maxId, t.Cluster.ClusterId);
        var isTrimmed = new bool[maxId + 1];
        foreach (var t in trim.Trimmed) isTrimmed[t.Cluster.ClusterId] = true;

        var moves = new List<ReassignedHome>();
        var hx = homes.X;
        var hy = homes.Y;
        for (int i = 0; i < clusterOfHome.Length; i++)
        {
            int c = clusterOfHome[i];
            if (c > maxId || !isTrimmed[c]) continue;
            int ai = homes.AuthorityIndex[i];
            if (byAuthority[ai] is not { } places) continue;
            ClusterScore? best = null;
            double bestD = double.PositiveInfinity, bestReach = 0;
            foreach (var p in places)
            {
                double dx = hx[i] - p.CentreX, dy = hy[i] - p.CentreY;
                double d = Math.Sqrt((dx * dx) + (dy * dy));
                double reach = p.R90Meters + marginMeters;
                if (d <= reach && d < bestD)
                {
                    (best, bestD, bestReach) = (p, d, reach);
                }
            }

            if (best is not null) moves.Add(new ReassignedHome(i, homes.Ids[i], homes.Authorities[ai], c, best.ClusterId, bestD, bestReach));
        }

        return moves;
    }
}
