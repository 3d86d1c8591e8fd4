using System.Collections.Immutable;
using NngpRg.Core.Data;
using NngpRg.Core.Experiments;
using NngpRg.Core.Kernels;
using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Experiments;

public class SpectrumExperimentTests
{
    /// <summary>
    /// n points in ℝ^d with coordinate j ~ N(0, 1/(j+1)²), so the kernel spectrum decays like a power law (isotropic data
    /// would give a flat block of d equal linear modes); class c ∈ {0, 1} is shifted by ±shift along the first axis.
    /// </summary>
    private static Dataset TwoClusters(int n, int d, double shift, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            for (int j = 0; j < d; j++) x[i, j] = SphereSampler.StandardNormal(random) / (j + 1);
            x[i, 0] += labels[i] == 1 ? shift : -shift;
        }
        return Dataset.Create(x, labels, "two clusters");
    }

    private static ExperimentOptions Options(double sigma2 = 0.01) =>
        new(Activation.Relu, 1, 200, [20, 40, 80], Sigma2: sigma2, Draws: 3, Seed: 7);

    [Fact]
    public void Report_fields_are_finite_and_consistent()
    {
        var report = SpectrumExperiment.Run(TwoClusters(300, 40, 1.0, 1), Options());
        Assert.Equal(200, report.SampleCount);
        Assert.Equal(200, report.Eigenvalues.Length);
        Assert.Equal(new[] { 0, 1 }, report.Classes.ToArray());
        Assert.Equal(120, report.TestCount);
        Assert.Equal(10, report.Modes.Length);
        Assert.Equal(6, report.Pairs.Length);
        Assert.True(report.Fit.Law.Alpha > 0 && double.IsFinite(report.Fit.Law.Alpha));
        Assert.Equal(report.Fit.Law.Alpha / (1 + report.Fit.Law.Alpha), report.PredictedExponent, 14);
        Assert.Equal((10L, 20L), (report.Fit.FirstMode, report.Fit.LastMode));
        // The flow keeps more modes as η grows.
        for (int i = 1; i < report.Points.Length; i++)
            Assert.True(report.Points[i].KappaStar >= report.Points[i - 1].KappaStar);
        foreach (var p in report.Points)
        {
            Assert.True(double.IsFinite(p.PredictedMse) && p.PredictedMse > 0);
            Assert.True(double.IsFinite(p.MeasuredMse.Mean) && p.MeasuredMse.StandardError >= 0);
            Assert.True(p.RunningRidge > 0.01);
        }
        Assert.NotNull(report.MeasuredCurveFit);
    }

    [Fact]
    public void Target_power_sums_to_the_mean_squared_label()
    {
        // Parseval for the orthonormal empirical modes: Σ_k ((1/N) Σ_i φ̂_k(x_i) y_i)² = (1/N) Σ_i y_i² = 1 for ±1 labels.
        var report = SpectrumExperiment.Run(TwoClusters(300, 40, 1.0, 2), Options());
        Assert.Equal(1, report.TargetPower.Sum(), 10);
        // Separated clusters put most of the label power in the leading modes.
        Assert.True(report.TargetPower.Take(5).Sum() > 0.5, $"{report.TargetPower.Take(5).Sum()}");
    }

    [Fact]
    public void Huge_ridge_predicts_zero_so_the_measured_mse_is_the_label_power()
    {
        var report = SpectrumExperiment.Run(TwoClusters(300, 40, 1.0, 3), Options(sigma2: 1e7));
        foreach (var p in report.Points) Assert.Equal(1, p.MeasuredMse.Mean, 3);
    }

    [Fact]
    public void Random_labels_are_not_learned_on_held_out_points()
    {
        // Labels independent of the inputs: a held-out test set sees MSE ≥ 1 (no information); a test set overlapping the
        // training set would be memorized at this small ridge and give a much smaller MSE.
        var clusters = TwoClusters(300, 40, 0, 6);
        var random = new Random(9);
        var noise = Dataset.Create(clusters.ToMatrix(), [.. Enumerable.Range(0, 300).Select(_ => random.Next(2))], "random labels");
        var report = SpectrumExperiment.Run(noise, Options(sigma2: 1e-4));
        foreach (var p in report.Points) Assert.True(p.MeasuredMse.Mean > 0.9, $"η = {p.Eta}: {p.MeasuredMse}");
    }

    [Fact]
    public void Separated_clusters_are_learned_from_few_points()
    {
        var report = SpectrumExperiment.Run(TwoClusters(300, 40, 4.0, 4), Options(sigma2: 1e-3));
        Assert.True(report.Points[^1].MeasuredMse.Mean < 0.1, $"{report.Points[^1].MeasuredMse}");
    }

    [Fact]
    public void Three_classes_are_one_hot_and_one_class_is_rejected()
    {
        var random = new Random(5);
        var x = new double[250, 30];
        for (int i = 0; i < 250; i++) for (int j = 0; j < 30; j++) x[i, j] = SphereSampler.StandardNormal(random) / (j + 1);
        var three = Dataset.Create(x, [.. Enumerable.Range(0, 250).Select(i => i % 3)], "three");
        var report = SpectrumExperiment.Run(three, Options());
        Assert.Contains("one-hot", report.TargetEncoding);
        // One-hot rows have |y|² = 1 over 3 outputs: the powers (averaged over outputs) sum to 1/3.
        Assert.Equal(1.0 / 3, report.TargetPower.Sum(), 10);

        var one = Dataset.Create(x, [.. Enumerable.Repeat(4, 250)], "one");
        var e = Assert.Throws<ArgumentException>(() => SpectrumExperiment.Run(one, Options()));
        Assert.Contains("only class 4", e.Message);
    }

    [Fact]
    public void One_vs_rest_and_forced_encodings()
    {
        var random = new Random(5);
        var x = new double[250, 30];
        for (int i = 0; i < 250; i++) for (int j = 0; j < 30; j++) x[i, j] = SphereSampler.StandardNormal(random) / (j + 1);
        var three = Dataset.Create(x, [.. Enumerable.Range(0, 250).Select(i => i % 3)], "three");
        var report = SpectrumExperiment.Run(three, Options() with { Targets = new TargetChoice.OneVsRest(2) });
        Assert.StartsWith("one-vs-rest: class 2 → +1", report.TargetEncoding);
        // ±1 targets have |y|² = 1: the mode powers sum to 1 (Parseval), one output.
        Assert.Equal(1, report.TargetPower.Sum(), 10);
        Assert.Contains("exactly two classes", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Run(three, Options() with { Targets = new TargetChoice.PlusMinusOne() })).Message);
        Assert.Contains("class 7 is not among", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Run(three, Options() with { Targets = new TargetChoice.OneVsRest(7) })).Message);
        var onehot = SpectrumExperiment.Run(TwoClusters(300, 40, 1.0, 1), Options() with { Targets = new TargetChoice.OneHot() });
        Assert.Equal(0.5, onehot.TargetPower.Sum(), 10);  // two outputs, |y|² = 1: averaged over outputs
    }

    [Fact]
    public void A_separate_test_set_is_the_one_measured_on()
    {
        // The test set is the training pool's own rows: at a tiny ridge KRR interpolates, so the MSE of the largest η = N
        // (every pool point in the training set) is ~0, while held-out points give a clearly positive MSE.
        var data = TwoClusters(300, 40, 0.5, 11);
        var options = Options(sigma2: 1e-8) with { SampleCount = 120, EtaGrid = [40, 120], Sampling = SampleSelection.First, InputDependentRidge = false };
        var first = data.TakeFirst(120);
        var report = SpectrumExperiment.Run(data, options with { TestCount = 120 }, testData: first);
        Assert.Contains("two clusters", report.TestSource);
        Assert.True(report.Points[^1].MeasuredMse.Mean < 1e-4, $"{report.Points[^1].MeasuredMse}");
        var heldOut = SpectrumExperiment.Run(data, options with { EtaGrid = [40, 100], TestCount = 20 });
        Assert.True(heldOut.Points[^1].MeasuredMse.Mean > 1e-2, $"{heldOut.Points[^1].MeasuredMse}");
        var wrongClass = Dataset.Create(first.ToMatrix(), [.. Enumerable.Repeat(5, 120)], "other class");
        Assert.Contains("label 5", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Run(data, options with { TestCount = 50 }, testData: wrongClass)).Message);
    }

    [Fact]
    public void The_ntk_has_a_larger_trace_than_the_nngp()
    {
        // ReLU depth 1: NTK(1) = NNGP(1) + (the derivative term) > NNGP(1); the trace Σ λ̂ = K(1) for unit inputs.
        var data = TwoClusters(300, 40, 1.0, 1);
        var options = Options() with { InputDependentRidge = false };
        var nngp = SpectrumExperiment.Run(data, options);
        var ntk = SpectrumExperiment.Run(data, options with { Kernel = ExperimentKernel.Ntk });
        Assert.Contains("NTK", ntk.Kernel);
        var kernel = NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, 0), 1);
        double ntkAtOne = NngpRg.Symbolic.Compilation.Compile.ToFunc1(kernel.DotProductNtk(), NngpKernel.Dot)(1);
        Assert.Equal(ntkAtOne, ntk.Eigenvalues.Sum(), 8);
        Assert.True(ntk.Eigenvalues.Sum() > nngp.Eigenvalues.Sum() * 1.5);
    }

    [Fact]
    public void Measured_one_hot_MSE_equals_a_separate_ridge_fit_per_eta_and_class()
    {
        // Three classes, one-hot: the experiment factors once per draw for every η and output; here every (draw, η, class)
        // is refitted on its own with KernelRidge.Fit on the entrywise kernel matrix, with the same permutations.
        var random = new Random(9);
        var x = new double[260, 6];
        var labels = new int[260];
        for (int i = 0; i < 260; i++)
        {
            labels[i] = i % 3;
            for (int j = 0; j < 6; j++) x[i, j] = SphereSampler.StandardNormal(random) / (j + 1) + (j == labels[i] ? 1.5 : 0);
        }
        var data = Dataset.Create(x, labels, "three clusters");
        var options = new ExperimentOptions(Activation.Relu, 1, 240, [15, 40, 100], Sigma2: 0.02, Draws: 3, Seed: 4)
        {
            Sampling = SampleSelection.First, InputDependentRidge = false, Targets = new TargetChoice.OneHot(), TestCount = 60,
        };
        var report = SpectrumExperiment.Run(data, options);

        var raw = data.TakeFirst(240);
        var rows = raw.ToUnitSphere(raw.FeatureMean()).ToRows();
        var kernel = NngpRg.Symbolic.Compilation.Compile.ToFunc1(NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, 0), 1).DotProductKernel(), NngpKernel.Dot);
        var gram = KernelMatrix.Build(rows, kernel);
        var shuffle = new Random(4);
        var expected = new double[3, 3];
        for (int r = 0; r < 3; r++)
        {
            var order = Enumerable.Range(0, 240).ToArray();
            shuffle.Shuffle(order);
            var test = order[180..];
            for (int e = 0; e < 3; e++)
            {
                var train = order[..options.EtaGrid[e]];
                var block = new double[train.Length, train.Length];
                for (int i = 0; i < train.Length; i++) for (int j = 0; j < train.Length; j++) block[i, j] = gram[train[i], train[j]];
                var cross = new double[test.Length, train.Length];
                for (int i = 0; i < test.Length; i++) for (int j = 0; j < train.Length; j++) cross[i, j] = gram[test[i], train[j]];
                double sum = 0;
                for (int c = 0; c < 3; c++)
                {
                    var prediction = KernelRidge.Fit(block, [.. train.Select(i => labels[i] == c ? 1.0 : 0.0)], 0.02, LinearAlgebra.Managed).Predict(cross);
                    for (int j = 0; j < test.Length; j++) sum += Math.Pow(prediction[j] - (labels[test[j]] == c ? 1 : 0), 2);
                }
                expected[e, r] = sum / (test.Length * 3);
            }
        }
        for (int e = 0; e < 3; e++)
        {
            double mean = Enumerable.Range(0, 3).Average(r => expected[e, r]);
            Assert.Equal(mean, report.Points[e].MeasuredMse.Mean, 1e-10 * mean);
        }
    }

    [Fact]
    public void The_input_dependent_ridge_obeys_the_mean_rule_and_leaves_out_the_constant_mode()
    {
        var report = SpectrumExperiment.Run(TwoClusters(300, 40, 1.0, 2), Options());
        var ridge = Assert.IsType<InputRidgeSummary>(report.InputRidge, exactMatch: false);
        Assert.True(Math.Abs(ridge.MeanRuleZ) < 4, $"z = {ridge.MeanRuleZ}");
        Assert.Equal(report.Profile.Where(m => m.IsConstant).Select(m => m.Mode), ridge.ConstantModes);
        Assert.Equal(200, ridge.RidgeAtPoints.Length);
        // σ² + c is the universal (Gaussian-feature) ridge: Σ of the removed non-constant eigenvalues.
        double c = report.Eigenvalues.Select((v, k) => (v, k)).Where(p => p.k >= ridge.Cutoff && !ridge.ConstantModes.Contains(p.k + 1)).Sum(p => p.v);
        Assert.Equal(c, ridge.RidgeShift, 12);
    }

    [Theory]
    [InlineData(new[] { 40, 20 }, "strictly increasing")]
    [InlineData(new[] { 0, 20 }, "must be ≥ 1")]
    [InlineData(new[] { 20, 200 }, "max η")]
    public void Bad_eta_grids_are_rejected_with_the_rule(int[] grid, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => SpectrumExperiment.Validate(Options() with { EtaGrid = [.. grid] }));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Other_bad_options_name_the_rule()
    {
        Assert.Contains("σ² must be", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Validate(Options() with { Sigma2 = 0 })).Message);
        Assert.Contains("draws", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Validate(Options() with { Draws = 1 })).Message);
        Assert.Contains("fit range", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Validate(Options() with { FitFirstMode = 50, FitLastMode = 51 })).Message);
        Assert.Contains("threshold", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Validate(Options() with { Threshold = 1 })).Message);
        var noLabels = Dataset.Create(new double[300, 3], null, "unlabelled");
        Assert.Contains("no labels", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Run(noLabels, Options())).Message);
        Assert.Contains("has 100 rows", Assert.Throws<ArgumentException>(() => SpectrumExperiment.Run(TwoClusters(100, 3, 1, 1), Options())).Message);
    }
}
