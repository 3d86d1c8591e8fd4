using System.Collections.Immutable;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Kernels;

/// <summary>One level of a spectrum report: degree (or mode index), eigenvalue, multiplicity and the tail after it.</summary>
/// <param name="Degree">ℓ for sphere spectra, the mode index k for power laws.</param>
/// <param name="Eigenvalue">λ_ℓ.</param>
/// <param name="Multiplicity">N(d, ℓ) (1 for power laws); a double because it overflows 64 bits at large d.</param>
/// <param name="Tail">c after this level: Σ over all later levels of N λ.</param>
/// <param name="Error">Estimated absolute error of λ_ℓ (0 for exact closed forms).</param>
public readonly record struct LevelRow(int Degree, double Eigenvalue, double Multiplicity, double Tail, double Error = 0);

/// <summary>How the eigenvalues of a spectrum report were computed.</summary>
public enum SpectrumRoute
{
    /// <summary>Funk–Hecke quadrature with a Gauss–Gegenbauer rule (absolute error about ε·K(1)).</summary>
    Quadrature,
    /// <summary>Funk–Hecke quadrature with the angular rule (arc-cosine family at small d).</summary>
    AngularQuadrature,
    /// <summary>Taylor coefficients of K by Cauchy's integral, then the Funk–Hecke series (relative accuracy at large d).</summary>
    Taylor,
    /// <summary>A power law with exact Hurwitz-zeta tails.</summary>
    PowerLaw,
}

/// <summary>
/// The spectrum of a kernel as a table of levels with tails and the sum rule Σ_ℓ N(d,ℓ) λ_ℓ = K(1) (PHYSICS.md §6).
/// </summary>
/// <param name="Kernel">The kernel's name.</param>
/// <param name="Dimension">d of the sphere S^{d−1}, or null for a power law.</param>
/// <param name="Depth">Hidden layers, or null for a power law.</param>
/// <param name="Levels">The levels in order of degree.</param>
/// <param name="Trace">The trace Σ_all N λ: K(1) on the sphere, A ζ(1+α) for a power law.</param>
/// <param name="LevelSum">Σ N λ over the listed levels.</param>
/// <param name="Route">How the eigenvalues were computed.</param>
public sealed record SphereSpectrum(string Kernel, int? Dimension, int? Depth, ImmutableArray<LevelRow> Levels, double Trace, double LevelSum, SpectrumRoute Route)
{
    /// <summary>Largest d at which <see cref="Of(NngpKernel, int, int)"/> may pick quadrature.</summary>
    public const int MaxQuadratureDimension = 32;

    /// <summary>Largest summed quadrature floor 64ε·Σ_ℓ N(d, ℓ) (relative to K(1)) that <see cref="Of(NngpKernel, int, int)"/> accepts without trying the Taylor route.</summary>
    public const double QuadratureBudget = 1e-8;

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>The tail beyond the listed levels, Trace − LevelSum (for smooth kernels with enough levels: ≈ 0).</summary>
    public double Remainder => Trace - LevelSum;

    /// <summary>
    /// The quadrature route for a kernel at small d (the angular rule for the arc-cosine family, which is not smooth at
    /// t = ±1; Gauss–Gegenbauer for erf and RBF), or <see cref="SpectrumRoute.Taylor"/> when d &gt; <see cref="MaxQuadratureDimension"/>.
    /// </summary>
    public static SpectrumRoute PreferredRoute(NngpKernel kernel, int dimension)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (dimension > MaxQuadratureDimension) return SpectrumRoute.Taylor;
        return kernel.Map.Activation is Activation.Erf or Activation.Rbf ? SpectrumRoute.Quadrature : SpectrumRoute.AngularQuadrature;
    }

    /// <summary>
    /// Eigenvalues of an NNGP kernel on S^{d−1} for ℓ = 0 … <paramref name="maxDegree"/>, with K(1) from the diagonal map, so
    /// the tail after level ℓ is K(1) − Σ_{ℓ'≤ℓ} N λ exactly. Eigenvalues within their error estimate of zero are reported as 0.
    /// Route rule: quadrature's error on λ_ℓ is absolute (≈ 64ε·K(1)), so its error on N(d,ℓ)λ_ℓ grows with the
    /// multiplicity, of order d^ℓ/ℓ!; the Taylor route's error on λ_ℓ is relative to the level's Funk–Hecke weight, which
    /// falls like ℓ!/d^ℓ, so N λ keeps an absolute error ≈ ε·K(1) — but its series converges slowly at small d for kernels not
    /// smooth at t = 1. Hence: Taylor for d &gt; <see cref="MaxQuadratureDimension"/>; for smaller d the
    /// <see cref="PreferredRoute"/> quadrature when its summed floor 64ε·K(1)·Σ_ℓ N(d,ℓ) is at most
    /// <see cref="QuadratureBudget"/>·K(1), and otherwise whichever of quadrature and Taylor has the smaller estimated error
    /// Σ_ℓ N(d,ℓ)·error(λ_ℓ) of the sum rule.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When d &lt; 2 or maxDegree &lt; 0.</exception>
    public static SphereSpectrum Of(NngpKernel kernel, int dimension, int maxDegree)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Check(dimension, maxDegree);
        var preferred = PreferredRoute(kernel, dimension);
        var first = Of(kernel, dimension, maxDegree, preferred);
        if (preferred == SpectrumRoute.Taylor || first.SumRuleError <= QuadratureBudget * Math.Abs(first.Trace)) return first;
        var taylor = Of(kernel, dimension, maxDegree, SpectrumRoute.Taylor);
        return taylor.SumRuleError < first.SumRuleError ? taylor : first;
    }

    /// <summary>The estimated error of <see cref="LevelSum"/>: Σ_ℓ N(d,ℓ)·error(λ_ℓ) (formed in log space).</summary>
    public double SumRuleError
    {
        get
        {
            if (Dimension is not { } d) return 0;
            double total = 0;
            foreach (var r in Levels)
                if (r.Error > 0) total += Math.Exp(FunkHecke.LogMultiplicity(d, r.Degree) + Math.Log(r.Error));
            return total;
        }
    }

    /// <summary>
    /// Eigenvalues by a given route (PHYSICS.md §6). Quadrature: Funk–Hecke with maxDegree + 80 Gauss–Gegenbauer nodes or
    /// 2(maxDegree + 80) angular nodes; error 64ε·K(1) per level. Taylor: b_0 … b_jmax by
    /// <see cref="TaylorCoefficients"/> (circles inside the unit disc — NNGP dot-product kernels have b_j ≥ 0 and are
    /// analytic for |t| &lt; 1 — plus larger circles for the entire RBF kernel), jmax = <paramref name="maxCoefficientIndex"/>
    /// or max(256, 2·maxDegree + 64), then <see cref="FunkHecke.FromTaylor"/>. The error of λ_ℓ is the coefficient errors
    /// propagated through the same series, plus the truncation bound (K(1) − Σ_{j≤jmax} b_j)·max_{j&gt;jmax} c_{ℓ,(j−ℓ)/2}
    /// (valid because b_j ≥ 0), plus the log-space rounding ε·(64 + 2|ln c_{ℓ,0}|)·|λ_ℓ|.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When d &lt; 2, maxDegree &lt; 0, the route is <see cref="SpectrumRoute.PowerLaw"/>,
    /// or maxCoefficientIndex &lt; maxDegree.</exception>
    public static SphereSpectrum Of(NngpKernel kernel, int dimension, int maxDegree, SpectrumRoute route, int? maxCoefficientIndex = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Check(dimension, maxDegree);
        double atOne = Evaluate.Constant(kernel.DotProductDiagonal());
        ImmutableArray<double> eigenvalues, errors;
        switch (route)
        {
            case SpectrumRoute.Quadrature or SpectrumRoute.AngularQuadrature:
                {
                    var k = Compile.ToFunc1(kernel.DotProductKernel(), NngpKernel.Dot);
                    eigenvalues = FunkHecke.Eigenvalues(k, dimension, maxDegree, route == SpectrumRoute.AngularQuadrature);
                    // Quadrature error is absolute (about ε·K(1)).
                    errors = [.. Enumerable.Repeat(64 * Epsilon * Math.Abs(atOne), maxDegree + 1)];
                    break;
                }
            case SpectrumRoute.Taylor:
                (eigenvalues, errors) = ByTaylor(kernel, dimension, maxDegree, atOne, maxCoefficientIndex ?? Math.Max(256, 2 * maxDegree + 64));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(route), route, "SphereSpectrum: NNGP kernels take the Quadrature, AngularQuadrature or Taylor route.");
        }
        var rows = ImmutableArray.CreateBuilder<LevelRow>(eigenvalues.Length);
        var sum = new CompensatedSum();
        for (int l = 0; l < eigenvalues.Length; l++)
        {
            // levels within their error of zero are zero within rounding (odd ℓ ≥ 3 of ReLU at depth 1)
            double lambda = Math.Abs(eigenvalues[l]) <= errors[l] ? 0 : eigenvalues[l];
            // N λ in log space: N(d, ℓ) overflows near ℓ ≈ 150 at d = 3072 while N λ stays O(1)
            double logN = FunkHecke.LogMultiplicity(dimension, l);
            double term = lambda == 0 ? 0 : Math.Sign(lambda) * Math.Exp(logN + Math.Log(Math.Abs(lambda)));
            sum.Add(term);
            rows.Add(new LevelRow(l, lambda, FunkHecke.Multiplicity(dimension, l), atOne - sum.Value, errors[l]));
        }
        return new SphereSpectrum(Activations.Name(kernel.Map.Activation), dimension, kernel.Depth, rows.MoveToImmutable(), atOne, sum.Value, route);
    }

    private static (ImmutableArray<double> Eigenvalues, ImmutableArray<double> Errors) ByTaylor(
        NngpKernel kernel, int dimension, int maxDegree, double atOne, int maxIndex)
    {
        if (maxIndex < maxDegree)
            throw new ArgumentOutOfRangeException(nameof(maxIndex), maxIndex, $"SphereSpectrum: the Taylor route needs jmax = {maxIndex} ≥ maxDegree = {maxDegree}.");
        var radii = kernel.Map.Activation is Activation.Rbf ? TaylorCoefficients.EntireRadii(maxIndex) : TaylorCoefficients.UnitDiscRadii(maxIndex);
        var b = TaylorCoefficients.Of(kernel.DotProductKernel(), NngpKernel.Dot, maxIndex, radii);
        var eigenvalues = FunkHecke.FromTaylor(j => b.Values[j], dimension, maxDegree, maxIndex);
        var propagated = FunkHecke.FromTaylor(j => b.Errors[j], dimension, maxDegree, maxIndex);
        var partial = new CompensatedSum();
        foreach (var v in b.Values) partial.Add(v);
        double tail = Math.Max(0, atOne - partial.Value) + b.Errors.Sum();
        var errors = new double[maxDegree + 1];
        double logC0 = 0;
        for (int l = 0; l <= maxDegree; l++)
        {
            if (l > 0) logC0 += Math.Log(l / (dimension + 2.0 * l - 2));
            // the series is summed in log space: rounding of about ε·|ln term| relative
            double rounding = Epsilon * (64 + 2 * Math.Abs(logC0)) * Math.Abs(eigenvalues[l]);
            errors[l] = propagated[l] + tail * MaxWeightBeyond(dimension, l, maxIndex) + rounding;
        }
        return (eigenvalues, [.. errors]);
    }

    /// <summary>
    /// max over s with ℓ + 2s &gt; jmax of c_{ℓ,s} = (ℓ+2s)! Γ(d/2)/(2^{ℓ+2s} s! Γ(ℓ+s+d/2)) (the weight of b_{ℓ+2s} in λ_ℓ).
    /// The ratio c_{ℓ,s+1}/c_{ℓ,s} − 1 has the sign of (2 − 2d)s + (ℓ+1)(ℓ+2) − 2d − 4ℓ, decreasing in s, so c rises to
    /// one peak and then falls: the maximum is at max(first s, peak).
    /// </summary>
    private static double MaxWeightBeyond(int dimension, int l, int maxIndex)
    {
        int first = l > maxIndex ? 0 : (maxIndex - l) / 2 + 1;
        double peak = ((l + 1.0) * (l + 2) - 2.0 * dimension - 4.0 * l) / (2.0 * dimension - 2);
        int target = Math.Max(first, (int)Math.Max(0, Math.Ceiling(peak)));
        double logC = 0, half = dimension / 2.0;
        for (int i = 1; i <= l; i++) logC += Math.Log(i / (dimension + 2.0 * i - 2));
        for (int s = 0; s < target; s++)
            logC += Math.Log((l + 2.0 * s + 1) * (l + 2.0 * s + 2) / (4.0 * (s + 1) * (half + l + s)));
        return Math.Exp(logC);
    }

    private static void Check(int dimension, int maxDegree)
    {
        if (dimension < 2) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "the sphere S^{d-1} needs d >= 2");
        if (maxDegree < 0) throw new ArgumentOutOfRangeException(nameof(maxDegree), maxDegree, "the maximum degree must be >= 0");
    }

    /// <summary>The first <paramref name="modes"/> modes of the power law λ_k = A k^{−(1+α)} with exact Hurwitz-zeta tails.</summary>
    public static SphereSpectrum Of(PowerLaw law, int modes)
    {
        if (modes < 1) throw new ArgumentOutOfRangeException(nameof(modes), modes, "at least one mode");
        var rows = ImmutableArray.CreateBuilder<LevelRow>(modes);
        double sum = 0;
        for (int k = 1; k <= modes; k++)
        {
            double l = law.Eigenvalue(k);
            sum += l;
            rows.Add(new LevelRow(k, l, 1, law.Tail(k)));
        }
        return new SphereSpectrum("powerlaw", null, null, rows.MoveToImmutable(), law.TotalTrace, sum, SpectrumRoute.PowerLaw);
    }
}
