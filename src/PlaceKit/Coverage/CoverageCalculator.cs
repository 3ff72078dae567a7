using PlaceKit.Homes;
using PlaceKit.Trimming;

namespace PlaceKit.Coverage;

/// <summary>The default <see cref="ICoverageCalculator"/>. O(n + p log p). Stateless and thread-safe.</summary>
public sealed class CoverageCalculator : ICoverageCalculator
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CoverageReport Calculate(HomeSet homes, IReadOnlyList<Place> places, IReadOnlyList<UnplacedHome> unplaced)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(unplaced);
        int a = homes.Authorities.Count;
        var total = new int[a];
        var totalWeight = new double[a];
        var weights = homes.Weights;
        var authorityOf = homes.AuthorityIndex;
        for (int i = 0; i < authorityOf.Length; i++)
        {
            total[authorityOf[i]]++;
            totalWeight[authorityOf[i]] += weights[i];
        }

        var index = new Dictionary<string, int>(a, StringComparer.Ordinal);
        for (int i = 0; i < a; i++) index[homes.Authorities[i]] = i;
        var placed = new int[a];
        var count = new int[a];
        var placedWeightOf = new double[a];
        var sizes = new int[places.Count];
        int placedHomes = 0;
        double placedWeight = 0;
        for (int p = 0; p < places.Count; p++)
        {
            placedWeight += places[p].Weight;
            placedWeightOf[index[places[p].Authority]] += places[p].Weight;
            int ai = index[places[p].Authority];
            sizes[p] = places[p].Homes;
            placed[ai] += sizes[p];
            count[ai]++;
            placedHomes += sizes[p];
        }

        // Homes of one trimmed cluster share one reason list: count homes per list, then expand each list once.
        var homesPerReasons = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (var u in unplaced) homesPerReasons[u.Reasons] = homesPerReasons.GetValueOrDefault(u.Reasons) + 1;
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reasons, homeCount) in homesPerReasons)
        {
            foreach (var rule in ((IReadOnlyList<Trimming.TrimReason>)reasons).Select(r => r.Rule).Distinct())
            {
                byRule[rule] = byRule.GetValueOrDefault(rule) + homeCount;
            }
        }

        var byAuthority = Enumerable.Range(0, a)
            .Select(i => new AuthorityCoverage(homes.Authorities[i], total[i], placed[i], count[i]) { TotalWeight = totalWeight[i], PlacedWeight = placedWeightOf[i] })
            .OrderBy(c => c.Authority, StringComparer.Ordinal)
            .ToArray();
        Array.Sort(sizes);
        int n = sizes.Length;
        return new CoverageReport
        {
            TotalHomes = homes.Count,
            PlacedHomes = placedHomes,
            TotalWeight = homes.TotalWeight,
            PlacedWeight = placedWeight,
            Places = n,
            MeanPlaceSize = n == 0 ? 0 : (double)placedHomes / n,
            MedianPlaceSize = n == 0 ? 0 : n % 2 == 1 ? sizes[n / 2] : (sizes[(n / 2) - 1] + sizes[n / 2]) / 2.0,
            MinPlaceSize = n == 0 ? 0 : sizes[0],
            MaxPlaceSize = n == 0 ? 0 : sizes[^1],
            ByAuthority = byAuthority,
            UnplacedByRule = byRule,
        };
    }
}
