// The steps below follow NetTopologySuite's ConcaveHull, HullTri, HullTriangulation and QuadEdgeSubdivision.VisitTriangles
// (https://github.com/NetTopologySuite/NetTopologySuite, BSD 3-Clause licence, Copyright (c) NetTopologySuite team), and
// its AlternativePriorityQueue, which is derived from BlueRaja's "High Speed Priority Queue for C#":
//   The MIT License (MIT). Copyright (c) 2013 Daniel "BlueRaja" Pflughoeft.
//   Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
//   documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
//   rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
//   persons to whom the Software is furnished to do so, subject to the following conditions: The above copyright notice
//   and this permission notice shall be included in all copies or substantial portions of the Software.
//   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
//   WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
//   COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
//   OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using NetTopologySuite.Triangulate.QuadEdge;

namespace PlaceKit.Territories;

/// <summary>
/// NetTopologySuite's concave hull by maximum edge length without holes (<c>ConcaveHull.ConcaveHullByLength</c>), the same
/// polygon coordinate for coordinate, with the triangles kept in flat arrays instead of one object each.
/// </summary>
/// <remarks>
/// <para>NetTopologySuite builds the hull in three steps: a Delaunay triangulation (<see cref="DelaunayTriangulationBuilder"/>),
/// a copy of its triangles as linked <c>HullTri</c> objects (<c>HullTriangulation.ToTris</c>: a visit of every triangle
/// through a hash set, then an edge dictionary to link neighbours), and the erosion of the border, longest boundary edge
/// first, keeping the hull one polygon. On a 1M-home stock the copy cost more than the triangulation and the erosion
/// together (2.0 s of 3.5 s in a profile of the territory stage), and the territory stage builds one hull per authority.</para>
/// <para>This class keeps the first step as it is (the same builder, so the same triangulation) and does the other two on
/// arrays, step for step as NetTopologySuite does them, so that ties resolve the same way: the triangles are numbered in
/// the order <c>QuadEdgeSubdivision.VisitTriangles</c> visits them (a stack walk from the frame's first edge), with the
/// same vertex order (clockwise, from the visiting edge's origin); the border queue is the same binary heap
/// (NetTopologySuite's <c>AlternativePriorityQueue</c>: longest boundary edge first, then largest area, equal keys in the
/// heap's own order), fed in the same order; a triangle leaves only if exactly one of its edges is on the border and the
/// vertex opposite it is interior (<c>HullTri.IsConnecting</c>); and the ring is traced from the first remaining border
/// triangle as <c>HullTriangulation.TraceBoundary</c> does. <c>LengthConcaveHullTests</c> checks the result equals
/// NetTopologySuite's exactly (same coordinates in the same order) on random, clustered, gridded and tied point sets.</para>
/// </remarks>
internal static class LengthConcaveHull
{
    /// <summary>The concave hull of <paramref name="geometry"/>'s points whose border edges are at most <paramref name="maxLength"/> long where the hull can be eroded (no holes).</summary>
    /// <param name="geometry">The points (any geometry; its coordinates are the sites).</param>
    /// <param name="maxLength">The longest border edge to keep (non-negative).</param>
    /// <returns>The same polygon as <c>ConcaveHull.ConcaveHullByLength(geometry, maxLength)</c>.</returns>
    internal static Geometry Of(Geometry geometry, double maxLength) => Of(geometry.Coordinates, geometry.Factory, maxLength);

    /// <summary>As <see cref="Of(Geometry, double)"/> for the points <paramref name="points"/>, without making a geometry of them.</summary>
    /// <param name="points">The points (not changed).</param>
    /// <param name="factory">The factory of the hull.</param>
    /// <param name="maxLength">The longest border edge to keep (non-negative).</param>
    internal static Geometry Of(Coordinate[] points, GeometryFactory factory, double maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (points.Length == 0) return factory.CreatePolygon();

        // As ConcaveHull's DelaunayTriangulationBuilder: the same coordinates, copied, sorted, repeats dropped, the same
        // frame and insertion order; only each site's walk starts near it (GridQuadEdgeLocator), which gives the same triangles.
        return Of(GridQuadEdgeLocator.Delaunay(points), points, factory, maxLength);
    }

    /// <summary>As <see cref="Of(Coordinate[], GeometryFactory, double)"/> from a Delaunay triangulation of <paramref name="points"/> made as <see cref="DelaunayTriangulationBuilder"/> makes it.</summary>
    /// <param name="triangulation">The triangulation of the points' distinct coordinates, with the builder's frame.</param>
    /// <param name="points">The points (for the convex hull when there is no triangle).</param>
    /// <param name="factory">The factory of the hull.</param>
    /// <param name="maxLength">The longest border edge to keep (non-negative).</param>
    internal static Geometry Of(QuadEdgeSubdivision triangulation, Coordinate[] points, GeometryFactory factory, double maxLength)
    {
        var tris = new Tris(triangulation);
        if (tris.Count == 0) return new ConvexHull([.. points], factory).GetConvexHull();
        tris.ErodeBorder(maxLength);
        return tris.Outline(factory);
    }

    private static object[] s_boxes = [];

    /// <summary>The numbers 0 to at least <paramref name="count"/> - 1, boxed once for every hull (boxes are immutable, so threads share them).</summary>
    private static object[] Boxes(int count)
    {
        var boxes = Volatile.Read(ref s_boxes);
        if (boxes.Length >= count) return boxes;
        var grown = new object[Math.Max(count, 2 * boxes.Length)];
        Array.Copy(boxes, grown, boxes.Length);
        for (int k = boxes.Length; k < grown.Length; k++) grown[k] = k;
        Volatile.Write(ref s_boxes, grown);
        return grown;
    }

    /// <summary>The triangles of a triangulation (frame excluded), clockwise, with their neighbours.</summary>
    private sealed class Tris
    {
        private readonly Coordinate[] _corner;   // 3 per triangle
        private readonly int[] _adjacent;        // 3 per triangle: the triangle across edge (i, i+1), or -1
        private double[] _size = [];
        private bool[] _removed = [];
        private Heap _queue = null!;

        internal int Count { get; }

        /// <summary>Numbers the triangles as <c>VisitTriangles</c> visits them and links them as <c>TriangulationBuilder</c> does.</summary>
        internal Tris(QuadEdgeSubdivision subdivision)
        {
            var edges = subdivision.GetEdges();
            int directed = 2 * edges.Count;

            // The frame's vertices are those of the subdivision's first two edges (its starting edge and the next).
            var f0 = edges[0].Orig;
            var f1 = edges[0].Dest;
            var f2 = edges[1].Dest;
            bool IsFrame(Vertex v) => ReferenceEquals(v, f0) || ReferenceEquals(v, f1) || ReferenceEquals(v, f2);

            // Each directed edge's number, kept as the data of its dual: the primary edge k is 2k, its reverse 2k + 1.
            var boxes = Boxes(directed);
            for (int k = 0; k < edges.Count; k++)
            {
                edges[k].Rot.Data = boxes[2 * k];
                edges[k].Sym.Rot.Data = boxes[(2 * k) + 1];
            }

            static int Id(QuadEdge e) => (int)e.Rot.Data;

            // Every face is a triangle with three directed edges, so there are at most directed / 3 of them.
            _corner = new Coordinate[directed];
            _adjacent = new int[directed];
            var visited = new bool[directed];
            var faceOf = new int[directed];
            Array.Fill(faceOf, -1);
            var stack = new Stack<QuadEdge>(directed);
            stack.Push(edges[0]);
            var triEdges = new QuadEdge[3];
            while (stack.Count > 0)
            {
                var edge = stack.Pop();
                if (visited[Id(edge)]) continue;
                var current = edge;
                int count = 0;
                bool frame = false;
                do
                {
                    if (count == 3) throw new InvalidOperationException("the triangulation has a face that is not a triangle.");
                    triEdges[count++] = current;
                    if (IsFrame(current.Orig) || IsFrame(current.Dest)) frame = true;
                    var sym = current.Sym;
                    if (!visited[Id(sym)]) stack.Push(sym);
                    visited[Id(current)] = true;
                    current = current.LNext;
                }
                while (!ReferenceEquals(current, edge));

                if (frame) continue;
                int t = Count++, at = 3 * t;
                var p0 = triEdges[0].Orig.Coordinate;
                var p1 = triEdges[1].Orig.Coordinate;
                var p2 = triEdges[2].Orig.Coordinate;

                // Clockwise as HullTri: (p0, p2, p1) when the face is anticlockwise, whose edge 0 is p0-p2 (along
                // triEdges[2]), edge 1 p2-p1 (triEdges[1]) and edge 2 p1-p0 (triEdges[0]). Until linked below, _adjacent
                // holds the number of the reverse edge, whose face is the neighbour.
                bool ccw = Triangle.IsCCW(p0, p1, p2);
                _corner[at] = p0;
                _corner[at + 1] = ccw ? p2 : p1;
                _corner[at + 2] = ccw ? p1 : p2;
                _adjacent[at] = Id(triEdges[ccw ? 2 : 0].Sym);
                _adjacent[at + 1] = Id(triEdges[1].Sym);
                _adjacent[at + 2] = Id(triEdges[ccw ? 0 : 2].Sym);
                for (int i = 0; i < 3; i++) faceOf[Id(triEdges[i])] = t;
            }

            for (int j = 0; j < 3 * Count; j++) _adjacent[j] = faceOf[_adjacent[j]];
            for (int k = 0; k < edges.Count; k++)
            {
                edges[k].Rot.Data = null;
                edges[k].Sym.Rot.Data = null;
            }
        }

        /// <summary>Removes border triangles, longest boundary edge first, while that edge is at least <paramref name="maxLength"/> long (<c>ConcaveHull.ComputeHullBorder</c>).</summary>
        internal void ErodeBorder(double maxLength)
        {
            _size = new double[Count];
            _removed = new bool[Count];
            _queue = new Heap(Count, this);
            for (int t = 0; t < Count; t++) AddBorder(t);
            while (_queue.Count > 0)
            {
                int t = _queue.Dequeue();
                if (_size[t] < maxLength) break;
                if (NumAdjacent(t) != 2 || IsConnecting(t)) continue;
                int a0 = Adjacent(t, 0), a1 = Adjacent(t, 1), a2 = Adjacent(t, 2);
                Remove(t);
                AddBorder(a0);
                AddBorder(a1);
                AddBorder(a2);
            }
        }

        /// <summary>The remaining triangles' outline (<c>HullTriangulation.TraceBoundaryPolygon</c>).</summary>
        internal Polygon Outline(GeometryFactory factory)
        {
            int live = 0, only = -1;
            for (int t = 0; t < Count; t++)
            {
                if (_removed[t]) continue;
                live++;
                only = t;
            }

            if (live == 1)
            {
                return factory.CreatePolygon(factory.CreateLinearRing([Corner(only, 0).Copy(), Corner(only, 1).Copy(), Corner(only, 2).Copy(), Corner(only, 0).Copy()]), null);
            }

            int start = -1;
            for (int t = 0; t < Count && start < 0; t++)
            {
                if (!_removed[t] && (IsBoundary(t, 0) || IsBoundary(t, 1) || IsBoundary(t, 2))) start = t;
            }

            if (start < 0) throw new InvalidOperationException("no border triangles found.");
            var ring = new CoordinateList();
            int tri = start;
            do
            {
                int border = BoundaryIndexCcw(tri);
                ring.Add(Corner(tri, border).Copy(), false);
                int next = Next(border);
                if (IsBoundary(tri, next)) ring.Add(Corner(tri, next).Copy(), false);
                tri = NextBorderTri(tri);
            }
            while (tri != start);

            ring.CloseRing();
            return factory.CreatePolygon(ring.ToCoordinateArray());
        }

        private Coordinate Corner(int t, int i) => _corner[(3 * t) + i];

        private int Adjacent(int t, int i) => _adjacent[(3 * t) + i];

        private bool IsBoundary(int t, int i) => _adjacent[(3 * t) + i] < 0;

        private int NumAdjacent(int t) => (IsBoundary(t, 0) ? 0 : 1) + (IsBoundary(t, 1) ? 0 : 1) + (IsBoundary(t, 2) ? 0 : 1);

        /// <summary>Which of <paramref name="t"/>'s edges has <paramref name="other"/> across it (<c>Tri.GetIndex</c>), or -1.</summary>
        private int IndexOf(int t, int other) => Adjacent(t, 0) == other ? 0 : Adjacent(t, 1) == other ? 1 : Adjacent(t, 2) == other ? 2 : -1;

        private static int Next(int i) => i == 2 ? 0 : i + 1;

        private static int Prev(int i) => i == 0 ? 2 : i - 1;

        private void AddBorder(int t)
        {
            if (t < 0 || NumAdjacent(t) != 2) return;
            double length = 0.0;
            for (int i = 0; i < 3; i++)
            {
                if (IsBoundary(t, i)) length += Corner(t, i).Distance(Corner(t, Next(i)));
            }

            _size[t] = length;
            _queue.Enqueue(t);
        }

        /// <summary>Whether removing <paramref name="t"/> (two neighbours) would pinch the hull: the vertex between its two linked edges is not interior.</summary>
        private bool IsConnecting(int t)
        {
            int vertex = !IsBoundary(t, 0) && !IsBoundary(t, 1) ? 1 : !IsBoundary(t, 1) && !IsBoundary(t, 2) ? 2 : !IsBoundary(t, 2) && !IsBoundary(t, 0) ? 0 : -1;
            return !IsInteriorVertex(t, vertex);
        }

        /// <summary>Whether the triangles around <paramref name="t"/>'s vertex <paramref name="index"/> close a full turn (<c>Tri.IsInteriorVertex</c>).</summary>
        private bool IsInteriorVertex(int t, int index)
        {
            int current = t, currentIndex = index;
            do
            {
                int adjacent = Adjacent(current, currentIndex);
                if (adjacent < 0) return false;
                int back = IndexOf(adjacent, current);
                if (back < 0) throw new InvalidOperationException("inconsistent adjacency: not a valid triangulation.");
                current = adjacent;
                currentIndex = Next(back);
            }
            while (current != t);
            return true;
        }

        private void Remove(int t)
        {
            for (int i = 0; i < 3; i++)
            {
                int adjacent = Adjacent(t, i);
                if (adjacent < 0) continue;
                _adjacent[(3 * adjacent) + IndexOf(adjacent, t)] = -1;
                _adjacent[(3 * t) + i] = -1;
            }

            _removed[t] = true;
        }

        private int BoundaryIndex(int t) => IsBoundary(t, 0) ? 0 : IsBoundary(t, 1) ? 1 : IsBoundary(t, 2) ? 2 : -1;

        private int BoundaryIndexCcw(int t)
        {
            int index = BoundaryIndex(t);
            if (index < 0) return -1;
            int previous = Prev(index);
            return IsBoundary(t, previous) ? previous : index;
        }

        private int BoundaryIndexCw(int t)
        {
            int index = BoundaryIndex(t);
            if (index < 0) return -1;
            int next = Next(index);
            return IsBoundary(t, next) ? next : index;
        }

        /// <summary>The next border triangle anticlockwise around the vertex at the end of <paramref name="start"/>'s border (<c>HullTriangulation.NextBorderTri</c>).</summary>
        private int NextBorderTri(int start)
        {
            int tri = start;
            int index = Next(BoundaryIndexCw(tri));
            do
            {
                int adjacent = Adjacent(tri, index);
                if (adjacent == tri || adjacent < 0) throw new InvalidOperationException("no outgoing border edge found.");
                index = Next(IndexOf(adjacent, tri));
                tri = adjacent;
            }
            while (!IsBoundary(tri, index));
            return tri;
        }

        /// <summary>Whether <paramref name="a"/> comes out of the queue before <paramref name="b"/>: larger size, then larger area (<c>HullTri.CompareTo</c>).</summary>
        internal bool Before(int a, int b)
        {
            double sa = _size[a], sb = _size[b];
            return sa == sb ? Area(a).CompareTo(Area(b)) > 0 : sa.CompareTo(sb) > 0;
        }

        private double Area(int t) => Triangle.Area(Corner(t, 0), Corner(t, 1), Corner(t, 2));
    }

    /// <summary>
    /// NetTopologySuite's <c>AlternativePriorityQueue</c> (a 1-based binary min-heap, after BlueRaja's "High Speed Priority
    /// Queue for C#", MIT) over triangle numbers, step for step, so equal keys come out in the same order.
    /// </summary>
    private sealed class Heap(int capacity, Tris tris)
    {
        private readonly int[] _nodes = new int[capacity + 2];
        private readonly int[] _position = new int[capacity];

        internal int Count { get; private set; }

        internal void Enqueue(int node)
        {
            _position[node] = ++Count;
            _nodes[Count] = node;
            HeapifyUp(node);
        }

        internal int Dequeue()
        {
            int head = _nodes[1];
            if (Count <= 1)
            {
                Count = 0;
                return head;
            }

            int formerLast = _nodes[Count];
            bool swapped = false;
            if (_position[head] != Count)
            {
                Swap(head, formerLast);
                swapped = true;
            }

            Count--;
            if (swapped) OnNodeUpdated(formerLast);
            return head;
        }

        private bool Higher(int a, int b) => tris.Before(a, b);

        private void HeapifyUp(int node)
        {
            int parent = _position[node] / 2;
            while (parent >= 1)
            {
                int parentNode = _nodes[parent];
                if (Higher(parentNode, node)) break;
                Swap(node, parentNode);
                parent = _position[node] / 2;
            }
        }

        private void HeapifyDown(int node)
        {
            int final = _position[node];
            while (true)
            {
                int newParent = node;
                int left = 2 * final;
                if (left > Count)
                {
                    _position[node] = final;
                    _nodes[final] = node;
                    return;
                }

                if (Higher(_nodes[left], newParent)) newParent = _nodes[left];
                int right = left + 1;
                if (right <= Count && Higher(_nodes[right], newParent)) newParent = _nodes[right];
                if (newParent == node)
                {
                    _position[node] = final;
                    _nodes[final] = node;
                    return;
                }

                _nodes[final] = newParent;
                (_position[newParent], final) = (final, _position[newParent]);
            }
        }

        private void OnNodeUpdated(int node)
        {
            int parentIndex = _position[node] / 2;
            if (parentIndex > 0 && Higher(node, _nodes[parentIndex])) HeapifyUp(node);
            else HeapifyDown(node);
        }

        private void Swap(int a, int b)
        {
            _nodes[_position[a]] = b;
            _nodes[_position[b]] = a;
            (_position[a], _position[b]) = (_position[b], _position[a]);
        }
    }
}
