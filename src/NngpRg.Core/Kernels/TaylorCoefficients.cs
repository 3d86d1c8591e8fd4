using System.Collections.Immutable;
using System.Numerics;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Kernels;

/// <summary>
/// Taylor coefficients K(t) = Σ_j b_j t^j of a function analytic in a disc, from Cauchy's integral on circles
/// (docs/theory.md §6.5, the Taylor route to Funk–Hecke eigenvalues): on the circle |t| = r with N equispaced points the
/// trapezoid rule gives b̃_j = (1/(N r^j)) Σ_m K(r e^{2πim/N}) e^{−2πijm/N} = b_j + Σ_{k≥1} b_{j+kN} r^{kN}
/// (aliasing), computed in floating point with an absolute rounding error of about ε·max_{|t|=r}|K| / r^j.
/// </summary>
/// <param name="Values">b_0 … b_jmax (imaginary parts, which vanish for a real kernel, are dropped).</param>
/// <param name="Errors">Per-coefficient error estimate δ_j ≥ 0: the larger of the rounding estimate on the chosen
/// circle and the difference from the next-best circle.</param>
/// <param name="Radii">The radius used for each coefficient.</param>
public sealed record TaylorCoefficients(ImmutableArray<double> Values, ImmutableArray<double> Errors, ImmutableArray<double> Radii)
{
    private const double Epsilon = 2.220446049250313e-16; // 2^−52

    /// <summary>The highest index jmax.</summary>
    public int MaxIndex => Values.Length - 1;

    /// <summary>Points per circle for coefficients up to jmax: the power of two ≥ 16·(jmax + 1).</summary>
    public static int PointsFor(int maxIndex) => (int)BitOperations.RoundUpToPowerOf2((uint)(16 * (maxIndex + 1)));

    /// <summary>
    /// Two circles inside the unit disc for kernels analytic in |t| &lt; 1: r₁ = e^{−4/(jmax+1)}, r₂ = e^{−8/(jmax+1)},
    /// so rounding is amplified by at most e⁴ (resp. e⁸) at j = jmax, and with N = 16(jmax + 1) points the aliasing
    /// r^N ≤ e^{−64} for a kernel bounded on the unit disc.
    /// </summary>
    public static ImmutableArray<double> UnitDiscRadii(int maxIndex) => [Math.Exp(-4.0 / (maxIndex + 1)), Math.Exp(-8.0 / (maxIndex + 1))];

    /// <summary>
    /// Circles for an entire function: the unit-disc circles and 2, 4, 8, … up to jmax + 1, so that each b_j can be
    /// taken near its saddle-point radius (relative accuracy for fast-decaying coefficients such as e^t's 1/j!).
    /// </summary>
    public static ImmutableArray<double> EntireRadii(int maxIndex)
    {
        var radii = UnitDiscRadii(maxIndex).ToBuilder();
        for (double r = 2; r < 2 * (maxIndex + 1); r *= 2) radii.Add(r);
        return radii.ToImmutable();
    }

    /// <summary>b_0 … b_jmax of the expression <paramref name="kernel"/> in the one symbol <paramref name="t"/>, evaluated
    /// by <see cref="ComplexEvaluate"/> on the given circles (default: <see cref="UnitDiscRadii"/>).</summary>
    /// <exception cref="ArgumentException">When the expression has another free symbol.</exception>
    /// <exception cref="EvaluationException">When the expression cannot be evaluated on a circle.</exception>
    public static TaylorCoefficients Of(Expr kernel, Symbol t, int maxIndex, IReadOnlyList<double>? radii = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(t);
        var other = Structure.FreeSymbols(kernel).Where(s => !s.Equals(t)).ToList();
        if (other.Count > 0)
            throw new ArgumentException($"TaylorCoefficients: the kernel '{kernel}' depends on {string.Join(", ", other)} besides {t}; bind them first.", nameof(kernel));
        var env = new Dictionary<Symbol, Complex>(1);
        Complex At(Complex z)
        {
            env[t] = z;
            return ComplexEvaluate.At(kernel, env);
        }
        return Of(At, maxIndex, radii ?? UnitDiscRadii(maxIndex));
    }

    /// <summary>
    /// b_0 … b_jmax of <paramref name="f"/> from the trapezoid rule on each circle |t| = r of <paramref name="radii"/> with
    /// <see cref="PointsFor"/>(jmax) points (direct DFT with a table of roots of unity). For each j the circle with the
    /// smallest rounding estimate 32ε·max|f| / r^j (a few ulps of error in each value of f, as in the
    /// principal inverse trigonometric functions, can be systematic rather than averaging out) is used, and the error estimate is the larger of that and the
    /// difference from the circle with the next-smallest estimate. The first two circles must carry finite values; at the
    /// first later circle where f overflows, that circle and the rest are dropped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">jmax &lt; 0, fewer than two radii, or a radius not finite and &gt; 0.</exception>
    /// <exception cref="ArgumentException">f not finite at a node of the first two circles.</exception>
    public static TaylorCoefficients Of(Func<Complex, Complex> f, int maxIndex, IReadOnlyList<double> radii)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(radii);
        if (maxIndex < 0) throw new ArgumentOutOfRangeException(nameof(maxIndex), maxIndex, "TaylorCoefficients: jmax must be ≥ 0.");
        if (radii.Count < 2) throw new ArgumentOutOfRangeException(nameof(radii), radii.Count, "TaylorCoefficients: at least two radii are needed for the error estimate.");
        foreach (var r in radii)
            if (!double.IsFinite(r) || r <= 0) throw new ArgumentOutOfRangeException(nameof(radii), r, "TaylorCoefficients: every radius must be finite and > 0.");
        int n = PointsFor(maxIndex);
        var roots = new Complex[n];
        for (int m = 0; m < n; m++) roots[m] = Complex.FromPolarCoordinates(1, 2 * Math.PI * m / n);
        var estimates = new double[radii.Count][];
        var rounding = new double[radii.Count][];
        var samples = new Complex[n];
        int usable = radii.Count;
        for (int k = 0; k < radii.Count; k++)
        {
            double r = radii[k], max = 0;
            bool finite = true;
            for (int m = 0; m < n && finite; m++)
            {
                var v = f(r * roots[m]);
                finite = double.IsFinite(v.Real) && double.IsFinite(v.Imaginary) && double.IsFinite(Complex.Abs(v));
                if (!finite && k < 2)
                    throw new ArgumentException($"TaylorCoefficients: f({r * roots[m]}) = {v} is not finite; the circle |t| = {r:R} must lie inside the disc of analyticity.", nameof(f));
                samples[m] = v;
                max = Math.Max(max, Complex.Abs(v));
            }
            // an entire function may overflow on the outer circles (e.g. the depth-2 RBF kernel grows like exp(e^|t|)):
            // those and all later circles are dropped
            if (!finite)
            {
                usable = k;
                break;
            }
            estimates[k] = new double[maxIndex + 1];
            rounding[k] = new double[maxIndex + 1];
            double logR = Math.Log(r);
            for (int j = 0; j <= maxIndex; j++)
            {
                Complex acc = Complex.Zero;
                long index = 0; // j·m mod N, the conjugate root e^{−2πijm/N}
                for (int m = 0; m < n; m++)
                {
                    acc += samples[m] * Complex.Conjugate(roots[index]);
                    index += j;
                    if (index >= n) index -= n;
                }
                double scale = Math.Exp(-j * logR) / n;
                estimates[k][j] = acc.Real * scale;
                rounding[k][j] = 32 * Epsilon * max * Math.Exp(-j * logR);
            }
        }
        var values = new double[maxIndex + 1];
        var errors = new double[maxIndex + 1];
        var used = new double[maxIndex + 1];
        for (int j = 0; j <= maxIndex; j++)
        {
            int best = 0, second = 1;
            if (rounding[1][j] < rounding[0][j]) (best, second) = (1, 0);
            for (int k = 2; k < usable; k++)
            {
                if (rounding[k][j] < rounding[best][j]) (best, second) = (k, best);
                else if (rounding[k][j] < rounding[second][j]) second = k;
            }
            values[j] = estimates[best][j];
            used[j] = radii[best];
            errors[j] = Math.Max(rounding[best][j], Math.Abs(estimates[best][j] - estimates[second][j]));
        }
        return new TaylorCoefficients([.. values], [.. errors], [.. used]);
    }
}
