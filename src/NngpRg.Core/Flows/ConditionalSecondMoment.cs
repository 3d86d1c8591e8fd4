namespace NngpRg.Core.Flows;

/// <summary>
/// Where the conditional second moment m₂^{(q)}(x) = E[φ_q(x)² | φ_{≤κ}(x)] of a removed mode q comes from in the
/// input-dependent ridge flow (docs/theory.md §4, ∂σ²(x;κ)/∂κ = −λ_κ m₂^{(κ)}(x)). Closed hierarchy: <see cref="Exact"/>,
/// <see cref="Gaussian"/>, <see cref="EdgeworthEstimate"/>.
/// </summary>
public abstract record ConditionalSecondMoment
{
    private ConditionalSecondMoment() { }

    /// <summary>m₂ known in closed form: <paramref name="Value"/>(q, i) = m₂^{(q)}(x_i) for the 1-based mode q and the 0-based sample i.</summary>
    /// <param name="Value">The exact conditional second moment on the sample.</param>
    public sealed record Exact(Func<int, int, double> Value) : ConditionalSecondMoment;

    /// <summary>Gaussian features: m₂ ≡ 1, so σ²(x) = σ² + Σ_{q&gt;κ} λ_q, the universal flow of docs/theory.md §3.</summary>
    public sealed record Gaussian : ConditionalSecondMoment;

    /// <summary>
    /// First-order Gram–Charlier/Edgeworth m₂ (docs/theory.md §4, m₂ − 1 = Σ_k κ_{qqk} φ_k + ½ Σ_{k,k'} U_{qqkk'}(φ_kφ_k' − δ_kk'))
    /// with the cumulants estimated on the sample: κ_{qqk} = mean_i φ_q²φ_k and the connected
    /// U_{qqkk'} = mean_i φ_q²φ_kφ_k' − C_qq C_kk' − 2 C_qk C_qk' with the sample second moments C_ab = mean_i φ_aφ_b.
    /// For sample-orthonormal features (C = I, e.g. empirical eigenfunctions) this is U_{qqkk'} = mean_i φ_q²φ_kφ_k' − δ_kk';
    /// otherwise subtracting the sample C removes an O(1/√N) covariance error that the factor (φ_kφ_k' − δ_kk') amplifies
    /// in the tails. The features are assumed centred (the third cumulant carries no mean correction).
    /// </summary>
    /// <param name="MaxKeptModes">The kept modes entering the sums are the first min(κ, MaxKeptModes) (largest
    /// eigenvalues): the cost per removed mode is N·min(κ, MaxKeptModes)² and the estimated U carries sampling noise
    /// of order 1/√N per entry, which a long sum would accumulate. Default 20.</param>
    public sealed record EdgeworthEstimate(int MaxKeptModes = 20) : ConditionalSecondMoment;
}
