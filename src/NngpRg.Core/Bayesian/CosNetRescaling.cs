using System.Collections.Immutable;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// The rescaling step of the cos-net RG, derived by the symbolic engine (docs/theory.md §10, Eqs. 10.7–10.8). After the
/// shell R/s &lt; |p| &lt; R is removed, the substitution p = q/s in G_{R/s}(r; m) = ∫_{|p|&lt;R/s} d^dp/(2π)^d e^{ip·r}/(p² + m²)
/// gives back the full cutoff R with
/// <list type="bullet">
/// <item>the integrand s^{−d}/((q/s)² + m²) in rational normal form, s^{2−d}/(q² + s²m²): a prefactor s^{2−d}
/// (field dimension Δ = (d − 2)/2) and the mass m'² = s² m²;</item>
/// <item>the phase p·r = q·(r/s): separations shrink by s;</item>
/// <item>with s = e^ℓ, m²(ℓ) = m² e^{2ℓ}, so dm²/dℓ = 2 m² (the mass is relevant with eigenvalue 2, η = 0);</item>
/// <item>for α = 1 the kept fraction vol(B_{R/s})/vol(B_R) = s^{−d}: N(ℓ) = N e^{−dℓ}, dN/dℓ = −d N.</item>
/// </list>
/// Together: G_{R/s}(r; m) = s^{2−d} G_R(r/s; s m).
/// </summary>
/// <param name="Dimension">d.</param>
/// <param name="Substituted">s^{−d}/((q/s)² + m²): the measure and propagator after p = q/s.</param>
/// <param name="NormalForm">Its rational normal form.</param>
/// <param name="Prefactor">Numerator over the q² coefficient of the denominator: s^{2−d}.</param>
/// <param name="PrefactorExponent">The exponent of s in the prefactor, 2 − d.</param>
/// <param name="RescaledMassSquared">Denominator at q = 0 over its q² coefficient: m'² = s² m².</param>
/// <param name="RescaledSeparation">The phase p·r after p = q/s, divided by q: r/s.</param>
/// <param name="MassSquaredAlongFlow">m'² with s = e^ℓ.</param>
/// <param name="MassFlow">dm²/dℓ written in the running m² (the symbol m² stands for m²(ℓ)): 2 m².</param>
/// <param name="WidthFraction">vol(B_{R/s})/vol(B_R) = s^{−d}: the α = 1 kept fraction.</param>
/// <param name="WidthFlow">dN/dℓ for α = 1 written in the running N: −d N.</param>
public sealed record CosNetRescalingDerivation(
    int Dimension,
    Expr Substituted,
    Expr NormalForm,
    Expr Prefactor,
    int PrefactorExponent,
    Expr RescaledMassSquared,
    Expr RescaledSeparation,
    Expr MassSquaredAlongFlow,
    Expr MassFlow,
    Expr WidthFraction,
    Expr WidthFlow)
{
    /// <summary>The field dimension Δ = −(prefactor exponent)/2 = (d − 2)/2: φ'(x̃) = s^Δ φ_&lt;(s x̃).</summary>
    public double FieldDimension => -PrefactorExponent / 2.0;
}

/// <summary>One point of the cos-net rescaling flow (docs/theory.md §10, Eq. 10.8).</summary>
/// <param name="Time">RG time ℓ = ln s.</param>
/// <param name="Scale">s = e^ℓ = R/k.</param>
/// <param name="Mass">m(ℓ), from the derived m'² = s² m².</param>
/// <param name="ExpectedWidth">E N(ℓ) = N × P(|w| &lt; R/s): N e^{−dℓ} (α = 1), N Z_{R/s}/Z_R (α = 0).</param>
/// <param name="FieldVariance">G_R(0; m(ℓ)) of the rescaled theory: s^{d−2} times the variance left below k = R/s.</param>
public readonly record struct CosNetFlowPoint(double Time, double Scale, double Mass, double ExpectedWidth, double FieldVariance);

/// <summary>The cos-net rescaling: its symbolic derivation and the flow it drives.</summary>
public static class CosNetRescaling
{
    /// <summary>The scale factor s.</summary>
    public static readonly Symbol S = Ex.Sym("s");
    /// <summary>The rescaled momentum q = s p.</summary>
    public static readonly Symbol Q = Ex.Sym("q");
    /// <summary>The mass m.</summary>
    public static readonly Symbol M = Ex.Sym("m");
    /// <summary>The RG time ℓ (printed "ell").</summary>
    public static readonly Symbol Ell = Ex.Sym("ell");
    /// <summary>The separation r.</summary>
    public static readonly Symbol Rsep = Ex.Sym("r");
    /// <summary>The UV cutoff R.</summary>
    public static readonly Symbol Cutoff = Ex.Sym("R");
    /// <summary>The width N.</summary>
    public static readonly Symbol Width = Ex.Sym("N");
    /// <summary>The running mass squared m² (one symbol, superscript part of its name).</summary>
    public static readonly Symbol MassSquared = Ex.SymSup("m", Ex.Num(2));

    /// <summary>Derives the rescaling step and its flow in d dimensions (1 ≤ d ≤ 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">d outside 1 … 3.</exception>
    /// <exception cref="InvalidOperationException">The normal form is not of the shape c·s^k/(a q² + b) (cannot happen for these inputs; checked).</exception>
    public static CosNetRescalingDerivation Derive(int dimension)
    {
        if (dimension is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "CosNetRescaling: the dimension must be 1, 2 or 3.");
        return Derived[dimension - 1].Value;
    }

    // One derivation per dimension, made once (thread-safe; the records are immutable).
    private static readonly Lazy<CosNetRescalingDerivation>[] Derived = [new(() => Run(1)), new(() => Run(2)), new(() => Run(3))];

    private static CosNetRescalingDerivation Run(int dimension)
    {
        var p = Ex.Sym("p");
        var d = Ex.Num(dimension);
        // Measure d^dp = s^{-d} d^dq and the propagator 1/(p² + m²), both at p = q/s.
        var propagator = Ex.Pow(Ex.Add(Ex.Pow(p, Ex.Num(2)), Ex.Pow(M, Ex.Num(2))), Ex.Num(-1));
        var substituted = Ex.Mul(Ex.Pow(S, Ex.Mul(Ex.Num(-1), d)), Substitute.Apply(propagator, p, Ex.Mul(Q, Ex.Pow(S, Ex.Num(-1)))));
        var normal = RationalNormalForm.Of(substituted);
        var (numerator, denominator) = RationalNormalForm.NumeratorDenominator(normal);
        if (Structure.DependsOn(numerator, Q))
            throw new InvalidOperationException($"CosNetRescaling: the numerator {numerator} depends on q.");
        // The q² coefficient (½ ∂²/∂q²) and the q-independent part of the denominator.
        var quadratic = Simplify.Of(Ex.Mul(Ex.Num(1, 2), Differentiate.Of(denominator, Q, 2)));
        var constant = Simplify.Of(Substitute.Apply(denominator, Q, Ex.Num(0)));
        var linear = Simplify.Of(Substitute.Apply(Differentiate.Of(denominator, Q), Q, Ex.Num(0)));
        if (!linear.Equals(Ex.Num(0)) || Structure.DependsOn(quadratic, Q))
            throw new InvalidOperationException($"CosNetRescaling: the denominator {denominator} is not a q² + b.");
        var prefactor = Simplify.Of(Ex.Mul(numerator, Ex.Pow(quadratic, Ex.Num(-1))));
        var massSquared = Simplify.Of(Ex.Mul(constant, Ex.Pow(quadratic, Ex.Num(-1))));
        var (prefactorBase, prefactorExponent) = Power.Split(prefactor);
        int exponent = prefactor.Equals(Ex.Num(1)) ? 0
            : prefactorBase.Equals(S) && prefactorExponent is Number { Value.IsInteger: true } n ? (int)n.Value.Numerator
            : throw new InvalidOperationException($"CosNetRescaling: the prefactor {prefactor} is not a power of s.");

        // The phase p·r at p = q/s, per unit q: the new separation.
        var separation = Simplify.Of(Ex.Mul(Substitute.Apply(Ex.Mul(p, Rsep), p, Ex.Mul(Q, Ex.Pow(S, Ex.Num(-1)))), Ex.Pow(Q, Ex.Num(-1))));

        // Along the flow s = e^ℓ; dm²/dℓ divided by m²(ℓ) is a pure number times the running m².
        var alongFlow = Substitute.Apply(massSquared, S, Ex.Exp(Ell));
        var rate = Simplify.Of(Ex.Mul(Differentiate.Of(alongFlow, Ell), Ex.Pow(alongFlow, Ex.Num(-1))));
        if (Structure.DependsOn(rate, Ell) || Structure.DependsOn(rate, M))
            throw new InvalidOperationException($"CosNetRescaling: d ln m²/dℓ = {rate} is not a constant.");
        var massFlow = Ex.Mul(rate, MassSquared);

        // α = 1: the kept fraction of uniform momenta, vol(B_{R/s})/vol(B_R) ∝ (R/s)^d / R^d.
        var fraction = Simplify.Of(Ex.Mul(Ex.Pow(Ex.Mul(Cutoff, Ex.Pow(S, Ex.Num(-1))), d), Ex.Pow(Cutoff, Ex.Mul(Ex.Num(-1), d))));
        var widthAlong = Substitute.Apply(Ex.Mul(Width, fraction), S, Ex.Exp(Ell));
        var widthRate = Simplify.Of(Ex.Mul(Differentiate.Of(widthAlong, Ell), Ex.Pow(widthAlong, Ex.Num(-1))));
        var widthFlow = Ex.Mul(widthRate, Width);

        return new CosNetRescalingDerivation(dimension, substituted, normal, prefactor, exponent, massSquared, separation, alongFlow, massFlow, fraction, widthFlow);
    }

    /// <summary>
    /// The flow of <paramref name="net"/> at the RG times <paramref name="times"/> (ℓ ≥ 0, removing the shell
    /// R e^{−ℓ} &lt; |w| &lt; R and rescaling): m(ℓ) from the derived m'² = s² m² compiled, the expected width, and the
    /// rescaled theory's field variance.
    /// </summary>
    /// <exception cref="ArgumentException">A time negative or not finite.</exception>
    public static ImmutableArray<CosNetFlowPoint> Flow(CosNet net, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(times);
        var derivation = Derive(net.Theory.Dimension);
        var mass2 = Compile.ToFunc2(derivation.RescaledMassSquared, M, S);
        var points = ImmutableArray.CreateBuilder<CosNetFlowPoint>(times.Count);
        for (int i = 0; i < times.Count; i++)
        {
            double ell = times[i];
            if (!double.IsFinite(ell) || ell < 0)
                throw new ArgumentException($"CosNetRescaling: RG time ℓ[{i}] = {ell:R} must be finite and ≥ 0.", nameof(times));
            double s = Math.Exp(ell);
            double m = Math.Sqrt(mass2(net.Theory.Mass, s));
            double width = net.Width * net.InsideFraction(net.Theory.Cutoff / s);
            points.Add(new CosNetFlowPoint(ell, s, m, width, CutoffPropagator.AtOrigin(net.Theory.WithMass(m))));
        }
        return points.MoveToImmutable();
    }

    /// <summary>
    /// The rescaling identity G_{R/s}(r; m) and s^{2−d} G_R(r/s; s m) (Eq. 10.7), both by quadrature, with the
    /// prefactor and mass taken from the derivation: the pair should agree to quadrature accuracy.
    /// </summary>
    public static (double Left, double Right) Identity(FreeScalar theory, double scale, double r)
    {
        ArgumentNullException.ThrowIfNull(theory);
        if (!(double.IsFinite(scale) && scale >= 1))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"CosNetRescaling: the scale factor s = {scale:R} must be finite and ≥ 1.");
        var derivation = Derive(theory.Dimension);
        double prefactor = Evaluate.At(derivation.Prefactor, new Dictionary<Symbol, double> { [S] = scale });
        double mass = Math.Sqrt(Evaluate.At(derivation.RescaledMassSquared, new Dictionary<Symbol, double> { [S] = scale, [M] = theory.Mass }));
        double separation = Evaluate.At(derivation.RescaledSeparation, new Dictionary<Symbol, double> { [S] = scale, [Rsep] = r });
        double left = CutoffPropagator.At(theory.WithCutoff(theory.Cutoff / scale), r);
        double right = prefactor * CutoffPropagator.At(new FreeScalar(theory.Dimension, mass, theory.Cutoff), separation);
        return (left, right);
    }
}
