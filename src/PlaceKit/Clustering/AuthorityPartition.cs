using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>The homes of each authority, as index lists in input order; authorities ordered by code (ordinal).</summary>
internal sealed class AuthorityPartition
{
    private AuthorityPartition(int[] order, int[] start, int[] members)
    {
        Order = order;
        Start = start;
        Members = members;
    }

    /// <summary>Authority indices (into <see cref="HomeSet.Authorities"/>), sorted by code.</summary>
    internal int[] Order { get; }

    /// <summary>CSR offsets: the homes of authority index a are Members[Start[a]..Start[a + 1]].</summary>
    internal int[] Start { get; }

    internal int[] Members { get; }

    internal ReadOnlySpan<int> HomesOf(int authority) => Members.AsSpan(Start[authority], Start[authority + 1] - Start[authority]);

    internal static AuthorityPartition Create(HomeSet homes)
    {
        int a = homes.Authorities.Count;
        var order = new int[a];
        for (int i = 0; i < a; i++) order[i] = i;
        var codes = homes.Authorities;
        Array.Sort(order, (p, q) => string.CompareOrdinal(codes[p], codes[q]));
        var start = new int[a + 1];
        var auth = homes.AuthorityIndex;
        foreach (int x in auth) start[x + 1]++;
        for (int i = 0; i < a; i++) start[i + 1] += start[i];
        var members = new int[auth.Length];
        var next = start.AsSpan(0, a).ToArray();
        for (int i = 0; i < auth.Length; i++) members[next[auth[i]]++] = i;
        return new AuthorityPartition(order, start, members);
    }
}
