using PlaceKit.Homes;

namespace PlaceKit.Tests.Homes;

public class HomeSetTests
{
    [Fact]
    public void Create_IndexesAuthoritiesInOrderOfFirstAppearance()
    {
        var set = HomeSet.Create([new("a", 400000, 300000, "Z1"), new("b", 400001, 300000, "A1"), new("c", 400002, 300000, "Z1")]);
        Assert.Equal(["Z1", "A1"], set.Authorities);
        Assert.Equal([0, 1, 0], set.AuthorityIndex.ToArray());
        Assert.True(set.TryGetIndex("c", out int i));
        Assert.Equal(2, i);
        Assert.False(set.TryGetIndex("nope", out _));
    }

    [Fact]
    public void Create_Empty_Throws()
    {
        var ex = Assert.Throws<HomeDataException>(() => HomeSet.Create([]));
        Assert.Contains("there are no homes", ex.Message);
    }

    [Fact]
    public void Create_InfiniteCoordinateAndDuplicate_ListsBothWithPositions()
    {
        var ex = Assert.Throws<HomeDataException>(() => HomeSet.Create([new("a", double.PositiveInfinity, 300000, "E1"), new("b", 1, 1, "E1"), new("b", 2, 2, "E1")]));
        Assert.Equal(2, ex.TotalProblems);
        Assert.Equal((1, "X"), (ex.Problems[0].Line, ex.Problems[0].Field));
        Assert.Equal("duplicate id: also on line 2", ex.Problems[1].Message);
    }

    [Fact]
    public void Create_CustomProjection_UsesItsArea()
    {
        var utm = PlanarProjection.FromEpsg(32630);
        var set = HomeSet.Create([new("a", 500000, 5_700_000, "E1")], CoordinateKind.Projected, utm);
        Assert.Equal("EPSG:32630", set.Projection.Name);
        Assert.Throws<HomeDataException>(() => HomeSet.Create([new("a", 500000, 5_700_000, "E1")]));
    }
}
