using System.Collections.Immutable;

namespace NngpRg.Core.Regression;

/// <summary>One point of a measured learning curve: n and the test MSE averaged over draws.</summary>
/// <param name="TrainCount">Number of training points n.</param>
/// <param name="TestMse">Mean test MSE against the noiseless target, with its standard error.</param>
public readonly record struct LearningCurvePoint(int TrainCount, Estimate TestMse);

/// <summary>
/// Learning curves measured by exact kernel ridge regression (docs/theory.md §7.5: test MSE vs number of training points,
/// averaged over draws), for comparison with the renormalized predictions.
/// </summary>
public static class LearningCurve
{
    /// <summary>
    /// For each of R draws: max(ns) training and m test points uniform on S^{d−1}, the target f on all of them
    /// (<see cref="RegressionTarget.Sample"/>), labels y = f + ε with ε ~ N(0, σ²); for each n the first n training
    /// points are fitted by KRR with kernel K at ridge σ² and the MSE against the noiseless f on the test points is
    /// recorded. The training sets are nested within a draw (common random numbers: smoother curves, correlated
    /// errors across n); draws are independent.
    /// </summary>
    /// <param name="kernel">Dot-product kernel K(t) of the model.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="trainCounts">The n values, each ≥ 1.</param>
    /// <param name="testCount">m ≥ 1.</param>
    /// <param name="noiseVariance">σ² ≥ 0, label noise variance and ridge (σ² = 0 needs a strictly positive definite K).</param>
    /// <param name="draws">R ≥ 2.</param>
    /// <param name="seed">Seed of the single <see cref="Random"/> behind points, target and noise.</param>
    /// <param name="target">The noiseless target.</param>
    /// <param name="provider">Linear algebra; null for <see cref="LinearAlgebra.Default"/>.</param>
    /// <returns>One point per n, in the order given.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or σ² out of range.</exception>
    /// <exception cref="KernelRidgeNotPositiveDefiniteException">σ² too small for the Gram matrix.</exception>
    public static ImmutableArray<LearningCurvePoint> Measure(Func<double, double> kernel, int dimension, IReadOnlyList<int> trainCounts, int testCount,
                                                             double noiseVariance, int draws, int seed, RegressionTarget target, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(trainCounts);
        ArgumentNullException.ThrowIfNull(target);
        if (trainCounts.Count == 0) throw new ArgumentException("LearningCurve: no training-set sizes given.", nameof(trainCounts));
        for (int i = 0; i < trainCounts.Count; i++)
            FiniteSampleCheck.Require(trainCounts[i] >= 1, nameof(trainCounts), trainCounts[i], $"LearningCurve: n[{i}] must be ≥ 1");
        FiniteSampleCheck.Require(testCount >= 1, nameof(testCount), testCount, "LearningCurve: m must be ≥ 1");
        FiniteSampleCheck.Require(draws >= 2, nameof(draws), draws, "LearningCurve: R must be ≥ 2 for a standard error");
        FiniteSampleCheck.Require(dimension >= 1, nameof(dimension), dimension, "LearningCurve: d must be ≥ 1");
        if (!double.IsFinite(noiseVariance) || noiseVariance < 0)
            throw new ArgumentOutOfRangeException(nameof(noiseVariance), noiseVariance, "LearningCurve: σ² must be finite and ≥ 0.");
        provider ??= LinearAlgebra.Default;
        int largest = trainCounts.Max();
        var random = new Random(seed);
        var mse = new double[trainCounts.Count][];
        for (int i = 0; i < mse.Length; i++) mse[i] = new double[draws];
        double noise = Math.Sqrt(noiseVariance);
        for (int r = 0; r < draws; r++)
        {
            var points = SphereSampler.Uniform(dimension, largest + testCount, random);
            var f = target.Sample(points, random, provider);
            var y = new double[largest];
            for (int i = 0; i < largest; i++) y[i] = f[i] + noise * SphereSampler.StandardNormal(random);
            var test = points[largest..];
            var truth = f[largest..];
            var fullTrain = KernelMatrix.Build(points[..largest], kernel);
            var fullCross = KernelMatrix.Cross(test, points[..largest], kernel);
            for (int c = 0; c < trainCounts.Count; c++)
            {
                int n = trainCounts[c];
                var prediction = KernelRidge.Fit(Leading(fullTrain, n, n), y[..n], noiseVariance, provider).Predict(Leading(fullCross, testCount, n));
                mse[c][r] = FiniteSampleCheck.MeanSquaredDifference(prediction, truth);
            }
        }
        return [.. trainCounts.Select((n, c) => new LearningCurvePoint(n, Estimate.Of(mse[c])))];
    }

    private static double[,] Leading(double[,] a, int rows, int columns)
    {
        var b = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) b[i, j] = a[i, j];
        return b;
    }
}
