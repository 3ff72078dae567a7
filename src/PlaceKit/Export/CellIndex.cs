using System.Numerics;

namespace PlaceKit.Export;

/// <summary>
/// Non-negative 64-bit keys (grid cells) numbered 0, 1, 2 … in order of first insertion: open addressing with linear
/// probing, a multiply-shift (Fibonacci) hash, at most half the slots full, growing by doubling.
/// </summary>
/// <remarks>
/// The report's grid search counts the distinct cells of millions of homes several times and then sums the homes of
/// each cell. A key and its number share one slot, so a probe touches one cache line; a
/// <see cref="Dictionary{TKey, TValue}"/> of long keeps buckets and entries apart and divides by a prime on every call
/// (the search and the sums took about 4 of the 5M report's 10 CPU seconds with a HashSet and a Dictionary).
/// Not thread-safe.
/// </remarks>
internal sealed class CellIndex
{
    private Slot[] _slots = [];
    private int _size; // slots in use: the first _size of _slots (a power of two)
    private int _shift;

    /// <summary>An empty index with room for <paramref name="capacity"/> keys before it grows.</summary>
    internal CellIndex(int capacity) => Clear(capacity);

    /// <summary>The number of distinct keys added.</summary>
    internal int Count { get; private set; }

    /// <summary>Empties the index, with room for <paramref name="capacity"/> keys before it grows.</summary>
    /// <remarks>
    /// Keeps its slots when they are large enough and clears only the part it will use, so clearing it for each of
    /// many small groups (the report's places) costs their size, not the largest group's, and allocates nothing.
    /// </remarks>
    internal void Clear(int capacity)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, capacity) * 2);
        if (_slots.Length < size) _slots = new Slot[size];
        else Array.Clear(_slots, 0, Math.Max(size, _size));
        _size = size;
        _shift = 64 - BitOperations.Log2((uint)size);
        Count = 0;
    }

    /// <summary>Adds the key if it is new; true when it was.</summary>
    internal bool Add(long key)
    {
        int before = Count;
        return GetOrAdd(key) == before;
    }

    /// <summary>The key's number: the one it was given, or the next one (<see cref="Count"/> before the call) when it is new.</summary>
    /// <param name="key">A key, at least 0.</param>
    internal int GetOrAdd(long key)
    {
        long stored = key + 1; // 0 marks an empty slot
        var slots = _slots;
        int mask = _size - 1;
        int at = (int)(((ulong)stored * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            ref var slot = ref slots[at];
            if (slot.Key == stored) return slot.Number;
            if (slot.Key == 0)
            {
                if ((Count + 1L) * 2 > _size)
                {
                    Grow();
                    return GetOrAdd(key);
                }

                slot = new Slot(stored, Count);
                return Count++;
            }

            at = (at + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _slots.AsSpan(0, _size);
        _size *= 2;
        _slots = new Slot[_size];
        _shift--;
        int mask = _size - 1;
        foreach (var slot in old)
        {
            if (slot.Key == 0) continue;
            int at = (int)(((ulong)slot.Key * 0x9E3779B97F4A7C15UL) >> _shift);
            while (_slots[at].Key != 0) at = (at + 1) & mask;
            _slots[at] = slot;
        }
    }

    /// <summary>A key plus one (0 = empty) and its number.</summary>
    private readonly record struct Slot(long Key, int Number);
}
