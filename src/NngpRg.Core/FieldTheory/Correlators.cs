using System.Collections.Immutable;
using NngpRg.Symbolic.Probability;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// The exact n-point functions of the width-N network at one index tuple (docs/theory.md §9.2): the Gaussian-process
/// value (Wick pairings of K), the deviation from it and its connected part.
/// </summary>
/// <param name="Tuple">Indices into the input points (non-decreasing).</param>
/// <param name="Gp">G_n^GP = Σ over pairings Π K.</param>
/// <param name="FirstOrder">A: the coefficient of 1/N in (G_n − G_n^GP)/G_n^GP.</param>
/// <param name="SecondOrder">B: the coefficient of 1/N² (the connected six-point part; 0 for n ≤ 4).</param>
/// <param name="ConnectedSecondOrder">N^{n/2−1} G_{n,c}/G_n^GP for n = 6 (equals <see cref="SecondOrder"/>); N G_{4,c}/G_4^GP for n = 4; 0 for n = 2.</param>
public sealed record CorrelatorPoint(ImmutableArray<int> Tuple, double Gp, double FirstOrder, double SecondOrder, double ConnectedSecondOrder)
{
    /// <summary>(G_n − G_n^GP)/G_n^GP = A/N + B/N² at width N.</summary>
    public double RelativeDeviation(int width) => FirstOrder / width + SecondOrder / ((double)width * width);

    /// <summary>G_n − G_n^GP at width N.</summary>
    public double Deviation(int width) => Gp * RelativeDeviation(width);

    /// <summary>The connected part relative to the GP: G_{4,c}/G_4^GP = A/N (n = 4), G_{6,c}/G_6^GP = B/N² (n = 6), 0 (n = 2).</summary>
    public double RelativeConnected(int width) => Tuple.Length switch
    {
        4 => FirstOrder / width,
        6 => SecondOrder / ((double)width * width),
        _ => 0,
    };
}

/// <summary>
/// Exact finite-width correlators from the one-neuron moments (docs/theory.md (9.4)–(9.5), derivation nnqft-correlators):
/// G₂ = K at every width; G_{4,c} = (σ_W⁴/N)[3μ₄ − Σ₃ K̃K̃]; G₆ − G₆^GP = Σ_{15 (4|2)} G_{4,c} K + G_{6,c} with
/// G_{6,c} = (σ_W⁶/N²)[15μ₆ − 3Σ_{15 (4|2)} μ₄K̃ + 2Σ_{15 pairings} K̃K̃K̃]. The pairings and (4|2) splits come from
/// <see cref="Wick.Pairings"/> and <see cref="SetPartitions.WithBlockSizes"/>.
/// </summary>
public static class Correlators
{
    private static readonly ImmutableArray<ImmutableArray<(int First, int Second)>> Pairings4 = [.. Wick.Pairings(4)];
    private static readonly ImmutableArray<ImmutableArray<(int First, int Second)>> Pairings6 = [.. Wick.Pairings(6)];
    private static readonly ImmutableArray<(ImmutableArray<int> Four, ImmutableArray<int> Two)> Splits42 =
        [.. SetPartitions.WithBlockSizes([4, 2]).Select(p => p[0].Length == 4 ? (p[0], p[1]) : (p[1], p[0]))];

    /// <summary>The number of (4|2) splits of six points (15), from <see cref="SetPartitions"/>.</summary>
    public static int FourTwoSplits => Splits42.Length;

    /// <summary>The Gaussian-process n-point function Σ_pairings Π K at the tuple (n = 2, 4 or 6).</summary>
    public static double Gp(NeuronMoments m, ReadOnlySpan<int> t)
    {
        ArgumentNullException.ThrowIfNull(m);
        return t.Length switch
        {
            2 => K(m, t[0], t[1]),
            4 => PairingSum(t, Pairings4, (i, j) => K(m, i, j)),
            6 => PairingSum(t, Pairings6, (i, j) => K(m, i, j)),
            _ => throw new ArgumentException($"Correlators: n = {t.Length}; the n-point functions are computed for n = 2, 4, 6."),
        };
    }

    /// <summary>N · G_{4,c} = σ_W⁴[3μ₄ − Σ₃ K̃K̃] (width-independent).</summary>
    public static double ScaledFourPointConnected(NeuronMoments m, ReadOnlySpan<int> t)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (t.Length != 4) throw new ArgumentException($"Correlators: the four-point function needs 4 indices, got {t.Length}.");
        double s = m.Architecture.SigmaW2;
        return s * s * (3 * m.Moment(t) - PairingSum(t, Pairings4, m.NeuronKernel));
    }

    /// <summary>N² · G_{6,c} = σ_W⁶[15μ₆ − 3Σ₁₅ μ₄K̃ + 2Σ₁₅ K̃K̃K̃] (width-independent).</summary>
    public static double ScaledSixPointConnected(NeuronMoments m, ReadOnlySpan<int> t)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (t.Length != 6) throw new ArgumentException($"Correlators: the six-point function needs 6 indices, got {t.Length}.");
        double s = m.Architecture.SigmaW2;
        Span<int> four = stackalloc int[4];
        double split = 0;
        foreach (var (f, two) in Splits42)
        {
            for (int k = 0; k < 4; k++) four[k] = t[f[k]];
            split += m.Moment(four) * m.NeuronKernel(t[two[0]], t[two[1]]);
        }
        return s * s * s * (15 * m.Moment(t) - 3 * split + 2 * PairingSum(t, Pairings6, m.NeuronKernel));
    }

    /// <summary>Σ_{15 (4|2)} N·G_{4,c}(abcd) K(ef): the 1/N part of G₆ − G₆^GP times N.</summary>
    public static double ScaledSixPointDisconnected(NeuronMoments m, ReadOnlySpan<int> t)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (t.Length != 6) throw new ArgumentException($"Correlators: the six-point function needs 6 indices, got {t.Length}.");
        Span<int> four = stackalloc int[4];
        double sum = 0;
        foreach (var (f, two) in Splits42)
        {
            for (int k = 0; k < 4; k++) four[k] = t[f[k]];
            sum += ScaledFourPointConnected(m, four) * K(m, t[two[0]], t[two[1]]);
        }
        return sum;
    }

    /// <summary>The exact correlator at one tuple (n = 2, 4 or 6) in the width-free form A/N + B/N².</summary>
    public static CorrelatorPoint At(NeuronMoments m, ImmutableArray<int> t)
    {
        ArgumentNullException.ThrowIfNull(m);
        double gp = Gp(m, t.AsSpan());
        return t.Length switch
        {
            2 => new CorrelatorPoint(t, gp, 0, 0, 0),
            4 => Point4(m, t, gp),
            _ => Point6(m, t, gp),
        };
    }

    private static CorrelatorPoint Point4(NeuronMoments m, ImmutableArray<int> t, double gp)
    {
        double a = ScaledFourPointConnected(m, t.AsSpan()) / gp;
        return new CorrelatorPoint(t, gp, a, 0, a);
    }

    private static CorrelatorPoint Point6(NeuronMoments m, ImmutableArray<int> t, double gp)
    {
        double b = ScaledSixPointConnected(m, t.AsSpan()) / gp;
        return new CorrelatorPoint(t, gp, ScaledSixPointDisconnected(m, t.AsSpan()) / gp, b, b);
    }

    /// <summary>Every sorted n-tuple of the points (n = 2, 4, 6).</summary>
    public static ImmutableArray<CorrelatorPoint> All(NeuronMoments m, int n)
    {
        ArgumentNullException.ThrowIfNull(m);
        var tuples = Tuples.Sorted(m.Count, n);
        var result = new CorrelatorPoint[tuples.Length];
        Parallel.For(0, tuples.Length, i => result[i] = At(m, tuples[i]));
        return [.. result];
    }

    private static double K(NeuronMoments m, int i, int j) => m.Architecture.SigmaB2 + m.Architecture.SigmaW2 * m.NeuronKernel(i, j);

    private static double PairingSum(ReadOnlySpan<int> t, ImmutableArray<ImmutableArray<(int First, int Second)>> pairings, Func<int, int, double> cov)
    {
        double sum = 0;
        foreach (var p in pairings)
        {
            double prod = 1;
            foreach (var (a, b) in p) prod *= cov(t[a], t[b]);
            sum += prod;
        }
        return sum;
    }
}
