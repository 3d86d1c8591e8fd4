using System.Collections.Immutable;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Regression;

/// <summary>
/// A dot-product kernel K(t) on S^{d−1} split at harmonic degree L (docs/theory.md §3.5, §6.3):
/// the kept part K_{≤L}(t) = Σ_{ℓ≤L} λ_ℓ N(d, ℓ) P_ℓ^{(d)}(t), the removed part K_&gt;(t) = K(t) − K_{≤L}(t), and the
/// ridge shift c(L) = Σ_{ℓ&gt;L} N(d, ℓ) λ_ℓ = K(1) − Σ_{ℓ≤L} N(d, ℓ) λ_ℓ (the sum rule), which is also K_&gt;(1).
/// </summary>
public sealed record TruncatedSphereKernel
{
    private readonly ImmutableArray<double> _weights;

    private TruncatedSphereKernel(Func<double, double> kernel, int dimension, ImmutableArray<double> eigenvalues)
    {
        Kernel = kernel;
        Dimension = dimension;
        Eigenvalues = eigenvalues;
        _weights = [.. eigenvalues.Select((l, degree) => l * FunkHecke.Multiplicity(dimension, degree))];
        KernelAtOne = kernel(1);
        if (!double.IsFinite(KernelAtOne))
            throw new ArgumentException($"TruncatedSphereKernel: K(1) = {KernelAtOne:R} is not finite.", nameof(kernel));
        double kept = 0;
        foreach (double w in _weights) kept += w;
        double tail = KernelAtOne - kept;
        // The sum rule makes c(L) ≥ 0; a negative value beyond rounding means the eigenvalues do not belong to K.
        double tolerance = 1e-9 * Math.Max(Math.Abs(KernelAtOne), kept);
        if (tail < -tolerance)
            throw new ArgumentException($"TruncatedSphereKernel: Σ_{{ℓ≤{Cutoff}}} N(d, ℓ) λ_ℓ = {kept:R} exceeds K(1) = {KernelAtOne:R} at d = {dimension}; " +
                                        "the sum rule Σ_ℓ N(d, ℓ) λ_ℓ = K(1) makes the tail c(L) non-negative, so the eigenvalues do not belong to this kernel.", nameof(eigenvalues));
        Tail = Math.Max(0, tail);
    }

    /// <summary>The full kernel K(t).</summary>
    public Func<double, double> Kernel { get; }

    /// <summary>Ambient dimension d of S^{d−1} ⊂ ℝ^d.</summary>
    public int Dimension { get; }

    /// <summary>The cutoff degree L.</summary>
    public int Cutoff => Eigenvalues.Length - 1;

    /// <summary>λ_ℓ for ℓ = 0 … L (the probability measure on the sphere).</summary>
    public ImmutableArray<double> Eigenvalues { get; }

    /// <summary>K(1) = Σ_ℓ N(d, ℓ) λ_ℓ.</summary>
    public double KernelAtOne { get; }

    /// <summary>c(L) = Σ_{ℓ&gt;L} N(d, ℓ) λ_ℓ = K(1) − Σ_{ℓ≤L} N(d, ℓ) λ_ℓ (docs/theory.md (3.2)), clamped at 0 against rounding.</summary>
    public double Tail { get; }

    /// <summary>
    /// The split at degree L with λ_0 … λ_L from Funk–Hecke quadrature (<see cref="FunkHecke.Eigenvalues(Func{double, double}, int, int, bool)"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 2 or L &lt; 0.</exception>
    public static TruncatedSphereKernel Create(Func<double, double> kernel, int dimension, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Check(dimension, cutoff);
        return new TruncatedSphereKernel(kernel, dimension, FunkHecke.Eigenvalues(kernel, dimension, cutoff));
    }

    /// <summary>The split with given λ_0 … λ_L (e.g. exact ones); L = eigenvalues.Count − 1.</summary>
    /// <exception cref="ArgumentException">No eigenvalues, a negative or non-finite one, or Σ N λ &gt; K(1).</exception>
    public static TruncatedSphereKernel FromEigenvalues(Func<double, double> kernel, int dimension, IReadOnlyList<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Count == 0) throw new ArgumentException("TruncatedSphereKernel: at least λ_0 is needed.", nameof(eigenvalues));
        Check(dimension, eigenvalues.Count - 1);
        for (int l = 0; l < eigenvalues.Count; l++)
            if (!double.IsFinite(eigenvalues[l]) || eigenvalues[l] < 0)
                throw new ArgumentException($"TruncatedSphereKernel: λ_{l} = {eigenvalues[l]:R}; eigenvalues must be finite and ≥ 0.", nameof(eigenvalues));
        return new TruncatedSphereKernel(kernel, dimension, [.. eigenvalues]);
    }

    /// <summary>K_{≤L}(t) = Σ_{ℓ≤L} λ_ℓ N(d, ℓ) P_ℓ^{(d)}(t), t ∈ [−1, 1] (clamped against rounding).</summary>
    public double Truncated(double t)
    {
        Span<double> p = stackalloc double[Eigenvalues.Length];
        Gegenbauer.Evaluate(Dimension, Math.Clamp(t, -1, 1), p);
        double s = 0;
        for (int l = 0; l < p.Length; l++) s += _weights[l] * p[l];
        return s;
    }

    /// <summary>K_&gt;(t) = K(t) − K_{≤L}(t); K_&gt;(1) = c(L).</summary>
    public double Complement(double t)
    {
        double clamped = Math.Clamp(t, -1, 1);
        return Kernel(clamped) - Truncated(clamped);
    }

    private static void Check(int dimension, int cutoff)
    {
        if (dimension < 2)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "TruncatedSphereKernel: the sphere S^{d−1} needs d ≥ 2.");
        if (cutoff < 0)
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "TruncatedSphereKernel: the cutoff degree L must be ≥ 0.");
    }
}
