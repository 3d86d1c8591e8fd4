using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class KernelMatrixTests
{
    private static double Rbf(double nx, double ny, double dot) => Math.Exp(-(nx + ny - 2 * dot) / 2);

    [Fact]
    public void Gram_matrix_matches_a_direct_loop_and_is_symmetric()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 37).Select(_ => new[] { random.NextDouble(), random.NextDouble() * 3, -random.NextDouble() }).ToArray();
        var k = KernelMatrix.Build(points, Rbf);
        for (int i = 0; i < points.Length; i++)
            for (int j = 0; j < points.Length; j++)
            {
                double d2 = 0;
                for (int c = 0; c < 3; c++) d2 += (points[i][c] - points[j][c]) * (points[i][c] - points[j][c]);
                Assert.Equal(Math.Exp(-d2 / 2), k[i, j], 1e-13);
                Assert.Equal(k[j, i], k[i, j]);
            }
    }

    [Fact]
    public void Cross_matrix_is_test_by_train_and_agrees_with_the_gram_matrix_of_the_union()
    {
        var random = new Random(5);
        var points = SphereSampler.Uniform(4, 30, random);
        var all = KernelMatrix.Build(points, Math.Exp);
        var cross = KernelMatrix.Cross(points[20..], points[..20], Math.Exp);
        Assert.Equal(10, cross.GetLength(0));
        Assert.Equal(20, cross.GetLength(1));
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 20; j++) Assert.Equal(all[20 + i, j], cross[i, j], 1e-14);
    }

    [Fact]
    public void Matrix_rows_and_jagged_points_give_the_same_kernel()
    {
        var points = SphereSampler.Uniform(3, 8, new Random(1));
        var matrix = new double[8, 3];
        for (int i = 0; i < 8; i++) for (int c = 0; c < 3; c++) matrix[i, c] = points[i][c];
        Assert.Equal(KernelMatrix.Build(points, Math.Exp), KernelMatrix.Build(matrix, Math.Exp));
        Assert.Equal(KernelMatrix.Cross(points, points, Rbf), KernelMatrix.Cross(matrix, matrix, Rbf));
    }

    [Fact]
    public void Dot_product_kernel_rejects_points_off_the_unit_sphere()
    {
        double[][] points = [[1, 0], [0.6, 0.9]];
        var e = Assert.Throws<ArgumentException>(() => KernelMatrix.Build(points, Math.Exp));
        Assert.Contains("point 1 has |x|² = 1.17", e.Message);
    }

    [Fact]
    public void Dot_product_is_clamped_so_arccos_kernels_see_no_rounding_past_one()
    {
        var x = new[] { 1 / Math.Sqrt(3), 1 / Math.Sqrt(3), 1 / Math.Sqrt(3) };
        var k = KernelMatrix.Build([x, x], t => Math.Acos(t));
        Assert.Equal(0, k[0, 1]);
    }

    [Fact]
    public void A_non_finite_kernel_value_is_reported_with_its_entry_not_wrapped()
    {
        double[][] points = [[1, 0], [0, 1], [-1, 0]];
        var e = Assert.Throws<ArgumentException>(() => KernelMatrix.Build(points, t => t < -0.5 ? double.NaN : t));
        Assert.Contains("entry [2, 0]", e.Message);
    }

    [Fact]
    public void Ragged_points_are_rejected_with_their_index()
    {
        double[][] points = [[1, 0], [0, 1, 0]];
        var e = Assert.Throws<ArgumentException>(() => KernelMatrix.Build(points, Rbf));
        Assert.Contains("point 1 has dimension 3 but point 0 has dimension 2", e.Message);
    }

    [Fact]
    public void The_diagonal_of_a_dot_product_kernel_is_taken_at_t_equal_one_exactly()
    {
        // normalized points have x·x = 1 − ulp for some of them; a kernel singular at t = 1 (like an NTK's arccos term) shows it
        var rng = new Random(5);
        var points = Enumerable.Range(0, 64).Select(_ =>
        {
            var v = Enumerable.Range(0, 7).Select(_ => rng.NextDouble() - 0.5).ToArray();
            double norm = Math.Sqrt(v.Sum(c => c * c));
            return v.Select(c => c / norm).ToArray();
        }).ToArray();
        Assert.Contains(points, p => p.Sum(c => c * c) != 1); // the premise of the test: rounding reaches the diagonal
        static double Singular(double t) => 1 + Math.Sqrt(1 - t) * 1e6; // θ ≈ √(2(1 − t)) grows like a square root
        var managed = KernelMatrix.Build(points, Singular);
        var flat = new double[points.Length * points.Length];
        KernelMatrix.BuildDotProductInPlace(points, Singular, flat);
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(1.0, managed[i, i]);
            Assert.Equal(1.0, flat[i * points.Length + i]);
        }
    }
}
