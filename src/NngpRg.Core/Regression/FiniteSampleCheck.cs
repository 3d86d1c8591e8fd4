using NngpRg.Core.Kernels;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Regression;

/// <summary>
/// The finite-sample form of the Gaussian ridge flow (docs/theory.md §3.5, (3.11)): on random points K_&gt;(X, X) ≈ c(L) I, so
/// K(X, X) + σ² I ≈ K_{≤L}(X, X) + (σ² + c) I, and kernel ridge regression with the kernel truncated at degree L and the
/// renormalized ridge σ² + c(L) tracks full-kernel regression at σ² far better than the truncated kernel at bare σ².
/// The shift matters where the RG stopping rule puts the cutoff: kept modes near the learnability threshold, i.e.
/// Σ_{ℓ≤L} N(d, ℓ) of the order of n (e.g. d = 10, L = 3: 275 modes for n = 300). With far fewer kept modes than points
/// all kept modes are learned, c barely matters, and both truncated predictors differ from the full one by the same
/// share of removed modes the full kernel still learns.
/// </summary>
public static class FiniteSampleCheck
{
    /// <summary>
    /// For each of R draws: n training and m test points uniform on S^{d−1}; a target f drawn from the prior GP(0, K)
    /// jointly on train ∪ test (see <see cref="RegressionTarget.GaussianProcess"/>); labels y = f(X) + ε, ε ~ N(0, σ²).
    /// Fits three predictors on the same labels — full K at σ², K_{≤L} at σ² + c(L), K_{≤L} at σ² — and records their
    /// rms differences on the test points, their test MSEs against the noiseless f, the off-diagonal rms and diagonal mean of
    /// K_&gt;(X, X), the ratio rms_bare/rms_renormalized with its standard error, and the premise (<see cref="FiniteSamplePremise"/>).
    /// λ_0 … λ_{L+2} come from Funk–Hecke quadrature of K (absolute error ≈ ε·K(1)).
    /// </summary>
    /// <param name="kernel">Dot-product kernel K(t) on [−1, 1].</param>
    /// <param name="dimension">d ≥ 2.</param>
    /// <param name="trainCount">n ≥ 1.</param>
    /// <param name="testCount">m ≥ 1.</param>
    /// <param name="noiseVariance">σ² &gt; 0 (label noise variance and ridge).</param>
    /// <param name="cutoff">L ≥ 0.</param>
    /// <param name="seed">Seed of the single <see cref="Random"/> behind points, target and noise.</param>
    /// <param name="draws">R ≥ 2.</param>
    /// <param name="provider">Linear algebra; null for <see cref="LinearAlgebra.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or σ² out of range (message names it).</exception>
    public static FiniteSampleResult Run(Func<double, double> kernel, int dimension, int trainCount, int testCount, double noiseVariance,
                                         int cutoff, int seed, int draws, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Require(cutoff >= 0, nameof(cutoff), cutoff, "L must be ≥ 0");
        var eigenvalues = FunkHecke.Eigenvalues(kernel, dimension, cutoff + 2);
        // quadrature rounding of vanishing levels (odd ℓ ≥ 3 of ReLU) is below 64ε·K(1): read it as 0
        double floor = 64 * 2.220446049250313e-16 * Math.Abs(kernel(1));
        var clean = eigenvalues.Select(v => Math.Abs(v) <= floor ? 0 : v).ToArray();
        return Run(kernel, clean, dimension, trainCount, testCount, noiseVariance, cutoff, seed, draws, provider, null);
    }

    /// <summary>
    /// As <see cref="Run(Func{double, double}, int, int, int, double, int, int, int, ILinearAlgebra?)"/> for a network kernel
    /// (its NNGP kernel or NTK), with λ_0 … λ_{L+2} from <see cref="SphereSpectrum"/> (relative accuracy); the optional
    /// progress callback receives (draws done, draws) after each draw.
    /// </summary>
    /// <exception cref="ArgumentException">The NTK of arccos0, which does not exist.</exception>
    public static FiniteSampleResult Run(NngpKernel kernel, KernelKind kind, int dimension, int trainCount, int testCount, double noiseVariance,
                                         int cutoff, int seed, int draws, ILinearAlgebra? provider = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Require(cutoff >= 0, nameof(cutoff), cutoff, "L must be ≥ 0");
        var spectrum = SphereSpectrum.Of(kernel, dimension, cutoff + 2, kind);
        var k = Compile.ToFunc1(kind == KernelKind.Nngp ? kernel.DotProductKernel() : kernel.DotProductNtk(), NngpKernel.Dot);
        return Run(k, [.. spectrum.Levels.Select(l => l.Eigenvalue)], dimension, trainCount, testCount, noiseVariance, cutoff, seed, draws, provider, progress);
    }

    private static FiniteSampleResult Run(Func<double, double> kernel, double[] eigenvalues, int dimension, int trainCount, int testCount, double noiseVariance,
                                          int cutoff, int seed, int draws, ILinearAlgebra? provider, Action<int, int>? progress)
    {
        Require(trainCount >= 1, nameof(trainCount), trainCount, "n must be ≥ 1");
        Require(testCount >= 1, nameof(testCount), testCount, "m must be ≥ 1");
        Require(draws >= 2, nameof(draws), draws, "R must be ≥ 2 for a standard error");
        if (!double.IsFinite(noiseVariance) || noiseVariance <= 0)
            throw new ArgumentOutOfRangeException(nameof(noiseVariance), noiseVariance, "FiniteSampleCheck: σ² must be finite and > 0.");
        provider ??= LinearAlgebra.Default;
        var split = TruncatedSphereKernel.FromEigenvalues(kernel, dimension, eigenvalues[..(cutoff + 1)]);
        var premise = FiniteSamplePremise.Of(eigenvalues, cutoff, trainCount, noiseVariance);
        var target = new RegressionTarget.GaussianProcess(kernel);
        var random = new Random(seed);

        var rmsRenormalized = new double[draws];
        var rmsBare = new double[draws];
        var mseFull = new double[draws];
        var mseRenormalized = new double[draws];
        var mseBare = new double[draws];
        var offDiagonal = new double[draws];
        var diagonal = new double[draws];
        for (int r = 0; r < draws; r++)
        {
            var points = SphereSampler.Uniform(dimension, trainCount + testCount, random);
            var f = target.Sample(points, random, provider);
            var train = points[..trainCount];
            var test = points[trainCount..];
            var y = new double[trainCount];
            double noise = Math.Sqrt(noiseVariance);
            for (int i = 0; i < trainCount; i++) y[i] = f[i] + noise * SphereSampler.StandardNormal(random);
            var truth = f[trainCount..];

            var full = KernelRidge.Fit(KernelMatrix.Build(train, kernel), y, noiseVariance, provider)
                .Predict(KernelMatrix.Cross(test, train, kernel));
            var keptTrain = KernelMatrix.Build(train, split.Truncated);
            var keptCross = KernelMatrix.Cross(test, train, split.Truncated);
            var renormalized = KernelRidge.Fit(keptTrain, y, noiseVariance + split.Tail, provider).Predict(keptCross);
            var bare = KernelRidge.Fit(keptTrain, y, noiseVariance, provider).Predict(keptCross);

            rmsRenormalized[r] = Math.Sqrt(MeanSquaredDifference(renormalized, full));
            rmsBare[r] = Math.Sqrt(MeanSquaredDifference(bare, full));
            mseFull[r] = MeanSquaredDifference(full, truth);
            mseRenormalized[r] = MeanSquaredDifference(renormalized, truth);
            mseBare[r] = MeanSquaredDifference(bare, truth);
            (offDiagonal[r], diagonal[r]) = RemovedPartStatistics(KernelMatrix.Build(train, split.Complement));
            progress?.Invoke(r + 1, draws);
        }
        return new FiniteSampleResult(
            Estimate.Of(rmsRenormalized), Estimate.Of(rmsBare),
            Estimate.Of(mseFull), Estimate.Of(mseRenormalized), Estimate.Of(mseBare),
            split.Tail, Estimate.Of(offDiagonal), Estimate.Of(diagonal),
            dimension, trainCount, testCount, noiseVariance, cutoff, seed,
            RatioOfMeans(rmsBare, rmsRenormalized), premise);
    }

    /// <summary>
    /// B̄/Ā over paired draws with its standard error by the delta method,
    /// s.e.² = (s_B² − 2R s_AB + R² s_A²)/(R_draws Ā²), s the sample (co)variances.
    /// </summary>
    /// <exception cref="ArgumentException">Unequal lengths, fewer than two draws, or Ā = 0.</exception>
    public static Estimate RatioOfMeans(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        int n = numerator.Count;
        if (n != denominator.Count || n < 2)
            throw new ArgumentException($"FiniteSampleCheck.RatioOfMeans: needs two paired lists of at least 2 draws, got {n} and {denominator.Count}.", nameof(numerator));
        double b = numerator.Average(), a = denominator.Average();
        if (a == 0) throw new ArgumentException("FiniteSampleCheck.RatioOfMeans: the denominator's mean is 0.", nameof(denominator));
        double ratio = b / a, sa = 0, sb = 0, sab = 0;
        for (int i = 0; i < n; i++)
        {
            sa += (denominator[i] - a) * (denominator[i] - a);
            sb += (numerator[i] - b) * (numerator[i] - b);
            sab += (denominator[i] - a) * (numerator[i] - b);
        }
        sa /= n - 1; sb /= n - 1; sab /= n - 1;
        double variance = Math.Max(0, sb - 2 * ratio * sab + ratio * ratio * sa) / (n * a * a);
        return new Estimate(ratio, Math.Sqrt(variance), n);
    }

    /// <summary>(1/m) Σ_i (a_i − b_i)².</summary>
    internal static double MeanSquaredDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Count; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s / a.Count;
    }

    /// <summary>(rms of the off-diagonal entries, mean of the diagonal); the rms is 0 for a 1 × 1 matrix.</summary>
    internal static (double OffDiagonalRms, double DiagonalMean) RemovedPartStatistics(double[,] k)
    {
        int n = k.GetLength(0);
        double off = 0, diag = 0;
        for (int i = 0; i < n; i++)
        {
            diag += k[i, i];
            for (int j = 0; j < i; j++) off += k[i, j] * k[i, j];
        }
        return (n > 1 ? Math.Sqrt(off / (n * (n - 1) / 2.0)) : 0, diag / n);
    }

    internal static void Require(bool condition, string name, int value, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException(name, value, $"{rule} (got {value}).");
    }
}
