namespace NngpRg.Core.Experiments;

/// <summary>
/// Learning-curve exponents e of MSE ∝ η^{−e} for a power-law kernel spectrum λ_k ∝ k^{−(1+α)} and a power-law target
/// y_k² ∝ k^{−β} (the source/capacity conditions; docs/theory.md §7). With k* the mode where ηλ_{k*} equals the effective
/// ridge κ (learnability ½), the MSE is dominated by the unlearned power Σ_{k&gt;k*} y_k² ∝ k*^{−(β−1)} until the learned
/// modes' residual Σ_{k&lt;k*} (κ/(ηλ_k))² y_k² takes over, which saturates the exponent at β − 1 = 2(1 + α).
/// </summary>
public static class SourceCapacity
{
    /// <summary>
    /// Ridge-dominated limit (effective ridge ≈ σ², η-independent; docs/theory.md §7 eq. 7.4):
    /// e = min(β − 1, 2(1 + α))/(1 + α). For the GP-matched target β = 1 + α this is α/(1 + α).
    /// </summary>
    public static double RidgeDominated(double alpha, double beta) => Math.Min(beta - 1, 2 * (1 + alpha)) / (1 + alpha);

    /// <summary>
    /// Tail-dominated (ridgeless) limit (effective ridge ≈ c(κ*) ∝ η^{−α} ≫ σ², so k* ∝ η; docs/theory.md §7 eq. 7.5):
    /// e = min(β − 1, 2(1 + α)).
    /// </summary>
    public static double TailDominated(double alpha, double beta) => Math.Min(beta - 1, 2 * (1 + alpha));

    /// <summary>
    /// Between the limits, with the effective ridge running as κ ∝ η^{s} (s = d ln σ_c²/d ln η ∈ [−α, 0]), k* ∝ η^{(1−s)/(1+α)}
    /// and e = min(β − 1, 2(1 + α)) (1 − s)/(1 + α) (docs/theory.md §7 eq. 7.6); s = 0 and s = −α give the two limits.
    /// </summary>
    public static double Crossover(double alpha, double beta, double ridgeSlope) =>
        Math.Min(beta - 1, 2 * (1 + alpha)) * (1 - ridgeSlope) / (1 + alpha);

    /// <summary>The GP-matched ridge-dominated exponent α/(1 + α) (docs/theory.md §7 eq. 7.3).</summary>
    public static double GpMatched(double alpha) => alpha / (1 + alpha);

    /// <summary>
    /// Standard error of f(α, β) by the delta method with α and β independent, from central differences with steps
    /// 10⁻⁶ (1 + |α|), 10⁻⁶ (1 + |β|).
    /// </summary>
    public static double StandardError(Func<double, double, double> f, double alpha, double alphaSe, double beta, double betaSe)
    {
        ArgumentNullException.ThrowIfNull(f);
        double ha = 1e-6 * (1 + Math.Abs(alpha)), hb = 1e-6 * (1 + Math.Abs(beta));
        double da = (f(alpha + ha, beta) - f(alpha - ha, beta)) / (2 * ha);
        double db = (f(alpha, beta + hb) - f(alpha, beta - hb)) / (2 * hb);
        return Math.Sqrt(da * da * alphaSe * alphaSe + db * db * betaSe * betaSe);
    }
}
