using System.Collections.Immutable;
using System.Numerics;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Spectra;

/// <summary>
/// Spectra of dot-product kernels K(x·x') on the uniform sphere S^{d−1} (docs/theory.md §6.3, Funk–Hecke):
/// eigenvalue λ_ℓ on the N(d, ℓ) spherical harmonics of degree ℓ, with the probability measure on the sphere.
/// Three independent routes: quadrature of K against P_ℓ^{(d)}, the Taylor-coefficient series, and the closed form
/// for the RBF kernel.
/// </summary>
public static class FunkHecke
{
    /// <summary>
    /// N(d, ℓ) = (2ℓ + d − 2)/(ℓ + d − 2) · binom(ℓ + d − 2, ℓ), N(d, 0) = 1 (N(2, ℓ) = 2 for ℓ ≥ 1), as a double.
    /// Exact when below 2⁵³; above that computed from <see cref="LogMultiplicity"/> (about 1e-13 relative) and
    /// +∞ beyond ~1.8e308 (e.g. d = 3072 reaches that near ℓ ≈ 150): use the log for large d.
    /// </summary>
    public static double Multiplicity(int dimension, int degree)
    {
        double log = LogMultiplicity(dimension, degree);
        return log < 36 ? (double)ExactMultiplicity(dimension, degree) : Math.Exp(log);
    }

    /// <summary>ln N(d, ℓ), accumulated as Σ_{i=1}^{ℓ} ln((d − 2 + i)/i) + ln((2ℓ + d − 2)/(ℓ + d − 2)); finite for all d, ℓ.</summary>
    public static double LogMultiplicity(int dimension, int degree)
    {
        Check(dimension, degree);
        if (degree == 0) return 0;
        double log = Math.Log((2.0 * degree + dimension - 2) / (degree + dimension - 2.0));
        for (int i = 1; i <= degree; i++) log += Math.Log((dimension - 2.0 + i) / i);
        return log;
    }

    /// <summary>N(d, ℓ) exactly.</summary>
    public static BigInteger ExactMultiplicity(int dimension, int degree)
    {
        Check(dimension, degree);
        if (degree == 0) return BigInteger.One;
        BigInteger binomial = BigInteger.One; // binom(d − 2 + i, i)
        for (int i = 1; i <= degree; i++) binomial = binomial * (dimension - 2 + i) / i;
        return binomial * (2 * degree + dimension - 2) / (degree + dimension - 2);
    }

    /// <summary>
    /// λ_ℓ = Γ(d/2)/(√π Γ((d−1)/2)) ∫_{−1}^{1} K(t) P_ℓ^{(d)}(t)(1 − t²)^{(d−3)/2} dt for ℓ = 0 … maxDegree, by the given
    /// rule (docs/theory.md (6.8)). The error is absolute, about ε·max|K| plus the rule's error: eigenvalues far below that
    /// (fast-decaying spectra at high degree or large d) need <see cref="FromTaylor"/>.
    /// </summary>
    /// <exception cref="ArgumentException">K not finite at a node.</exception>
    public static ImmutableArray<double> Eigenvalues(Func<double, double> kernel, SphereQuadrature quadrature, int maxDegree)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(quadrature);
        Check(quadrature.Dimension, maxDegree);
        var sums = new CompensatedSum[maxDegree + 1];
        var p = new double[maxDegree + 1];
        for (int j = 0; j < quadrature.Nodes.Length; j++)
        {
            double t = quadrature.Nodes[j], w = quadrature.Weights[j];
            if (w == 0) continue;
            double k = kernel(t);
            if (!double.IsFinite(k))
                throw new ArgumentException($"FunkHecke: the kernel returned {k:R} at t = {t:R}; K must be finite on [−1, 1].", nameof(kernel));
            Gegenbauer.Fill(quadrature.Dimension, t, p);
            double wk = w * k;
            for (int l = 0; l <= maxDegree; l++) sums[l].Add(wk * p[l]);
        }
        return [.. sums.Select(s => s.Value)];
    }

    /// <summary>
    /// <see cref="Eigenvalues(Func{double,double}, SphereQuadrature, int)"/> with a Gauss–Gegenbauer rule of
    /// maxDegree + 80 nodes, or an angular rule of (maxDegree + 80)·2 nodes when <paramref name="angular"/>.
    /// </summary>
    public static ImmutableArray<double> Eigenvalues(Func<double, double> kernel, int dimension, int maxDegree, bool angular = false)
    {
        Check(dimension, maxDegree);
        var rule = angular
            ? SphereQuadrature.Angular(dimension, 2 * (maxDegree + 80))
            : SphereQuadrature.GaussGegenbauer(dimension, maxDegree + 80);
        return Eigenvalues(kernel, rule, maxDegree);
    }

    /// <summary>
    /// λ_ℓ from the Taylor coefficients K(t) = Σ_j b_j t^j (docs/theory.md (6.10)):
    /// λ_ℓ = Σ_{s≥0} b_{ℓ+2s} (ℓ+2s)! Γ(d/2) / (2^{ℓ+2s} s! Γ(ℓ+s+d/2)). The factor is built in log space from
    /// ln c_{ℓ,0} = Σ_{i=1}^{ℓ} ln(i/(d + 2i − 2)) and c_{ℓ,s+1}/c_{ℓ,s} = (ℓ+2s+1)(ℓ+2s+2)/(4(s+1)(d/2+ℓ+s)), so tiny
    /// eigenvalues (d = 3072) keep their relative accuracy. The series is cut at j = maxCoefficientIndex or when four
    /// consecutive terms fall below 1e-17 of the partial sum; slowly decaying b_j (kernels not smooth at t = 1)
    /// converge slowly.
    /// </summary>
    /// <exception cref="ArgumentException">A coefficient is not finite.</exception>
    public static ImmutableArray<double> FromTaylor(Func<int, double> coefficient, int dimension, int maxDegree, int maxCoefficientIndex = 20_000)
    {
        ArgumentNullException.ThrowIfNull(coefficient);
        Check(dimension, maxDegree);
        if (maxCoefficientIndex < maxDegree)
            throw new ArgumentOutOfRangeException(nameof(maxCoefficientIndex), maxCoefficientIndex, $"FunkHecke.FromTaylor: maxCoefficientIndex = {maxCoefficientIndex} must be ≥ maxDegree = {maxDegree}.");
        // Coefficients are requested lazily, once each, and only as far as the series needs them.
        var b = new List<double>();
        double B(int j)
        {
            while (b.Count <= j)
            {
                double value = coefficient(b.Count);
                if (!double.IsFinite(value))
                    throw new ArgumentException($"FunkHecke.FromTaylor: coefficient b_{b.Count} = {value:R} is not finite.", nameof(coefficient));
                b.Add(value);
            }
            return b[j];
        }
        double half = dimension / 2.0;
        var result = new double[maxDegree + 1];
        double logC0 = 0;
        for (int l = 0; l <= maxDegree; l++)
        {
            if (l > 0) logC0 += Math.Log(l / (dimension + 2.0 * l - 2));
            var sum = new CompensatedSum();
            double logC = logC0;
            int small = 0;
            for (int s = 0; l + 2 * s <= maxCoefficientIndex; s++)
            {
                double bj = B(l + 2 * s);
                double term = bj == 0 ? 0 : Math.Sign(bj) * Math.Exp(Math.Log(Math.Abs(bj)) + logC);
                sum.Add(term);
                double total = sum.Value;
                small = total != 0 && Math.Abs(term) <= 1e-17 * Math.Abs(total) ? small + 1 : 0;
                if (small >= 4) break;
                logC += Math.Log((l + 2.0 * s + 1) * (l + 2.0 * s + 2) / (4.0 * (s + 1) * (half + l + s)));
            }
            result[l] = sum.Value;
        }
        return [.. result];
    }

    /// <summary>
    /// λ_ℓ of the kernel (1 − t)^β on S^{d−1} for ℓ = 0 … maxDegree, as (ln |λ_ℓ|, sign) (docs/theory.md (6.15); Rodrigues' formula
    /// and ℓ integrations by parts): λ_0 = E[(1 − t)^β] = Γ(d/2) 2^{β+d−2} B(β + (d−1)/2, (d−1)/2)/(√π Γ((d−1)/2)) and
    /// λ_{ℓ+1}/λ_ℓ = (ℓ − β)/(ℓ + β + d − 1). These are the eigenvalues of the singular terms (1 ∓ t)^β through which the
    /// slowly decaying Taylor tail of a kernel that is not smooth at t = ±1 is summed. β &gt; −(d−1)/2, β not an integer
    /// below maxDegree (then λ_ℓ = 0 for ℓ &gt; β, a polynomial).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">β ≤ −(d−1)/2 or not finite, d &lt; 2, maxDegree &lt; 0.</exception>
    public static ImmutableArray<(double Log, int Sign)> OfOneMinusTPower(double beta, int dimension, int maxDegree)
    {
        Check(dimension, maxDegree);
        double half = (dimension - 1) / 2.0;
        if (!double.IsFinite(beta) || beta <= -half)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"FunkHecke.OfOneMinusTPower: β = {beta:R} must exceed −(d−1)/2 = {-half:R}.");
        double log = SpecialFunctions.LogGamma(dimension / 2.0) - 0.5 * Math.Log(Math.PI) - SpecialFunctions.LogGamma(half)
                     + (beta + dimension - 2) * Math.Log(2)
                     + SpecialFunctions.LogGamma(beta + half) + SpecialFunctions.LogGamma(half) - SpecialFunctions.LogGamma(beta + 2 * half);
        int sign = 1;
        var result = ImmutableArray.CreateBuilder<(double, int)>(maxDegree + 1);
        for (int l = 0; l <= maxDegree; l++)
        {
            result.Add((log, sign));
            double ratio = (l - beta) / (l + beta + dimension - 1);
            if (ratio == 0) { sign = 0; log = double.NegativeInfinity; }
            else if (sign != 0)
            {
                if (ratio < 0) sign = -sign;
                log += Math.Log(Math.Abs(ratio));
            }
        }
        return result.MoveToImmutable();
    }

    /// <summary>
    /// The RBF kernel exp(−|x − y|²/s) = e^{−2/s} e^{(2/s) t} on S^{d−1} in closed form (docs/theory.md (6.11)):
    /// λ_ℓ = e^{−2/s} s^{(d−2)/2} I_{ℓ+d/2−1}(2/s) Γ(d/2), evaluated in log space.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">s not finite or ≤ 0, d &lt; 2, maxDegree &lt; 0.</exception>
    public static ImmutableArray<double> Rbf(double width, int dimension, int maxDegree)
    {
        if (!double.IsFinite(width) || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"FunkHecke.Rbf: width s = {width:R} must be finite and > 0.");
        Check(dimension, maxDegree);
        double x = 2 / width;
        double logPrefactor = -x + (dimension - 2) / 2.0 * Math.Log(width) + SpecialFunctions.LogGamma(dimension / 2.0);
        return [.. Enumerable.Range(0, maxDegree + 1).Select(l => Math.Exp(logPrefactor + ModifiedBessel.LogI(l + dimension / 2.0 - 1, x)))];
    }

    /// <summary>
    /// The spectrum with levels (λ_ℓ, N(d, ℓ), ℓ). Values in [−negativeTolerance, 0) — quadrature rounding of vanishing
    /// eigenvalues — become 0; anything more negative is rejected by <see cref="Spectrum.Create"/>.
    /// </summary>
    /// <exception cref="ArgumentException">N(d, ℓ) exceeds a 64-bit mode count.</exception>
    public static Spectrum ToSpectrum(IReadOnlyList<double> eigenvalues, int dimension, double negativeTolerance = 0, SpectralTail? analyticTail = null)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        Gegenbauer.CheckDimension(dimension);
        var levels = new List<SpectralLevel>(eigenvalues.Count);
        for (int l = 0; l < eigenvalues.Count; l++)
        {
            if (LogMultiplicity(dimension, l) > 43)
                throw new ArgumentException($"FunkHecke.ToSpectrum: N(d = {dimension}, ℓ = {l}) ≈ e^{LogMultiplicity(dimension, l):F1} exceeds a 64-bit mode count; pass at most {l} degrees.", nameof(eigenvalues));
            double value = eigenvalues[l];
            if (value < 0 && value >= -negativeTolerance) value = 0;
            levels.Add(new SpectralLevel(value, (long)ExactMultiplicity(dimension, l), l));
        }
        return Spectrum.Create(levels, analyticTail);
    }

    private static void Check(int dimension, int degree)
    {
        Gegenbauer.CheckDimension(dimension);
        if (degree < 0)
            throw new ArgumentOutOfRangeException(nameof(degree), degree, $"FunkHecke: degree ℓ = {degree} must be ≥ 0.");
    }
}
