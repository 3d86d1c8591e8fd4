namespace NngpRg.Core.Spectra;

/// <summary>
/// The power-law spectrum λ_k = A k^{−(1+α)}, k = 1, 2, … (docs/theory.md §3.4), with its exact tail sums
/// c(κ) = Σ_{k&gt;κ} λ_k = A ζ(1+α, κ+1) ≈ (A/α) κ^{−α}.
/// </summary>
public sealed record PowerLaw
{
    /// <summary>Creates the law; A must be finite and &gt; 0, α finite and &gt; 0 (so the trace is finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A or α not finite or not positive.</exception>
    public PowerLaw(double amplitude, double alpha)
    {
        if (!double.IsFinite(amplitude) || amplitude <= 0)
            throw new ArgumentOutOfRangeException(nameof(amplitude), amplitude, $"PowerLaw: amplitude A = {amplitude:R} must be finite and > 0.");
        if (!double.IsFinite(alpha) || alpha <= 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"PowerLaw: exponent α = {alpha:R} must be finite and > 0 (λ_k = A k^(−(1+α)) must be summable).");
        Amplitude = amplitude;
        Alpha = alpha;
    }

    /// <summary>The amplitude A = λ₁.</summary>
    public double Amplitude { get; }

    /// <summary>The exponent α of λ_k = A k^{−(1+α)}.</summary>
    public double Alpha { get; }

    /// <summary>λ_k = A k^{−(1+α)} for mode index k ≥ 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1.</exception>
    public double Eigenvalue(long modeIndex)
    {
        if (modeIndex < 1)
            throw new ArgumentOutOfRangeException(nameof(modeIndex), modeIndex, $"PowerLaw.Eigenvalue: mode index k = {modeIndex} must be ≥ 1 (modes are counted from 1).");
        return Amplitude * Math.Pow(modeIndex, -(1 + Alpha));
    }

    /// <summary>c(κ) = Σ_{k&gt;κ} λ_k = A ζ(1+α, κ+1) for κ ≥ 0 (docs/theory.md (3.8)).</summary>
    /// <exception cref="ArgumentOutOfRangeException">κ &lt; 0.</exception>
    public double Tail(long kappa)
    {
        if (kappa < 0)
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, $"PowerLaw.Tail: cutoff κ = {kappa} must be ≥ 0.");
        return Amplitude * Zeta.Hurwitz(1 + Alpha, kappa + 1.0);
    }

    /// <summary>Σ_k λ_k = A ζ(1+α).</summary>
    public double TotalTrace => Tail(0);

    /// <summary>
    /// The same law as a <see cref="Spectrum"/>: the first <paramref name="explicitModes"/> modes as explicit levels
    /// (multiplicity 1, Degree = k) and, when <paramref name="withTail"/>, the rest as a <see cref="PowerLawTail"/>.
    /// </summary>
    public Spectrum ToSpectrum(int explicitModes, bool withTail = true)
    {
        if (explicitModes < 0)
            throw new ArgumentOutOfRangeException(nameof(explicitModes), explicitModes, "PowerLaw.ToSpectrum: the number of explicit modes must be ≥ 0.");
        var levels = Enumerable.Range(1, explicitModes).Select(k => new SpectralLevel(Eigenvalue(k), 1, k));
        return Spectrum.Create(levels, withTail ? new PowerLawTail(this) : null);
    }
}
