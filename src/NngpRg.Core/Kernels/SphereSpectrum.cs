using System.Collections.Immutable;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Kernels;

/// <summary>One level of a spectrum report: degree (or mode index), eigenvalue, multiplicity and the tail after it.</summary>
/// <param name="Degree">ℓ for sphere spectra, the mode index k for power laws.</param>
/// <param name="Eigenvalue">λ_ℓ.</param>
/// <param name="Multiplicity">N(d, ℓ) (1 for power laws); a double because it overflows 64 bits at large d.</param>
/// <param name="Tail">c after this level: Σ over all later levels of N λ.</param>
public readonly record struct LevelRow(int Degree, double Eigenvalue, double Multiplicity, double Tail);

/// <summary>
/// The spectrum of a kernel as a table of levels with tails and the sum rule Σ_ℓ N(d,ℓ) λ_ℓ = K(1) (PHYSICS.md §6).
/// </summary>
/// <param name="Kernel">The kernel's name.</param>
/// <param name="Dimension">d of the sphere S^{d−1}, or null for a power law.</param>
/// <param name="Depth">Hidden layers, or null for a power law.</param>
/// <param name="Levels">The levels in order of degree.</param>
/// <param name="Trace">The trace Σ_all N λ: K(1) on the sphere, A ζ(1+α) for a power law.</param>
/// <param name="LevelSum">Σ N λ over the listed levels.</param>
public sealed record SphereSpectrum(string Kernel, int? Dimension, int? Depth, ImmutableArray<LevelRow> Levels, double Trace, double LevelSum)
{
    /// <summary>The tail beyond the listed levels, Trace − LevelSum (for smooth kernels with enough levels: ≈ 0).</summary>
    public double Remainder => Trace - LevelSum;

    /// <summary>
    /// Eigenvalues of an NNGP kernel on S^{d−1} for ℓ = 0 … <paramref name="maxDegree"/> by Funk–Hecke quadrature of
    /// the compiled kernel K(t) (an angular rule for the arc-cosine family, which is not smooth at t = ±1), with
    /// K(1) from the diagonal map, so the tail after level ℓ is K(1) − Σ_{ℓ'≤ℓ} N λ exactly. Eigenvalues within 64ε·K(1) of zero (the
    /// quadrature's absolute error) are reported as 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When d &lt; 2 or maxDegree &lt; 0.</exception>
    public static SphereSpectrum Of(NngpKernel kernel, int dimension, int maxDegree)
    {
        if (dimension < 2) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "the sphere S^{d-1} needs d >= 2");
        if (maxDegree < 0) throw new ArgumentOutOfRangeException(nameof(maxDegree), maxDegree, "the maximum degree must be >= 0");
        var k = Compile.ToFunc1(kernel.DotProductKernel(), NngpKernel.Dot);
        double atOne = Evaluate.Constant(kernel.DotProductDiagonal());
        // The arc-cosine family is not smooth at t = ±1, which an angular rule resolves at small d; at large d the weight
        // (1 − t²)^((d−3)/2) vanishes there and concentrates within 1/√d of t = 0, which only the Gegenbauer rule resolves.
        bool angular = kernel.Map.Activation is not (Activation.Erf or Activation.Rbf) && dimension <= 32;
        var eigenvalues = FunkHecke.Eigenvalues(k, dimension, maxDegree, angular);
        // Quadrature error is absolute (about ε·K(1)): levels below that floor are zero within rounding (odd ℓ ≥ 3 of ReLU).
        double floor = 64 * 2.220446049250313e-16 * Math.Abs(atOne);
        var rows = ImmutableArray.CreateBuilder<LevelRow>(eigenvalues.Length);
        double sum = 0;
        for (int l = 0; l < eigenvalues.Length; l++)
        {
            double n = FunkHecke.Multiplicity(dimension, l);
            double lambda = Math.Abs(eigenvalues[l]) < floor ? 0 : eigenvalues[l];
            sum += n * lambda;
            rows.Add(new LevelRow(l, lambda, n, atOne - sum));
        }
        return new SphereSpectrum(Activations.Name(kernel.Map.Activation), dimension, kernel.Depth, rows.MoveToImmutable(), atOne, sum);
    }

    /// <summary>The first <paramref name="modes"/> modes of the power law λ_k = A k^{−(1+α)} with exact Hurwitz-zeta tails.</summary>
    public static SphereSpectrum Of(PowerLaw law, int modes)
    {
        if (modes < 1) throw new ArgumentOutOfRangeException(nameof(modes), modes, "at least one mode");
        var rows = ImmutableArray.CreateBuilder<LevelRow>(modes);
        double sum = 0;
        for (int k = 1; k <= modes; k++)
        {
            double l = law.Eigenvalue(k);
            sum += l;
            rows.Add(new LevelRow(k, l, 1, law.Tail(k)));
        }
        return new SphereSpectrum("powerlaw", null, null, rows.MoveToImmutable(), law.TotalTrace, sum);
    }
}
