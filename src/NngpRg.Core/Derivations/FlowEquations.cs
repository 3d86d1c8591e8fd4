using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Core.Derivations.Notation;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The derived O(λ²) flow of one removed mode κ (derivation <c>next-order</c>, docs/theory.md §8) as the coefficients of
/// its powers of λ_κ and y_κ², evaluated at given κ_eff, η and χ:
/// dσ²/dκ = RidgeLambda·λ + RidgeLambda2·λ², dε²/dκ = NoiseY2·y² + NoiseLambdaY2·λy², dω/dκ = AmplificationLambda2·λ².
/// </summary>
/// <param name="RidgeLambda">Coefficient of λ_κ in dσ²/dκ (−1).</param>
/// <param name="RidgeLambda2">Coefficient of λ_κ² in dσ²/dκ ((η + χ)/κ_eff).</param>
/// <param name="NoiseY2">Coefficient of y_κ² in dε²/dκ (−1).</param>
/// <param name="NoiseLambdaY2">Coefficient of λ_κ y_κ² in dε²/dκ (2(η + χ)/κ_eff).</param>
/// <param name="AmplificationLambda2">Coefficient of λ_κ² in dω/dκ (−(η + χ)/κ_eff²).</param>
public readonly record struct NextOrderCoefficients(double RidgeLambda, double RidgeLambda2, double NoiseY2, double NoiseLambdaY2, double AmplificationLambda2);

/// <summary>
/// The derived flow equations compiled to delegates (docs/theory.md §3, §4, §8), built once from the derivations' results:
/// these drive the numeric flows. Each delegate is the right-hand side of dX/dκ.
/// </summary>
public static class FlowEquations
{
    private static readonly Lazy<Func<double, double, double>> Leading = new(() =>
        Compile.ToFunc2(Derivations.ByName(GaussianStep.Name).Result, LambdaKappa, Sigma2));
    private static readonly Lazy<Derivation> Next = new(() => Derivations.ByName(NextOrder.Name));
    private static readonly Lazy<Func<double[], double>> NextRidge = new(() =>
        Compile.ToDelegate(Next.Value.Result, LambdaKappa, KappaEff, Eta, Chi));
    private static readonly Lazy<Action<double[], double[]>> NextCoefficients = new(() => CompileCoefficients(Next.Value));
    private static readonly Lazy<Func<double, double, double>> InputDependent = new(() =>
        Compile.ToFunc2(Derivations.ByName(NonGaussianStep.Name).Result, LambdaKappa, M2));
    private static readonly Lazy<Func<double, double, double, double>> Learnability = new(() =>
        Compile.ToFunc3(Derivations.ByName(EquivalentKernel.Name).Result, Lambda(K), Sigma2, Eta));

    /// <summary>dσ²/dκ = −λ_κ as (λ_κ, σ²) ↦ value (σ² is accepted for a uniform signature; the leading flow ignores it).</summary>
    public static Func<double, double, double> LeadingRidgeStep => Leading.Value;

    /// <summary>
    /// dσ²/dκ = −λ_κ + (η + χ)λ_κ²/κ_eff, the O(λ²) ridge flow, as [λ_κ, κ_eff, η, χ] ↦ value (docs/theory.md §8).
    /// </summary>
    public static Func<double[], double> NextOrderRidgeStep => NextRidge.Value;

    /// <summary>
    /// The coefficients of the derived O(λ²) flows of the ridge, the label noise and the variance amplification at the
    /// given κ_eff &gt; 0, η &gt; 0 and χ ≥ 0 (docs/theory.md §8).
    /// </summary>
    public static NextOrderCoefficients NextOrderAt(double kappaEff, double eta, double chi)
    {
        var output = new double[5];
        NextCoefficients.Value([kappaEff, eta, chi], output);
        return new NextOrderCoefficients(output[0], output[1], output[2], output[3], output[4]);
    }

    /// <summary>∂σ²(x)/∂κ = −λ_κ m₂(x) as (λ_κ, m₂) ↦ value.</summary>
    public static Func<double, double, double> InputDependentRidgeStep => InputDependent.Value;

    /// <summary>The EK learnability L_k = ηλ_k/(σ² + ηλ_k) as (λ_k, σ², η) ↦ value.</summary>
    public static Func<double, double, double, double> EquivalentKernelLearnability => Learnability.Value;

    // The flows are polynomials in λ_κ and y_κ: their coefficients, read off by the engine, compiled as one vector delegate.
    private static Action<double[], double[]> CompileCoefficients(Derivation next)
    {
        var y = Y(Kappa);
        var ridge = Collect.Coefficients(next.Result, LambdaKappa);
        var noise = Collect.Coefficients(next.Quantity(NextOrder.NoiseFlow), y);
        var amplification = Collect.Coefficients(next.Quantity(NextOrder.VarianceAmplificationFlow), LambdaKappa);
        Engine.Require(ridge.Keys.SequenceEqual([1, 2]), "d sigma^2/d kappa has terms in lambda_kappa and lambda_kappa^2 only");
        Engine.Require(noise.Keys.SequenceEqual([2]), "d epsilon^2/d kappa is proportional to y_kappa^2");
        Engine.Require(amplification.Keys.SequenceEqual([2]), "d omega/d kappa is proportional to lambda_kappa^2");
        var noiseInLambda = Collect.Coefficients(noise[2], LambdaKappa);
        Engine.Require(noiseInLambda.Keys.All(k => k is 0 or 1), "d epsilon^2/d kappa is y^2 (a + b lambda)");
        Expr At(System.Collections.Immutable.ImmutableSortedDictionary<int, Expr> c, int k) => c.TryGetValue(k, out var v) ? v : Number.Zero;
        Expr[] outputs = [At(ridge, 1), At(ridge, 2), At(noiseInLambda, 0), At(noiseInLambda, 1), At(amplification, 2)];
        foreach (var o in outputs)
            Engine.Require(!Structure.DependsOn(o, LambdaKappa) && !Structure.DependsOn(o, y), "the coefficients are free of lambda_kappa and y_kappa");
        return Compile.ToVectorDelegate(outputs, KappaEff, Eta, Chi);
    }
}
