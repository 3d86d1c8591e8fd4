using System.Collections.Immutable;
using NngpRg.Core.Data;
using NngpRg.Core.Experiments;
using NngpRg.Core.Kernels;
using Xunit;

namespace NngpRg.Core.Tests.Experiments;

/// <summary>
/// The experiment on the real MNIST files that scripts/fetch-mnist.sh puts into data/mnist (CI runs it from .ci/setup).
/// A missing folder is a failure, never a skip.
/// </summary>
public class MnistExperimentTests
{
    private static readonly string[] Files = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>data/mnist of the repository (found upwards from the test binary), or the folder in NNGP_RG_MNIST.</summary>
    private static string Folder()
    {
        var dir = Environment.GetEnvironmentVariable("NNGP_RG_MNIST");
        if (dir is null)
        {
            var probe = new DirectoryInfo(AppContext.BaseDirectory);
            while (probe is not null && !File.Exists(Path.Combine(probe.FullName, "NngpRg.Symbolic.sln"))) probe = probe.Parent;
            Assert.True(probe is not null, "the repository root (NngpRg.Symbolic.sln) was not found above the test binary");
            dir = Path.Combine(probe!.FullName, "data", "mnist");
        }
        foreach (var f in Files)
            Assert.True(File.Exists(Path.Combine(dir, f)), $"the real MNIST file {Path.Combine(dir, f)} is missing: run scripts/fetch-mnist.sh");
        return dir;
    }

    private static string PathOf(string name) => Path.Combine(Folder(), name);

    /// <summary>Labels straight from the bytes, independently of <see cref="MnistIdx"/>: magic, big-endian count, one byte each.</summary>
    private static byte[] RawLabels(string file)
    {
        var bytes = File.ReadAllBytes(PathOf(file));
        Assert.Equal(new byte[] { 0, 0, 8, 1 }, bytes[..4]);
        int count = (bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7];
        Assert.Equal(bytes.Length - 8, count);
        return bytes[8..];
    }

    private static int[] Counts(IEnumerable<int> labels) { var c = new int[10]; foreach (var l in labels) c[l]++; return c; }

    [Fact]
    public void Labels_are_read_with_the_published_class_counts()
    {
        var train = MnistIdx.ReadLabels(PathOf("train-labels-idx1-ubyte"));
        var test = MnistIdx.ReadLabels(PathOf("t10k-labels-idx1-ubyte"));
        // The class counts LeCun et al. publish for the 60000 training and 10000 test digits.
        Assert.Equal(new[] { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 }, Counts(train));
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, Counts(test));
        // The first 1000 training labels, counted from the raw bytes, and the reader agree label by label.
        var raw = RawLabels("train-labels-idx1-ubyte");
        Assert.Equal(raw.Select(b => (int)b), train);
        Assert.Equal(new[] { 97, 116, 99, 93, 105, 92, 94, 117, 87, 100 }, Counts(train.Take(1000)));
        Assert.Equal(5, train[0]);  // the first training digit is a 5
    }

    [Fact]
    public void Images_are_read_pixel_for_pixel()
    {
        var images = MnistIdx.Read(PathOf("t10k-images-idx3-ubyte"), PathOf("t10k-labels-idx1-ubyte"), new DatasetOptions(Take: 3));
        Assert.Equal(784, images.FeatureCount);
        var bytes = File.ReadAllBytes(PathOf("t10k-images-idx3-ubyte"));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 784; j++)
                Assert.Equal(bytes[16 + i * 784 + j], images[i, j]);
        Assert.Equal(7, images.Labels!.Value[0]);  // the first test digit is a 7
    }

    [Fact]
    public void Experiment_on_a_slice_of_real_mnist_reproduces_the_measured_scaling()
    {
        // N = 300 (the first 300 zeros and ones of the training file), 500 random test digits from t10k, ReLU NNGP depth 1.
        var options = new DatasetOptions(Classes: [0, 1]);
        var train = MnistIdx.Read(PathOf("train-images-idx3-ubyte"), PathOf("train-labels-idx1-ubyte"), options);
        var test = MnistIdx.Read(PathOf("t10k-images-idx3-ubyte"), PathOf("t10k-labels-idx1-ubyte"), options);
        var report = SpectrumExperiment.Run(train, new ExperimentOptions(Activation.Relu, 1, 300, [25, 50, 100, 200],
            TestCount: 500, FitFirstMode: 5, FitLastMode: 30) { Sampling = SampleSelection.First }, testData: test);

        Assert.Equal(500, report.TestCount);
        Assert.Contains("t10k", report.TestSource);
        // An independent pipeline (numpy: IDX bytes, centering by the 300 points' mean, rows to the unit sphere, the ReLU
        // layer by arccos, numpy.linalg.eigh of K/N, y_k² = (v_k·y)²/N, OLS of ln λ̂_k and of ln Σ_{k>κ} y_k² over 5..30):
        double[] eigenvalues = [0.175282686757485, 0.0791779802639166, 0.0413495744394297, 0.0227453943323685, 0.015432619896823, 0.0134700233057312, 0.00951990668685398, 0.00739033300324995];
        for (int k = 0; k < eigenvalues.Length; k++)
            Assert.True(Math.Abs(report.Eigenvalues[k] - eigenvalues[k]) <= 1e-12 * eigenvalues[k], $"λ̂_{k + 1} = {report.Eigenvalues[k]:R}, numpy {eigenvalues[k]:R}");
        Assert.Equal(0.000785416787971338, report.Eigenvalues[49], 1e-15);
        Assert.Equal(0.00010520746008123, report.Eigenvalues[199], 1e-15);
        double[] targetPower = [0.0624191697371541, 0.849600851346642, 0.0105340355287993, 0.00256566169579916, 0.00283530794564554, 0.000134023928254135];
        for (int k = 0; k < targetPower.Length; k++)
            Assert.True(Math.Abs(report.TargetPower[k] - targetPower[k]) <= 1e-10 * targetPower[k] + 1e-15, $"y_{k + 1}² = {report.TargetPower[k]:R}, numpy {targetPower[k]:R}");
        Assert.Equal(0.262494509284832, report.Alpha!.Value, 1e-10);
        Assert.Equal(1.5148104164483, report.Beta!.Value, 1e-10);
        // The spectrum has a power-law range: measured α = 0.26 ± 0.10 and β = 1.52 ± 0.13 on this slice.
        Assert.True(report.Fit.RSquared > 0.98, $"R² = {report.Fit.RSquared}");
        Assert.InRange(report.Alpha!.Value, 0.15, 0.40);
        Assert.InRange(report.Beta!.Value, 1.3, 1.8);
        Assert.True(report.Alpha.RangeSpread > report.Alpha.OlsStandardError, "on real data the choice of range dominates the OLS error");
        // Mode 1 is the constant mode (φ̂₁ ≈ −1 on every image), and the only one.
        Assert.Equal(new[] { 1 }, report.Profile.Where(m => m.IsConstant).Select(m => m.Mode));
        Assert.InRange(Math.Abs(report.Modes[0].Mean.Value), 0.95, 1.0);
        // Learning: the measured MSE falls with η, with an exponent between the GP-matched and the ridgeless predictions.
        for (int i = 1; i < report.Points.Length; i++) Assert.True(report.Points[i].MeasuredMse.Mean < report.Points[i - 1].MeasuredMse.Mean);
        Assert.InRange(report.Measured!.Fit.Exponent, 0.45, 0.85);
        Assert.True(report.Measured.Fit.Exponent > report.PredictedExponent + 3 * report.Measured.StandardError, "α/(1+α) underestimates the measured exponent");
        Assert.Equal(ScalingRegime.TailDominated, report.Predictions!.Regime);
        var ridgeless = report.Predictions.Predictions.Single(p => p.Name.Contains("tail-dominated"));
        Assert.True(ridgeless.PremiseMet);
        Assert.True(Math.Abs(report.Measured.Fit.Exponent - ridgeless.Value) < 3 * Math.Sqrt(Math.Pow(report.Measured.StandardError, 2) + Math.Pow(ridgeless.StandardError, 2)));
        // The input-dependent ridge: its mean obeys the mean rule σ² + c within sampling, and it is not constant.
        var ridge = report.InputRidge!;
        Assert.True(Math.Abs(ridge.MeanRuleZ) < 4, $"z = {ridge.MeanRuleZ}");
        Assert.True(ridge.StandardDeviation > 0.1 * ridge.Mean.Value);
        Assert.True(ridge.Minimum > 0);
    }

    /// <summary>
    /// The NTK with σ_b² = 0.1 on 200 digits has a white floor in its spectrum, so at the middle η every empirical mode is
    /// learnable (κ* = N): the figure modes cannot be ⌈κ*/2⌉, κ*, 2κ*, and the description must say what was shown instead.
    /// </summary>
    [Fact]
    public void Figure_modes_say_when_kappa_star_is_clamped_or_clipped()
    {
        var train = MnistIdx.Read(PathOf("train-images-idx3-ubyte"), PathOf("train-labels-idx1-ubyte"), new DatasetOptions(Classes: [0, 1]));
        var report = SpectrumExperiment.Run(train, new ExperimentOptions(Activation.Relu, 2, 200, [20, 40, 80], Draws: 2, SigmaB2: 0.1,
            TestCount: 60, FitFirstMode: 5, FitLastMode: 20, Kernel: ExperimentKernel.Ntk, InputDependentRidge: false) { Sampling = SampleSelection.First });
        var empirical = report.Points[1].Empirical!.Value.KappaStar;
        Assert.True(empirical >= 199, $"κ* on λ̂_k = {empirical}: the case needs κ* ≥ N − 1");
        var scatter = report.Scatter!;
        Assert.All(scatter.Modes, m => Assert.InRange(m, 2, 200));
        Assert.Contains("clipped to N = 200", scatter.Choice);
        if (empirical > 199) Assert.Contains($"κ* = {empirical} on λ̂_k clamped to 199", scatter.Choice);
    }
}
