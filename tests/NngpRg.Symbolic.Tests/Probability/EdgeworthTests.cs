using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Probability;

public class EdgeworthTests
{
    private static readonly Symbol q = Sym("q"), k = Sym("k"), l = Sym("l"), j = Sym("j"), m = Sym("m");

    private static Expr Phi(Expr i) => Sym("phi", i);
    private static Expr Kappa(params Expr[] i) => SymmetricTensor.Of("kappa", i);
    private static Expr U(params Expr[] i) => SymmetricTensor.Of("U", i);
    private static Expr Delta(int a, int b) => a == b ? 1 : 0;

    // docs/theory.md (4.5)–(4.6) written out with explicit loops over the kept modes 1…m (no index calculus involved).
    private static (Expr A, Expr M2) PhysicsFormula(int kept)
    {
        var ks = Enumerable.Range(1, kept).ToArray();
        var a = new List<Expr>();
        var m2 = new List<Expr> { 1 };
        foreach (var k1 in ks)
        {
            m2.Add(Kappa(q, q, k1) * Phi(k1));
            foreach (var k2 in ks)
            {
                a.Add(Num(1, 2) * Kappa(q, k1, k2) * (Phi(k1) * Phi(k2) - Delta(k1, k2)));
                m2.Add(Num(1, 2) * U(q, q, k1, k2) * (Phi(k1) * Phi(k2) - Delta(k1, k2)));
                foreach (var k3 in ks)
                    a.Add(Num(1, 6) * U(q, k1, k2, k3) * (Phi(k1) * Phi(k2) * Phi(k3)
                        - Delta(k1, k2) * Phi(k3) - Delta(k1, k3) * Phi(k2) - Delta(k2, k3) * Phi(k1)));
            }
        }
        return (Expanded(Sum.Of(a)), Expanded(Sum.Of(m2)));
    }

    // a test-side distribution of products over sums, independent of the library's
    private static Expr Expanded(Expr e)
    {
        var terms = new List<Expr>();
        foreach (var t in e is Sum s ? s.Summands : [e])
        {
            List<Expr> acc = [1];
            foreach (var f in t is Product p ? p.FactorExprs : [t])
                acc = f is Sum fs ? [.. acc.SelectMany(x => fs.Summands.Select(y => x * y))] : [.. acc.Select(x => x * f)];
            terms.AddRange(acc);
        }
        return Sum.Of(terms);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Concrete_kept_modes_reproduce_the_PHYSICS_formula(int kept)
    {
        var moments = Edgeworth.ConditionalMoments(q, kept);
        var (a, m2) = PhysicsFormula(kept);
        Assert.Equal(a, moments.M1);
        Assert.Equal(m2, moments.M2);
    }

    [Fact]
    public void Symbolic_index_sums_carry_the_factors_one_half_and_one_sixth()
    {
        var moments = Edgeworth.ConditionalMoments(q, m);
        Expr S(Expr body, params Symbol[] idx) => idx.Reverse().Aggregate(body, (b, i) => SumOver(b, i, 1, m));
        var m2 = 1 + S(Kappa(k, q, q) * Phi(k), k) + Num(1, 2) * S(U(k, l, q, q) * Phi(k) * Phi(l), k, l) - Num(1, 2) * S(U(k, k, q, q), k);
        Assert.Equal(m2, moments.M2);
        var m1 = Num(1, 2) * S(Kappa(k, l, q) * Phi(k) * Phi(l), k, l) - Num(1, 2) * S(Kappa(k, k, q), k)
            + Num(1, 6) * S(U(k, l, j, q) * Phi(k) * Phi(l) * Phi(j), k, l, j) - Num(1, 2) * S(U(k, k, l, q) * Phi(l), k, l);
        Assert.Equal(m1, moments.M1);
    }

    // A weakly non-Gaussian pair: φ₁ = z₁, φ_q = z_q·√(1 + a z₁ + b(z₁² − 1)) with z independent standard normals,
    // standardized (E φ_q² = 1). Cumulants are estimated from the sample and put into the symbolic m₂; the conditional
    // mean of φ_q² is estimated in bins of φ₁. With 400 000 samples the bin averages have standard errors of about
    // 0.007 (bin at 0) and 0.025 (bins at ±1.5) and the estimated cumulants add about 0.01; the tolerances 0.05 and 0.1
    // are four to six standard errors, while a wrong combinatorial factor (1 instead of ½ on U) shifts m₂ by 0.2–0.25.
    [Fact]
    public void Conditional_second_moment_agrees_with_Monte_Carlo()
    {
        const double a = 0.3, b = 0.2;
        const int n = 400_000;
        var rng = new Random(2024);
        var phi1 = new double[n];
        var phiQ = new double[n];
        for (int t = 0; t < n; t++)
        {
            double z1 = WickTests.Normal(rng), zq = WickTests.Normal(rng);
            phi1[t] = z1;
            phiQ[t] = zq * Math.Sqrt(1 + a * z1 + b * (z1 * z1 - 1));
        }
        double Mean(Func<int, double> f) => Enumerable.Range(0, n).Average(f);
        double kqq1 = Mean(t => phiQ[t] * phiQ[t] * phi1[t]);
        double uqq11 = Mean(t => phiQ[t] * phiQ[t] * phi1[t] * phi1[t]) - Mean(t => phiQ[t] * phiQ[t]) * Mean(t => phi1[t] * phi1[t])
            - 2 * Math.Pow(Mean(t => phiQ[t] * phi1[t]), 2);
        var m2 = Edgeworth.ConditionalMoments(q, 1).M2;
        var at = new Dictionary<Symbol, double> { [(Symbol)Kappa(q, q, 1)] = kqq1, [(Symbol)U(q, q, 1, 1)] = uqq11 };
        Assert.Equal(new[] { (Symbol)Kappa(q, q, 1), (Symbol)U(q, q, 1, 1), (Symbol)Phi(1) }.OrderBy(x => x, ExprOrder.Comparer), Structure.FreeSymbols(m2));
        foreach (var (center, tolerance) in new[] { (-1.5, 0.1), (0.0, 0.05), (1.5, 0.1) })
        {
            var inBin = Enumerable.Range(0, n).Where(t => Math.Abs(phi1[t] - center) < 0.1).ToList();
            double empirical = inBin.Average(t => phiQ[t] * phiQ[t]);
            double edgeworth = inBin.Average(t =>
            {
                at[(Symbol)Phi(1)] = phi1[t];
                return Evaluate.At(m2, at);
            });
            Assert.True(Math.Abs(empirical - edgeworth) < tolerance, $"bin {center}: Monte Carlo {empirical}, Edgeworth {edgeworth} (kappa_qq1 {kqq1}, U_qq11 {uqq11})");
        }
    }

    // docs/theory.md §4.4, linear kernel on the sphere S^{d−1}: φ_k = √d x_k, κ = 0, U_qqqq = −6/(d+2), U_qqkk = −2/(d+2),
    // U_qqkk' = 0 for k ≠ k'; exact E[φ_q² | x_<] = d(1 − |x_<|²)/(d − m) = (d − ρ)/(d − m) with ρ = |φ_<|².
    // The first-order Edgeworth m₂ agrees with it through O(1/d) and not beyond: compared as series in ε = 1/d.
    [Fact]
    public void Sphere_linear_kernel_agrees_with_the_exact_conditional_moment_to_first_order_in_one_over_d()
    {
        var d = Sym("d");
        var eps = Sym("epsilon");
        const int kept = 2;
        var m2 = Edgeworth.ConditionalMoments(q, kept).M2;
        for (int a = 1; a <= kept; a++)
        {
            m2 = IndexSums.Substitute(m2, (Symbol)Kappa(q, q, a), 0);
            for (int b = a; b <= kept; b++)
                m2 = IndexSums.Substitute(m2, (Symbol)U(q, q, a, b), a == b ? -2 / (d + 2) : 0);
        }
        var rho = Pow(Phi(1), 2) + Pow(Phi(2), 2);
        var exact = (d - rho) / (d - kept);
        Expr InEpsilon(Expr e) => IndexSums.Substitute(e, d, 1 / eps);
        var edgeworthSeries = NngpRg.Symbolic.Calculus.Series.Expand(InEpsilon(m2), [eps], 2);
        var exactSeries = NngpRg.Symbolic.Calculus.Series.Expand(InEpsilon(exact), [eps], 2);
        Assert.Equal((Expr)1, edgeworthSeries.Coefficient(0));
        Assert.Equal(exactSeries.Coefficient(0), edgeworthSeries.Coefficient(0));
        Assert.Equal(kept - rho, exactSeries.Coefficient(1));
        Assert.Equal(exactSeries.Coefficient(1), edgeworthSeries.Coefficient(1));
        Assert.NotEqual(exactSeries.Coefficient(2), edgeworthSeries.Coefficient(2));
    }
}
