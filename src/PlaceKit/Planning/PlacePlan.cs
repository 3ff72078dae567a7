using System.Diagnostics.CodeAnalysis;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Homes;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>
/// The result of defining places: ranked places, trimmed clusters with reasons, unplaced homes with reasons,
/// coverage, and the options and seed that made it.
/// </summary>
/// <remarks>
/// Invariant: every input home is in exactly one place or in <see cref="Unplaced"/>. Immutable and thread-safe.
/// </remarks>
public sealed class PlacePlan
{
    private readonly int[] _clusterOfHome;
    private readonly int[] _placeOfHome;
    private readonly int[] _placeMemberStart;
    private readonly int[] _placeMembers;
    private readonly Lazy<TerritoryMap> _territories;
    private readonly StageTimings _timings;
    private TimeSpan _territoryTime;
    private Dictionary<string, int>? _placeIndexById;
    private PlacePlan? _territoryBasis;

    internal PlacePlan(PlanStages stages, HomeSet homes, int[] clusterOfHome, int[] placeOfHome, IReadOnlyList<ClusterScore> clusters,
        IReadOnlyList<AuthorityClustering> authorities, IReadOnlyList<Place> places, IReadOnlyList<TrimmedCluster> trimmed,
        IReadOnlyList<UnplacedHome> unplaced, CoverageReport coverage, PlaceKitOptions options, StageTimings timings,
        IReadOnlyList<ReassignedHome>? reassigned = null)
    {
        Stages = stages;
        _territories = new Lazy<TerritoryMap>(BuildTerritories, LazyThreadSafetyMode.ExecutionAndPublication);
        Reassigned = reassigned ?? [];
        Homes = homes;
        _clusterOfHome = clusterOfHome;
        _placeOfHome = placeOfHome;
        Clusters = clusters;
        Authorities = authorities;
        Places = places;
        Trimmed = trimmed;
        Unplaced = unplaced;
        Coverage = coverage;
        Options = options;
        _timings = timings;

        _placeMemberStart = new int[places.Count + 1];
        foreach (int p in placeOfHome)
        {
            if (p >= 0) _placeMemberStart[p + 1]++;
        }

        for (int p = 0; p < places.Count; p++) _placeMemberStart[p + 1] += _placeMemberStart[p];
        _placeMembers = new int[_placeMemberStart[^1]];
        var next = _placeMemberStart.AsSpan(0, places.Count).ToArray();
        for (int i = 0; i < placeOfHome.Length; i++)
        {
            if (placeOfHome[i] >= 0) _placeMembers[next[placeOfHome[i]]++] = i;
        }
    }

    /// <summary>The input homes, in input order.</summary>
    public HomeSet Homes { get; }

    /// <summary>Every cluster's score, in cluster-id order (index c - 1 for cluster c), kept or trimmed.</summary>
    public IReadOnlyList<ClusterScore> Clusters { get; }

    /// <summary>How each authority was clustered (k, inertia, iterations, and in <see cref="AuthorityClustering.Note"/> any size bound it could not meet), in cluster-id order.</summary>
    public IReadOnlyList<AuthorityClustering> Authorities { get; }

    /// <summary>The places, by rank (tightest first).</summary>
    public IReadOnlyList<Place> Places { get; }

    /// <summary>Clusters not kept as places, by rank, each with the rules it broke.</summary>
    public IReadOnlyList<TrimmedCluster> Trimmed { get; }

    /// <summary>Homes in no place, in input order, each with the reasons.</summary>
    public IReadOnlyList<UnplacedHome> Unplaced { get; }

    /// <summary>Homes of trimmed clusters that joined a place (<see cref="TrimmingOptions.Reassign"/>), in input order; empty when off.</summary>
    public IReadOnlyList<ReassignedHome> Reassigned { get; }

    /// <summary>Coverage figures.</summary>
    public CoverageReport Coverage { get; }

    /// <summary>A copy of the options that made the plan.</summary>
    public PlaceKitOptions Options { get; }

    /// <summary>The seed that made the plan.</summary>
    public int Seed => Options.Seed;

    /// <summary>Time spent in each stage.</summary>
    public StageTimings Timings => _territories.IsValueCreated ? _timings with { Territories = _territoryTime } : _timings;

    /// <summary>Each place's territory (the part of its authority its homes are nearest) and each authority's area and no-place area.</summary>
    /// <remarks>
    /// Built by the territory stage this plan was made with (<see cref="PlanStages.Territories"/>;
    /// <see cref="VoronoiTerritoryBuilder"/> by default) with <see cref="PlaceKitOptions.Territories"/>, once, when first
    /// read: <see cref="IPlaceDefiner.Define"/> builds it as a timed stage; a plan from edits, a re-run, a sweep or a
    /// loaded file builds it on first use. Thread-safe.
    /// </remarks>
    public TerritoryMap Territories => _territories.Value;

    private TerritoryMap BuildTerritories()
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var basis = _territoryBasis;
        _territoryBasis = null;
        var map = basis is not null && basis._territories.IsValueCreated
            ? IncrementalTerritories.Build(Stages.Territories, this, _placeOfHome, basis, basis._placeOfHome)
            : Stages.Territories.Build(Homes, Places, _placeOfHome, Options.Territories, Options.MaxDegreeOfParallelism);
        _territoryTime = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        return map;
    }

    /// <summary>
    /// Lets this plan build its territories from <paramref name="basis"/>'s, rebuilding only the authorities whose homes
    /// changed place (<see cref="IncrementalTerritories"/>), when both plans share the homes, the territory stage and the
    /// territory options, and <paramref name="basis"/>'s territories are already built (so no chain of plans is kept).
    /// Otherwise (or when not called) the territories are built whole; the result is the same either way.
    /// </summary>
    internal void BuildTerritoriesFrom(PlacePlan basis)
    {
        if (ReferenceEquals(basis.Homes, Homes) && ReferenceEquals(basis.Stages.Territories, Stages.Territories)
            && Equals(basis.Options.Territories, Options.Territories) && basis._territories.IsValueCreated && !_territories.IsValueCreated)
        {
            _territoryBasis = basis;
        }
    }

    /// <summary>The people's edits applied to the defined plan, oldest first; empty for a plan straight from the maths.</summary>
    /// <remarks>Kept in <c>plan.json</c> and re-applied, where still valid, when a changed stock is re-run from this plan.</remarks>
    public IReadOnlyList<PlanEdit> Edits { get; internal init; } = [];

    /// <summary>The stages the plan was made (or loaded) with; its edits and re-runs use them too.</summary>
    internal PlanStages Stages { get; }

    /// <summary>The plan as the maths defined it, before <see cref="Edits"/>; null when there are no edits.</summary>
    internal PlacePlan? Unedited { get; init; }

    /// <summary>Total inertia of the clustering (sum over authorities), m².</summary>
    public double TotalInertia
    {
        get
        {
            double sum = 0;
            foreach (var a in Authorities) sum += a.Inertia;
            return sum;
        }
    }

    /// <summary>Each home's 1-based cluster id, in input order (for a reassigned home, the place's cluster).</summary>
    public ReadOnlySpan<int> ClusterOfHome => _clusterOfHome;

    /// <summary>The array behind <see cref="ClusterOfHome"/> (not a copy: callers only read it), for <c>plan.json</c>.</summary>
    internal int[] ClusterOfHomeArray => _clusterOfHome;

    /// <summary>Each home's index into <see cref="Places"/>, or -1 when unplaced, in input order.</summary>
    public ReadOnlySpan<int> PlaceIndexOfHome => _placeOfHome;

    /// <summary>The place of a home, or <see langword="null"/> when it is unplaced.</summary>
    /// <param name="homeIndex">The home's 0-based index.</param>
    /// <returns>The place, or null.</returns>
    public Place? PlaceOf(int homeIndex) => _placeOfHome[homeIndex] < 0 ? null : Places[_placeOfHome[homeIndex]];

    /// <summary>The homes of a place, as 0-based indices in input order.</summary>
    /// <param name="placeIndex">The place's index in <see cref="Places"/>.</param>
    /// <returns>The member indices.</returns>
    public ReadOnlySpan<int> HomesOf(int placeIndex) =>
        _placeMembers.AsSpan(_placeMemberStart[placeIndex], _placeMemberStart[placeIndex + 1] - _placeMemberStart[placeIndex]);

    /// <summary>The place with this id.</summary>
    /// <param name="placeId">The place id, e.g. <c>P3</c> (ordinal, case-sensitive).</param>
    /// <returns>The place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="placeId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No place has this id; the message names it and the plan's ids.</exception>
    public Place GetPlace(string placeId) => Places[IndexOfPlace(placeId)];

    /// <summary>Looks a place up by id.</summary>
    /// <param name="placeId">The place id, e.g. <c>P3</c> (ordinal, case-sensitive).</param>
    /// <param name="place">The place, or null when no place has this id.</param>
    /// <returns>Whether the plan has a place with this id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="placeId"/> is null.</exception>
    public bool TryGetPlace(string placeId, [NotNullWhen(true)] out Place? place)
    {
        ArgumentNullException.ThrowIfNull(placeId);
        place = PlaceIndexById().TryGetValue(placeId, out int p) ? Places[p] : null;
        return place is not null;
    }

    /// <summary>The place of a home, by the home's id, or <see langword="null"/> when the home is unplaced.</summary>
    /// <param name="homeId">The home's id.</param>
    /// <returns>The place, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="homeId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No home has this id.</exception>
    public Place? PlaceOf(string homeId)
    {
        ArgumentNullException.ThrowIfNull(homeId);
        if (!Homes.TryGetIndex(homeId, out int index)) throw new KeyNotFoundException($"No home has the id '{homeId}'.");
        return PlaceOf(index);
    }

    /// <summary>The homes of a place, as 0-based indices into <see cref="Homes"/> in input order: a list to keep, unlike <see cref="HomesOf(int)"/>.</summary>
    /// <param name="placeId">The place id.</param>
    /// <returns>A new list of the member indices; O(homes of the place).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="placeId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No place has this id.</exception>
    public IReadOnlyList<int> HomeIndicesOf(string placeId) => Array.AsReadOnly(HomesOf(IndexOfPlace(placeId)).ToArray());

    /// <summary>The homes of a place as records (id, coordinates, authority), in input order.</summary>
    /// <remarks>
    /// Coordinates are the plan's planar metres (<see cref="HomeSet.Projection"/>; for British National Grid input,
    /// the easting and northing as read), as <see cref="HomeSet.this[int]"/> gives them. O(homes of the place).
    /// </remarks>
    /// <param name="placeId">The place id, e.g. <c>P3</c>.</param>
    /// <returns>A new list of the place's homes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="placeId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No place has this id.</exception>
    public IReadOnlyList<Home> HomesIn(string placeId)
    {
        var members = HomesOf(IndexOfPlace(placeId));
        var homes = new Home[members.Length];
        for (int k = 0; k < homes.Length; k++) homes[k] = Homes[members[k]];
        return Array.AsReadOnly(homes);
    }

    /// <summary>The homes of a place as records (id, coordinates, authority), in input order.</summary>
    /// <param name="place">A place of this plan.</param>
    /// <returns>A new list of the place's homes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="place"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The plan has no place with this place's id.</exception>
    public IReadOnlyList<Home> HomesIn(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return HomesIn(place.Id);
    }

    private int IndexOfPlace(string placeId)
    {
        ArgumentNullException.ThrowIfNull(placeId);
        if (PlaceIndexById().TryGetValue(placeId, out int p)) return p;
        string ids = Places.Count == 0 ? "the plan has no places"
            : "its places are " + string.Join(", ", Places.Take(5).Select(x => x.Id)) + (Places.Count > 5 ? $", ... {Places[^1].Id} ({Places.Count} in all)" : "");
        throw new KeyNotFoundException($"No place has the id '{placeId}'; {ids}.");
    }

    private Dictionary<string, int> PlaceIndexById() => LazyInitializer.EnsureInitialized(ref _placeIndexById, () =>
    {
        var map = new Dictionary<string, int>(Places.Count, StringComparer.Ordinal);
        for (int p = 0; p < Places.Count; p++) map[Places[p].Id] = p;
        return map;
    });
}
