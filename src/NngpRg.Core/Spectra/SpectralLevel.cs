namespace NngpRg.Core.Spectra;

/// <summary>
/// One eigenvalue level of a kernel's Mercer spectrum (docs/theory.md (1.1), §6.3): the eigenvalue, how many
/// orthonormal eigenfunctions share it (e.g. N(d, ℓ) spherical harmonics of degree ℓ), and a label.
/// </summary>
/// <param name="Eigenvalue">λ of the level; finite and ≥ 0 (checked by <see cref="Spectrum.Create"/>).</param>
/// <param name="Multiplicity">Number of modes in the level, ≥ 1.</param>
/// <param name="Degree">A label carried through sorting: the harmonic degree ℓ, or the position in the input.</param>
public readonly record struct SpectralLevel(double Eigenvalue, long Multiplicity, int Degree);
