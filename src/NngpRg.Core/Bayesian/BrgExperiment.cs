using System.Collections.Immutable;
using NngpRg.Core.Regression;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// The numerical experiment of the Bayesian RG (docs/theory.md §10.6): an ensemble of wide frozen ReLU networks with a
/// trained linear readout; the diagonal Fisher of the readout weights from a Fisher set; for increasing information
/// cutoffs Λ the sloppy weights (F_jj &lt; Λ) are resampled from the prior (or removed) and the test MSE and the ensemble's
/// predictive variance are recorded. All members share the train, test and Fisher sets (seed stream 0); member e draws its
/// frozen weights and initial readout from stream 1 + 2e and its resampled weights from stream 2 + 2e.
/// </summary>
public static class BrgExperiment
{
    /// <summary>The regression target y = (1 − x₀)² − 0.5 (x₁ − x₀²) of the published configuration (no label noise).</summary>
    public static double Target(double x0, double x1) => (1 - x0) * (1 - x0) - 0.5 * (x1 - x0 * x0);

    /// <summary>The shared data sets.</summary>
    internal sealed record Data(double[][] Train, double[] TrainTargets, double[][] Test, double[] TestTargets, double[][] Fisher);

    /// <summary>A trained member: its test features, initial and trained readout, and diagonal Fisher.</summary>
    internal sealed record TrainedMember(int Index, double[] TestFeatures, double[] Initial, double[] Trained, double[] Fisher, double InitialMse);

    /// <summary>One member through every cutoff (row 0 = Λ = 0).</summary>
    internal sealed record MemberResult(int Index, double[] Mse, double[] ExpectedMse, double[] CoarseGrainedFraction, double[] SloppyInformation,
        double[][] Predictions, double ZeroFisherFraction, double InitialMse, double[] Fisher);

    /// <summary>Inputs x ~ N((1, 1), I₂): train, test, Fisher, in that order, from seed stream 0.</summary>
    internal static Data DrawData(BrgExperimentOptions o)
    {
        var random = SeedStreams.Random(o.Seed, 0);
        double[][] Draw(int n)
        {
            var x = new double[n][];
            for (int i = 0; i < n; i++) x[i] = [1 + SphereSampler.StandardNormal(random), 1 + SphereSampler.StandardNormal(random)];
            return x;
        }
        var train = Draw(o.TrainSamples);
        var test = Draw(o.TestSamples);
        var fisher = Draw(o.FisherSamples);
        return new Data(train, train.Select(x => Target(x[0], x[1])).ToArray(), test, test.Select(x => Target(x[0], x[1])).ToArray(), fisher);
    }

    /// <summary>Draws member <paramref name="index"/>'s network and readout, trains it and computes F_jj = ⟨h_j(x)²⟩ on the Fisher set.</summary>
    internal static TrainedMember Train(BrgExperimentOptions o, Data data, int index)
    {
        var random = SeedStreams.Random(o.Seed, 1 + 2L * index);
        var network = FrozenNetwork.Sample(o.HiddenWidths[0], o.HiddenWidths[1], o.Width, random);
        var initial = new double[o.Width];
        for (int j = 0; j < initial.Length; j++) initial[j] = o.PriorStd * SphereSampler.StandardNormal(random);
        var trainFeatures = network.Features(data.Train);
        var testFeatures = network.Features(data.Test);
        var trained = ReadoutTraining.Train(o.Solver, trainFeatures, data.TrainTargets, initial, o.LearningRate, o.Epochs);
        // The diagonal Fisher of the readout under a unit-variance Gaussian likelihood: the mean of h_j² over the Fisher set.
        var fisher = new double[o.Width];
        var h = new double[o.Width];
        foreach (var x in data.Fisher)
        {
            network.Features(x, h);
            for (int j = 0; j < h.Length; j++) fisher[j] += h[j] * h[j];
        }
        for (int j = 0; j < fisher.Length; j++) fisher[j] /= data.Fisher.Length;
        return new TrainedMember(index, testFeatures, initial, trained, fisher, Mse(testFeatures, initial, data.TestTargets));
    }

    /// <summary>
    /// Coarse-grains a trained member at every cutoff in increasing order: weights newly sloppy at Λ are resampled from
    /// N(0, σ_v²) with <paramref name="resampler"/> (or set to 0); records the test MSE, its exact expectation (Eq. 10.16)
    /// and the predictions.
    /// </summary>
    internal static MemberResult CoarseGrain(BrgExperimentOptions o, TrainedMember m, double[] testTargets, Random resampler)
    {
        int width = m.Trained.Length, tests = testTargets.Length, rows = o.Cutoffs.Length + 1;
        var v = (double[])m.Trained.Clone();
        var prediction = Predict(m.TestFeatures, v, tests);
        // base(x) = f_{v*}(x) − Σ_{j∈S} v*_j h_j(x): the prediction with the sloppy weights taken out (Eq. 10.16).
        var baseline = (double[])prediction.Clone();
        double variance = 0;  // Σ_{j∈S} ⟨h_j²⟩_test
        var testSquares = new double[width];
        for (int i = 0; i < tests; i++)
            for (int j = 0; j < width; j++) { double x = m.TestFeatures[i * width + j]; testSquares[j] += x * x; }
        for (int j = 0; j < width; j++) testSquares[j] /= tests;

        var order = Enumerable.Range(0, width).OrderBy(j => m.Fisher[j]).ToArray();  // weights by increasing F
        var mse = new double[rows];
        var expected = new double[rows];
        var fraction = new double[rows];
        var information = new double[rows];
        var predictions = new double[rows][];
        mse[0] = MeanSquare(prediction, testTargets);
        expected[0] = mse[0];
        predictions[0] = (double[])prediction.Clone();
        int next = 0;
        double sloppyInformation = 0;
        for (int c = 0; c < o.Cutoffs.Length; c++)
        {
            double cutoff = o.Cutoffs[c];
            while (next < width && m.Fisher[order[next]] < cutoff)
            {
                int j = order[next++];
                double replacement = o.CoarseGraining == CoarseGraining.Resample ? o.PriorStd * SphereSampler.StandardNormal(resampler) : 0;
                double delta = replacement - v[j], old = m.Trained[j];
                v[j] = replacement;
                for (int i = 0; i < tests; i++)
                {
                    double h = m.TestFeatures[i * width + j];
                    prediction[i] += delta * h;
                    baseline[i] -= old * h;
                }
                variance += testSquares[j];
                sloppyInformation += m.Fisher[j];
            }
            mse[c + 1] = MeanSquare(prediction, testTargets);
            expected[c + 1] = MeanSquare(baseline, testTargets) + (o.CoarseGraining == CoarseGraining.Resample ? o.PriorStd * o.PriorStd * variance : 0);
            fraction[c + 1] = (double)next / width;
            information[c + 1] = sloppyInformation;
            predictions[c + 1] = (double[])prediction.Clone();
        }
        double zeros = m.Fisher.Count(f => f == 0) / (double)width;
        return new MemberResult(m.Index, mse, expected, fraction, information, predictions, zeros, m.InitialMse, m.Fisher);
    }

    /// <summary>
    /// Runs the experiment. <paramref name="progress"/> receives (members done, members total), possibly from several
    /// threads. <paramref name="threads"/> caps the parallelism (null: all cores); results do not depend on it.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options (<see cref="BrgExperimentOptions.Validate"/>), or fewer than three members trained below <see cref="BrgExperimentOptions.MaxTrainedMse"/>.</exception>
    /// <exception cref="ArithmeticException">A non-finite MSE or prediction (the SGD diverged).</exception>
    public static BrgExperimentReport Run(BrgExperimentOptions options, Action<int, int>? progress = null, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var data = DrawData(options);
        var members = new MemberResult[options.Ensemble];
        int done = 0;
        Parallel.For(0, options.Ensemble, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount }, e =>
        {
            var trained = Train(options, data, e);
            members[e] = CoarseGrain(options, trained, data.TestTargets, SeedStreams.Random(options.Seed, 2 + 2L * e));
            progress?.Invoke(Interlocked.Increment(ref done), options.Ensemble);
        });
        return Summarize(options, members);
    }

    internal static BrgExperimentReport Summarize(BrgExperimentOptions o, MemberResult[] members)
    {
        var included = members.Where(m => double.IsFinite(m.Mse[0]) && m.Mse[0] < o.MaxTrainedMse).ToArray();
        if (included.Length < 3)
            throw new ArgumentException($"BrgExperiment: only {included.Length} of {members.Length} members reached a test MSE below {o.MaxTrainedMse:R} at Λ = 0; the statistics need at least 3 (check the learning rate and epochs).");
        foreach (var m in included)
            for (int r = 0; r < m.Mse.Length; r++)
                if (!double.IsFinite(m.Mse[r]) || !double.IsFinite(m.ExpectedMse[r]))
                    throw new ArithmeticException($"BrgExperiment: member {m.Index} has a non-finite test MSE at row {r}.");

        int rows = o.Cutoffs.Length + 1, tests = o.TestSamples, count = included.Length;
        var table = ImmutableArray.CreateBuilder<BrgCutoffRow>(rows);
        for (int r = 0; r < rows; r++)
        {
            var mse = Estimate.Of(included.Select(m => m.Mse[r]).ToArray());
            var expected = Estimate.Of(included.Select(m => m.ExpectedMse[r]).ToArray());
            double fraction = included.Average(m => m.CoarseGrainedFraction[r]);
            double information = included.Average(m => m.SloppyInformation[r]);
            var (variance, varianceError) = PredictiveVariance(included, r, tests);
            var trace = included.Select(m => m.Predictions[r][o.TracePoint]).ToArray();
            double traceMean = trace.Average();
            double traceStd = Math.Sqrt(trace.Sum(t => (t - traceMean) * (t - traceMean)) / (count - 1));
            table.Add(new BrgCutoffRow(r == 0 ? 0 : o.Cutoffs[r - 1], mse, expected, fraction, information,
                2 * o.PriorStd * o.PriorStd * information, variance, varianceError, traceMean, traceStd));
        }
        var rowsDone = table.MoveToImmutable();
        double mse0 = rowsDone[0].Mse.Mean;
        double? critical = rowsDone.Skip(1).FirstOrDefault(r => r.Mse.Mean > 2 * mse0)?.Cutoff;
        double? thumb = rowsDone.Skip(1).FirstOrDefault(r => r.RuleOfThumbIncrease >= mse0)?.Cutoff;
        var allFisher = included.SelectMany(m => m.Fisher).ToArray();
        Array.Sort(allFisher);
        double median = allFisher.Length % 2 == 1 ? allFisher[allFisher.Length / 2] : 0.5 * (allFisher[allFisher.Length / 2 - 1] + allFisher[allFisher.Length / 2]);
        return new BrgExperimentReport(o, rowsDone, count, members.Length - count, rowsDone[0].Mse,
            Estimate.Of(included.Select(m => m.InitialMse).ToArray()), Estimate.Of(included.Select(m => m.ZeroFisherFraction).ToArray()),
            median, critical, thumb);
    }

    /// <summary>Test-averaged ensemble variance of the predictions at row r and its jackknife standard error (leave one member out).</summary>
    private static (double Value, double StandardError) PredictiveVariance(MemberResult[] members, int r, int tests)
    {
        int e = members.Length;
        double full = 0;
        var leaveOut = new double[e];
        for (int t = 0; t < tests; t++)
        {
            double s1 = 0, s2 = 0;
            foreach (var m in members) { double f = m.Predictions[r][t]; s1 += f; s2 += f * f; }
            full += (s2 - s1 * s1 / e) / (e - 1);
            for (int i = 0; i < e; i++)
            {
                double f = members[i].Predictions[r][t], a = s1 - f, b = s2 - f * f;
                leaveOut[i] += (b - a * a / (e - 1)) / (e - 2);
            }
        }
        full /= tests;
        double mean = 0;
        for (int i = 0; i < e; i++) { leaveOut[i] /= tests; mean += leaveOut[i]; }
        mean /= e;
        double ss = leaveOut.Sum(x => (x - mean) * (x - mean));
        return (full, Math.Sqrt((e - 1.0) / e * ss));
    }

    private static double[] Predict(double[] features, double[] v, int count)
    {
        int width = v.Length;
        var f = new double[count];
        for (int i = 0; i < count; i++) f[i] = ReadoutTraining.Dot(features.AsSpan(i * width, width), v);
        return f;
    }

    private static double Mse(double[] features, double[] v, double[] targets) => MeanSquare(Predict(features, v, targets.Length), targets);

    private static double MeanSquare(double[] prediction, double[] targets)
    {
        double sum = 0;
        for (int i = 0; i < targets.Length; i++) { double d = prediction[i] - targets[i]; sum += d * d; }
        return sum / targets.Length;
    }
}
