using System.Collections.Immutable;
using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class NestedRidgeTests
{
    private static (double[] Flat, double[,] Square, int N) Kernel(int n, int seed)
    {
        var points = SphereSampler.Uniform(6, n, new Random(seed));
        var square = KernelMatrix.Build(points, t => Math.Exp(2 * t));
        var flat = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) flat[i * n + j] = square[i, j];
        return (flat, square, n);
    }

    [Fact]
    public void One_factorization_per_draw_equals_a_separate_fit_per_eta_and_class()
    {
        var (flat, square, n) = Kernel(120, 3);
        var random = new Random(5);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        ImmutableArray<int> etas = [10, 35, 90];
        var targets = Enumerable.Range(0, n).Select(i => new[] { Math.Sin(i), i % 3 == 0 ? 1.0 : 0.0, random.NextDouble() - 0.5 }).ToArray();
        var factor = new double[90 * 90];
        var fits = NestedRidge.Fit(flat, n, order[..90], etas, targets, 1e-3, factor);
        for (int e = 0; e < etas.Length; e++)
        {
            int eta = etas[e];
            var train = order[..eta];
            var block = new double[eta, eta];
            for (int i = 0; i < eta; i++) for (int j = 0; j < eta; j++) block[i, j] = square[train[i], train[j]];
            for (int c = 0; c < 3; c++)
            {
                // the independent route: KernelRidge.Fit with its own Cholesky, one output at a time
                var alpha = KernelRidge.Fit(block, [.. train.Select(i => targets[i][c])], 1e-3, LinearAlgebra.Managed).Weights;
                double scale = alpha.Max(Math.Abs);
                for (int i = 0; i < eta; i++) Assert.Equal(alpha[i], fits[e][i + c * eta], 1e-9 * scale);
            }
        }
    }

    [Fact]
    public void A_singular_block_is_reported_at_the_first_eta_it_reaches()
    {
        // K = I + 0.1 K_exp on 40 points (λ_min ≥ 1), then the same 40 points again: from the 41st training point on K has
        // eigenvalue 0, and K + σ² I with σ² = −0.5 is positive definite up to η = 40 and indefinite beyond.
        var (flat, _, _) = Kernel(40, 4);
        int n = 80;
        var doubled = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) doubled[i * n + j] = 0.1 * flat[(i % 40) * 40 + (j % 40)] + (i % 40 == j % 40 ? 1 : 0);
        var targets = Enumerable.Range(0, n).Select(i => new[] { 1.0 }).ToArray();
        var train = Enumerable.Range(0, n).ToArray();
        var e = Assert.Throws<KernelRidgeNotPositiveDefiniteException>(() => NestedRidge.Fit(doubled, n, train, [20, 40, 60, 80], targets, -0.5, new double[n * n]));
        Assert.Equal(60, e.TrainingPoints);
        Assert.True(e.SmallestEigenvalue < 0);
        // η = 20 and 40 alone are fine
        Assert.Equal(2, NestedRidge.Fit(doubled, n, train[..40], [20, 40], targets, -0.5, new double[n * n]).Length);
    }
}
