namespace NngpRg.Core.Spectra;

/// <summary>
/// Normalized Gegenbauer polynomials P_ℓ^{(d)}(t) = C_ℓ^{(d/2−1)}(t)/C_ℓ^{(d/2−1)}(1) on S^{d−1}
/// (docs/theory.md (6.8)): P_ℓ^{(d)}(1) = 1, Legendre at d = 3, Chebyshev T_ℓ at d = 2.
/// </summary>
public static class Gegenbauer
{
    /// <summary>
    /// Fills <paramref name="values"/>[ℓ] = P_ℓ^{(d)}(t) for ℓ = 0 … values.Length − 1 by the three-term recurrence
    /// (ℓ + d − 3) P_ℓ = (2ℓ + d − 4) t P_{ℓ−1} − (ℓ − 1) P_{ℓ−2}, P₀ = 1, P₁ = t, which is stable on [−1, 1]
    /// because |P_ℓ| ≤ 1 there.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 2 or t outside [−1, 1].</exception>
    public static void Evaluate(int dimension, double t, Span<double> values)
    {
        CheckDimension(dimension);
        if (!(t >= -1 && t <= 1))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"Gegenbauer: t = {t:R} must lie in [−1, 1] (t = x·x' on the unit sphere).");
        Fill(dimension, t, values);
    }

    /// <summary>P_ℓ^{(d)}(t) for one degree.</summary>
    public static double Evaluate(int dimension, int degree, double t)
    {
        if (degree < 0)
            throw new ArgumentOutOfRangeException(nameof(degree), degree, "Gegenbauer: the degree ℓ must be ≥ 0.");
        Span<double> values = degree < 512 ? stackalloc double[degree + 1] : new double[degree + 1];
        Evaluate(dimension, t, values);
        return values[degree];
    }

    internal static void Fill(int d, double t, Span<double> values)
    {
        if (values.Length == 0) return;
        values[0] = 1;
        if (values.Length == 1) return;
        values[1] = t;
        for (int l = 2; l < values.Length; l++)
            values[l] = ((2.0 * l + d - 4) * t * values[l - 1] - (l - 1.0) * values[l - 2]) / (l + d - 3.0);
    }

    internal static void CheckDimension(int dimension)
    {
        if (dimension < 2)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"Sphere S^(d−1): dimension d = {dimension} must be ≥ 2.");
    }
}
