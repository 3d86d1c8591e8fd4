using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Core.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void Create_copies_and_compares_by_content()
    {
        var features = new double[,] { { 1, 2 }, { 3, 4 } };
        var a = Dataset.Create(features, [0, 1], "test");
        features[0, 0] = 99;
        Assert.Equal(1, a[0, 0]);
        Assert.Equal(a, Dataset.Create(new double[,] { { 1, 2 }, { 3, 4 } }, [0, 1], "test"));
        Assert.NotEqual(a, Dataset.Create(new double[,] { { 1, 2 }, { 3, 5 } }, [0, 1], "test"));
        Assert.Contains("3 labels for 2 rows", Assert.Throws<ArgumentException>(() => Dataset.Create(new double[2, 1], [0, 1, 2], "x")).Message);
    }

    [Fact]
    public void Sphere_normalization_centers_then_projects()
    {
        var data = Dataset.Create(new double[,] { { 1, 1, 0 }, { 3, 1, 0 }, { 2, 4, 0 } }, null, "pts");
        var sphere = data.ToUnitSphere();
        // Mean (2, 2, 0): centered rows (−1, −1, 0), (1, −1, 0), (0, 2, 0).
        Assert.Equal([-1 / Math.Sqrt(2), -1 / Math.Sqrt(2), 0], sphere.Row(0), new Tolerance());
        Assert.Equal([0, 1, 0], sphere.Row(2), new Tolerance());
        var withCenter = data.ToUnitSphere([0, 1, 0]);
        Assert.Equal([1, 0, 0], withCenter.Row(1), new Tolerance());
        Assert.Contains("row 0 of pts equals the center", Assert.Throws<InvalidOperationException>(() => data.ToUnitSphere([1, 1, 0])).Message);
        Assert.Contains("has no labels", Assert.Throws<InvalidOperationException>(() => data.SelectClasses([0])).Message);
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-14;
        public int GetHashCode(double obj) => 0;
    }
}
