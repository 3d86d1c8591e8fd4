namespace NngpRg.Core.Regression;

/// <summary>Whether the removed modes of a finite-sample check are unlearnable (the premise A1 of the Wilsonian step).</summary>
public enum PremiseStatus
{
    /// <summary>max_{ℓ&gt;L} nλ_ℓ/σ² ≤ <see cref="FiniteSamplePremise.HoldsAtMost"/>: the removed modes learn at most 1/11 of their signal.</summary>
    Holds,
    /// <summary>Between the two thresholds: the removed modes are partly learnable; a verdict is given with that caveat.</summary>
    Marginal,
    /// <summary>max_{ℓ&gt;L} nλ_ℓ/σ² &gt; <see cref="FiniteSamplePremise.FailsAbove"/>: removed modes are learnable, the check is outside its premise.</summary>
    Fails,
}

/// <summary>
/// The premise of the finite-sample form of the Gaussian flow (docs/theory.md §2–§3, assumption A1): the modes removed at cutoff degree L are
/// unlearnable, nλ_ℓ ≪ σ² for ℓ &gt; L (their equivalent-kernel learnability nλ/(σ² + nλ) is small), while the kept ones near the
/// cutoff are learned. For a dot-product kernel with non-negative Taylor coefficients λ_{ℓ+2} ≤ λ_ℓ (each b_j weighs less in
/// λ_{ℓ+2} than in λ_ℓ), so the largest removed eigenvalue is max(λ_{L+1}, λ_{L+2}).
/// </summary>
/// <param name="TrainCount">n, the number of training points.</param>
/// <param name="NoiseVariance">σ², the bare ridge.</param>
/// <param name="MaxRemovedDegree">The removed degree ℓ &gt; L with the largest eigenvalue.</param>
/// <param name="MaxRemovedSignal">max_{ℓ&gt;L} nλ_ℓ/σ².</param>
/// <param name="WeakestKeptDegree">The kept degree ℓ ≤ L with the smallest non-zero eigenvalue (the first to become unlearnable), or −1 if none.</param>
/// <param name="WeakestKeptSignal">Its nλ_ℓ/σ² (0 if none).</param>
public sealed record FiniteSamplePremise(int TrainCount, double NoiseVariance, int MaxRemovedDegree, double MaxRemovedSignal, int WeakestKeptDegree, double WeakestKeptSignal)
{
    /// <summary>The premise holds when max_{ℓ&gt;L} nλ_ℓ/σ² is at most this.</summary>
    public const double HoldsAtMost = 0.1;

    /// <summary>The premise fails when max_{ℓ&gt;L} nλ_ℓ/σ² exceeds this (removed modes learn more than half their signal).</summary>
    public const double FailsAbove = 1;

    /// <summary>Holds, marginal or fails by the two thresholds.</summary>
    public PremiseStatus Status => MaxRemovedSignal <= HoldsAtMost ? PremiseStatus.Holds : MaxRemovedSignal <= FailsAbove ? PremiseStatus.Marginal : PremiseStatus.Fails;

    /// <summary>The premise from λ_0 … λ_{L+2} (at least L + 3 values; λ_{L+1}, λ_{L+2} bound every removed level).</summary>
    /// <exception cref="ArgumentException">Fewer than L + 3 eigenvalues, or a negative or non-finite one.</exception>
    public static FiniteSamplePremise Of(IReadOnlyList<double> eigenvalues, int cutoff, int trainCount, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (cutoff < 0 || eigenvalues.Count < cutoff + 3)
            throw new ArgumentException($"FiniteSamplePremise: cutoff L = {cutoff} needs λ_0 … λ_(L+2), got {eigenvalues.Count} eigenvalues.", nameof(eigenvalues));
        foreach (double v in eigenvalues)
            if (!double.IsFinite(v) || v < 0) throw new ArgumentException($"FiniteSamplePremise: eigenvalue {v:R} must be finite and ≥ 0.", nameof(eigenvalues));
        int removed = eigenvalues[cutoff + 1] >= eigenvalues[cutoff + 2] ? cutoff + 1 : cutoff + 2;
        int weakest = -1;
        for (int l = 0; l <= cutoff; l++)
            if (eigenvalues[l] > 0 && (weakest < 0 || eigenvalues[l] < eigenvalues[weakest])) weakest = l;
        double Signal(int l) => l < 0 ? 0 : trainCount * eigenvalues[l] / noiseVariance;
        return new FiniteSamplePremise(trainCount, noiseVariance, removed, Signal(removed), weakest, Signal(weakest));
    }
}
