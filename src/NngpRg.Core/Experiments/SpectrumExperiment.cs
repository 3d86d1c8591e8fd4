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
/// The paper's experiment on real data (docs/theory.md §7) as a pure pipeline: data in, <see cref="ExperimentReport"/> out.
/// <list type="number">
/// <item>Take N rows (a seeded random subset, or the first N), center them by their mean and project to the unit sphere; a
/// separate test set is centered with the same mean.</item>
/// <item>Build the NNGP (or NTK) kernel matrix K(x_i·x_j) from the compiled dot-product kernel expression (exact for unit inputs) and diagonalize K/N.</item>
/// <item>Fit λ_k ≈ A k^{−(1+α)} over the fit range and the ranges of <see cref="FitRanges.Around"/> (eq. 7.7), and β of the
/// labels' power from its cumulative tail over the same ranges (eq. 7.8).</item>
/// <item>Test every mode for Gaussianity: mean, skewness E φ̂³, U_kkkk = E φ̂⁴ − 3, the constant-mode flag, and U_qqkk for pairs, with standard errors.</item>
/// <item>Predict with the fitted law as the spectrum (explicit modes max(N, 64 max η), Hurwitz tail beyond) and, separately,
/// with the empirical λ̂_1 … λ̂_N, and the labels' mode powers y_k² = mean over outputs of ((1/N) Σ_i φ̂_k(x_i) y_i)² as the
/// target (no power beyond mode N): the Gaussian flow's κ*(η, T) and σ_c²(κ*), the renormalized-EK and self-consistent MSEs;
/// the exponent predictions of eqs. 7.3–7.6 with their premises.</item>
/// <item>Measure KRR learning curves: per draw a random permutation of the N points; without a test set the last m are the
/// test set and the first η the training set (nested in η within a draw); with a test set, m of its rows (one seeded
/// random subset) are the test points for every draw. MSE against the targets, averaged over outputs.</item>
/// <item>The input-dependent ridge σ²(x_i) at κ* of the middle η on the empirical spectrum, from sample cumulants (docs/theory.md §4).</item>
/// </list>
/// Targets (<see cref="TargetChoice"/>): by default y = ±1 for two classes c₀ &lt; c₁ (+1 for c₁), one-hot vectors for more.
/// </summary>
public static class SpectrumExperiment
{
    /// <summary>Runs the experiment; <paramref name="progress"/> receives (stage, done, total) after each unit of work.</summary>
    /// <param name="data">The labelled data set N points are drawn from.</param>
    /// <param name="options">The settings.</param>
    /// <param name="progress">Progress callback, or null.</param>
    /// <param name="provider">Linear-algebra provider; <see cref="LinearAlgebra.Default"/> when null.</param>
    /// <param name="testData">A separate labelled test set (e.g. MNIST t10k), or null to hold test points out of the N.</param>
    /// <exception cref="ArgumentException">Invalid options (the message names the rule), a data set without labels, with fewer
    /// than N rows or with one class, test labels outside the training classes, or a spectrum the power law cannot be fitted to.</exception>
    public static ExperimentReport Run(Dataset data, ExperimentOptions options, Action<ExperimentStage, int, int>? progress = null,
        ILinearAlgebra? provider = null, Dataset? testData = null) =>
        RunAccounted(data, options, progress, provider, testData, new MemoryLedger(), null);

    /// <summary>As the public overload, with the ledger of the large buffers and the memory to check the estimate against
    /// (null: <see cref="ExperimentMemoryEstimate.AvailableBytes"/>).</summary>
    internal static ExperimentReport RunAccounted(Dataset data, ExperimentOptions options, Action<ExperimentStage, int, int>? progress,
        ILinearAlgebra? provider, Dataset? testData, MemoryLedger ledger, long? availableBytes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options, testData?.Count);
        provider ??= LinearAlgebra.Default;
        int n = options.SampleCount;
        if (data.Labels is null)
            throw new ArgumentException($"experiment: the data set ({data.Source}) has no labels; the learning curves regress the labels.", nameof(data));
        if (data.Count < n)
            throw new ArgumentException($"experiment: N = {n} points requested but the data set ({data.Source}) has {data.Count} rows.", nameof(data));
        if (testData is not null && testData.Labels is null)
            throw new ArgumentException($"experiment: the test set ({testData.Source}) has no labels.", nameof(testData));
        if (testData is not null && testData.FeatureCount != data.FeatureCount)
            throw new ArgumentException($"experiment: the test set has {testData.FeatureCount} features per row but the data set has {data.FeatureCount}.", nameof(testData));
        var memory = ExperimentMemoryEstimate.Check(options, data.FeatureCount, testData is null ? null : options.TestCountFrom(testData.Count),
            availableBytes ?? ExperimentMemoryEstimate.AvailableBytes());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var raw = options.Sampling == SampleSelection.First ? data.TakeFirst(n) : data.TakeRandom(n, options.Seed);
        var center = raw.FeatureMean();
        var sample = raw.ToUnitSphere(center);
        var norms = Enumerable.Range(0, n).Select(i => Distance(raw.Row(i), center)).ToArray();
        var labels = sample.Labels!.Value;
        var classes = labels.Distinct().Order().ToImmutableArray();
        if (classes.Length < 2)
            throw new ArgumentException($"experiment: the {n} selected rows hold only class {classes[0]}; regression needs at least two classes.", nameof(data));
        var (targets, encoding) = Encode(labels, classes, options.EffectiveTargets);

        Dataset? test = null;
        double[][]? testTargets = null;
        if (testData is not null)
        {
            int m = options.TestCountFrom(testData.Count);
            var chosen = DatasetTransforms.RandomRows(testData.Count, m, unchecked(options.Seed * 31 + 7));
            test = testData.SelectRows(chosen, $"random {m} (seed {options.Seed})").ToUnitSphere(center);
            foreach (int l in test.Labels!.Value)
                if (!classes.Contains(l))
                    throw new ArgumentException($"experiment: the test set holds label {l}, which is not among the training classes {string.Join(",", classes)}; select the same classes.", nameof(testData));
            testTargets = Encode(test.Labels!.Value, classes, options.EffectiveTargets).Targets;
        }

        var kernel = NngpKernel.Of(LayerMap.Of(options.Activation, options.SigmaW2, options.SigmaB2), options.Depth);
        // The inputs are on the unit sphere, where K(|x|², |y|², x·y) = K(1, 1, t). The dot-product form is used because
        // the general one evaluates arccos(K_xy/√(K_xx K_yy)) at 1 + ε on the diagonal (NaN); KernelMatrix clamps t to [−1, 1].
        var k = Compile.ToFunc1(options.Kernel == ExperimentKernel.Ntk ? kernel.DotProductNtk() : kernel.DotProductKernel(), NngpKernel.Dot);
        // Memory: K (N × N) lives to the end; the eigenvectors are the second N × N buffer, and the learning curves' Cholesky
        // factor reuses it once everything that reads the eigenfunctions is done (MemoryLedger counts and checks this).
        var rows = sample.ToRows();
        const string KernelName = "kernel matrix K (N × N)", VectorsName = "eigenvectors V (N × N)", FactorName = "Cholesky factor (η_max × η_max)";
        var gram = ledger.Allocate(KernelName, (long)n * n);
        KernelMatrix.BuildDotProductInPlace(rows, k, gram, (done, total) => progress?.Invoke(ExperimentStage.KernelMatrix, done, total));
        var cross = test is null ? null : KernelMatrix.Cross(test.ToRows(), rows, k);
        ledger.Checkpoint("kernel matrix built");
        double kernelSeconds = clock.Elapsed.TotalSeconds;
        var (spectrum, solver) = options.TopK is int topK
            ? KernelEigensolver.TopK(gram, n, topK, options.Seed, ledger.Allocate, ledger.Release, (done, total) => progress?.Invoke(ExperimentStage.Diagonalization, done, total))
            : KernelEigensolver.Full(gram, n, ledger.Allocate, (done, total) => progress?.Invoke(ExperimentStage.Diagonalization, done, total));
        string spectrumBuffer = options.TopK is null ? VectorsName : "Ritz vectors U (N × b)";
        ledger.Checkpoint("diagonalized");
        double eigenSeconds = clock.Elapsed.TotalSeconds - kernelSeconds;

        var (first, last) = options.FitRange;
        var fit = PowerLawFit.Fit(spectrum.Eigenvalues, first, last);
        var alpha = FitRanges.SpectrumExponent(spectrum.Eigenvalues, first, last);
        int modeCount = spectrum.ModeCount;
        double missingTrace = spectrum.MissingTrace;
        var profile = ModeStatistics.Marginals(spectrum, modeCount);
        var modes = profile[..options.GaussianityModes];
        var pairs = ModeStatistics.Pairs(spectrum, options.PairModes);
        var power = TargetPower(spectrum, targets);
        ExponentEstimate? beta = null;
        string? betaNote = null;
        try { beta = FitRanges.TargetExponent(power, first, Math.Min(last, modeCount - 1)); }
        catch (ArgumentException e) { betaNote = e.Message; }

        var etas = options.EtaGrid;
        var etaValues = etas.Select(e => (double)e).ToArray();
        int explicitModes = (int)Math.Min(1L << 22, Math.Max(n, 64L * etas.Max()));
        var targetSpectrum = TargetSpectrum.FromList(power);
        var theory = LearningCurves.Compute(fit.Law.ToSpectrum(explicitModes), targetSpectrum, options.Sigma2, etaValues, options.Threshold);
        var empirical = LearningCurves.Compute(spectrum.ToSpectrum(), targetSpectrum, options.Sigma2, etaValues, options.Threshold);

        var predictions = beta is null ? null : ScalingPredictions.Build(alpha, beta, options.Sigma2, etaValues,
            [.. theory.Points.Select(p => p.RunningRidge - options.Sigma2)], [.. theory.Points.Select(p => p.RunningRidge)], [.. theory.Points.Select(p => p.KappaStar)]);

        // The figure modes and the input-dependent ridge sit at κ* of the middle η on the empirical spectrum.
        int middle = etas.Length / 2;
        double empiricalKappa = empirical.Points[middle].KappaStar;
        int cutoff = (int)Math.Clamp(empiricalKappa, 1, modeCount - 1);
        var constant = profile.Where(m => m.IsConstant).Select(m => m.Mode - 1).ToHashSet();
        var scatter = Scatter(spectrum, profile, options.FigureModes, cutoff, empiricalKappa, etas[middle], constant);
        InputRidgeSummary? inputRidge = null;
        string? inputRidgeNote = !options.InputDependentRidge ? "not run (disabled)"
            : options.TopK is int kTop ? $"not run: σ²(x) sums over every removed mode, and only the leading K = {kTop} were computed (--top-k)" : null;
        if (inputRidgeNote is null)
        {
            progress?.Invoke(ExperimentStage.InputDependentRidge, 0, 1);
            // A first-order Edgeworth m₂ from noisy sample cumulants can be negative; fewer kept modes carry less noise. Each
            // failed attempt is reported, so the reader sees which truncation the numbers rest on.
            var failures = new List<string>();
            for (int m = options.EdgeworthModes; m >= 1 && inputRidge is null; m /= 2)
            {
                try { inputRidge = InputRidge.Compute(spectrum, constant, options.Sigma2, cutoff, targets, norms, m, provider) with { Failures = [.. failures] }; }
                catch (InvalidOperationException e) { failures.Add($"{m} kept modes: {e.Message}"); }
            }
            if (inputRidge is null) inputRidgeNote = "σ²(x) ≤ 0 somewhere for every truncation tried: " + string.Join("; ", failures);
            progress?.Invoke(ExperimentStage.InputDependentRidge, 1, 1);
        }

        ledger.Checkpoint("eigenfunction statistics done");
        double analysisSeconds = clock.Elapsed.TotalSeconds - kernelSeconds - eigenSeconds;

        // The eigenfunctions are no longer read: the factor takes over V's storage (all modes) or replaces the top-K block.
        int etaMax = etas.Max();
        double[] factor;
        if (options.TopK is null)
        {
            factor = spectrum.Storage;
            ledger.Reuse(VectorsName, FactorName);
        }
        else
        {
            ledger.Release(spectrumBuffer);
            factor = ledger.Allocate(FactorName, (long)etaMax * etaMax);
        }
        var (measured, perDraw) = Measure(gram, n, cross, targets, testTargets, options, progress, factor);
        double learningSeconds = clock.Elapsed.TotalSeconds - kernelSeconds - eigenSeconds - analysisSeconds;
        ledger.Release(FactorName);
        ledger.Release(KernelName);

        var points = ImmutableArray.CreateRange(etas.Select((eta, i) => new ExperimentPoint(
            eta, theory.Points[i].KappaStar, theory.Points[i].RunningRidge, theory.Points[i].RgMse, theory.Points[i].SelfConsistentMse, measured[i])
        {
            Empirical = new TheoryPoint(empirical.Points[i].KappaStar, empirical.Points[i].RunningRidge, empirical.Points[i].RgMse, empirical.Points[i].SelfConsistentMse),
        }));
        double a = fit.Law.Alpha;
        return new ExperimentReport(
            sample.Source, Describe(options), n, sample.FeatureCount, classes, encoding, test?.Count ?? options.EffectiveTestCount, options,
            spectrum.Eigenvalues, power, fit, modes, pairs, points, a / (1 + a),
            CurveFit(points, p => p.PredictedMse), CurveFit(points, p => p.MeasuredMse.Mean))
        {
            TestSource = test is null ? "held out from the N points" : test.Source,
            Alpha = alpha,
            Beta = beta,
            Predictions = predictions,
            Measured = MeasuredExponentOf(points, perDraw),
            EmpiricalCurveFit = CurveFit(points, p => p.Empirical!.Value.RgMse),
            Profile = profile,
            Scatter = scatter,
            InputRidge = inputRidge,
            InputRidgeNote = inputRidgeNote,
            PredictionsNote = betaNote,
            Eigensolver = solver,
            MissingTrace = missingTrace,
            Timings = new ExperimentTimings(kernelSeconds, eigenSeconds, analysisSeconds, learningSeconds),
            Memory = memory with
            {
                TrackedPeakBytes = ledger.PeakBytes,
                TrackedAtPeak = [.. ledger.AtPeak.Select(b => new MemoryItem(b.Name, b.Bytes))],
                TrackedPeakInMatrices = ledger.PeakBytes / (8.0 * n * n),
                PeakResidentBytes = ExperimentMemoryEstimate.PeakResidentBytes(),
            },
        };
    }

    /// <summary>Checks every option; the message names the option and the rule. <paramref name="testRows"/> is the size of a
    /// separate test set (null: test points are held out of the N).</summary>
    /// <exception cref="ArgumentException">An option out of range.</exception>
    public static void Validate(ExperimentOptions o, int? testRows = null)
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
        if (testRows is int rows)
        {
            Require(o.EtaGrid.Max() <= o.SampleCount, $"max η = {o.EtaGrid.Max()} exceeds N = {o.SampleCount}; training points are drawn from the N.");
            Require(o.TestCountFrom(rows) >= 1 && o.TestCountFrom(rows) <= rows, $"{o.TestCountFrom(rows)} test points requested but the test set has {rows} rows; the test count must be in 1..{rows}.");
        }
        else
        {
            Require(o.EffectiveTestCount >= 1, $"max η = {o.EtaGrid.Max()} leaves no test points among N = {o.SampleCount}; max η must be < N.");
            Require(o.EtaGrid.Max() + o.EffectiveTestCount <= o.SampleCount,
                    $"max η = {o.EtaGrid.Max()} plus {o.EffectiveTestCount} test points exceeds N = {o.SampleCount}.");
        }
        Require(double.IsFinite(o.Sigma2) && o.Sigma2 > 0, $"σ² must be finite and > 0, got {o.Sigma2.ToString(CultureInfo.InvariantCulture)}.");
        Require(o.Threshold is > 0 and < 1, $"the threshold T must lie in (0, 1), got {o.Threshold.ToString(CultureInfo.InvariantCulture)}.");
        Require(o.Draws >= 2, $"draws must be ≥ 2 for a standard error, got {o.Draws}.");
        Require(double.IsFinite(o.SigmaW2) && o.SigmaW2 >= 0 && double.IsFinite(o.SigmaB2) && o.SigmaB2 >= 0,
                $"σ_w² and σ_b² must be finite and ≥ 0, got {o.SigmaW2.ToString(CultureInfo.InvariantCulture)} and {o.SigmaB2.ToString(CultureInfo.InvariantCulture)}.");
        if (o.TopK is int topK)
            Require(topK >= 2 && topK < o.SampleCount, $"--top-k K must satisfy 2 ≤ K < N = {o.SampleCount}, got {topK}.");
        int modes = o.ModeCount;
        string bound = o.TopK is null ? $"N = {o.SampleCount}" : $"K = {modes} (the computed modes, --top-k)";
        var (first, last) = o.FitRange;
        Require(first >= 1 && last >= first + 2 && last <= modes,
                $"the fit range {first}..{last} must satisfy 1 ≤ first, last ≥ first + 2 and last ≤ {bound}.");
        Require(o.GaussianityModes >= 1 && o.GaussianityModes <= modes, $"the number of tested modes must be in 1..{bound}, got {o.GaussianityModes}.");
        Require(o.PairModes >= 2 && o.PairModes <= modes, $"pairs need between 2 and {bound} leading modes, got {o.PairModes}.");
        Require(o.EdgeworthModes >= 1, $"the Edgeworth sums need at least 1 kept mode, got {o.EdgeworthModes}.");
        if (o.FigureModes is { } figure)
        {
            Require(figure.Length is >= 2 and <= 6, $"the figure needs 2 to 6 modes, got {figure.Length}.");
            Require(figure.All(m => m >= 1 && m <= modes), $"figure modes must lie in 1..{bound}, got {string.Join(",", figure)}.");
            Require(figure.Distinct().Count() == figure.Length, $"figure modes must be distinct, got {string.Join(",", figure)}.");
        }
        if (o.EffectiveTargets is TargetChoice.OneVsRest { Class: < 0 } ovr)
            Require(false, $"one-vs-rest needs a class label ≥ 0, got {ovr.Class}.");
    }

    /// <summary>
    /// The targets of <paramref name="choice"/> (rows are points, columns outputs): ±1 for two classes (+1 for the larger
    /// label), one-hot over the classes, or +1 for one class and −1 for the rest.
    /// </summary>
    /// <exception cref="ArgumentException">±1 with other than two classes, or one-vs-rest for a class that is absent.</exception>
    internal static (double[][] Targets, string Encoding) Encode(ImmutableArray<int> labels, ImmutableArray<int> classes, TargetChoice choice)
    {
        switch (choice)
        {
            case TargetChoice.Auto when classes.Length == 2:
            case TargetChoice.PlusMinusOne:
                if (classes.Length != 2)
                    throw new ArgumentException($"experiment: ±1 targets need exactly two classes, but the data hold {classes.Length} ({string.Join(",", classes)}); use one-hot or one-vs-rest:k.", nameof(choice));
                return ([.. labels.Select(l => new[] { l == classes[1] ? 1.0 : -1.0 })],
                        $"±1: class {classes[1]} → +1, class {classes[0]} → −1");
            case TargetChoice.OneVsRest ovr:
                if (!classes.Contains(ovr.Class))
                    throw new ArgumentException($"experiment: one-vs-rest class {ovr.Class} is not among the selected classes {string.Join(",", classes)}.", nameof(choice));
                return ([.. labels.Select(l => new[] { l == ovr.Class ? 1.0 : -1.0 })],
                        $"one-vs-rest: class {ovr.Class} → +1, classes {string.Join(",", classes.Where(c => c != ovr.Class))} → −1");
            case TargetChoice.Auto:
            case TargetChoice.OneHot:
                var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
                return ([.. labels.Select(l => { var y = new double[classes.Length]; y[index[l]] = 1; return y; })],
                        $"one-hot over classes {string.Join(",", classes)} (MSE averaged over the {classes.Length} outputs)");
            default:
                throw new ArgumentException($"experiment: unknown target choice {choice.GetType().Name}.", nameof(choice));
        }
    }

    /// <summary>y_k² = (1/C) Σ_c ((1/N) Σ_i φ̂_k(x_i) y_ic)² for every mode k (docs/theory.md (7.2)).</summary>
    internal static ImmutableArray<double> TargetPower(EmpiricalSpectrum spectrum, double[][] targets)
    {
        int n = spectrum.SampleCount, modes = spectrum.ModeCount, outputs = targets[0].Length;
        var power = new double[modes];
        Parallel.For(0, modes, k =>
        {
            var phi = spectrum.EigenfunctionSpan(k);
            double sum = 0;
            for (int c = 0; c < outputs; c++)
            {
                double y = 0;
                for (int i = 0; i < n; i++) y += phi[i] * targets[i][c];
                y /= n;
                sum += y * y;
            }
            power[k] = sum / outputs;
        });
        return [.. power];
    }

    // Per η: the mean over draws with its standard error, and every draw's MSE (for the per-draw exponents). The training sets
    // of one draw are nested (the first η of one permutation), so the Cholesky factor of the largest one holds every smaller
    // one as its leading block: one factorization per draw serves every η and every output.
    private static (ImmutableArray<Estimate>, double[][]) Measure(double[] gram, int n, double[,]? cross, double[][] targets, double[][]? testTargets,
        ExperimentOptions o, Action<ExperimentStage, int, int>? progress, double[] factor)
    {
        int outputs = targets[0].Length;
        int m = testTargets?.Length ?? o.EffectiveTestCount;
        var etas = o.EtaGrid;
        var mse = etas.Select(_ => new double[o.Draws]).ToArray();
        var random = new Random(o.Seed);
        int total = o.Draws * (etas.Length + 1), done = 0;
        progress?.Invoke(ExperimentStage.LearningCurve, 0, total);
        for (int r = 0; r < o.Draws; r++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            random.Shuffle(order);
            var test = cross is null ? order[(n - m)..] : Enumerable.Range(0, m).ToArray();
            var fits = NestedRidge.Fit(gram, n, order[..etas[^1]], etas, targets, o.Sigma2, factor);
            progress?.Invoke(ExperimentStage.LearningCurve, ++done, total);
            for (int e = 0; e < etas.Length; e++)
            {
                int eta = etas[e];
                var alpha = fits[e];
                var sums = new double[m];
                Parallel.For(0, m, j =>
                {
                    var prediction = new double[outputs];
                    for (int i = 0; i < eta; i++)
                    {
                        int t = order[i];
                        double kernel = cross is null ? gram[(long)test[j] * n + t] : cross[j, t];
                        for (int c = 0; c < outputs; c++) prediction[c] += kernel * alpha[i + (long)c * eta];
                    }
                    double s = 0;
                    for (int c = 0; c < outputs; c++)
                    {
                        double d = prediction[c] - (testTargets is null ? targets[test[j]][c] : testTargets[j][c]);
                        s += d * d;
                    }
                    sums[j] = s;
                });
                mse[e][r] = sums.Sum() / (m * outputs);
                progress?.Invoke(ExperimentStage.LearningCurve, ++done, total);
            }
        }
        return ([.. mse.Select(Estimate.Of)], mse);
    }

    private static ScalingFit? CurveFit(ImmutableArray<ExperimentPoint> points, Func<ExperimentPoint, double> mse)
    {
        if (points.Length < 2 || points.Any(p => !(mse(p) > 0))) return null;
        return LearningCurves.FitExponent([.. points.Select(p => (double)p.Eta)], [.. points.Select(mse)], points[0].Eta, points[^1].Eta);
    }

    /// <summary>The exponent of the mean measured curve, with s/√R of the exponents fitted to each draw's curve.</summary>
    private static MeasuredExponent? MeasuredExponentOf(ImmutableArray<ExperimentPoint> points, double[][] perDraw)
    {
        var fit = CurveFit(points, p => p.MeasuredMse.Mean);
        if (fit is null) return null;
        int draws = perDraw[0].Length;
        var exponents = new List<double>();
        for (int r = 0; r < draws; r++)
        {
            var y = perDraw.Select(e => e[r]).ToArray();
            if (y.Any(v => !(v > 0))) continue;
            exponents.Add(LearningCurves.FitExponent([.. points.Select(p => (double)p.Eta)], y, points[0].Eta, points[^1].Eta).Exponent);
        }
        double se = exponents.Count >= 2 ? ModeStatistics.Mean(exponents).StandardError : double.NaN;
        return double.IsFinite(se) ? new MeasuredExponent(fit, se) : null;
    }

    /// <summary>
    /// The figure modes: the given ones, or ⌈κ/2⌉, κ, 2κ (clipped to 2 … N, skipping constant modes by moving up) for the
    /// cutoff κ of the middle η. The description names every mode that is not what its label says (κ* clamped to 1 … N − 1,
    /// a target clipped to N, or moved past a constant or an already chosen mode).
    /// </summary>
    private static ModeScatter Scatter(EmpiricalSpectrum spectrum, ImmutableArray<ModeGaussianity> profile, ImmutableArray<int>? given, int cutoff, double kappaStar, int eta, HashSet<int> constant)
    {
        ImmutableArray<int> modes;
        string choice;
        if (given is { } g)
        {
            modes = g;
            choice = "given (--modes)";
        }
        else
        {
            int n = spectrum.ModeCount;
            var chosen = new List<int>();
            var notes = new List<string>();
            if (cutoff != kappaStar)
                notes.Add($"κ* = {kappaStar.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} on λ̂_k clamped to {cutoff}");
            foreach (var (label, target) in new[] { ("⌈κ*/2⌉", (cutoff + 1) / 2), ("κ*", cutoff), ("2κ*", 2 * cutoff) })
            {
                int mode = Math.Clamp(target, 1, n);
                if (mode != target) notes.Add($"{label} = {target} clipped to N = {n}");
                int clipped = mode;
                while (mode < n && (constant.Contains(mode - 1) || chosen.Contains(mode))) mode++;
                if (mode != clipped) notes.Add($"{label}: mode {clipped} is {(constant.Contains(clipped - 1) ? "constant" : "already shown")}, {mode} shown");
                if (!chosen.Contains(mode)) chosen.Add(mode);
                else notes.Add($"{label} coincides with mode {mode}");
            }
            modes = [.. chosen];
            choice = $"⌈κ*/2⌉, κ*, 2κ* for κ* = {cutoff} at η = {eta}{(notes.Count > 0 ? $"; {string.Join("; ", notes)}" : "")}";
        }
        return new ModeScatter(modes, choice, [.. modes.Select(m => spectrum.EigenfunctionValues(m - 1))],
            [.. modes.Select(m => profile[m - 1])], ModeStatistics.Pairs(spectrum, modes));
    }

    private static double Distance(double[] row, double[] center)
    {
        double s = 0;
        for (int j = 0; j < row.Length; j++) s += (row[j] - center[j]) * (row[j] - center[j]);
        return Math.Sqrt(s);
    }

    private static string Describe(ExperimentOptions o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Activations.Name(o.Activation)} {(o.Kernel == ExperimentKernel.Ntk ? "NTK" : "NNGP")}, depth {o.Depth}, σ_w² = {o.SigmaW2}, σ_b² = {o.SigmaB2}");
}
