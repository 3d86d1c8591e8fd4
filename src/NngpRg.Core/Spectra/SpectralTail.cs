namespace NngpRg.Core.Spectra;

/// <summary>
/// An analytic continuation of a spectrum beyond its explicit levels, so that tail sums
/// c(κ) = Σ_{k&gt;κ} λ_k (docs/theory.md (3.2)) stay exact for infinite spectra. A closed hierarchy.
/// </summary>
public abstract record SpectralTail
{
    private protected SpectralTail() { }

    /// <summary>Eigenvalue of mode <paramref name="modeIndex"/> (k ≥ 1, global mode index).</summary>
    public abstract double Eigenvalue(long modeIndex);

    /// <summary>Σ_{k&gt;κ} λ_k over the continuation, for κ ≥ 0.</summary>
    public abstract double Sum(long kappa);
}

/// <summary>
/// The power-law continuation λ_k = A k^{−(1+α)} for every mode index k past the explicit levels;
/// its sums are Hurwitz zeta values, c(κ) = A ζ(1+α, κ+1) (docs/theory.md (3.8)).
/// </summary>
/// <param name="Law">The power law supplying the eigenvalues.</param>
public sealed record PowerLawTail(PowerLaw Law) : SpectralTail
{
    /// <inheritdoc />
    public override double Eigenvalue(long modeIndex) => Law.Eigenvalue(modeIndex);

    /// <inheritdoc />
    public override double Sum(long kappa) => Law.Tail(kappa);
}
