namespace NngpRg.Core.Bayesian;

/// <summary>
/// The sharp-cutoff free propagator of a <see cref="FreeScalar"/> (docs/theory.md §10, Eqs. 10.4–10.6), by quadrature
/// in momentum space and by closed forms where they exist:
/// <list type="bullet">
/// <item>d = 1: G_R(r) = (1/π) ∫₀^R cos(pr)/(p² + m²) dp, G_R(0) = arctan(R/m)/(π m), G_∞(r) = e^{−mr}/(2m);</item>
/// <item>d = 3: G_R(r) = (1/(2π² r)) ∫₀^R p sin(pr)/(p² + m²) dp, G_R(0) = (R − m arctan(R/m))/(2π²), G_∞(r) = e^{−mr}/(4π r).</item>
/// </list>
/// The quadrature uses panels no wider than min(m, 1, 2/r)/2, so the poles at p = ± i m and the oscillation are resolved
/// (relative accuracy ≈ 1e-14 for the reference values of docs/theory.md §10).
/// </summary>
public static class CutoffPropagator
{
    /// <summary>G_R(r) at separation r = |x − y| ≥ 0 (Eq. 10.4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">r negative or not finite.</exception>
    /// <exception cref="ArgumentException">d = 3 at r = 0 without a cutoff (G_∞(0) diverges), or a cutoff so far above the mass that the quadrature would need more than its panel budget.</exception>
    public static double At(FreeScalar theory, double r)
    {
        ArgumentNullException.ThrowIfNull(theory);
        if (!double.IsFinite(r) || r < 0)
            throw new ArgumentOutOfRangeException(nameof(r), r, $"CutoffPropagator: the separation r = {r:R} must be finite and ≥ 0.");
        double m = theory.Mass, R = theory.Cutoff;
        if (r == 0) return AtOrigin(theory);
        if (!theory.HasCutoff) return Continuum(theory, r);
        double width = Math.Min(Math.Min(m, 1), 2 / r) / 2;
        double panelsNeeded = Math.Ceiling(R / width);
        if (panelsNeeded > PanelQuadrature.MaxPanels)
            throw new ArgumentException($"CutoffPropagator: R = {R:R} with m = {m:R} at r = {r:R} needs {panelsNeeded:E2} quadrature panels (more than {PanelQuadrature.MaxPanels}); reduce R/m or r·R.", nameof(theory));
        int panels = (int)panelsNeeded;
        double m2 = m * m;
        return theory.Dimension == 1
            ? PanelQuadrature.Integrate(p => Math.Cos(p * r) / (p * p + m2), 0, R, panels) / Math.PI
            : PanelQuadrature.Integrate(p => p * Math.Sin(p * r) / (p * p + m2), 0, R, panels) / (2 * Math.PI * Math.PI * r);
    }

    /// <summary>G_R(0), the field variance, in closed form (Eq. 10.5); +∞ in d = 3 without a cutoff.</summary>
    public static double AtOrigin(FreeScalar theory)
    {
        ArgumentNullException.ThrowIfNull(theory);
        double m = theory.Mass, R = theory.Cutoff;
        if (theory.Dimension == 1)
            return theory.HasCutoff ? Math.Atan(R / m) / (Math.PI * m) : 1 / (2 * m);
        if (!theory.HasCutoff)
            throw new ArgumentException("CutoffPropagator: in d = 3 the field variance G_∞(0) diverges without a cutoff; give a finite R.", nameof(theory));
        return (R - m * Math.Atan(R / m)) / (2 * Math.PI * Math.PI);
    }

    /// <summary>The continuum propagator G_∞(r) in closed form (Eq. 10.5): e^{−mr}/(2m) (d = 1), e^{−mr}/(4π r) (d = 3, r &gt; 0).</summary>
    public static double Continuum(FreeScalar theory, double r)
    {
        ArgumentNullException.ThrowIfNull(theory);
        if (!double.IsFinite(r) || r < 0)
            throw new ArgumentOutOfRangeException(nameof(r), r, $"CutoffPropagator: the separation r = {r:R} must be finite and ≥ 0.");
        double m = theory.Mass;
        if (theory.Dimension == 1) return Math.Exp(-m * r) / (2 * m);
        if (r == 0)
            throw new ArgumentException("CutoffPropagator: in d = 3 the continuum propagator diverges at r = 0.", nameof(r));
        return Math.Exp(-m * r) / (4 * Math.PI * r);
    }

    /// <summary>
    /// The variance a momentum shell k &lt; |p| &lt; R carries, G_R(r) − G_k(r) (Eq. 10.6): what removing the shell takes
    /// from the propagator (it can be negative at r &gt; 0: sharp-cutoff ringing).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k not in (0, R).</exception>
    public static double Shell(FreeScalar theory, double inner, double r)
    {
        ArgumentNullException.ThrowIfNull(theory);
        if (!(inner > 0 && inner < theory.Cutoff))
            throw new ArgumentOutOfRangeException(nameof(inner), inner, $"CutoffPropagator: the shell's inner radius k = {inner:R} must lie in (0, R = {theory.Cutoff:R}).");
        return At(theory, r) - At(theory.WithCutoff(inner), r);
    }

    /// <summary>
    /// Z_R = ∫_{|p|&lt;R} d^dp/(p² + m²), the normalization of the propagator-weighted momentum law (Eq. 10.3):
    /// (2/m) arctan(R/m) in d = 1, 4π(R − m arctan(R/m)) in d = 3.
    /// </summary>
    /// <exception cref="ArgumentException">Without a cutoff in d = 3 (Z diverges).</exception>
    public static double MomentumNormalization(FreeScalar theory)
    {
        ArgumentNullException.ThrowIfNull(theory);
        double m = theory.Mass, R = theory.Cutoff;
        if (theory.Dimension == 1) return theory.HasCutoff ? 2 / m * Math.Atan(R / m) : Math.PI / m;
        if (!theory.HasCutoff)
            throw new ArgumentException("CutoffPropagator: Z_R diverges in d = 3 without a cutoff.", nameof(theory));
        return 4 * Math.PI * (R - m * Math.Atan(R / m));
    }

    /// <summary>vol(B_R): 2R (d = 1), 4πR³/3 (d = 3).</summary>
    /// <exception cref="ArgumentException">Without a cutoff.</exception>
    public static double BallVolume(FreeScalar theory)
    {
        ArgumentNullException.ThrowIfNull(theory);
        if (!theory.HasCutoff)
            throw new ArgumentException("CutoffPropagator: the momentum ball has infinite volume without a cutoff.", nameof(theory));
        double R = theory.Cutoff;
        return theory.Dimension == 1 ? 2 * R : 4 * Math.PI * R * R * R / 3;
    }

    /// <summary>(2π)^d.</summary>
    public static double FourierMeasure(int dimension) => Math.Pow(2 * Math.PI, dimension);
}
