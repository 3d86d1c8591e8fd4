using NngpRg.Core.Derivations;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using static NngpRg.Core.Derivations.Notation;
using Registry = NngpRg.Core.Derivations.Derivations;

namespace NngpRg.Core.Tests.Derivations;

/// <summary>Every derivation's final result against the formula of docs/theory.md, exactly (rational normal form) and numerically.</summary>
public sealed class DerivationResultTests
{
    private static void SameExactlyAndNumerically(Expr derived, Expr physics, int seed = 1)
    {
        Assert.Equal(RationalNormalForm.Of(physics), RationalNormalForm.Of(derived));
        var rng = new Random(seed);
        var symbols = Structure.FreeSymbols(derived).Union(Structure.FreeSymbols(physics)).Distinct().ToList();
        for (int trial = 0; trial < 20; trial++)
        {
            var at = symbols.ToDictionary(s => s, _ => 0.2 + 2 * rng.NextDouble());
            double a = Evaluate.At(derived, at), b = Evaluate.At(physics, at);
            Assert.True(Math.Abs(a - b) <= 1e-12 * (1 + Math.Abs(b)), $"{derived} = {a} but {physics} = {b}");
        }
    }

    [Fact]
    public void Registry_lists_the_derivations_in_order_and_rejects_unknown_names()
    {
        Assert.Equal(new[] { "equivalent-kernel", "gaussian-step", "target-power", "non-gaussian-step", "next-order", "linear-sphere", "nnqft-correlators", "nnqft-couplings" }, Registry.Names.ToArray());
        Assert.Equal(Registry.Names.ToArray(), Registry.All().Select(d => d.Name).ToArray());
        var e = Assert.Throws<ArgumentException>(() => Registry.ByName("gaussian"));
        Assert.Contains("gaussian-step", e.Message);
    }

    [Fact]
    public void Equivalent_kernel_mean_variance_and_learnability_are_the_physics_formulas()
    {
        var d = Registry.ByName("equivalent-kernel");
        Symbol l = Lambda(K), y = Y(K);
        SameExactlyAndNumerically(d.Quantity("mean"), l * y / (l + Sigma2 / Eta));
        SameExactlyAndNumerically(d.Quantity("variance"), 1 / (1 / l + Eta / Sigma2));
        SameExactlyAndNumerically(d.Result, Eta * l / (Sigma2 + Eta * l));
    }

    [Fact]
    public void Gaussian_step_gives_the_universal_flow_the_ridge_shift_and_the_tail_sum()
    {
        var d = Registry.ByName("gaussian-step");
        Assert.Equal(-LambdaKappa, d.Result);
        Assert.Equal(DeltaC, d.Quantity(GaussianStep.RidgeShift));
        var tail = Assert.IsType<Sum>(d.Quantity(GaussianStep.RenormalizedRidgeLabel));
        Assert.Equal(Sigma2 + IndexedSum.Of(Lambda(K), K, Kappa + 1, Ex.Infinity), tail);
        // the single-replica expectation is [σ²/(σ² + v)]^{1/2} exp(−u²/(2(σ² + v)))
        var u = Misfit(A);
        SameExactlyAndNumerically(d.Quantity(GaussianStep.SingleReplica), Ex.Sqrt(Sigma2 / (Sigma2 + V)) * Ex.Exp(-Ex.Pow(u, 2) / (2 * (Sigma2 + V))));
    }

    [Fact]
    public void Target_power_is_a_cross_replica_term_of_label_noise_variance_y_squared()
    {
        var d = Registry.ByName("target-power");
        var yq = Y(Q);
        SameExactlyAndNumerically(d.Quantity(TargetPower.Beta), Ex.Pow(yq, 2) / (2 * Ex.Pow(Sigma2, 2)));
        SameExactlyAndNumerically(d.Quantity(TargetPower.Alpha), -1 / (2 * Sigma2));
        Assert.Equal(Ex.Pow(yq, 2), d.Quantity(TargetPower.NoiseVariance));
        Assert.Equal(Ex.Pow(yq, 2) / (2 * Ex.Pow(Sigma2, 2)) * Ex.Pow(IndexedSum.Of(Misfit(A), A, 1, M), 2), d.Result);
    }

    [Fact]
    public void Non_gaussian_step_gives_the_input_dependent_flow_and_the_edgeworth_moments()
    {
        var d = Registry.ByName("non-gaussian-step");
        Assert.Equal(-LambdaKappa * M2, d.Result);
        // B = (m₂ − 1)/2 = ½ Σ_k κ_{qqk} φ_k + ¼ Σ_{k,l} U_{qqkl} (φ_k φ_l − δ_kl): the factors of docs/theory.md (4.6)
        var b = Assert.IsType<Sum>(d.Quantity(NonGaussianStep.B));
        Expr Kappa3(params Expr[] i) => SymmetricTensor.Of("kappa", i);
        Expr U4(params Expr[] i) => SymmetricTensor.Of("U", i);
        Assert.Equal(3, b.Terms.Count);
        Assert.Equal(new Rational(1, 2), b.Terms[IndexedSum.Of(Kappa3(Q, Q, K) * Phi(K), K, 1, Kappa)]);
        Assert.Equal(new Rational(1, 4), b.Terms[IndexedSum.Of(IndexedSum.Of(U4(Q, Q, K, L) * Phi(K) * Phi(L), L, 1, Kappa), K, 1, Kappa)]);
        Assert.Equal(new Rational(-1, 4), b.Terms[IndexedSum.Of(U4(Q, Q, K, K), K, 1, Kappa)]);
        Assert.Equal(Rational.Zero, b.Constant);
        Assert.Equal(Expand.Of(1 + 2 * b), d.Quantity(NonGaussianStep.M2Label));
    }

    [Fact]
    public void Next_order_gives_the_complete_second_order_flow_of_ridge_noise_and_variance_amplification()
    {
        var d = Registry.ByName("next-order");
        Symbol y = Y(Kappa), l = Lambda(Q), yq = Y(Q), k = NextOrder.KappaNu;
        // dσ²/dκ = −λ + (η + χ)λ²/κ_eff, dε²/dκ = −y²(1 − 2(η + χ)λ/κ_eff), dω/dκ = −(η + χ)λ²/κ_eff² (docs/theory.md §8)
        SameExactlyAndNumerically(d.Result, -LambdaKappa + (Eta + Chi) * Ex.Pow(LambdaKappa, 2) / KappaEff);
        SameExactlyAndNumerically(d.Quantity(NextOrder.NoiseFlow), -Ex.Pow(y, 2) * (1 - 2 * (Eta + Chi) * LambdaKappa / KappaEff));
        SameExactlyAndNumerically(d.Quantity(NextOrder.VarianceAmplificationFlow), -(Eta + Chi) * Ex.Pow(LambdaKappa, 2) / Ex.Pow(KappaEff, 2));
        SameExactlyAndNumerically(d.Quantity(NextOrder.AmplifiedE0), 1 / (1 / NextOrder.KeptE0 - Omega));
        // the kept action f = −(η/2)[log(κ_ν/σ²) + ρ/κ_ν] and H = ½λ²∂²f/∂κ_ν² + λy²∂²f/∂κ_ν∂ρ
        var f = -Eta / 2 * (Ex.Log(k / Sigma2) + Rho / k);
        var fValues = new Dictionary<Symbol, double> { [Eta] = 1.7, [k] = 0.6, [Sigma2] = 0.25, [Rho] = 0.4 };
        Assert.Equal(Evaluate.At(f, fValues), Evaluate.At(d.Quantity(NextOrder.KeptAction), fValues), 13);
        var h = Ex.Pow(l, 2) / 2 * Eta * (1 / Ex.Pow(k, 2) - 2 * Rho / Ex.Pow(k, 3)) / 2 + l * Ex.Pow(yq, 2) * Eta / (2 * Ex.Pow(k, 2));
        SameExactlyAndNumerically(d.Quantity(NextOrder.ShiftSecondOrder), h);
        // the second cumulant is ηH, the first cumulant's second order (3 + U_qqqq)H: (1 + Var φ² + η)H in all
        SameExactlyAndNumerically(d.Quantity(NextOrder.SecondCumulant), Eta * h);
        SameExactlyAndNumerically(d.Quantity(NextOrder.FirstCumulant), (3 + NextOrder.Uqqqq) * h);
        SameExactlyAndNumerically(d.Quantity(NextOrder.SecondOrder), (3 + NextOrder.Uqqqq + Eta) * h);
        // per shell the ridge moves by −(η + χ)λ²/κ_eff and the noise by (η + χ)(λ²ρ/κ_eff² − 2λy²/κ_eff)
        SameExactlyAndNumerically(d.Quantity(NextOrder.RidgeCorrection), -(Eta + Chi) * Ex.Pow(l, 2) / KappaEff);
        SameExactlyAndNumerically(d.Quantity(NextOrder.NoiseCorrection), (Eta + Chi) * (Ex.Pow(l, 2) * Rho / Ex.Pow(KappaEff, 2) - 2 * l * Ex.Pow(yq, 2) / KappaEff));
        Assert.Equal(Number.Zero, d.Quantity(NextOrder.LevelVariance));
    }

    [Fact]
    public void Compiled_next_order_coefficients_are_the_derived_ones()
    {
        var rng = new Random(41);
        for (int t = 0; t < 20; t++)
        {
            double kappa = 0.01 + rng.NextDouble(), eta = 1 + 1000 * rng.NextDouble(), chi = 2 * rng.NextDouble(), lambda = 1e-4 * rng.NextDouble();
            var c = FlowEquations.NextOrderAt(kappa, eta, chi);
            Assert.Equal(-1, c.RidgeLambda, 14);
            Assert.Equal((eta + chi) / kappa, c.RidgeLambda2, 10);
            Assert.Equal(-1, c.NoiseY2, 14);
            Assert.Equal(2 * (eta + chi) / kappa, c.NoiseLambdaY2, 10);
            Assert.Equal(-(eta + chi) / (kappa * kappa), c.AmplificationLambda2, 8);
            Assert.Equal(-lambda + (eta + chi) * lambda * lambda / kappa, FlowEquations.NextOrderRidgeStep([lambda, kappa, eta, chi]), 15);
        }
    }

    [Fact]
    public void Linear_sphere_gives_the_cumulants_and_the_renormalized_ridge()
    {
        var d = Registry.ByName("linear-sphere");
        var dim = LinearSphere.D;
        SameExactlyAndNumerically(d.Quantity(LinearSphere.Uqqqq), -6 / (dim + 2));
        SameExactlyAndNumerically(d.Quantity(LinearSphere.Uqqkk), -2 / (dim + 2));
        SameExactlyAndNumerically(d.Result, Sigma2 + 1 - LinearSphere.R);
    }
}
