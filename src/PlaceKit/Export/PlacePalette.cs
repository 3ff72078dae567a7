using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using PlaceKit.Planning;
using PlaceKit.Trimming;

namespace PlaceKit.Export;

/// <summary>Colours for the places on a map (the report's, the studio's), chosen so that neighbouring places differ.</summary>
/// <remarks>
/// Two places are neighbours when their hulls lie within <see cref="NeighbourDistanceMeters"/> of each other (an
/// STR-tree on the hull envelopes finds the candidates, NetTopologySuite measures the distance). The neighbour graph
/// is coloured greedily, most-connected place first (ties by place index), each place taking the first palette colour
/// no coloured neighbour has. Deterministic: the same plan gives the same colours. Costs O(n log n) for sparse
/// neighbourhoods. When a place has more coloured neighbours than there are colours, it takes the colour its
/// neighbours use least (ties to the lowest index).
/// </remarks>
public static class PlacePalette
{
    /// <summary>Hulls closer than this many metres count as neighbours.</summary>
    internal const double NeighbourDistanceMeters = 6_000;

    /// <summary>Twelve colours that stay apart for common colour-vision deficiencies (Tableau 10 and two more), readable on white.</summary>
    internal static readonly string[] Colours =
    [
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2",
        "#edc948", "#9c755f", "#ff9da7", "#2f6f9f", "#8cd17d", "#d37295",
    ];

    /// <summary>The palette, as CSS hex colours: twelve colours that stay apart for common colour-vision deficiencies.</summary>
    public static IReadOnlyList<string> Palette => Colours;

    /// <summary>Each place's colour (a CSS hex colour), keeping the colour each place had before where one is given, so that a map redrawn after an edit does not repaint unchanged places.</summary>
    /// <param name="places">The places.</param>
    /// <param name="previous">Colours by place id from an earlier plan; <see langword="null"/> or empty to colour from scratch (as <c>report.html</c> does).</param>
    /// <returns>Each place's colour, by place index: a place with a previous colour keeps it; the others take, most-connected first, the palette colour their already coloured neighbours use least (ties to the palette's order).</returns>
    /// <remarks>Deterministic for the same places and previous colours. O(p log p) for sparse neighbourhoods.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="places"/> is null.</exception>
    public static IReadOnlyList<string> Assign(IReadOnlyList<Place> places, IReadOnlyDictionary<string, string>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(places);
        var hulls = new Geometry[places.Count];
        for (int i = 0; i < hulls.Length; i++) hulls[i] = places[i].Score.Hull;
        var fixedColour = new int[places.Count];
        Array.Fill(fixedColour, -1);
        if (previous is { Count: > 0 })
        {
            for (int i = 0; i < places.Count; i++)
            {
                if (previous.TryGetValue(places[i].Id, out var c)) fixedColour[i] = Array.IndexOf(Colours, c);
            }
        }

        var colour = Colour(Neighbours(hulls, NeighbourDistanceMeters), Colours.Length, fixedColour);
        var result = new string[colour.Length];
        for (int i = 0; i < result.Length; i++) result[i] = Colours[colour[i]];
        return result;
    }

    /// <summary>The neighbours of each place, as sorted place indices.</summary>
    /// <param name="hulls">Each place's hull in planar metres.</param>
    /// <param name="distance">The neighbour distance, metres.</param>
    /// <returns>For each place, its neighbours' indices in ascending order.</returns>
    internal static int[][] Neighbours(IReadOnlyList<Geometry> hulls, double distance)
    {
        var tree = new STRtree<int>();
        for (int i = 0; i < hulls.Count; i++) tree.Insert(hulls[i].EnvelopeInternal, i);
        tree.Build();
        var result = new int[hulls.Count][];
        var found = new List<int>();
        for (int i = 0; i < hulls.Count; i++)
        {
            var env = new Envelope(hulls[i].EnvelopeInternal);
            env.ExpandBy(distance);
            found.Clear();
            foreach (int j in tree.Query(env))
            {
                if (j != i && hulls[i].IsWithinDistance(hulls[j], distance)) found.Add(j);
            }

            found.Sort();
            result[i] = [.. found];
        }

        return result;
    }

    /// <summary>Greedy colouring of a neighbour graph.</summary>
    /// <param name="neighbours">For each node, its neighbours (symmetric).</param>
    /// <param name="colours">How many colours there are, at least 1.</param>
    /// <returns>Each node's colour index in [0, colours).</returns>
    internal static int[] Colour(int[][] neighbours, int colours) => Colour(neighbours, colours, null);

    /// <summary>Greedy colouring of a neighbour graph where some nodes keep a given colour.</summary>
    /// <param name="neighbours">For each node, its neighbours (symmetric).</param>
    /// <param name="colours">How many colours there are, at least 1.</param>
    /// <param name="fixedColour">For each node, the colour it keeps, or -1 to choose one; null when none is fixed.</param>
    /// <returns>Each node's colour index in [0, colours).</returns>
    internal static int[] Colour(int[][] neighbours, int colours, int[]? fixedColour)
    {
        int n = neighbours.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => neighbours[a].Length != neighbours[b].Length ? neighbours[b].Length.CompareTo(neighbours[a].Length) : a.CompareTo(b));
        var colour = new int[n];
        Array.Fill(colour, -1);
        if (fixedColour is not null)
        {
            for (int i = 0; i < n; i++)
            {
                if ((uint)fixedColour[i] < (uint)colours) colour[i] = fixedColour[i];
            }
        }

        var used = new int[colours];
        foreach (int node in order)
        {
            if (colour[node] >= 0) continue;
            Array.Clear(used);
            foreach (int m in neighbours[node])
            {
                if (colour[m] >= 0) used[colour[m]]++;
            }

            int best = 0;
            for (int c = 1; c < colours; c++)
            {
                if (used[c] < used[best]) best = c;
            }

            colour[node] = best;
        }

        return colour;
    }

    /// <summary>Each place's colour (a CSS hex colour), neighbouring places differing where the palette allows.</summary>
    /// <param name="places">The places.</param>
    /// <returns>Each place's colour, by place index.</returns>
    internal static string[] For(IReadOnlyList<Place> places) => [.. Assign(places)];
}
