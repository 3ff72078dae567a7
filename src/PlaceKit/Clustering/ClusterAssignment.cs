namespace PlaceKit.Clustering;

/// <summary>The clustering stage's result: each home's cluster, each cluster's authority and centre.</summary>
/// <remarks>
/// Cluster ids are 1-based and unique across the whole plan; an authority's clusters are consecutive
/// (<see cref="AuthorityClustering.FirstClusterId"/>). Index <c>c - 1</c> of the per-cluster lists is cluster <c>c</c>.
/// Immutable.
/// </remarks>
public sealed class ClusterAssignment
{
    private readonly int[] _clusterOfHome;
    private readonly int[] _authorityOfCluster;
    private readonly double[] _centreX;
    private readonly double[] _centreY;
    private readonly int[] _memberStart;
    private readonly int[] _members;

    /// <summary>Creates an assignment from columns (used by clusterers; the arrays are owned by the result afterwards).</summary>
    /// <param name="clusterOfHome">Each home's 1-based cluster id.</param>
    /// <param name="authorityOfCluster">Each cluster's authority index (index c - 1 for cluster c).</param>
    /// <param name="centreX">Each cluster's centre easting.</param>
    /// <param name="centreY">Each cluster's centre northing.</param>
    /// <param name="authorities">Per-authority run details.</param>
    /// <exception cref="ArgumentException">The columns disagree in length or a home has no valid cluster.</exception>
    public ClusterAssignment(int[] clusterOfHome, int[] authorityOfCluster, double[] centreX, double[] centreY, IReadOnlyList<AuthorityClustering> authorities)
    {
        ArgumentNullException.ThrowIfNull(clusterOfHome);
        ArgumentNullException.ThrowIfNull(authorityOfCluster);
        ArgumentNullException.ThrowIfNull(centreX);
        ArgumentNullException.ThrowIfNull(centreY);
        ArgumentNullException.ThrowIfNull(authorities);
        int k = authorityOfCluster.Length;
        if (centreX.Length != k || centreY.Length != k) throw new ArgumentException("Centre columns must have one entry per cluster.", nameof(centreX));
        _clusterOfHome = clusterOfHome;
        _authorityOfCluster = authorityOfCluster;
        _centreX = centreX;
        _centreY = centreY;
        Authorities = authorities;

        // Members by cluster (CSR), in input order within a cluster: one counting sort, O(n + k).
        _memberStart = new int[k + 1];
        foreach (int c in clusterOfHome)
        {
            if ((uint)(c - 1) >= (uint)k) throw new ArgumentException($"Cluster id {c} is outside [1-{k}].", nameof(clusterOfHome));
            _memberStart[c]++;
        }

        for (int c = 0; c < k; c++) _memberStart[c + 1] += _memberStart[c];
        _members = new int[clusterOfHome.Length];
        var next = _memberStart.AsSpan(0, k).ToArray();
        for (int i = 0; i < clusterOfHome.Length; i++) _members[next[clusterOfHome[i] - 1]++] = i;
    }

    /// <summary>The number of clusters.</summary>
    public int ClusterCount => _authorityOfCluster.Length;

    /// <summary>Each home's 1-based cluster id, in input order.</summary>
    public ReadOnlySpan<int> ClusterOfHome => _clusterOfHome;

    /// <summary>Each cluster's authority index into <see cref="Homes.HomeSet.Authorities"/> (index c - 1 for cluster c).</summary>
    public ReadOnlySpan<int> AuthorityOfCluster => _authorityOfCluster;

    /// <summary>Each cluster's centre easting, metres (index c - 1 for cluster c).</summary>
    public ReadOnlySpan<double> CentreX => _centreX;

    /// <summary>Each cluster's centre northing, metres (index c - 1 for cluster c).</summary>
    public ReadOnlySpan<double> CentreY => _centreY;

    /// <summary>Per-authority run details, in cluster-id order.</summary>
    public IReadOnlyList<AuthorityClustering> Authorities { get; }

    /// <summary>Total inertia over all authorities, m².</summary>
    public double TotalInertia
    {
        get
        {
            double sum = 0;
            foreach (var a in Authorities) sum += a.Inertia;
            return sum;
        }
    }

    /// <summary>The homes of a cluster, as indices in input order.</summary>
    /// <param name="clusterId">The 1-based cluster id.</param>
    /// <returns>The member indices.</returns>
    public ReadOnlySpan<int> MembersOf(int clusterId) => _members.AsSpan(_memberStart[clusterId - 1], _memberStart[clusterId] - _memberStart[clusterId - 1]);

    /// <summary>The number of homes in a cluster.</summary>
    /// <param name="clusterId">The 1-based cluster id.</param>
    /// <returns>The size.</returns>
    public int SizeOf(int clusterId) => _memberStart[clusterId] - _memberStart[clusterId - 1];
}
