using System.Collections.Immutable;
using System.Globalization;
using NngpRg.Core.Data;
using NngpRg.Core.Kernels;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Experiments;

/// <summary>
/// The paper's experiment on real data (PHYSICS.md §7) as a pure pipeline: data in, <see cref="ExperimentReport"/> out.
/// <list type="number">
/// <item>Take the first N rows, center them by their mean and project to the unit sphere.</item>
/// <item>Build the NNGP kernel matrix K(x_i·x_j) from the compiled dot-product kernel expression (exact for unit inputs) and diagonalize K/N.</item>
/// <item>Fit λ_k ≈ A k^{−(1+α)} over the fit range (<see cref="ExperimentOptions.FitRange"/>).</item>
/// <item>Test the leading modes for Gaussianity: mean, U_kkkk = E φ̂⁴ − 3, and U_qqkk for pairs, with standard errors.</item>
/// <item>Predict with the fitted law as the spectrum (explicit modes max(N, 64 max η), Hurwitz tail beyond) and the labels'
/// mode powers y_k² = mean over outputs of ((1/N) Σ_i φ̂_k(x_i) y_i)² as the target (no power beyond mode N): the Gaussian
/// flow's κ*(η, T) and σ_c²(κ*), the renormalized-EK and self-consistent MSEs, and the exponent α/(1+α).</item>
/// <item>Measure KRR learning curves: per draw a random permutation of the N points; the last m are the test set, the first η
/// the training set (nested in η within a draw); MSE against the targets on the test set, averaged over outputs.</item>
/// </list>
/// Targets: with two classes c₀ &lt; c₁, y = +1 for c₁ and −1 for c₀; with C &gt; 2 classes, one-hot vectors (C outputs,
/// MSE averaged over them).
/// </summary>
public static class SpectrumExperiment
{
    /// <summary>Runs the experiment; <paramref name="progress"/> receives (stage, done, total) after each unit of work.</summary>
    /// <exception cref="ArgumentException">Invalid options (the message names the rule), a data set without labels, with fewer
    /// than N rows or with one class, or a spectrum the power law cannot be fitted to.</exception>
    public static ExperimentReport Run(Dataset data, ExperimentOptions options, Action<ExperimentStage, int, int>? progress = null, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        provider ??= LinearAlgebra.Default;
        int n = options.SampleCount;
        if (data.Labels is null)
            throw new ArgumentException($"experiment: the data set ({data.Source}) has no labels; the learning curves regress the labels.", nameof(data));
        if (data.Count < n)
            throw new ArgumentException($"experiment: N = {n} points requested but the data set ({data.Source}) has {data.Count} rows.", nameof(data));
        var sample = data.TakeFirst(n).ToUnitSphere();
        var labels = sample.Labels!.Value;
        var classes = labels.Distinct().Order().ToImmutableArray();
        if (classes.Length < 2)
            throw new ArgumentException($"experiment: the first {n} rows hold only class {classes[0]}; regression needs at least two classes.", nameof(data));
        var (targets, encoding) = Encode(labels, classes);

        var kernel = NngpKernel.Of(LayerMap.Of(options.Activation, options.SigmaW2, options.SigmaB2), options.Depth);
        // The inputs are on the unit sphere, where K(|x|², |y|², x·y) = K(1, 1, t). The dot-product form is used because
        // the general one evaluates arccos(K_xy/√(K_xx K_yy)) at 1 + ε on the diagonal (NaN); KernelMatrix clamps t to [−1, 1].
        var k = Compile.ToFunc1(kernel.DotProductKernel(), NngpKernel.Dot);
        progress?.Invoke(ExperimentStage.KernelMatrix, 0, 1);
        var gram = KernelMatrix.Build(sample.ToRows(), k);
        progress?.Invoke(ExperimentStage.KernelMatrix, 1, 1);
        progress?.Invoke(ExperimentStage.Diagonalization, 0, 1);
        var spectrum = EmpiricalSpectrum.FromKernelMatrix(gram, provider);
        progress?.Invoke(ExperimentStage.Diagonalization, 1, 1);

        var (first, last) = options.FitRange;
        var fit = PowerLawFit.Fit(spectrum.Eigenvalues, first, last);
        var modes = ModeStatistics.Marginals(spectrum, options.GaussianityModes);
        var pairs = ModeStatistics.Pairs(spectrum, options.PairModes);
        var power = TargetPower(spectrum, targets);

        var etas = options.EtaGrid;
        int explicitModes = (int)Math.Min(1L << 22, Math.Max(n, 64L * etas.Max()));
        var theory = LearningCurves.Compute(fit.Law.ToSpectrum(explicitModes), TargetSpectrum.FromList(power), options.Sigma2,
                                            [.. etas.Select(e => (double)e)], options.Threshold);
        var measured = Measure(gram, targets, options, progress, provider);

        var points = ImmutableArray.CreateRange(etas.Select((eta, i) => new ExperimentPoint(
            eta, theory.Points[i].KappaStar, theory.Points[i].RunningRidge, theory.Points[i].RgMse, theory.Points[i].SelfConsistentMse, measured[i])));
        double alpha = fit.Law.Alpha;
        return new ExperimentReport(
            sample.Source, Describe(options), n, sample.FeatureCount, classes, encoding, options.EffectiveTestCount, options,
            spectrum.Eigenvalues, power, fit, modes, pairs, points, alpha / (1 + alpha),
            CurveFit(points, p => p.PredictedMse), CurveFit(points, p => p.MeasuredMse.Mean));
    }

    /// <summary>Checks every option; the message names the option and the rule.</summary>
    /// <exception cref="ArgumentException">An option out of range.</exception>
    public static void Validate(ExperimentOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        void Require(bool ok, string message) { if (!ok) throw new ArgumentException($"experiment: {message}", nameof(o)); }
        Require(o.Depth is >= 1 and <= 64, $"depth must be between 1 and 64, got {o.Depth}.");
        Require(o.SampleCount >= 20, $"N must be ≥ 20 (a power-law fit and a split need room), got {o.SampleCount}.");
        Require(!o.EtaGrid.IsDefaultOrEmpty, "the η grid is empty.");
        for (int i = 0; i < o.EtaGrid.Length; i++)
        {
            Require(o.EtaGrid[i] >= 1, $"η = {o.EtaGrid[i]} at position {i + 1} of the grid; every η must be ≥ 1.");
            if (i > 0) Require(o.EtaGrid[i] > o.EtaGrid[i - 1], $"the η grid must be strictly increasing, but η = {o.EtaGrid[i]} follows {o.EtaGrid[i - 1]}.");
        }
        Require(o.EffectiveTestCount >= 1, $"max η = {o.EtaGrid.Max()} leaves no test points among N = {o.SampleCount}; max η must be < N.");
        Require(o.EtaGrid.Max() + o.EffectiveTestCount <= o.SampleCount,
                $"max η = {o.EtaGrid.Max()} plus {o.EffectiveTestCount} test points exceeds N = {o.SampleCount}.");
        Require(double.IsFinite(o.Sigma2) && o.Sigma2 > 0, $"σ² must be finite and > 0, got {o.Sigma2.ToString(CultureInfo.InvariantCulture)}.");
        Require(o.Threshold is > 0 and < 1, $"the threshold T must lie in (0, 1), got {o.Threshold.ToString(CultureInfo.InvariantCulture)}.");
        Require(o.Draws >= 2, $"draws must be ≥ 2 for a standard error, got {o.Draws}.");
        Require(double.IsFinite(o.SigmaW2) && o.SigmaW2 >= 0 && double.IsFinite(o.SigmaB2) && o.SigmaB2 >= 0,
                $"σ_w² and σ_b² must be finite and ≥ 0, got {o.SigmaW2.ToString(CultureInfo.InvariantCulture)} and {o.SigmaB2.ToString(CultureInfo.InvariantCulture)}.");
        var (first, last) = o.FitRange;
        Require(first >= 1 && last >= first + 2 && last <= o.SampleCount,
                $"the fit range {first}..{last} must satisfy 1 ≤ first, last ≥ first + 2 and last ≤ N = {o.SampleCount}.");
        Require(o.GaussianityModes >= 1 && o.GaussianityModes <= o.SampleCount, $"the number of tested modes must be in 1..N, got {o.GaussianityModes}.");
        Require(o.PairModes >= 2 && o.PairModes <= o.SampleCount, $"pairs need between 2 and N leading modes, got {o.PairModes}.");
    }

    /// <summary>±1 for two classes (+1 for the larger label), one-hot vectors for more; rows are points, columns outputs.</summary>
    internal static (double[][] Targets, string Encoding) Encode(ImmutableArray<int> labels, ImmutableArray<int> classes)
    {
        if (classes.Length == 2)
            return ([.. labels.Select(l => new[] { l == classes[1] ? 1.0 : -1.0 })],
                    $"±1: class {classes[1]} → +1, class {classes[0]} → −1");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        return ([.. labels.Select(l => { var y = new double[classes.Length]; y[index[l]] = 1; return y; })],
                $"one-hot over classes {string.Join(",", classes)} (MSE averaged over the {classes.Length} outputs)");
    }

    /// <summary>y_k² = (1/C) Σ_c ((1/N) Σ_i φ̂_k(x_i) y_ic)² for every mode k (PHYSICS.md §7).</summary>
    internal static ImmutableArray<double> TargetPower(EmpiricalSpectrum spectrum, double[][] targets)
    {
        int n = spectrum.SampleCount, outputs = targets[0].Length;
        var power = new double[n];
        for (int k = 0; k < n; k++)
        {
            var phi = spectrum.EigenfunctionValues(k);
            double sum = 0;
            for (int c = 0; c < outputs; c++)
            {
                double y = 0;
                for (int i = 0; i < n; i++) y += phi[i] * targets[i][c];
                y /= n;
                sum += y * y;
            }
            power[k] = sum / outputs;
        }
        return [.. power];
    }

    private static ImmutableArray<Estimate> Measure(double[,] gram, double[][] targets, ExperimentOptions o, Action<ExperimentStage, int, int>? progress, ILinearAlgebra provider)
    {
        int n = o.SampleCount, m = o.EffectiveTestCount, outputs = targets[0].Length;
        var etas = o.EtaGrid;
        var mse = etas.Select(_ => new double[o.Draws]).ToArray();
        var random = new Random(o.Seed);
        int total = o.Draws * etas.Length, done = 0;
        progress?.Invoke(ExperimentStage.LearningCurve, 0, total);
        for (int r = 0; r < o.Draws; r++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            random.Shuffle(order);
            var test = order[(n - m)..];
            for (int e = 0; e < etas.Length; e++)
            {
                var train = order[..etas[e]];
                var kTrain = Sub(gram, train, train);
                var kCross = Sub(gram, test, train);
                double sum = 0;
                for (int c = 0; c < outputs; c++)
                {
                    var y = train.Select(i => targets[i][c]).ToArray();
                    var prediction = KernelRidge.Fit(kTrain, y, o.Sigma2, provider).Predict(kCross);
                    for (int j = 0; j < m; j++)
                    {
                        double d = prediction[j] - targets[test[j]][c];
                        sum += d * d;
                    }
                }
                mse[e][r] = sum / (m * outputs);
                progress?.Invoke(ExperimentStage.LearningCurve, ++done, total);
            }
        }
        return [.. mse.Select(Estimate.Of)];
    }

    private static double[,] Sub(double[,] matrix, int[] rows, int[] columns)
    {
        var s = new double[rows.Length, columns.Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < columns.Length; j++)
                s[i, j] = matrix[rows[i], columns[j]];
        return s;
    }

    private static ScalingFit? CurveFit(ImmutableArray<ExperimentPoint> points, Func<ExperimentPoint, double> mse)
    {
        if (points.Length < 2 || points.Any(p => !(mse(p) > 0))) return null;
        return LearningCurves.FitExponent([.. points.Select(p => (double)p.Eta)], [.. points.Select(mse)], points[0].Eta, points[^1].Eta);
    }

    private static string Describe(ExperimentOptions o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Activations.Name(o.Activation)} NNGP, depth {o.Depth}, σ_w² = {o.SigmaW2}, σ_b² = {o.SigmaB2}");
}
