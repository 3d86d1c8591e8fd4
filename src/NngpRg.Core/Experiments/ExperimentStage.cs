namespace NngpRg.Core.Experiments;

/// <summary>The long steps of <see cref="SpectrumExperiment.Run"/>, reported to a progress callback.</summary>
public enum ExperimentStage
{
    /// <summary>Building the N × N kernel matrix.</summary>
    KernelMatrix,
    /// <summary>Diagonalizing K/N.</summary>
    Diagonalization,
    /// <summary>Kernel ridge regression over the η grid and the draws (one unit per fit).</summary>
    LearningCurve,
    /// <summary>The input-dependent ridge flow σ²(x) on the empirical eigenfunctions.</summary>
    InputDependentRidge,
}
