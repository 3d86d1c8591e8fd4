using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// The parts of a quadratic exponent −½ xᵀA x + bᵀx + c in the variables x (A symmetric).
/// </summary>
/// <param name="A">The symmetric matrix of the quadratic part (entries free of x).</param>
/// <param name="B">The linear coefficients.</param>
/// <param name="C">The constant part.</param>
public sealed record QuadraticExponent(Expr[,] A, Expr[] B, Expr C);

/// <summary>
/// The result det^{−1/2}·exp(exponent) of a normalized Gaussian expectation, kept in parts so that a product over
/// replicas can raise the prefactor to a symbolic power: the prefactor is (1/<see cref="Determinant"/>)^{1/2}.
/// </summary>
/// <param name="Determinant">det(I + ΣB), whose inverse square root is the prefactor.</param>
/// <param name="Exponent">½ bᵀ(I + ΣB)⁻¹Σ b + c.</param>
public sealed record GaussianFactor(Expr Determinant, Expr Exponent)
{
    /// <summary>The prefactor (1/det)^{power}: the reciprocal is taken first so that σ²/(σ² + v) reads as such.</summary>
    public Expr Prefactor(Expr power) => Power.Of(Power.Of(Determinant, Number.MinusOne), power);

    /// <summary>The value det^{−1/2}·exp(exponent).</summary>
    public Expr ToExpr() => Product.Of(Prefactor(Number.Half), Apply.Of(Function.Exp, Exponent));
}

/// <summary>
/// Gaussian integrals of exp(quadratic + linear) by completing the square (docs/theory.md §2.1, (2.2)):
/// ∫dⁿx exp(−½ xᵀA x + bᵀx + c) = (2π)^{n/2} det(A)^{−1/2} exp(½ bᵀA⁻¹b + c), with symbolic A (small n), the
/// normalized expectation under N(0, Σ), and the product over M replicas with M symbolic.
/// </summary>
public static class GaussianIntegral
{
    /// <summary>
    /// Reads A, b, c off an exponent that is a polynomial of degree ≤ 2 in <paramref name="x"/>: A_ii = −2·[xᵢ²],
    /// A_ij = −[xᵢxⱼ], bᵢ = [xᵢ], c = [1].
    /// </summary>
    /// <exception cref="ArgumentException">When the exponent is not a polynomial of degree ≤ 2 in x.</exception>
    public static QuadraticExponent Parts(Expr exponent, IReadOnlyList<Symbol> x)
    {
        int n = x.Count;
        var a = new Expr[n, n];
        var b = new Expr[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = Number.Zero;
            for (int j = 0; j < n; j++) a[i, j] = Number.Zero;
        }
        Expr c = Number.Zero;
        var expanded = SeriesCoefficients.Expand(exponent);
        foreach (var t in expanded is Sum s ? s.Summands : [expanded])
        {
            var powers = new int[n];
            var rest = new List<Expr>();
            foreach (var f in t is Product p ? p.FactorExprs : [t])
            {
                var (bs, e) = Power.Split(f);
                int i = bs is Symbol sym ? x.ToList().IndexOf(sym) : -1;
                if (i >= 0 && e is Number { IsInteger: true } k && k.Value.Sign > 0) powers[i] += (int)k.Value.Numerator;
                else if (x.Any(v => Structure.DependsOn(f, v)))
                    throw new ArgumentException($"GaussianIntegral: the exponent term '{t}' is not polynomial in ({string.Join(", ", x)}) (factor '{f}').", nameof(exponent));
                else rest.Add(f);
            }
            var coefficient = Product.Of(rest);
            var used = Enumerable.Range(0, n).Where(i => powers[i] > 0).ToList();
            switch (powers.Sum())
            {
                case 0: c = Sum.Of(c, coefficient); break;
                case 1: b[used[0]] = Sum.Of(b[used[0]], coefficient); break;
                case 2 when used.Count == 1: a[used[0], used[0]] = Sum.Of(a[used[0], used[0]], Product.Of(Number.Of(-2), coefficient)); break;
                case 2:
                    a[used[0], used[1]] = Sum.Of(a[used[0], used[1]], Product.Of(Number.MinusOne, coefficient));
                    a[used[1], used[0]] = Sum.Of(a[used[1], used[0]], Product.Of(Number.MinusOne, coefficient));
                    break;
                default:
                    throw new ArgumentException($"GaussianIntegral: the exponent term '{t}' has degree {powers.Sum()} in ({string.Join(", ", x)}); only quadratic exponents integrate in closed form.", nameof(exponent));
            }
        }
        return new QuadraticExponent(a, b, c);
    }

    /// <summary>∫dⁿx exp(−½ xᵀA x + bᵀx + c) = (2π)^{n/2} det(A)^{−1/2} exp(½ bᵀA⁻¹b + c), valid for A positive definite.</summary>
    public static Expr Integrate(QuadraticExponent q)
    {
        int n = q.B.Length;
        var det = SymbolicMatrix.Determinant(q.A);
        var completed = SeriesCoefficients.Together(Sum.Of(Product.Of(Number.Half, SymbolicMatrix.Bilinear(q.B, SymbolicMatrix.Inverse(q.A), q.B)), q.C));
        return Product.Of(
            Power.Of(Product.Of(Number.Two, Constant.Pi), Number.Of(new Rational(n, 2))),
            Power.Of(det, Number.Of(new Rational(-1, 2))),
            Apply.Of(Function.Exp, completed));
    }

    /// <summary>∫dⁿx exp(exponent) for an exponent quadratic in <paramref name="x"/>.</summary>
    public static Expr Integrate(Expr exponent, IReadOnlyList<Symbol> x) => Integrate(Parts(exponent, x));

    /// <summary>
    /// E[exp(bᵀx − ½ xᵀB x + c)] for x ~ N(0, Σ) = det(I + ΣB)^{−1/2} exp(½ bᵀ(I + ΣB)⁻¹Σ b + c), using
    /// (Σ⁻¹ + B)⁻¹ = (I + ΣB)⁻¹Σ so that Σ need not be inverted. Valid when Σ⁻¹ + B is positive definite.
    /// </summary>
    /// <exception cref="ArgumentException">When the exponent is not quadratic in x or Σ does not match x.</exception>
    public static GaussianFactor ExpectationFactor(Expr exponent, IReadOnlyList<Symbol> x, Expr[,] covariance)
    {
        if (covariance.GetLength(0) != x.Count || covariance.GetLength(1) != x.Count)
            throw new ArgumentException($"GaussianIntegral: the covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)} for {x.Count} variables.", nameof(covariance));
        var q = Parts(exponent, x);
        int n = x.Count;
        var m = SymbolicMatrix.Multiply(covariance, q.A);
        for (int i = 0; i < n; i++) m[i, i] = SeriesCoefficients.Together(Sum.Of(Number.One, m[i, i]));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) m[i, j] = SeriesCoefficients.Together(m[i, j]);
        var det = SymbolicMatrix.Determinant(m);
        var solve = SymbolicMatrix.Multiply(SymbolicMatrix.Inverse(m), covariance);
        var exponentOut = SeriesCoefficients.Together(Sum.Of(Product.Of(Number.Half, SymbolicMatrix.Bilinear(q.B, solve, q.B)), q.C));
        return new GaussianFactor(det, exponentOut);
    }

    /// <summary>E[exp(exponent)] under x ~ N(0, Σ) as one expression; see <see cref="ExpectationFactor"/>.</summary>
    public static Expr Expectation(Expr exponent, IReadOnlyList<Symbol> x, Expr[,] covariance) =>
        ExpectationFactor(exponent, x, covariance).ToExpr();

    /// <summary>
    /// The product over replicas a = 1…M of i.i.d. Gaussian expectations, with M symbolic:
    /// Π_a E[exp(f(x_a; a))] = [det(I + ΣB)⁻¹]^{M/2} exp(Σ_{a=1}^{M} exponent(a)). <paramref name="exponent"/> and
    /// <paramref name="x"/> are written for a generic replica index <paramref name="replica"/> (e.g. g_a, u_a).
    /// For −(u_a + g_a)²/(2σ²) with g_a ~ N(0, v) this is [σ²/(σ² + v)]^{M/2} exp(−Σ_a u_a²/(2(σ² + v))),
    /// docs/theory.md (2.3).
    /// </summary>
    /// <exception cref="ArgumentException">When the single-replica prefactor depends on the replica index (the replicas are
    /// then not identical and the prefactor is not a power).</exception>
    public static Expr ReplicatedExpectation(Expr exponent, IReadOnlyList<Symbol> x, Expr[,] covariance, Symbol replica, Expr replicaCount)
    {
        var single = ExpectationFactor(exponent, x, covariance);
        if (Structure.DependsOn(single.Determinant, replica))
            throw new ArgumentException($"GaussianIntegral.ReplicatedExpectation: the prefactor determinant '{single.Determinant}' depends on the replica index '{replica}'; the replicas are not identical.", nameof(exponent));
        return Product.Of(
            single.Prefactor(Product.Of(Number.Half, replicaCount)),
            Apply.Of(Function.Exp, IndexedSum.Of(single.Exponent, replica, Number.One, replicaCount)));
    }
}
