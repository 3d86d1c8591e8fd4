using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The derived flow equations compiled to delegates (PHYSICS.md §3–4), built once from the derivations' results:
/// these drive the numeric flows. Each delegate is the right-hand side of dX/dκ.
/// </summary>
public static class FlowEquations
{
    private static readonly Lazy<Func<double, double, double>> Leading = new(() =>
        Compile.ToFunc2(GaussianStep.Derive().Result, LambdaKappa, Sigma2));
    private static readonly Lazy<Derivation> Next = new(NextOrder.Derive);
    private static readonly Lazy<Func<double, double, double>> NextRidge = new(() =>
        Compile.ToFunc2(Next.Value.Result, LambdaKappa, Sigma2));
    private static readonly Lazy<Func<double, double, double>> Quartic = new(() =>
        Compile.ToFunc2(Next.Value.Quantity(NextOrder.QuarticFlow), LambdaKappa, Sigma2));
    private static readonly Lazy<Func<double, double, double>> InputDependent = new(() =>
        Compile.ToFunc2(NonGaussianStep.Derive().Result, LambdaKappa, M2));
    private static readonly Lazy<Func<double, double, double, double>> Learnability = new(() =>
        Compile.ToFunc3(EquivalentKernel.Derive().Result, Lambda(K), Sigma2, Eta));

    /// <summary>dσ²/dκ = −λ_κ as (λ_κ, σ²) ↦ value (σ² is accepted for a uniform signature; the leading flow ignores it).</summary>
    public static Func<double, double, double> LeadingRidgeStep => Leading.Value;

    /// <summary>dσ²/dκ = −λ_κ + 2λ_κ²/σ² (second order in the shell width) as (λ_κ, σ²) ↦ value.</summary>
    public static Func<double, double, double> NextOrderRidgeStep => NextRidge.Value;

    /// <summary>dg₄/dκ = −λ_κ²/(4σ⁸), the flow of the quartic replica coupling, as (λ_κ, σ²) ↦ value.</summary>
    public static Func<double, double, double> QuarticCouplingStep => Quartic.Value;

    /// <summary>∂σ²(x)/∂κ = −λ_κ m₂(x) as (λ_κ, m₂) ↦ value.</summary>
    public static Func<double, double, double> InputDependentRidgeStep => InputDependent.Value;

    /// <summary>The EK learnability L_k = ηλ_k/(σ² + ηλ_k) as (λ_k, σ², η) ↦ value.</summary>
    public static Func<double, double, double, double> EquivalentKernelLearnability => Learnability.Value;
}
