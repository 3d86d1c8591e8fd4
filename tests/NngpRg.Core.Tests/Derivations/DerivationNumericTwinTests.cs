using NngpRg.Core.Derivations;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;
using static NngpRg.Core.Derivations.Notation;
using Registry = NngpRg.Core.Derivations.Derivations;

namespace NngpRg.Core.Tests.Derivations;

/// <summary>
/// Numeric twins of the derivation steps: identities evaluated at random parameters, Gaussian expectations by
/// Gauss–Hermite quadrature, thin-shell coefficients against finite differences of the exact shell average,
/// conditional moments and sphere cumulants by Monte Carlo.
/// </summary>
public sealed class DerivationNumericTwinTests
{
    private static double Eval(Expr e, params (Symbol S, double V)[] values) => Evaluate.At(e, values.ToDictionary(p => p.S, p => p.V));

    // Every "=" step whose sides have no expectation node, indexed sum or call is an identity: evaluate both sides.
    [Fact]
    public void Identity_steps_agree_at_random_parameters()
    {
        var rng = new Random(11);
        int checkedSteps = 0;
        foreach (var d in Registry.All())
            foreach (var s in d.Steps.Where(s => s.Relation == "="))
            {
                if (new[] { s.Before, s.After }.Any(e => Opaque(e))) continue;
                var symbols = Structure.FreeSymbols(s.Before).Union(Structure.FreeSymbols(s.After)).Distinct().ToList();
                for (int t = 0; t < 10; t++)
                {
                    var at = symbols.ToDictionary(x => x, _ => 0.3 + rng.NextDouble());
                    double a = Evaluate.At(s.Before, at), b = Evaluate.At(s.After, at);
                    Assert.True(Math.Abs(a - b) <= 1e-10 * (1 + Math.Abs(a)), $"{d.Name} / {s.Title}: {a} vs {b}");
                }
                checkedSteps++;
            }
        Assert.True(checkedSteps >= 5, $"only {checkedSteps} identity steps were checked");
    }

    // The orthonormality step with the mode sums cut at 6 modes: f_k, y_k random, δ_kl the Kronecker delta.
    [Fact]
    public void Orthonormality_contraction_agrees_with_the_double_sum_over_six_modes()
    {
        var step = Registry.ByName("equivalent-kernel").Steps.Single(s => s.Title == "Orthonormality of the Mercer eigenfunctions");
        const int modes = 6;
        Expr Cut(Expr e) => Structure.BottomUp(e, n => n is IndexedSum i && i.Upper.Equals(Ex.Infinity) ? IndexedSum.Of(i.Body, i.Index, i.Lower, modes) : n);
        var rng = new Random(31);
        var at = new Dictionary<Symbol, double>();
        for (int k = 1; k <= modes; k++)
        {
            at[F(k)] = 2 * rng.NextDouble() - 1;
            at[Y(k)] = 2 * rng.NextDouble() - 1;
            for (int l = 1; l <= modes; l++) at[Ex.Sym("delta", k, l)] = k == l ? 1 : 0;
        }
        double direct = Enumerable.Range(1, modes).Sum(k => Math.Pow(at[F(k)] - at[Y(k)], 2));
        Assert.Equal(direct, Evaluate.At(Cut(step.Before), at), 12);
        Assert.Equal(direct, Evaluate.At(Cut(step.After), at), 12);
    }

    private static bool Opaque(Expr e) => e switch
    {
        Call or IndexedSum or Derivative => true,
        Product p => p.Factors.Any(f => Opaque(f.Key) || Opaque(f.Value)),
        _ => e.Children.Any(Opaque),
    };

    [Fact]
    public void Equivalent_kernel_mean_and_variance_match_the_quadrature_of_the_posterior()
    {
        var d = Registry.ByName("equivalent-kernel");
        var action = d.Quantity("action");
        Symbol f = F(K), l = Lambda(K), y = Y(K);
        var s = Compile.ToDelegate(action, f, l, Sigma2, Eta, y);
        var rng = new Random(3);
        for (int t = 0; t < 10; t++)
        {
            double lv = 0.1 + rng.NextDouble(), sv = 0.1 + rng.NextDouble(), ev = 0.5 + 3 * rng.NextDouble(), yv = rng.NextDouble() * 2 - 1;
            // the posterior is ∝ exp(−S(f)); integrate on a fine grid
            double z = 0, m1 = 0, m2 = 0, h = 1e-3;
            for (double fv = -8; fv <= 8; fv += h)
            {
                double w = Math.Exp(-s([fv, lv, sv, ev, yv]));
                z += w; m1 += w * fv; m2 += w * fv * fv;
            }
            double mean = m1 / z, variance = m2 / z - mean * mean;
            Assert.Equal(mean, Eval(d.Quantity("mean"), (l, lv), (Sigma2, sv), (Eta, ev), (y, yv)), 6);
            Assert.Equal(variance, Eval(d.Quantity("variance"), (l, lv), (Sigma2, sv), (Eta, ev)), 6);
        }
    }

    [Fact]
    public void Gaussian_integral_over_the_removed_modes_matches_quadrature()
    {
        var single = Registry.ByName("gaussian-step").Quantity(GaussianStep.SingleReplica);
        var u = Misfit(A);
        var rng = new Random(5);
        for (int t = 0; t < 20; t++)
        {
            double uv = 2 * rng.NextDouble() - 1, sv = 0.2 + rng.NextDouble(), vv = 0.05 + rng.NextDouble();
            double quadrature = GaussHermite.Expect(z => Math.Exp(-Math.Pow(uv + Math.Sqrt(vv) * z, 2) / (2 * sv)));
            Assert.Equal(quadrature, Eval(single, (u, uv), (Sigma2, sv), (V, vv)), 10);
        }
    }

    // The exact shell average E_φ[exp(−U/(2(σ² + δ φ²)))], φ ~ N(0, 1), by quadrature.
    private static double ShellAverage(double uv, double sv, double delta) =>
        GaussHermite.Expect(z => Math.Exp(-uv / (2 * (sv + delta * z * z))));

    [Fact]
    public void First_order_shell_coefficient_matches_the_derivative_of_the_exact_shell_average()
    {
        var d = Registry.ByName("gaussian-step");
        var averaged = d.Steps.Single(s => s.Title == "Thin-shell average over a Gaussian feature").After;
        var rng = new Random(7);
        for (int t = 0; t < 10; t++)
        {
            double uv = 0.2 + rng.NextDouble(), sv = 0.5 + rng.NextDouble(), h = 1e-4;
            double numeric = (ShellAverage(uv, sv, h) - ShellAverage(uv, sv, -h)) / (2 * h);
            double symbolic = (Eval(averaged, (U, uv), (Sigma2, sv), (DeltaC, h)) - Eval(averaged, (U, uv), (Sigma2, sv), (DeltaC, -h))) / (2 * h);
            Assert.Equal(numeric, symbolic, 6);
            Assert.Equal(ShellAverage(uv, sv, 0), Eval(averaged, (U, uv), (Sigma2, sv), (DeltaC, 0)), 12);
        }
    }

    // The O(λ²) shell of next-order before the replica limit: for M = 1 and 2 replicas the log-weight
    // log E_f exp(η(W(f) − 1)), W(f) = E_{z,z₀,φ} exp(−Σ_a (√ν z_a + √ρ z₀ + (f_a − y)φ)²/(2σ²)), is computed by Gauss–Hermite
    // quadrature over every variable (no completed squares); the engine's series in the shell (t = 1) must agree up to
    // O(λ³): halving λ and y² shrinks the residual about 8-fold, while the first-order truncation's residual shrinks 4-fold.
    [Fact]
    public void Next_order_shell_log_weight_matches_quadrature_at_integer_replica_counts()
    {
        var shell = NextOrder.Shell;
        var (nodes, weights) = GaussHermite.RuleOf(20);
        const double sigma2 = 1, nu = 0.5, rho = 0.3, eta = 2;
        double Inner(double w)
        {
            double s = 0;
            for (int i = 0; i < nodes.Length; i++) s += weights[i] * Math.Exp(-Math.Pow(Math.Sqrt(nu) * nodes[i] + w, 2) / (2 * sigma2));
            return s;
        }
        double Weight(double[] f, double y)
        {
            double s = 0;
            for (int i = 0; i < nodes.Length; i++)
                for (int j = 0; j < nodes.Length; j++)
                {
                    double prod = 1;
                    foreach (var fa in f) prod *= Inner(Math.Sqrt(rho) * nodes[i] + (fa - y) * nodes[j]);
                    s += weights[i] * weights[j] * prod;
                }
            return s;
        }
        double Numeric(int m, double lambda, double y)
        {
            double s = 0;
            if (m == 1)
                for (int i = 0; i < nodes.Length; i++) s += weights[i] * Math.Exp(eta * (Weight([Math.Sqrt(lambda) * nodes[i]], y) - 1));
            else
                for (int i = 0; i < nodes.Length; i++)
                    for (int j = 0; j < nodes.Length; j++)
                        s += weights[i] * weights[j] * Math.Exp(eta * (Weight([Math.Sqrt(lambda) * nodes[i], Math.Sqrt(lambda) * nodes[j]], y) - 1));
            return Math.Log(s);
        }
        foreach (int m in new[] { 1, 2 })
        {
            var at = new Dictionary<Symbol, double> { [Sigma2] = sigma2, [Nu] = nu, [Rho] = rho, [Eta] = eta, [M] = m, [NextOrder.Uqqqq] = 0 };
            at[NextOrder.KeptWeightSymbol] = Evaluate.At(shell.KeptWeight, at);
            at[NextOrder.R] = Evaluate.At(shell.RValue, at);
            double Series(double lambda, double y, int order)
            {
                at[Lambda(Q)] = lambda;
                at[Y(Q)] = y;
                return Enumerable.Range(0, order + 1).Sum(n => Evaluate.At(shell.LogWeight.Coefficient(n), at));
            }
            double Residual(double lambda, double y, int order) => Math.Abs(Numeric(m, lambda, y) - Series(lambda, y, order));
            double big2 = Residual(0.04, 0.2, 2), small2 = Residual(0.02, 0.2 / Math.Sqrt(2), 2);
            double big1 = Residual(0.04, 0.2, 1), small1 = Residual(0.02, 0.2 / Math.Sqrt(2), 1);
            Assert.InRange(big2 / small2, 6.5, 9.5);
            Assert.InRange(big1 / small1, 3.3, 4.7);
            Assert.True(big2 < 0.25 * big1, $"M = {m}: second-order residual {big2} vs first-order {big1}");
        }
    }

    // Target power with the replica count symbolic: the log-weight evaluated at M = 3 against Gauss–Hermite quadrature.
    [Fact]
    public void Target_power_log_weight_matches_quadrature_to_second_order_in_y()
    {
        var log = Registry.ByName("target-power").Quantity(TargetPower.LogWeight);
        var atThree = NngpRg.Symbolic.Algebra.Substitute.Apply(log, M, 3);
        Symbol yq = Y(Q);
        var us = new[] { Misfit(1), Misfit(2), Misfit(3) };
        var rng = new Random(17);
        for (int t = 0; t < 10; t++)
        {
            double sv = 0.5 + rng.NextDouble();
            var uv = us.Select(_ => 2 * rng.NextDouble() - 1).ToArray();
            double Log(double y) => Math.Log(GaussHermite.Expect(z => Math.Exp(-uv.Sum(u => (u - y * z) * (u - y * z)) / (2 * sv))));
            var at = new Dictionary<Symbol, double> { [Sigma2] = sv, [us[0]] = uv[0], [us[1]] = uv[1], [us[2]] = uv[2] };
            double Derived(double y) { at[yq] = y; return Evaluate.At(atThree, at); }
            // the y⁰ and y² terms: the engine's series equals the exact log-weight up to O(y⁴)
            Assert.Equal(Log(0), Derived(0), 12);
            double h = 0.05, r1 = Math.Abs(Log(h) - Derived(h)), r2 = Math.Abs(Log(h / 2) - Derived(h / 2));
            Assert.InRange(r1 / r2, 13, 19);
        }
    }

    // A weakly non-Gaussian pair: φ_1 = z_1, φ_q = z_q (1 + b φ_1)/√(1 + b²) (unit variance, E[φ_q φ_1] = 0). Its
    // cumulants κ_{qq1} and U_{qq11} are estimated from samples and put into the derived m₂; the derived m₂ is compared
    // with the empirical conditional mean of φ_q² in bins of φ_1.
    [Fact]
    public void Edgeworth_m2_matches_a_monte_carlo_conditional_moment()
    {
        var d = Registry.ByName("non-gaussian-step");
        // one kept mode (κ = 1) and the removed mode numbered q = 2, so that the interpreter can resolve the indexed symbols
        var m2 = NngpRg.Symbolic.Algebra.Substitute.Apply(NngpRg.Symbolic.Algebra.Substitute.Apply(d.Quantity(NonGaussianStep.M2Label), Kappa, 1), Q, 2);
        const double b = 0.15;
        const int n = 200_000;
        var rng = new Random(19);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var p1 = new double[n];
        var pq = new double[n];
        for (int i = 0; i < n; i++)
        {
            p1[i] = Normal();
            pq[i] = Normal() * (1 + b * p1[i]) / Math.Sqrt(1 + b * b);
        }
        double kqq1 = Enumerable.Range(0, n).Average(i => pq[i] * pq[i] * p1[i]);
        double uqq11 = Enumerable.Range(0, n).Average(i => pq[i] * pq[i] * p1[i] * p1[i]) - 1;
        var cumulants = new Dictionary<Symbol, double>
        {
            [NngpRg.Symbolic.Probability.SymmetricTensor.Of("kappa", [Ex.Num(2), Ex.Num(2), Ex.Num(1)])] = kqq1,
            [NngpRg.Symbolic.Probability.SymmetricTensor.Of("U", [Ex.Num(2), Ex.Num(2), Ex.Num(1), Ex.Num(1)])] = uqq11,
        };
        foreach (var center in new[] { -1.0, 0.0, 1.0 })
        {
            var bin = Enumerable.Range(0, n).Where(i => Math.Abs(p1[i] - center) < 0.1).ToList();
            double empirical = bin.Average(i => pq[i] * pq[i]);
            double derived = bin.Average(i =>
            {
                cumulants[Phi(1)] = p1[i];
                return Evaluate.At(m2, cumulants);
            });
            Assert.True(Math.Abs(empirical - derived) < 0.05, $"bin {center}: Monte Carlo {empirical}, Edgeworth {derived}");
        }
    }

    [Fact]
    public void Sphere_cumulants_match_monte_carlo_on_the_sphere()
    {
        var d = Registry.ByName("linear-sphere");
        const int dim = 8, n = 400_000;
        var rng = new Random(23);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double s4 = 0, s22 = 0;
        var x = new double[dim];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int j = 0; j < dim; j++) { x[j] = Normal(); norm += x[j] * x[j]; }
            // φ = √d x with x uniform on the sphere
            double f0 = x[0] * Math.Sqrt(dim / norm), f1 = x[1] * Math.Sqrt(dim / norm);
            s4 += Math.Pow(f0, 4);
            s22 += f0 * f0 * f1 * f1;
        }
        Assert.Equal(s4 / n - 3, Eval(d.Quantity(LinearSphere.Uqqqq), (LinearSphere.D, dim)), 1);
        Assert.True(Math.Abs(s4 / n - 3 - Eval(d.Quantity(LinearSphere.Uqqqq), (LinearSphere.D, dim))) < 0.03);
        Assert.True(Math.Abs(s22 / n - 1 - Eval(d.Quantity(LinearSphere.Uqqkk), (LinearSphere.D, dim))) < 0.01);
        // the exact m₂ at d large: Edgeworth and exact differ by O(1/d²)
        Symbol p1 = Phi(1), p2 = Phi(2);
        double gap(double dv) => Math.Abs(Eval(d.Quantity(LinearSphere.EdgeworthM2), (LinearSphere.D, dv), (p1, 0.7), (p2, 1.1))
            - Eval(d.Quantity(LinearSphere.ExactM2), (LinearSphere.D, dv), (p1, 0.7), (p2, 1.1)));
        Assert.InRange(gap(200) / gap(400), 3.5, 4.5);
    }
}
