using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using NngpRg.Core.Regression;

namespace NngpRg.Core.Spectra;

/// <summary>
/// The empirical Mercer decomposition from N samples x_i of the data measure (docs/theory.md §6.4, (6.13)): eigenvalues λ̂_k of
/// K_ij/N (decreasing), eigenfunction values φ̂_k(x_i) = √N v_k(i) (so (1/N) Σ_i φ̂_k(x_i)² = 1), and the
/// Nyström extension φ̂_k(x) = (1/(N λ̂_k)) Σ_i K(x, x_i) φ̂_k(x_i).
/// </summary>
public sealed record EmpiricalSpectrum
{
    // φ̂_k(x_i) at [k · N + i]: mode-major, so one mode is contiguous and the storage is the eigensolver's column-major output.
    private readonly double[] _eigenfunctions;

    private EmpiricalSpectrum(ImmutableArray<double> eigenvalues, double[] eigenfunctions, int sampleCount, double trace, int clipped, double mostNegative, string provider)
    {
        Eigenvalues = eigenvalues;
        _eigenfunctions = eigenfunctions;
        SampleCount = sampleCount;
        Trace = trace;
        ClippedNegativeCount = clipped;
        MostNegativeClipped = mostNegative;
        Provider = provider;
    }

    /// <summary>λ̂_k of K/N, decreasing, with rounding-level negatives set to 0: all N of them, or the leading K of a top-K solve.</summary>
    public ImmutableArray<double> Eigenvalues { get; }

    /// <summary>Number N of samples.</summary>
    public int SampleCount { get; }

    /// <summary>Number of modes computed: N for a full diagonalization, K for a top-K solve.</summary>
    public int ModeCount => Eigenvalues.Length;

    /// <summary>tr(K)/N = Σ over all N eigenvalues of K/N, known even when only the leading K were computed.</summary>
    public double Trace { get; }

    /// <summary>tr(K)/N − Σ_(k ≤ K) λ̂_k: the eigenvalue mass of the modes not computed (0 up to rounding for a full diagonalization).</summary>
    public double MissingTrace => Math.Max(0, Trace - Eigenvalues.Sum());

    /// <summary>How many eigenvalues were slightly negative (rounding) and set to 0.</summary>
    public int ClippedNegativeCount { get; }

    /// <summary>The most negative eigenvalue that was clipped (0 when none was).</summary>
    public double MostNegativeClipped { get; }

    /// <summary>Name of the linear-algebra provider used.</summary>
    public string Provider { get; }

    /// <summary>φ̂_k(x_i) for mode k (0-based, by decreasing eigenvalue) at sample i.</summary>
    public double Eigenfunction(int mode, int sample) => _eigenfunctions[(long)mode * SampleCount + sample];

    /// <summary>φ̂_k at all samples.</summary>
    public ImmutableArray<double> EigenfunctionValues(int mode)
    {
        CheckMode(mode);
        return [.. EigenfunctionSpan(mode)];
    }

    /// <summary>φ̂_k at all samples, without a copy.</summary>
    internal ReadOnlySpan<double> EigenfunctionSpan(int mode) => new(_eigenfunctions, mode * SampleCount, SampleCount);

    /// <summary>The storage (mode-major φ̂ values), for a caller that hands the buffer on once the spectrum is no longer used.</summary>
    internal double[] Storage => _eigenfunctions;

    /// <summary>
    /// Nyström extension φ̂_k(x) = (1/(N λ̂_k)) Σ_i K(x, x_i) φ̂_k(x_i), given the kernel row K(x, x_i), i = 1..N.
    /// At a training point it reproduces φ̂_k(x_j).
    /// </summary>
    /// <exception cref="ArgumentException">Row length ≠ N.</exception>
    /// <exception cref="InvalidOperationException">λ̂_k = 0 (the extension is undefined).</exception>
    public double Nystrom(int mode, ReadOnlySpan<double> kernelRow)
    {
        CheckMode(mode);
        if (kernelRow.Length != SampleCount)
            throw new ArgumentException($"EmpiricalSpectrum.Nystrom: the kernel row has {kernelRow.Length} entries; it must hold K(x, x_i) for the N = {SampleCount} samples.", nameof(kernelRow));
        double lambda = Eigenvalues[mode];
        if (lambda <= 0)
            throw new InvalidOperationException($"EmpiricalSpectrum.Nystrom: mode {mode} has eigenvalue {lambda:R}; the Nyström extension needs λ̂_k > 0.");
        var phi = EigenfunctionSpan(mode);
        var sum = new CompensatedSum();
        for (int i = 0; i < kernelRow.Length; i++) sum.Add(kernelRow[i] * phi[i]);
        return sum.Value / (SampleCount * lambda);
    }

    /// <summary>The eigenvalues as a finite <see cref="Spectrum"/> of simple levels (Degree = rank).</summary>
    public Spectrum ToSpectrum(SpectralTail? analyticTail = null) => Spectrum.FromEigenvalues(Eigenvalues, analyticTail);

    /// <summary>
    /// Diagonalizes K/N for the Gram matrix K_ij = K(x_i, x_j). Eigenvalues in [−64 N ε λ̂_max, 0) are rounding and
    /// become 0 (counted in <see cref="ClippedNegativeCount"/>); a more negative one means K is not positive
    /// semi-definite and is rejected.
    /// </summary>
    /// <exception cref="ArgumentException">K not square, finite and symmetric, or clearly indefinite.</exception>
    public static EmpiricalSpectrum FromKernelMatrix(double[,] kernel, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        provider ??= LinearAlgebra.Default;
        int n = kernel.GetLength(0);
        if (kernel.GetLength(1) != n || n == 0)
            throw new ArgumentException($"EmpiricalSpectrum: the kernel matrix is {n}×{kernel.GetLength(1)}; it must be square and non-empty.", nameof(kernel));
        var scaled = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                scaled[i, j] = kernel[i, j] / n;
        var eig = provider.SymmetricEigen(scaled);
        double trace = 0;
        for (int i = 0; i < n; i++) trace += kernel[i, i];
        var values = new double[n];
        var vectors = new double[(long)n * n];
        for (int k = 0; k < n; k++)
        {
            int source = n - 1 - k; // ascending → decreasing
            values[k] = eig.Eigenvalues[source] * n; // of K, as FromDecomposition expects
            for (int i = 0; i < n; i++) vectors[(long)k * n + i] = eig[i, source];
        }
        return FromDecomposition(values, vectors, n, trace, provider.Name, nameof(kernel));
    }

    /// <summary>
    /// The spectrum from a decomposition of K (not K/N): <paramref name="eigenvaluesOfK"/> decreasing, unit eigenvectors mode-major
    /// in <paramref name="vectors"/> (scaled to φ̂ = √N v in place, no copy), <paramref name="traceOfK"/> = tr K.
    /// </summary>
    /// <exception cref="ArgumentException">An eigenvalue below the rounding tolerance −64 N ε max|λ̂|.</exception>
    internal static EmpiricalSpectrum FromDecomposition(double[] eigenvaluesOfK, double[] vectors, int n, double traceOfK, string provider, string parameter = "kernel")
    {
        int count = eigenvaluesOfK.Length;
        double max = 0;
        foreach (double v in eigenvaluesOfK) max = Math.Max(max, Math.Abs(v / n));
        double tolerance = 64 * n * 2.220446049250313e-16 * max;
        var values = new double[count];
        int clipped = 0;
        double mostNegative = 0;
        for (int k = 0; k < count; k++)
        {
            double lambda = eigenvaluesOfK[k] / n;
            if (lambda < 0)
            {
                if (lambda < -tolerance)
                    throw new ArgumentException($"EmpiricalSpectrum: K/N has eigenvalue {lambda:R} (rank {k}), below the rounding tolerance −{tolerance:G3} = −64·N·ε·max|λ̂|; the kernel matrix is not positive semi-definite.", parameter);
                clipped++;
                mostNegative = Math.Min(mostNegative, lambda);
                lambda = 0;
            }
            values[k] = lambda;
        }
        double root = Math.Sqrt(n);
        for (long i = 0; i < (long)count * n; i++) vectors[i] *= root;
        return new EmpiricalSpectrum([.. values], vectors, n, traceOfK / n, clipped, mostNegative, provider);
    }

    /// <summary><see cref="FromKernelMatrix(double[,], ILinearAlgebra?)"/> for a MathNet matrix.</summary>
    public static EmpiricalSpectrum FromKernelMatrix(Matrix<double> kernel, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return FromKernelMatrix(kernel.ToArray(), provider);
    }

    private void CheckMode(int mode)
    {
        if (mode < 0 || mode >= ModeCount)
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"EmpiricalSpectrum: mode {mode} must lie in 0..{ModeCount - 1}.");
    }
}
