using System.Collections.Immutable;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Kernels;

/// <summary>One level of a spectrum report: degree (or mode index), eigenvalue, multiplicity, the tail after it and the eigenvalue's error.</summary>
/// <param name="Degree">ℓ for sphere spectra, the mode index k for power laws.</param>
/// <param name="Eigenvalue">λ_ℓ.</param>
/// <param name="Multiplicity">N(d, ℓ) (1 for power laws); a double because it overflows 64 bits at large d.</param>
/// <param name="Tail">c after this level: Σ over all later levels of N λ.</param>
/// <param name="Error">Estimated absolute error of λ_ℓ (0 for exact closed forms and exact zeros).</param>
public readonly record struct LevelRow(int Degree, double Eigenvalue, double Multiplicity, double Tail, double Error = 0)
{
    /// <summary>The stated relative accuracy Error/|λ_ℓ|: 0 for an exact value (or an exact zero), +∞ for a zero known only up to its error.</summary>
    public double RelativeError => Error == 0 ? 0 : Eigenvalue == 0 ? double.PositiveInfinity : Error / Math.Abs(Eigenvalue);
}

/// <summary>How the eigenvalues of a spectrum report were computed.</summary>
public enum SpectrumRoute
{
    /// <summary>Taylor coefficients by composition of non-negative series, the Funk–Hecke series, and the tail j &gt; J from the
    /// coefficients' asymptotics (relative accuracy; <see cref="DotProductSeries"/>). The default for NNGP kernels and NTKs.</summary>
    Series,
    /// <summary>The RBF closed form λ_ℓ = e^{−2/s} s^{(d−2)/2} I_{ℓ+d/2−1}(2/s) Γ(d/2) (depth-1 RBF kernel).</summary>
    Bessel,
    /// <summary>Funk–Hecke quadrature with a Gauss–Gegenbauer rule (absolute error about ε·K(1)).</summary>
    Quadrature,
    /// <summary>Funk–Hecke quadrature with the angular rule (absolute error about ε·K(1)).</summary>
    AngularQuadrature,
    /// <summary>Taylor coefficients of K by Cauchy's integral, then the Funk–Hecke series (absolute coefficient errors).</summary>
    Taylor,
    /// <summary>A power law with exact Hurwitz-zeta tails.</summary>
    PowerLaw,
}

/// <summary>
/// The spectrum of a kernel as a table of levels with tails and the sum rule Σ_ℓ N(d,ℓ) λ_ℓ = K(1) (docs/theory.md (6.9)).
/// </summary>
/// <param name="Kernel">The kernel's name.</param>
/// <param name="Dimension">d of the sphere S^{d−1}, or null for a power law.</param>
/// <param name="Depth">Hidden layers, or null for a power law.</param>
/// <param name="Levels">The levels in order of degree.</param>
/// <param name="Trace">The trace Σ_all N λ: K(1) (Θ(1) for the NTK) on the sphere, A ζ(1+α) for a power law.</param>
/// <param name="LevelSum">Σ N λ over the listed levels.</param>
/// <param name="Route">How the eigenvalues were computed.</param>
/// <param name="Kind">NNGP kernel or NTK.</param>
public sealed record SphereSpectrum(string Kernel, int? Dimension, int? Depth, ImmutableArray<LevelRow> Levels, double Trace, double LevelSum, SpectrumRoute Route, KernelKind Kind = KernelKind.Nngp)
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// 2^−1022, the smallest normal double: the absolute error floor of every eigenvalue of a relative-accuracy route that is not
    /// an exact zero. Below it rounding is absolute (gradual underflow: up to half of 2^−1074 per operation, and a term below
    /// that is lost whole), and the ≤ 2^52 operations behind one λ_ℓ, with their amplification, stay within 2^52·2^−1074. So a
    /// level below the normal range carries a relative error of order one or more, and a level that underflowed to 0 is a
    /// zero known only up to this bound (relative error +∞), not an exact zero.
    /// </summary>
    public const double UnderflowFloor = 2.2250738585072014E-308;

    /// <summary>The highest degree the series route accepts: J/2 for J = <see cref="DotProductSeries.DefaultMaxIndex"/>.</summary>
    public const int MaxSeriesDegree = DotProductSeries.DefaultMaxIndex / 2;

    /// <summary>
    /// The tail beyond the listed levels: the last level's <see cref="LevelRow.Tail"/> (Σ N λ over later levels, resolved far
    /// below the rounding of Trace − LevelSum for fast-decaying spectra; a Hurwitz-zeta value for a power law).
    /// </summary>
    public double Remainder => Levels.Length > 0 ? Levels[^1].Tail : Trace;

    /// <summary>The largest stated relative error over the listed non-zero levels.</summary>
    public double WorstRelativeError => Levels.Length == 0 ? 0 : Levels.Max(r => r.RelativeError);

    /// <summary>
    /// The default route, which depends on the kernel only (never on the number of degrees asked for): the Bessel closed form
    /// for the depth-1 RBF NNGP, the series route for everything else.
    /// </summary>
    public static SpectrumRoute PreferredRoute(NngpKernel kernel, KernelKind kind = KernelKind.Nngp)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return kernel.Map.Activation == Activation.Rbf && kernel.Depth == 1 && kind == KernelKind.Nngp ? SpectrumRoute.Bessel : SpectrumRoute.Series;
    }

    /// <summary>
    /// Eigenvalues of an NNGP kernel (or NTK) on S^{d−1} for ℓ = 0 … <paramref name="maxDegree"/> by the
    /// <see cref="PreferredRoute"/>, each with its error; K(1) comes from the diagonal map. The tail after level ℓ is the sum of
    /// N λ over the later levels, computed to ℓ_ext = max(2ℓmax, ℓmax + 100) (at most J/2), plus the remainder
    /// K(1) − Σ_{ℓ'≤ℓ_ext} N λ when that exceeds its rounding (8ε·K(1) + Σ N·error). λ_ℓ does not depend on maxDegree.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When d &lt; 2, maxDegree &lt; 0 or &gt; <see cref="MaxSeriesDegree"/>.</exception>
    /// <exception cref="ArgumentException">The NTK of arccos0, which does not exist.</exception>
    public static SphereSpectrum Of(NngpKernel kernel, int dimension, int maxDegree, KernelKind kind = KernelKind.Nngp)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return Of(kernel, dimension, maxDegree, PreferredRoute(kernel, kind), kind: kind);
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
    /// Eigenvalues by a given route (docs/theory.md §6.5). Series: <see cref="DotProductSeries"/> with J = maxCoefficientIndex
    /// (default <see cref="DotProductSeries.DefaultMaxIndex"/>) and the tail of <see cref="SeriesEigenvalues"/>. Bessel: the RBF
    /// closed form (depth-1 RBF NNGP only), error (64 + 2|ln λ|)ε·λ. Quadrature: Funk–Hecke with maxDegree + 80
    /// Gauss–Gegenbauer nodes or 2(maxDegree + 80) angular nodes; error 64ε·K(1) per level. Taylor: b_j by
    /// <see cref="TaylorCoefficients"/> on circles, jmax = maxCoefficientIndex or max(256, 2·maxDegree + 64), the truncation
    /// bound (K(1) − Σ_{j≤jmax} b_j)·max_{j&gt;jmax} c_{ℓ,(j−ℓ)/2} and the log-space rounding added to the error.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When d &lt; 2, maxDegree &lt; 0, the route is <see cref="SpectrumRoute.PowerLaw"/>
    /// (or <see cref="SpectrumRoute.Bessel"/> for another kernel), maxCoefficientIndex &lt; maxDegree, or the series route is asked
    /// for more than J/2 degrees.</exception>
    /// <exception cref="ArgumentException">The NTK of arccos0, which does not exist.</exception>
    public static SphereSpectrum Of(NngpKernel kernel, int dimension, int maxDegree, SpectrumRoute route, int? maxCoefficientIndex = null, KernelKind kind = KernelKind.Nngp)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Check(dimension, maxDegree);
        if (kind == KernelKind.Ntk && !kernel.HasNtk)
            throw new ArgumentException("SphereSpectrum: arccos0 has no NTK: its activation Θ(u) has derivative δ(u), and the NTK diverges at t = ±1.", nameof(kind));
        var expression = kind == KernelKind.Nngp ? kernel.DotProductKernel() : kernel.DotProductNtk();
        double atOne = Evaluate.Constant(kind == KernelKind.Nngp ? kernel.DotProductDiagonal() : kernel.DotProductNtkDiagonal());
        ImmutableArray<double> eigenvalues, errors;
        // the relative-accuracy routes compute levels beyond maxDegree (a fixed function of it) so that the tails after the
        // listed levels are sums of levels, with only the unresolved remainder beyond them taken from K(1) − Σ N λ
        int extended = maxDegree;
        switch (route)
        {
            case SpectrumRoute.Series:
                {
                    int jmax = maxCoefficientIndex ?? DotProductSeries.DefaultMaxIndex;
                    if (maxDegree > jmax / 2)
                        throw new ArgumentOutOfRangeException(nameof(maxDegree), maxDegree, $"SphereSpectrum: the series route with J = {jmax} coefficients gives degrees up to J/2 = {jmax / 2}.");
                    extended = Math.Min(jmax / 2, Math.Max(2 * maxDegree, maxDegree + 100));
                    var series = DotProductSeries.Of(kernel, kind, jmax);
                    double atMinusOne = Compile.ToFunc1(expression, NngpKernel.Dot)(-1);
                    var (values, errs, _) = SeriesEigenvalues.Compute(series, dimension, extended, LeadingSingularExponent(kernel, kind), atMinusOne, DotProductSeries.BeyondOne(kernel, kind));
                    (eigenvalues, errors) = ([.. values], [.. errs]);
                    break;
                }
            case SpectrumRoute.Bessel:
                {
                    if (kernel.Map.Activation != Activation.Rbf || kernel.Depth != 1 || kind != KernelKind.Nngp)
                        throw new ArgumentOutOfRangeException(nameof(route), route, "SphereSpectrum: the Bessel closed form holds for the depth-1 RBF NNGP only.");
                    // K(t) = σ_b² + σ_w² exp(−a(1 − t)), a = σ²_W0 σ_w²: the closed form with 2/s = a
                    double w2 = Evaluate.Constant(kernel.Map.SigmaW2), b2 = Evaluate.Constant(kernel.Map.SigmaB2), a = Evaluate.Constant(kernel.Map.RbfScale) * w2;
                    extended = Math.Max(2 * maxDegree, maxDegree + 100);
                    var closed = a > 0 ? FunkHecke.Rbf(2 / a, dimension, extended) : [.. Enumerable.Range(0, extended + 1).Select(l => l == 0 ? 1.0 : 0)];
                    eigenvalues = [.. closed.Select((v, l) => w2 * v + (l == 0 ? b2 : 0))];
                    // the closed form exponentiates a sum of logs that cancel (ln Γ(d/2), ν ln(a/2), ln Γ(ν + 1), …): its error is
                    // ε times their magnitude, a few 1e−12 relative at d = 3072
                    // (a value below the normal range, or one that underflowed to 0, has the absolute floor of gradual underflow)
                    errors = [.. eigenvalues.Select((v, l) => a == 0 ? 0 : BesselRounding(a, dimension, l) * v + UnderflowFloor)];
                    break;
                }
            case SpectrumRoute.Quadrature or SpectrumRoute.AngularQuadrature:
                {
                    var k = Compile.ToFunc1(expression, NngpKernel.Dot);
                    eigenvalues = FunkHecke.Eigenvalues(k, dimension, maxDegree, route == SpectrumRoute.AngularQuadrature);
                    // Quadrature error is absolute (about ε·K(1)).
                    errors = [.. Enumerable.Repeat(64 * Epsilon * Math.Abs(atOne), maxDegree + 1)];
                    break;
                }
            case SpectrumRoute.Taylor:
                (eigenvalues, errors) = ByTaylor(expression, kernel.Map.Activation == Activation.Rbf, dimension, maxDegree, atOne, maxCoefficientIndex ?? Math.Max(256, 2 * maxDegree + 64));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(route), route, "SphereSpectrum: NNGP kernels take the Series, Bessel, Quadrature, AngularQuadrature or Taylor route.");
        }
        return Assemble(kernel, dimension, maxDegree, eigenvalues, errors, atOne, route, kind);
    }

    private static double BesselRounding(double a, int dimension, int l)
    {
        double nu = l + dimension / 2.0 - 1;
        double logs = a + Math.Abs((dimension - 2) / 2.0 * Math.Log(2 / a)) + SpecialFunctions.LogGamma(dimension / 2.0)
                      + Math.Abs(nu * Math.Log(a / 2)) + SpecialFunctions.LogGamma(nu + 1);
        return (64 + 4 * logs) * Epsilon;
    }

    /// <summary>
    /// β₀ of the singular terms (1 ∓ t)^{β₀+k} of a dot-product kernel at t = ±1: n + ½ for the degree-n arc-cosine maps
    /// (ReLU: n = 1) at any depth, n − ½ for their NTKs (K̇ ∝ J_{n−1}); ½ for arccos0 at depth 1. Null for erf and RBF
    /// (analytic beyond the unit disc) and for arccos0 at depth ≥ 2, whose exponents 2^{−L}, 3·2^{−L}, … admit no short
    /// asymptotic series (its tails are bounded instead).
    /// </summary>
    public static double? LeadingSingularExponent(NngpKernel kernel, KernelKind kind = KernelKind.Nngp)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.Map.ArcCosineDegree is not { } n) return null;
        if (n == 0) return kind == KernelKind.Nngp && kernel.Depth == 1 ? 0.5 : null;
        return kind == KernelKind.Nngp ? n + 0.5 : n - 0.5;
    }

    // Levels 0 … maxDegree of the (possibly longer) computed list; tails from suffix sums of all computed levels plus the
    // remainder K(1) − Σ N λ beyond them when it exceeds its own rounding (else that remainder is below resolution and left out).
    private static SphereSpectrum Assemble(NngpKernel kernel, int dimension, int maxDegree, ImmutableArray<double> eigenvalues, ImmutableArray<double> errors, double atOne, SpectrumRoute route, KernelKind kind)
    {
        int count = eigenvalues.Length;
        bool absolute = route is SpectrumRoute.Quadrature or SpectrumRoute.AngularQuadrature or SpectrumRoute.Taylor;
        var lambdas = new double[count];
        var weights = new double[count];
        var sum = new CompensatedSum();
        double resolution = 8 * Epsilon * Math.Abs(atOne);
        for (int l = 0; l < count; l++)
        {
            // levels within their error of zero are zero within rounding (quadrature of the odd ℓ ≥ 3 of ReLU at depth 1)
            double lambda = absolute && Math.Abs(eigenvalues[l]) <= errors[l] ? 0 : eigenvalues[l];
            lambdas[l] = lambda;
            // N λ in log space: N(d, ℓ) overflows near ℓ ≈ 150 at d = 3072 while N λ stays O(1)
            double logN = FunkHecke.LogMultiplicity(dimension, l);
            weights[l] = lambda == 0 ? 0 : Math.Sign(lambda) * Math.Exp(logN + Math.Log(Math.Abs(lambda)));
            if (errors[l] > 0) resolution += Math.Exp(logN + Math.Log(errors[l]));
            sum.Add(weights[l]);
        }
        double remainder = atOne - sum.Value;
        if (absolute) remainder = Math.Max(0, remainder);
        else remainder = remainder > resolution ? remainder : 0;
        var tails = new double[count];
        var suffix = new CompensatedSum();
        suffix.Add(remainder);
        for (int l = count - 1; l >= 0; l--)
        {
            tails[l] = suffix.Value;
            suffix.Add(weights[l]);
        }
        var rows = ImmutableArray.CreateBuilder<LevelRow>(maxDegree + 1);
        var listed = new CompensatedSum();
        for (int l = 0; l <= maxDegree; l++)
        {
            rows.Add(new LevelRow(l, lambdas[l], FunkHecke.Multiplicity(dimension, l), tails[l], errors[l]));
            listed.Add(weights[l]);
        }
        return new SphereSpectrum(Activations.Name(kernel.Map.Activation), dimension, kernel.Depth, rows.MoveToImmutable(), atOne, listed.Value, route, kind);
    }

    private static (ImmutableArray<double> Eigenvalues, ImmutableArray<double> Errors) ByTaylor(
        Symbolic.Expressions.Expr kernel, bool entire, int dimension, int maxDegree, double atOne, int maxIndex)
    {
        if (maxIndex < maxDegree)
            throw new ArgumentOutOfRangeException(nameof(maxIndex), maxIndex, $"SphereSpectrum: the Taylor route needs jmax = {maxIndex} ≥ maxDegree = {maxDegree}.");
        var radii = entire ? TaylorCoefficients.EntireRadii(maxIndex) : TaylorCoefficients.UnitDiscRadii(maxIndex);
        var b = TaylorCoefficients.Of(kernel, NngpKernel.Dot, maxIndex, radii);
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
            errors[l] = propagated[l] + tail * SeriesEigenvalues.MaxWeightBeyond(dimension, l, maxIndex) + rounding;
        }
        return (eigenvalues, [.. errors]);
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
