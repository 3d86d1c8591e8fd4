using System.Numerics;
using NngpRg.Core.Kernels;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;
using Xunit.Abstractions;

namespace NngpRg.Core.Tests.Kernels;

/// <summary>The exact series of the NNGP kernels to order 8, expanded once (the depth-2 ReLU expansion takes seconds).</summary>
internal static class KernelSeries
{
    public const int Order = 8;
    private static readonly Dictionary<(Activation, int), Series> Cache = [];

    public static Series Of(Activation activation, int depth)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((activation, depth), out var series))
                Cache[(activation, depth)] = series = Series.Expand(NngpKernel.Of(LayerMap.Of(activation), depth).DotProductKernel(), [NngpKernel.Dot], Order);
            return series;
        }
    }
}

public class TaylorCoefficientsTests
{
    private static readonly Symbol t = NngpKernel.Dot;

    private static double Central(int k) // binom(2k, k)/4^k
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c *= (k + i) / (4.0 * i);
        return c;
    }

    [Fact]
    public void Exp_coefficients_are_inverse_factorials_to_relative_accuracy()
    {
        var b = TaylorCoefficients.Of(Ex.Exp(t), t, 60, TaylorCoefficients.EntireRadii(60));
        double factorial = 1;
        for (int j = 0; j <= 60; j++)
        {
            if (j > 0) factorial *= j;
            double exact = 1 / factorial;
            Assert.True(Math.Abs(b.Values[j] - exact) <= 1e-11 * exact, $"b_{j} = {b.Values[j]:R}, 1/{j}! = {exact:R}");
            Assert.True(Math.Abs(b.Values[j] - exact) <= b.Errors[j], $"error estimate of b_{j}: {b.Values[j] - exact:R} vs {b.Errors[j]:R}");
        }
    }

    /// <summary>arcsin t = Σ_k binom(2k,k)/(4^k (2k+1)) t^{2k+1}; √(1−t²) = −Σ_k binom(2k,k)/(4^k (2k−1)) t^{2k}: branch points at ±1, b_j ~ j^{−3/2}.</summary>
    [Fact]
    public void Arcsin_and_sqrt_coefficients_up_to_400()
    {
        const int jmax = 400;
        var arcsin = TaylorCoefficients.Of(Ex.Arcsin(t), t, jmax);
        var root = TaylorCoefficients.Of(Ex.Sqrt(1 - t * t), t, jmax);
        for (int j = 0; j <= jmax; j++)
        {
            int k = j / 2;
            double a = j % 2 == 1 ? Central(k) / (2 * k + 1) : 0;
            double s = j % 2 == 0 ? -Central(k) / (2 * k - 1) : 0;
            Assert.True(Math.Abs(arcsin.Values[j] - a) <= 2e-14, $"arcsin b_{j} = {arcsin.Values[j]:R} vs {a:R}");
            Assert.True(Math.Abs(root.Values[j] - s) <= 2e-14, $"sqrt b_{j} = {root.Values[j]:R} vs {s:R}");
            Assert.True(Math.Abs(arcsin.Values[j] - a) <= arcsin.Errors[j] && Math.Abs(root.Values[j] - s) <= root.Errors[j], $"error estimate of b_{j}: arcsin {arcsin.Values[j] - a:R} vs {arcsin.Errors[j]:R}, sqrt {root.Values[j] - s:R} vs {root.Errors[j]:R}");
            Assert.True(arcsin.Errors[j] < 1e-12);
        }
    }

    /// <summary>The ReLU NNGP kernel (depth 1 and 2) against the exact coefficients of the symbolic series.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Relu_kernel_coefficients_match_the_symbolic_series(int depth)
    {
        const int order = KernelSeries.Order;
        var kernel = NngpKernel.Of(LayerMap.Of(Activation.Relu), depth).DotProductKernel();
        var series = KernelSeries.Of(Activation.Relu, depth);
        var b = TaylorCoefficients.Of(kernel, t, 256);
        for (int j = 0; j <= order; j++)
        {
            double exact = Evaluate.Constant(series.Coefficient(j));
            Assert.True(Math.Abs(b.Values[j] - exact) <= 1e-14, $"depth {depth}: b_{j} = {b.Values[j]:R}, series {exact:R}");
        }
    }

    [Fact]
    public void Bad_input_is_rejected_precisely()
    {
        Assert.Contains("x", Assert.Throws<ArgumentException>(() => TaylorCoefficients.Of(t * Ex.Sym("x"), t, 10)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TaylorCoefficients.Of(z => z, 10, [0.5]));
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => TaylorCoefficients.Of(z => 1 / (1 - z), 10, [0.5, 1.0])).Message);
    }
}

public class SphereSpectrumTests(ITestOutputHelper output)
{
    private const int Large = 3072;

    private static NngpKernel Kernel(Activation a, int depth) => NngpKernel.Of(LayerMap.Of(a), depth);

    [Fact]
    public void Route_rule_quadrature_at_small_d_taylor_at_large_d()
    {
        Assert.Equal(SpectrumRoute.AngularQuadrature, SphereSpectrum.Of(Kernel(Activation.Relu, 1), 3, 10).Route);
        Assert.Equal(SpectrumRoute.Quadrature, SphereSpectrum.Of(Kernel(Activation.Erf, 1), 5, 10).Route);
        Assert.Equal(SpectrumRoute.Taylor, SphereSpectrum.Of(Kernel(Activation.Relu, 1), 33, 4).Route);
        // the summed quadrature floor 64ε·Σ N(20, ℓ ≤ 8) ≈ 3e-8 exceeds the budget, and the Taylor route is more accurate there
        Assert.Equal(SpectrumRoute.Taylor, SphereSpectrum.Of(Kernel(Activation.Relu, 1), 20, 8).Route);
        Assert.Equal(SpectrumRoute.Taylor, SphereSpectrum.Of(Kernel(Activation.Rbf, 1), Large, 2).Route);
    }

    /// <summary>
    /// At d = 3072 every eigenvalue is finite and ≥ 0 (levels within their error of 0 are reported as 0), and the
    /// remainder K(1) − Σ_{ℓ≤n} N λ is non-negative, non-increasing in n and bounded by Σ_{j&gt;n} b_j (the mass of b_j
    /// reaches only degrees ℓ ≤ j), with b_j from the exact symbolic series.
    /// </summary>
    [Theory]
    [InlineData(Activation.Relu, 1, 1.6e-2)]
    [InlineData(Activation.Relu, 2, 1.0e-2)]
    [InlineData(Activation.Erf, 1, 2e-3)]
    [InlineData(Activation.Rbf, 1, 1e-5)]
    [InlineData(Activation.Rbf, 2, 1e-3)] // exp(e^t)-like growth: the outer circles overflow and are dropped
    public void Sum_rule_at_d_3072(Activation activation, int depth, double bound)
    {
        const int n = KernelSeries.Order;
        var kernel = Kernel(activation, depth);
        var s = SphereSpectrum.Of(kernel, Large, n);
        Assert.Equal(SpectrumRoute.Taylor, s.Route);
        var series = KernelSeries.Of(activation, depth);
        double below = 0;
        for (int j = 0; j <= n; j++) below += Evaluate.Constant(series.Coefficient(j));
        double previous = s.Trace;
        foreach (var r in s.Levels)
        {
            Assert.True(double.IsFinite(r.Eigenvalue) && r.Eigenvalue >= 0, $"λ_{r.Degree} = {r.Eigenvalue:R} ± {r.Error:R}");
            Assert.True(r.Tail <= previous + 1e-15 && r.Tail >= -1e-12, $"tail after {r.Degree}: {r.Tail:R} after {previous:R}");
            previous = r.Tail;
        }
        double relative = s.Remainder / s.Trace;
        output.WriteLine($"{activation} depth {depth}: remainder after ℓ = {n}: {relative:E3} of K(1); Σ_(j>{n}) b_j = {(s.Trace - below) / s.Trace:E3}");
        Assert.True(s.Remainder <= s.Trace - below + 1e-13, $"remainder {s.Remainder:R} vs Σ_(j>n) b_j = {s.Trace - below:R}");
        Assert.True(relative < bound, $"relative remainder {relative:E3}");
    }

    /// <summary>At d = 3072 the Funk–Hecke weight of b_j on degree j is ≈ 1, so N λ_ℓ ≈ b_ℓ: the ReLU depth-1 levels
    /// against the exact series coefficients (and the odd ℓ ≥ 3 levels vanish).</summary>
    [Fact]
    public void Relu_levels_at_large_d_follow_the_taylor_coefficients()
    {
        var kernel = Kernel(Activation.Relu, 1);
        var s = SphereSpectrum.Of(kernel, Large, KernelSeries.Order);
        var series = KernelSeries.Of(Activation.Relu, 1);
        for (int l = 0; l <= 8; l++)
        {
            double b = Evaluate.Constant(series.Coefficient(l));
            double nl = s.Levels[l].Multiplicity * s.Levels[l].Eigenvalue;
            if (b == 0) Assert.Equal(0, s.Levels[l].Eigenvalue);
            else Assert.True(Math.Abs(nl / b - 1) < 0.05, $"ℓ = {l}: N λ = {nl:R}, b = {b:R}");
        }
    }

    /// <summary>Two independent routes at moderate d: Taylor coefficients + series against Funk–Hecke quadrature.</summary>
    [Theory]
    [InlineData(Activation.Relu, 1, 20)]
    [InlineData(Activation.Relu, 2, 20)]
    [InlineData(Activation.Relu, 2, 40)]
    [InlineData(Activation.Erf, 2, 40)]
    [InlineData(Activation.Rbf, 1, 20)]
    public void Taylor_and_quadrature_routes_agree_at_moderate_d(Activation activation, int depth, int d)
    {
        const int n = 4;
        var kernel = Kernel(activation, depth);
        var taylor = SphereSpectrum.Of(kernel, d, n, SpectrumRoute.Taylor);
        var quadrature = SphereSpectrum.Of(kernel, d, n, activation == Activation.Relu ? SpectrumRoute.AngularQuadrature : SpectrumRoute.Quadrature);
        double worst = 0;
        for (int l = 0; l <= n; l++)
        {
            double a = taylor.Levels[l].Eigenvalue, q = quadrature.Levels[l].Eigenvalue;
            if (q == 0 && a == 0) continue;
            double rel = Math.Abs(a - q) / Math.Abs(q);
            worst = Math.Max(worst, rel);
            Assert.True(rel < 1e-10, $"ℓ = {l}: Taylor {a:R} ± {taylor.Levels[l].Error:R}, quadrature {q:R}");
        }
        output.WriteLine($"{activation} depth {depth} d = {d}: worst relative difference {worst:E2}");
    }

    /// <summary>RBF with σ_b² = 0: K(t) = e^{t−1} = exp(−|x−y|²/2), the closed form of <see cref="FunkHecke.Rbf"/> with s = 2.</summary>
    [Fact]
    public void Rbf_at_d_3072_matches_the_closed_form()
    {
        const int n = 30;
        var s = SphereSpectrum.Of(Kernel(Activation.Rbf, 1), Large, n);
        var exact = FunkHecke.Rbf(2, Large, n);
        double worst = 0;
        for (int l = 0; l <= n; l++)
        {
            double rel = Math.Abs(s.Levels[l].Eigenvalue / exact[l] - 1);
            worst = Math.Max(worst, rel);
            Assert.True(rel < 1e-11, $"ℓ = {l}: {s.Levels[l].Eigenvalue:R} vs {exact[l]:R}");
            Assert.True(s.Levels[l].Error < 1e-12 * exact[l], $"error estimate at ℓ = {l}: {s.Levels[l].Error:R}");
            // the closed form exponentiates logs of size ~10⁴ (ln Γ(1536), ln I_1535): its own error is a few 1e-12 relative
            Assert.True(Math.Abs(s.Levels[l].Eigenvalue - exact[l]) <= s.Levels[l].Error + 5e-12 * exact[l], $"error estimate at ℓ = {l}: {s.Levels[l].Eigenvalue - exact[l]:R} vs {s.Levels[l].Error:R}");
        }
        output.WriteLine($"RBF d = 3072, ℓ ≤ {n}: worst relative error {worst:E2}");
    }

    /// <summary>ReLU's b_j decay only like j^{−3/2}; at d = 3072 the eigenvalues are nevertheless converged in jmax.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Relu_taylor_route_converged_in_jmax(int depth)
    {
        const int n = 12;
        var kernel = Kernel(Activation.Relu, depth);
        var a = SphereSpectrum.Of(kernel, Large, n, SpectrumRoute.Taylor, 200);
        var b = SphereSpectrum.Of(kernel, Large, n, SpectrumRoute.Taylor, 400);
        double worst = 0;
        for (int l = 0; l <= n; l++)
        {
            double x = a.Levels[l].Eigenvalue, y = b.Levels[l].Eigenvalue;
            if (y == 0) { Assert.Equal(0, x); continue; }
            double rel = Math.Abs(x / y - 1);
            worst = Math.Max(worst, rel);
            Assert.True(rel < 1e-12, $"ℓ = {l}: jmax 200 {x:R}, jmax 400 {y:R}");
            Assert.True(Math.Abs(x - y) <= a.Levels[l].Error + b.Levels[l].Error);
        }
        output.WriteLine($"ReLU depth {depth} d = 3072: jmax 200 vs 400 worst relative difference {worst:E2}; error estimate at ℓ = {n}: {b.Levels[n].Error / Math.Max(b.Levels[n].Eigenvalue, double.Epsilon):E2} relative");
    }

    [Fact]
    public void Large_degrees_at_large_d_stay_finite()
    {
        // N(3072, ℓ) overflows a double near ℓ ≈ 150; N λ is formed in log space
        var s = SphereSpectrum.Of(Kernel(Activation.Relu, 1), Large, 200);
        Assert.All(s.Levels, r => Assert.True(double.IsFinite(r.Eigenvalue) && r.Eigenvalue >= 0 && double.IsFinite(r.Tail)));
        Assert.True(double.IsFinite(s.LevelSum) && s.Remainder >= 0 && s.Remainder < 0.01 * s.Trace, $"remainder {s.Remainder:R}");
    }

    /// <summary>At d = 5 with many levels quadrature's summed floor exceeds the budget, but the Taylor series of the
    /// non-smooth ReLU kernel converges too slowly there (weights fall only like j^{−d/2}): the more accurate route wins.</summary>
    [Fact]
    public void Over_budget_at_small_d_the_route_with_the_smaller_sum_rule_error_is_taken()
    {
        var kernel = Kernel(Activation.Relu, 1);
        var chosen = SphereSpectrum.Of(kernel, 5, 200);
        var quadrature = SphereSpectrum.Of(kernel, 5, 200, SpectrumRoute.AngularQuadrature);
        var taylor = SphereSpectrum.Of(kernel, 5, 200, SpectrumRoute.Taylor);
        Assert.True(quadrature.SumRuleError > SphereSpectrum.QuadratureBudget * quadrature.Trace);
        Assert.Equal(quadrature.SumRuleError < taylor.SumRuleError ? quadrature.Route : taylor.Route, chosen.Route);
        output.WriteLine($"d = 5, ℓ ≤ 200: quadrature sum-rule error {quadrature.SumRuleError:E2}, Taylor {taylor.SumRuleError:E2}, chosen {chosen.Route}");
        // both routes agree on the leading levels
        for (int l = 0; l <= 4; l++)
            Assert.True(Math.Abs(taylor.Levels[l].Eigenvalue - quadrature.Levels[l].Eigenvalue) <= taylor.Levels[l].Error + quadrature.Levels[l].Error,
                $"ℓ = {l}: Taylor {taylor.Levels[l].Eigenvalue:R} ± {taylor.Levels[l].Error:R}, quadrature {quadrature.Levels[l].Eigenvalue:R}");
    }

    [Fact]
    public void Routes_that_do_not_apply_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, 4, SpectrumRoute.PowerLaw));
        Assert.Throws<ArgumentOutOfRangeException>(() => SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, 40, SpectrumRoute.Taylor, 20));
    }
}
