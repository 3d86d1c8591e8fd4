using System.Collections.Immutable;

namespace NngpRg.Core.Bayesian;

/// <summary>How the trained readout is obtained.</summary>
public enum ReadoutSolver
{
    /// <summary>
    /// The per-sample SGD iterates computed in the span of the training features: v_t = v₀ + Hᵀc_t, with the training
    /// predictions u = H v updated through the Gram matrix H Hᵀ (docs/theory.md §10, Eq. 10.18). The same iterates as
    /// <see cref="Sgd"/> in exact arithmetic, at O(n) instead of O(width) per step.
    /// </summary>
    GramSgd,
    /// <summary>Plain per-sample SGD on the width-dimensional readout, exactly as specified.</summary>
    Sgd,
}

/// <summary>
/// The configuration of the Bayesian-RG numerical experiment (docs/theory.md §10.6). The defaults are those of the
/// authors' published configuration, except the number of Fisher samples (1000 instead of 10, see
/// <see cref="FisherSamples"/>) and that every draw is seeded.
/// </summary>
public sealed record BrgExperimentOptions
{
    /// <summary>The published cutoff list (25 values from 10⁻⁴ to 10⁵).</summary>
    public static ImmutableArray<double> PublishedCutoffs { get; } =
        [1e-4, 5e-3, 7.5e-3, 1e-2, 5e-2, 7.5e-2, 0.1, 0.5, 0.75, 1, 5, 7.5, 10, 50, 75, 100, 5e2, 7.5e2, 1e3, 5e3, 7.5e3, 1e4, 5e4, 7.5e4, 1e5];

    /// <summary>Independent networks in the ensemble (default 128: a few seconds on 2 cores).</summary>
    public int Ensemble { get; init; } = 128;

    /// <summary>Seed of the data sets (stream 0) and of member e's network, readout and resampling (streams derived from e).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training inputs (default 200), drawn from N((1, 1), I₂); targets y = (1 − x₀)² − 0.5(x₁ − x₀²), no noise.</summary>
    public int TrainSamples { get; init; } = 200;

    /// <summary>Test inputs (default 200), from the same law.</summary>
    public int TestSamples { get; init; } = 200;

    /// <summary>
    /// Inputs of the Fisher set (default 1000; the published value is 10, on which about a fifth of the ReLU units are
    /// silent, so their diagonal Fisher is exactly 0 and the first cutoff already resamples them).
    /// </summary>
    public int FisherSamples { get; init; } = 1000;

    /// <summary>Widths of the two frozen layers before the last one (default 10, 10; the first is linear, the second ReLU).</summary>
    public ImmutableArray<int> HiddenWidths { get; init; } = [10, 10];

    /// <summary>Width of the last frozen ReLU layer, the number of readout weights (default 2000).</summary>
    public int Width { get; init; } = 2000;

    /// <summary>SGD learning rate on the per-sample loss (f − y)² (default 10⁻⁶).</summary>
    public double LearningRate { get; init; } = 1e-6;

    /// <summary>Passes over the training set, samples in order (default 1000).</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>How the readout is trained (default <see cref="ReadoutSolver.GramSgd"/>, equal iterates).</summary>
    public ReadoutSolver Solver { get; init; } = ReadoutSolver.GramSgd;

    /// <summary>Information cutoffs Λ, strictly increasing and &gt; 0 (default <see cref="PublishedCutoffs"/>).</summary>
    public ImmutableArray<double> Cutoffs { get; init; } = PublishedCutoffs;

    /// <summary>What happens to sloppy readout weights (default <see cref="Bayesian.CoarseGraining.Resample"/>).</summary>
    public CoarseGraining CoarseGraining { get; init; } = CoarseGraining.Resample;

    /// <summary>Standard deviation σ_v of the readout prior N(0, σ_v²) (initialization and resampling; default 1). Frozen weights are N(0, 1).</summary>
    public double PriorStd { get; init; } = 1;

    /// <summary>Members whose test MSE at Λ = 0 is not below this are left out as poorly trained (default 10³, as published).</summary>
    public double MaxTrainedMse { get; init; } = 1e3;

    /// <summary>The test point whose ensemble mean and spread are reported (default 40, as published).</summary>
    public int TracePoint { get; init; } = 40;

    /// <summary>Most multiply-adds one run may spend (bounds the work of unreasonable settings).</summary>
    public const double MaxWork = 2e13;

    /// <summary>An estimate of the multiply-adds of one run (features, Gram matrix or SGD, coarse graining).</summary>
    public double EstimatedWork()
    {
        double inputs = TrainSamples + TestSamples + FisherSamples;
        double features = inputs * (2.0 * HiddenWidths[0] + (double)HiddenWidths[0] * HiddenWidths[1] + (double)HiddenWidths[1] * Width);
        double training = Solver == ReadoutSolver.Sgd
            ? 2.0 * Epochs * TrainSamples * Width
            : (double)TrainSamples * TrainSamples * Width + (double)Epochs * TrainSamples * TrainSamples;
        double coarse = (double)Width * TestSamples * 2;
        return Ensemble * (features + training + coarse);
    }

    /// <summary>Checks every setting; the message names the property, the value and the rule.</summary>
    /// <exception cref="ArgumentException">A setting breaks its rule.</exception>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new ArgumentException("BrgExperimentOptions: " + message); }
        Require(Ensemble >= 3, $"Ensemble = {Ensemble}: at least 3 members are needed (standard errors of the mean and of the predictive variance).");
        Require(TrainSamples >= 1, $"TrainSamples = {TrainSamples} must be ≥ 1.");
        Require(TestSamples >= 1, $"TestSamples = {TestSamples} must be ≥ 1.");
        Require(FisherSamples >= 1, $"FisherSamples = {FisherSamples} must be ≥ 1.");
        Require(!HiddenWidths.IsDefault && HiddenWidths.Length == 2 && HiddenWidths.All(w => w >= 1), "HiddenWidths must be two widths ≥ 1.");
        Require(TestSamples > 0 && TracePoint >= 0 && TracePoint < TestSamples, $"TracePoint = {TracePoint} must index a test point (0 … {TestSamples - 1}).");
        Require(Width >= 1, $"Width = {Width} must be ≥ 1.");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"LearningRate = {LearningRate:R} must be finite and > 0.");
        Require(Epochs >= 0, $"Epochs = {Epochs} must be ≥ 0.");
        Require(Enum.IsDefined(Solver), "Solver is not a known solver.");
        Require(Enum.IsDefined(CoarseGraining), "CoarseGraining is not a known rule.");
        Require(!Cutoffs.IsDefaultOrEmpty, "Cutoffs must hold at least one value.");
        for (int i = 0; i < Cutoffs.Length; i++)
        {
            Require(double.IsFinite(Cutoffs[i]) && Cutoffs[i] > 0, $"Cutoffs[{i}] = {Cutoffs[i]:R} must be finite and > 0.");
            if (i > 0)
                Require(Cutoffs[i] > Cutoffs[i - 1], $"Cutoffs[{i}] = {Cutoffs[i]:R} must be larger than Cutoffs[{i - 1}] = {Cutoffs[i - 1]:R} (the shells are cumulative).");
        }
        Require(double.IsFinite(PriorStd) && PriorStd > 0, $"PriorStd = {PriorStd:R} must be finite and > 0.");
        Require(MaxTrainedMse > 0, $"MaxTrainedMse = {MaxTrainedMse:R} must be > 0.");
        double work = EstimatedWork();
        Require(work <= MaxWork, $"the run would need ≈ {work:E2} multiply-adds, more than {MaxWork:E0}; reduce the ensemble, width, epochs or samples.");
    }
}
