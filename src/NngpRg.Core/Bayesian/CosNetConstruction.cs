namespace NngpRg.Core.Bayesian;

/// <summary>
/// The two cos-net realizations of the same free-field Gaussian process (docs/theory.md §10, Eq. 10.3); they differ in
/// where the propagator 1/(p² + m²) sits: in the momentum law or in the amplitude.
/// </summary>
public enum CosNetConstruction
{
    /// <summary>α = 0: momenta w ~ ρ(w) ∝ 1/(w² + m²) on |w| &lt; R, amplitude factor g = 1, σ_a² = 2 Z_R/(2π)^d.</summary>
    PropagatorWeightedMomenta,
    /// <summary>α = 1: momenta uniform on the ball |w| &lt; R, amplitude factor g(w) = 1/√(w² + m²), σ_a² = 2 vol(B_R)/(2π)^d.</summary>
    UniformMomentaWithAmplitude,
}

/// <summary>Names of <see cref="CosNetConstruction"/> values as the command line and reports write them.</summary>
public static class CosNetConstructions
{
    /// <summary>"alpha0" or "alpha1".</summary>
    public static string Name(CosNetConstruction c) => c switch
    {
        CosNetConstruction.PropagatorWeightedMomenta => "alpha0",
        CosNetConstruction.UniformMomentaWithAmplitude => "alpha1",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "unknown cos-net construction"),
    };

    /// <summary>The α of the family (0 or 1).</summary>
    public static int Alpha(CosNetConstruction c) => c == CosNetConstruction.PropagatorWeightedMomenta ? 0 : 1;

    /// <summary>One line describing the construction.</summary>
    public static string Describe(CosNetConstruction c) => c switch
    {
        CosNetConstruction.PropagatorWeightedMomenta => "α = 0: w ~ 1/(w²+m²) on |w|<R, g = 1",
        _ => "α = 1: w uniform on |w|<R, g = 1/√(w²+m²)",
    };
}
