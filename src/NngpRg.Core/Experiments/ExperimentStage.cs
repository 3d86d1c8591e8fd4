namespace NngpRg.Core.Experiments;

/// <summary>The long steps of <see cref="SpectrumExperiment.Run"/>, reported to a progress callback.</summary>
public enum ExperimentStage
{
    /// <summary>Building the N × N kernel matrix: 16 BLAS row panels of inner products, then 16 slices of kernel values.</summary>
    KernelMatrix,
    /// <summary>Diagonalizing K/N: (iteration, maximum iterations) for the top-K solver; for the full solver percent of its flops
    /// after each of its three LAPACK phases, repeated once a second while a phase runs.</summary>
    Diagonalization,
    /// <summary>Kernel ridge regression over the draws and the η grid: per draw one unit for the Cholesky factorization and one per η.</summary>
    LearningCurve,
    /// <summary>The input-dependent ridge flow σ²(x) on the empirical eigenfunctions.</summary>
    InputDependentRidge,
}
