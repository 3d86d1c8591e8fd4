using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Regression;

public class TruncatedSphereKernelTests
{
    private static double ArcCosine(double t) => (Math.Sqrt(1 - t * t) + (Math.PI - Math.Acos(t)) * t) / Math.PI;

    [Theory]
    [InlineData(3, 0)]
    [InlineData(10, 2)]
    [InlineData(10, 3)]
    public void Kept_plus_removed_is_the_kernel_and_the_removed_part_at_one_is_the_tail(int d, int cutoff)
    {
        var split = TruncatedSphereKernel.Create(Math.Exp, d, cutoff);
        foreach (double t in new[] { -1, -0.7, -0.1, 0, 0.33, 0.9, 1 })
            Assert.Equal(Math.Exp(t), split.Truncated(t) + split.Complement(t), 1e-13);
        Assert.Equal(split.Tail, split.Complement(1), 1e-13);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(5, 1)]
    public void Tail_equals_the_sum_of_the_removed_levels_from_the_taylor_series(int d, int cutoff)
    {
        // exp(t) = Σ t^j/j!: the Taylor route gives every λ_ℓ independently of the quadrature used by Create.
        var exact = FunkHecke.FromTaylor(j => 1 / Math.Exp(SpecialLogFactorial(j)), d, 60);
        double removed = 0;
        for (int l = cutoff + 1; l <= 60; l++) removed += FunkHecke.Multiplicity(d, l) * exact[l];
        var split = TruncatedSphereKernel.Create(Math.Exp, d, cutoff);
        Assert.Equal(removed, split.Tail, 1e-12 * Math.E + 1e-10 * removed);
        var fromExact = TruncatedSphereKernel.FromEigenvalues(Math.Exp, d, exact[..(cutoff + 1)]);
        Assert.Equal(split.Tail, fromExact.Tail, 1e-12);
    }

    private static double SpecialLogFactorial(int j)
    {
        double s = 0;
        for (int i = 2; i <= j; i++) s += Math.Log(i);
        return s;
    }

    [Fact]
    public void A_quadratic_kernel_is_exhausted_by_degree_two()
    {
        // K(t) = t² lives on ℓ = 0 and 2 only: the complement vanishes and so does c(2), while c(1) = N(d,2) λ_2.
        const int d = 6;
        var kept = TruncatedSphereKernel.Create(t => t * t, d, 2);
        Assert.Equal(0, kept.Tail, 1e-13);
        foreach (double t in new[] { -0.8, 0.1, 0.5 }) Assert.Equal(0, kept.Complement(t), 1e-13);
        var cut = TruncatedSphereKernel.Create(t => t * t, d, 1);
        // t² = 1/d + (1 − 1/d) P_2^{(d)}(t): N(d, 2) λ_2 = 1 − 1/d.
        Assert.Equal(1 - 1.0 / d, cut.Tail, 1e-13);
    }

    [Fact]
    public void Arc_cosine_tail_obeys_the_sum_rule()
    {
        var split = TruncatedSphereKernel.Create(ArcCosine, 10, 4);
        Assert.Equal(1, split.KernelAtOne, 1e-15);
        Assert.InRange(split.Tail, 0, 0.01);
        Assert.Equal(split.Tail, split.Complement(1), 1e-12);
    }

    [Fact]
    public void Eigenvalues_that_break_the_sum_rule_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TruncatedSphereKernel.FromEigenvalues(Math.Exp, 4, [1.0, 1.0]));
        Assert.Contains("exceeds K(1)", e.Message);
        Assert.Contains("λ_1 = -0.1", Assert.Throws<ArgumentException>(() => TruncatedSphereKernel.FromEigenvalues(Math.Exp, 4, [1.0, -0.1])).Message);
    }
}
