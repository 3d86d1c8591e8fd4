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

    private static NngpKernel Kernel(Activation a, int depth, double sigmaB2 = 0) =>
        NngpKernel.Of(Activations.HasVariances(a) ? LayerMap.Of(a, 1, sigmaB2) : LayerMap.Of(a), depth);

    [Fact]
    public void Route_depends_on_the_kernel_only()
    {
        Assert.Equal(SpectrumRoute.Series, SphereSpectrum.Of(Kernel(Activation.Relu, 1), 3, 10).Route);
        Assert.Equal(SpectrumRoute.Series, SphereSpectrum.Of(Kernel(Activation.Erf, 1), 5, 10).Route);
        Assert.Equal(SpectrumRoute.Series, SphereSpectrum.Of(Kernel(Activation.Relu, 1), Large, 4).Route);
        Assert.Equal(SpectrumRoute.Bessel, SphereSpectrum.Of(Kernel(Activation.Rbf, 1), 3, 20).Route);
        Assert.Equal(SpectrumRoute.Series, SphereSpectrum.Of(Kernel(Activation.Rbf, 2), 3, 20).Route);
        Assert.Equal(SpectrumRoute.Series, SphereSpectrum.Of(Kernel(Activation.Rbf, 1), 3, 20, KernelKind.Ntk).Route);
    }

    /// <summary>
    /// The reported defect: asking for more degrees switched routes and changed λ_30 by 2.5 % (ReLU, d = 10) and printed 0 for
    /// ℓ ≥ 60. Now λ_ℓ is the same number whatever ℓ_max is, and non-zero where the kernel's coefficients are.
    /// </summary>
    [Fact]
    public void Eigenvalues_do_not_depend_on_the_number_of_degrees()
    {
        var kernel = Kernel(Activation.Relu, 1);
        var short_ = SphereSpectrum.Of(kernel, 10, 30);
        var long_ = SphereSpectrum.Of(kernel, 10, 70);
        for (int l = 0; l <= 30; l++) Assert.Equal(short_.Levels[l].Eigenvalue, long_.Levels[l].Eigenvalue);
        for (int l = 0; l <= 70; l += 2) Assert.True(long_.Levels[l].Eigenvalue > 0, $"λ_{l} = {long_.Levels[l].Eigenvalue:R}");
        // the tail after ℓ is the same function of ℓ up to the rounding of K(1) − Σ
        for (int l = 0; l <= 30; l++) Assert.Equal(short_.Levels[l].Tail, long_.Levels[l].Tail, 1e-15);
    }

    /// <summary>
    /// Every eigenvalue against 60–110-digit Gauss–Legendre quadrature in the angle (Reference/sphere_spectra.py, an
    /// independent implementation of the layer maps and of the NTK by Price's theorem): the stated error covers the actual
    /// one, and the stated relative accuracy is at most 1e−10.
    /// </summary>
    [Fact]
    public void Eigenvalues_match_the_high_precision_reference_within_their_stated_accuracy()
    {
        foreach (var group in Reference.SphereSpectrumReference.Rows.GroupBy(r => (r.Kernel, r.Kind, r.Depth, r.SigmaB2, r.Dim)))
        {
            var (name, kind, depth, b2, d) = group.Key;
            var s = SphereSpectrum.Of(Kernel(Activations.Parse(name), depth, b2), d, group.Max(r => r.Degree), KernelKinds.Parse(kind));
            double worst = 0, worstStated = 0;
            foreach (var row in group)
            {
                double reference = double.Parse(row.Eigenvalue, System.Globalization.CultureInfo.InvariantCulture);
                var level = s.Levels[row.Degree];
                string where = $"{name} {kind} depth {depth} σ_b² = {b2} d = {d} ℓ = {row.Degree}";
                Assert.True(Math.Abs(level.Eigenvalue - reference) <= level.Error, $"{where}: {level.Eigenvalue:R} ± {level.Error:R}, reference {reference:R}");
                Assert.True(level.RelativeError <= 1e-10, $"{where}: stated relative error {level.RelativeError:E2}");
                if (reference != 0) worst = Math.Max(worst, Math.Abs(level.Eigenvalue / reference - 1));
                else Assert.Equal(0, level.Eigenvalue);
                worstStated = Math.Max(worstStated, level.RelativeError);
            }
            output.WriteLine($"{name} {kind} depth {depth} σ_b² = {b2} d = {d}, ℓ ≤ {group.Max(r => r.Degree)} ({s.Route}): worst relative error {worst:E2}, stated ≤ {worstStated:E2}");
        }
    }

    /// <summary>
    /// At d = 3072 every eigenvalue is finite and ≥ 0, and the remainder K(1) − Σ_{ℓ≤n} N λ is non-negative, non-increasing in n
    /// and bounded by Σ_{j&gt;n} b_j (the mass of b_j reaches only degrees ℓ ≤ j), with b_j from the exact symbolic series.
    /// </summary>
    [Theory]
    [InlineData(Activation.Relu, 1, 1.6e-2)]
    [InlineData(Activation.Relu, 2, 1.0e-2)]
    [InlineData(Activation.Erf, 1, 2e-3)]
    [InlineData(Activation.Rbf, 1, 1e-5)]
    [InlineData(Activation.Rbf, 2, 1e-3)]
    public void Sum_rule_at_d_3072(Activation activation, int depth, double bound)
    {
        const int n = KernelSeries.Order;
        var kernel = Kernel(activation, depth);
        var s = SphereSpectrum.Of(kernel, Large, n);
        var series = KernelSeries.Of(activation, depth);
        double below = 0;
        for (int j = 0; j <= n; j++) below += Evaluate.Constant(series.Coefficient(j));
        double previous = s.Trace;
        foreach (var r in s.Levels)
        {
            Assert.True(double.IsFinite(r.Eigenvalue) && r.Eigenvalue >= 0, $"λ_{r.Degree} = {r.Eigenvalue:R} ± {r.Error:R}");
            Assert.True(r.RelativeError < 1e-10, $"λ_{r.Degree}: stated relative error {r.RelativeError:E2}");
            Assert.True(r.Tail <= previous + 1e-15 && r.Tail >= 0, $"tail after {r.Degree}: {r.Tail:R} after {previous:R}");
            previous = r.Tail;
        }
        double relative = s.Remainder / s.Trace;
        output.WriteLine($"{activation} depth {depth}: remainder after ℓ = {n}: {relative:E3} of K(1); Σ_(j>{n}) b_j = {(s.Trace - below) / s.Trace:E3}");
        Assert.True(s.Remainder <= s.Trace - below + 1e-13, $"remainder {s.Remainder:R} vs Σ_(j>n) b_j = {s.Trace - below:R}");
        Assert.True(relative < bound, $"relative remainder {relative:E3}");
    }

    /// <summary>At d = 3072 the Funk–Hecke weight of b_j on degree j is ≈ 1, so N λ_ℓ ≈ b_ℓ: the ReLU depth-1 levels
    /// against the exact series coefficients (and the odd ℓ ≥ 3 levels vanish exactly).</summary>
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

    /// <summary>Three independent routes at moderate d: the series route against Funk–Hecke quadrature (absolute error
    /// ~ε·K(1)) and against Taylor coefficients by Cauchy's integral, within the errors each states.</summary>
    [Theory]
    [InlineData(Activation.Relu, 1, 20)]
    [InlineData(Activation.Relu, 2, 20)]
    [InlineData(Activation.Relu, 2, 40)]
    [InlineData(Activation.Erf, 2, 40)]
    [InlineData(Activation.ArcCos0, 3, 5)]
    [InlineData(Activation.ArcCos2, 2, 7)]
    public void Series_quadrature_and_cauchy_routes_agree_at_moderate_d(Activation activation, int depth, int d)
    {
        const int n = 4;
        var kernel = Kernel(activation, depth);
        var series = SphereSpectrum.Of(kernel, d, n);
        var quadrature = SphereSpectrum.Of(kernel, d, n, activation == Activation.Erf ? SpectrumRoute.Quadrature : SpectrumRoute.AngularQuadrature);
        var taylor = SphereSpectrum.Of(kernel, d, n, SpectrumRoute.Taylor);
        for (int l = 0; l <= n; l++)
        {
            double a = series.Levels[l].Eigenvalue, q = quadrature.Levels[l].Eigenvalue, c = taylor.Levels[l].Eigenvalue;
            Assert.True(Math.Abs(a - q) <= series.Levels[l].Error + quadrature.Levels[l].Error, $"ℓ = {l}: series {a:R} ± {series.Levels[l].Error:R}, quadrature {q:R}");
            Assert.True(Math.Abs(a - c) <= series.Levels[l].Error + taylor.Levels[l].Error, $"ℓ = {l}: series {a:R} ± {series.Levels[l].Error:R}, Cauchy {c:R} ± {taylor.Levels[l].Error:R}");
        }
        output.WriteLine($"{activation} depth {depth} d = {d}: worst stated relative error {series.WorstRelativeError:E2}");
    }

    /// <summary>
    /// arccos0 at depth ≥ 2 behaves like 1 − (1 − t)^(2^−L) at t = 1: no short asymptotic series, so its tails are bounded and
    /// its high levels carry an honest, large stated error — which still covers the quadrature value.
    /// </summary>
    [Fact]
    public void Arccos0_deep_levels_state_their_bound()
    {
        var kernel = Kernel(Activation.ArcCos0, 3);
        var s = SphereSpectrum.Of(kernel, 3, 40);
        var quadrature = SphereSpectrum.Of(kernel, 3, 40, SpectrumRoute.AngularQuadrature);
        Assert.True(s.Levels[40].RelativeError > 1e-6, $"stated {s.Levels[40].RelativeError:E2}");
        for (int l = 0; l <= 40; l++)
            Assert.True(Math.Abs(s.Levels[l].Eigenvalue - quadrature.Levels[l].Eigenvalue) <= s.Levels[l].Error + quadrature.Levels[l].Error,
                $"ℓ = {l}: {s.Levels[l].Eigenvalue:R} ± {s.Levels[l].Error:R}, quadrature {quadrature.Levels[l].Eigenvalue:R}");
    }

    /// <summary>RBF with σ_b² = 0: K(t) = e^{t−1} = exp(−|x−y|²/2), the closed form of <see cref="FunkHecke.Rbf"/> with s = 2,
    /// against the series route (exp composed with a non-negative series) at d = 3 and d = 3072.</summary>
    [Theory]
    [InlineData(3, 60)]
    [InlineData(Large, 30)]
    public void Rbf_series_route_matches_the_bessel_closed_form(int d, int n)
    {
        var s = SphereSpectrum.Of(Kernel(Activation.Rbf, 1), d, n, SpectrumRoute.Series);
        var exact = SphereSpectrum.Of(Kernel(Activation.Rbf, 1), d, n);
        Assert.Equal(SpectrumRoute.Bessel, exact.Route);
        for (int l = 0; l <= n; l++)
        {
            double x = s.Levels[l].Eigenvalue, y = exact.Levels[l].Eigenvalue;
            Assert.True(y > 0 && Math.Abs(x - y) <= s.Levels[l].Error + exact.Levels[l].Error, $"ℓ = {l}: series {x:R} ± {s.Levels[l].Error:R}, Bessel {y:R} ± {exact.Levels[l].Error:R}");
            // the closed form's logs of size ~10⁴ at d = 3072 leave it a few 1e−12 relative; the series keeps 1e−14
            Assert.True(s.Levels[l].RelativeError < 1e-11 && exact.Levels[l].RelativeError < (d == Large ? 1e-10 : 1e-11), $"ℓ = {l}: stated {s.Levels[l].RelativeError:E2} and {exact.Levels[l].RelativeError:E2}");
        }
    }

    /// <summary>
    /// λ_ℓ = e^{−1} √(π/2) I_{ℓ+1/2}(1) of the depth-1 RBF NNGP on S² (K(t) = e^{t−1}), by mpmath at 30 digits: from ℓ ≈ 149 the
    /// eigenvalues leave the normal double range (ℓ = 156 and later underflow to 0), where rounding is absolute.
    /// </summary>
    private static readonly Dictionary<int, string> RbfBelowDoubleRange = new()
    {
        [140] = "1.4671814681132364546e-285", [146] = "2.5720592963454191903e-300", [148] = "2.9355715093940939642e-305",
        [149] = "9.8178558270585369443e-308", [150] = "3.261710359141781903e-310", [151] = "1.0764604177341634643e-312",
        [152] = "3.5293407266606007541e-315", [153] = "1.1496102680234344565e-317", [154] = "3.7203828656972596422e-320",
        [155] = "1.1962522981227088855e-322", [156] = "3.8218535635008171747e-325", [160] = "3.7375880946281740266e-335",
        [200] = "1.8179149695427781937e-437",
    };

    /// <summary>
    /// The stated error bounds the actual one below the normal double range too: the Bessel route printed ℓ ≥ 151 as exact
    /// (relative error 0) and the zeros past ℓ = 155 as exact zeros. Double parsing of the reference is correctly rounded, so
    /// |λ − reference| is known to one subnormal spacing.
    /// </summary>
    [Fact]
    public void Stated_errors_hold_below_the_double_range()
    {
        var s = SphereSpectrum.Of(Kernel(Activation.Rbf, 1), 3, 200);
        Assert.Equal(SpectrumRoute.Bessel, s.Route);
        foreach (var (l, text) in RbfBelowDoubleRange)
        {
            var row = s.Levels[l];
            double reference = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            double actual = Math.Abs(row.Eigenvalue - reference) + double.Epsilon;
            Assert.True(actual <= row.Error, $"ℓ = {l}: λ = {row.Eigenvalue:R} ± {row.Error:R}, reference {text}");
            if (row.Eigenvalue == 0) Assert.Equal(double.PositiveInfinity, row.RelativeError); // a zero known only up to its bound
        }
        Assert.True(s.Levels[146].RelativeError < 1e-8, $"ℓ = 146 (normal range) keeps its relative accuracy: {s.Levels[146].RelativeError:E2}");
    }

    /// <summary>
    /// On the series route a 0 is exact only when the parity of K is a polynomial of lower degree. The depth-2 RBF kernel
    /// exp(e^{t−1} − 1) has strictly positive Taylor coefficients, so every λ_ℓ &gt; 0 (each Funk–Hecke weight is positive):
    /// its levels past the double range must carry a positive error, while the structural zeros of ReLU (odd ℓ ≥ 3 at
    /// depth 1) and erf (even ℓ at σ_b² = 0) stay exact.
    /// </summary>
    [Fact]
    public void Series_route_tells_underflow_from_exact_zeros()
    {
        var rbf = SphereSpectrum.Of(Kernel(Activation.Rbf, 2), 3, 400);
        Assert.Contains(rbf.Levels, r => r.Eigenvalue == 0);
        foreach (var r in rbf.Levels)
        {
            Assert.True(r.Error > 0, $"RBF depth 2, ℓ = {r.Degree}: λ = {r.Eigenvalue:R} stated exact");
            if (r.Eigenvalue * 1e-6 < SphereSpectrum.UnderflowFloor) Assert.True(r.Error >= SphereSpectrum.UnderflowFloor, $"ℓ = {r.Degree}");
        }
        var relu = SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, 9);
        foreach (int l in new[] { 3, 5, 7, 9 }) Assert.True(relu.Levels[l] is { Eigenvalue: 0, Error: 0 }, $"ReLU ℓ = {l}: {relu.Levels[l]}");
        var erf = SphereSpectrum.Of(Kernel(Activation.Erf, 1), 3, 8);
        foreach (int l in new[] { 0, 2, 4, 6, 8 }) Assert.True(erf.Levels[l] is { Eigenvalue: 0, Error: 0 }, $"erf ℓ = {l}: {erf.Levels[l]}");
    }

    [Fact]
    public void Large_degrees_at_large_d_stay_finite()
    {
        // N(3072, ℓ) overflows a double near ℓ ≈ 150; N λ is formed in log space
        var s = SphereSpectrum.Of(Kernel(Activation.Relu, 1), Large, 200);
        Assert.All(s.Levels, r => Assert.True(double.IsFinite(r.Eigenvalue) && r.Eigenvalue >= 0 && double.IsFinite(r.Tail)));
        Assert.True(double.IsFinite(s.LevelSum) && s.Remainder >= 0 && s.Remainder < 0.01 * s.Trace, $"remainder {s.Remainder:R}");
    }

    /// <summary>
    /// The NTK spectrum: its trace is Θ(1) from the diagonal, the levels sum to it (remainder ≥ 0 and small), and at depth 1
    /// (ReLU, σ_b² = 0) Θ(t) = K(t) + t(π − arccos t)/(2π) — so λ_ℓ(Θ) − λ_ℓ(K) is the eigenvalue of t·J₀(arccos t)/(2π),
    /// checked by angular quadrature of that closed form.
    /// </summary>
    [Fact]
    public void Ntk_spectrum_satisfies_the_sum_rule_and_the_depth_one_closed_form()
    {
        var kernel = Kernel(Activation.Relu, 1);
        var ntk = SphereSpectrum.Of(kernel, 10, 40, KernelKind.Ntk);
        var nngp = SphereSpectrum.Of(kernel, 10, 40);
        Assert.Equal(1.0, ntk.Trace, 15); // Θ(1) = K(1) + K̇(1)·K⁰(1) = 1/2 + 1/2
        // the remainder beyond ℓ = 40 lies between 0 and the coefficient mass beyond j = 40 (b_j reaches degrees ℓ ≤ j only)
        var b = DotProductSeries.Of(kernel, KernelKind.Ntk).Coefficients;
        double beyond = ntk.Trace - b.Take(41).Sum();
        Assert.InRange(ntk.Remainder, 0, beyond);
        output.WriteLine($"ReLU NTK d = 10: remainder after ℓ = 40 is {ntk.Remainder:E3}, Σ_(j>40) b_j = {beyond:E3}");
        var extra = FunkHecke.Eigenvalues(t => t * (Math.PI - Math.Acos(Math.Clamp(t, -1, 1))) / (2 * Math.PI), SphereQuadrature.Angular(10, 400), 12);
        for (int l = 0; l <= 12; l++)
            Assert.True(Math.Abs(ntk.Levels[l].Eigenvalue - nngp.Levels[l].Eigenvalue - extra[l]) <= 1e-15 + ntk.Levels[l].Error + nngp.Levels[l].Error,
                $"ℓ = {l}: NTK {ntk.Levels[l].Eigenvalue:R}, NNGP {nngp.Levels[l].Eigenvalue:R}, closed-form difference {extra[l]:R}");
        Assert.Throws<ArgumentException>(() => SphereSpectrum.Of(Kernel(Activation.ArcCos0, 1), 10, 4, KernelKind.Ntk));
    }

    [Fact]
    public void Routes_that_do_not_apply_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, 4, SpectrumRoute.PowerLaw));
        Assert.Throws<ArgumentOutOfRangeException>(() => SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, 40, SpectrumRoute.Taylor, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, 4, SpectrumRoute.Bessel));
        Assert.Throws<ArgumentOutOfRangeException>(() => SphereSpectrum.Of(Kernel(Activation.Relu, 1), 10, SphereSpectrum.MaxSeriesDegree + 1));
    }
}
