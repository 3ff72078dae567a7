namespace PlaceKit.Homes;

/// <summary>
/// Home ids to numbers: a home's index into <see cref="Ids"/>, or (while reading) any negative number, e.g. <c>~line</c>
/// for a row with problems. What the reader's duplicate check and <see cref="HomeSet.TryGetIndex"/> use.
/// </summary>
/// <remarks>
/// <para>
/// Open addressing with linear probing over one <see cref="long"/> a slot (the id's 32-bit ordinal hash and a reference
/// to the id), twice as many slots as ids expected, grown by doubling past half full. A home's id is not stored again:
/// the slot refers to its index in <see cref="Ids"/>, the owner's id column, which is read only when a hash matches.
/// Negative numbers (rows with problems, never in a built set) keep their id in a small side list.
/// </para>
/// <para>
/// Instead of a <see cref="Dictionary{TKey, TValue}"/> for issue 17's "at most 100 bytes a home while reading": a
/// Dictionary rounds its capacity up to a prime from its own table (1,000,000 to 1,162,687) and keeps a 24-byte entry and
/// a 4-byte bucket for each, about 32.6 bytes a home at 1M; this keeps 16. An insert touches one slot (the Dictionary a
/// bucket and an entry). Not thread-safe for writing; lookups from several threads at once are safe once filled.
/// </para>
/// </remarks>
internal sealed class HomeIdIndex
{
    private long[] _slots; // 0 empty; else (hash << 32) | reference, reference = home index + 1 (> 0) or ~side entry (< 0)
    private readonly List<(string Id, int Number)> _side = [];

    /// <summary>An empty index with room for <paramref name="capacity"/> ids before it grows, over the owner's id column.</summary>
    internal HomeIdIndex(int capacity, string[] ids)
    {
        _slots = new long[SizeFor(capacity)];
        Ids = ids;
    }

    /// <summary>The owner's id column: the id of the home with number i is <c>Ids[i]</c>. Set again when the owner replaces the array.</summary>
    internal string[] Ids { get; set; }

    /// <summary>The ids added.</summary>
    internal int Count { get; private set; }

    /// <summary>Finds an id's number (ordinal comparison).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    internal bool TryGetValue(string id, out int number)
    {
        ArgumentNullException.ThrowIfNull(id);
        int hash = id.GetHashCode();
        long slot = _slots[Find(hash, id)];
        number = slot == 0 ? 0 : NumberOf((int)slot);
        return slot != 0;
    }

    /// <summary>Adds an id that is not in the index yet: with a number at least 0, the id must be (or become, before the next call) <c>Ids[number]</c>.</summary>
    /// <exception cref="ArgumentException">The id is already in the index.</exception>
    internal void Add(string id, int number)
    {
        ArgumentNullException.ThrowIfNull(id);
        if ((Count + 1L) * 2 > _slots.Length) Grow();
        int hash = id.GetHashCode();
        int at = Find(hash, id);
        if (_slots[at] != 0) throw new ArgumentException($"the id '{id}' is already in the index", nameof(id));
        int reference = number >= 0 ? number + 1 : ~_side.Count;
        if (number < 0) _side.Add((id, number));
        _slots[at] = ((long)hash << 32) | (uint)reference;
        Count++;
    }

    private int NumberOf(int reference) => reference > 0 ? reference - 1 : _side[~reference].Number;

    private string IdOf(int reference) => reference > 0 ? Ids[reference - 1] : _side[~reference].Id;

    /// <summary>Slots for <paramref name="capacity"/> ids at most half full.</summary>
    private static int SizeFor(long capacity) => (int)Math.Min(Array.MaxLength, Math.Max(8, capacity * 2));

    private static int Start(int hash, int size) => (int)(((ulong)(uint)hash * (ulong)size) >> 32);

    /// <summary>The id's slot, or the empty slot where it would go.</summary>
    private int Find(int hash, string id)
    {
        var slots = _slots;
        int size = slots.Length, at = Start(hash, size);
        while (true)
        {
            long slot = slots[at];
            if (slot == 0 || ((int)(slot >> 32) == hash && string.Equals(IdOf((int)slot), id, StringComparison.Ordinal))) return at;
            if (++at == size) at = 0;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new long[SizeFor(old.Length)];
        foreach (long slot in old)
        {
            if (slot == 0) continue;
            int at = Start((int)(slot >> 32), slots.Length);
            while (slots[at] != 0)
            {
                if (++at == slots.Length) at = 0;
            }

            slots[at] = slot;
        }

        _slots = slots;
    }
}
