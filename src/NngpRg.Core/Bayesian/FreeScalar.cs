namespace NngpRg.Core.Bayesian;

/// <summary>
/// The free scalar field theory with a sharp ultraviolet cutoff that the cos-net realizes (docs/theory.md §10,
/// Eq. 10.4): propagator G_R(x − y) = ∫_{|p|&lt;R} d^dp/(2π)^d e^{ip·(x−y)}/(p² + m²) in d = 1 or 3 dimensions.
/// </summary>
public sealed record FreeScalar
{
    /// <summary>Creates the theory; d ∈ {1, 3}, m finite and &gt; 0, R &gt; 0 (+∞ allowed: no cutoff).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter breaks its rule (the message names it).</exception>
    public FreeScalar(int dimension, double mass, double cutoff)
    {
        if (dimension is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"FreeScalar: the dimension d = {dimension} must be 1 or 3 (the closed forms of docs/theory.md §10 cover these).");
        if (!double.IsFinite(mass) || mass <= 0)
            throw new ArgumentOutOfRangeException(nameof(mass), mass, $"FreeScalar: the mass m = {mass:R} must be finite and > 0.");
        if (double.IsNaN(cutoff) || cutoff <= 0)
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, $"FreeScalar: the UV cutoff R = {cutoff:R} must be > 0 (+∞ for no cutoff).");
        Dimension = dimension;
        Mass = mass;
        Cutoff = cutoff;
    }

    /// <summary>The space dimension d (1 or 3).</summary>
    public int Dimension { get; }

    /// <summary>The mass m &gt; 0.</summary>
    public double Mass { get; }

    /// <summary>The momentum cutoff R (modes |p| &lt; R are present); +∞ for the continuum theory.</summary>
    public double Cutoff { get; }

    /// <summary>Whether R is finite.</summary>
    public bool HasCutoff => double.IsFinite(Cutoff);

    /// <summary>The same theory with another cutoff (a momentum shell removed when the new one is smaller).</summary>
    public FreeScalar WithCutoff(double cutoff) => new(Dimension, Mass, cutoff);

    /// <summary>The same theory with another mass.</summary>
    public FreeScalar WithMass(double mass) => new(Dimension, mass, Cutoff);
}
