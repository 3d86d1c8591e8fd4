using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Calculus;

/// <summary>
/// The small amount of coefficient algebra that series and Gaussian calculus need: distribution of products over
/// sums, bringing a sum over a common denominator, and recognition of zero. Deliberately minimal: it distributes
/// and merges like terms, it does not factor or cancel polynomial greatest common divisors.
/// </summary>
internal static class SeriesCoefficients
{
    /// <summary>
    /// Distributes products over sums and positive integer powers of sums, recursively, so that polynomial
    /// cancellations become like-term merges. Bases of other powers are expanded inside but kept as bases.
    /// </summary>
    public static Expr Expand(Expr e) => e switch
    {
        Sum s => ExpandSum(s),
        Product p => ExpandProduct(p),
        _ => e,
    };

    private static Expr ExpandSum(Sum s)
    {
        var b = new SumBuilder();
        b.Add(Number.Of(s.Constant));
        foreach (var (t, c) in s.OrderedTerms) b.Add(Expand(t), c);
        return b.ToExpr();
    }

    private static Expr ExpandProduct(Product p)
    {
        List<Expr> terms = [Number.Of(p.Coefficient)];
        foreach (var (b0, e) in p.OrderedFactors)
        {
            var b = Expand(b0);
            if (b is Sum s && e is Number { IsInteger: true } n && n.Value.Sign > 0)
            {
                var summands = s.Summands.ToList();
                for (int i = 0; i < (int)n.Value.Numerator; i++)
                    terms = [.. terms.SelectMany(t => summands.Select(u => Product.Of(t, u)))];
            }
            else
            {
                var factor = Power.Of(b, e);
                terms = [.. terms.Select(t => Product.Of(t, factor))];
            }
        }
        return Sum.Of(terms);
    }

    /// <summary>The expanded product a·b.</summary>
    public static Expr Multiply(Expr a, Expr b) =>
        a is Number { Value.IsZero: true } || b is Number { Value.IsZero: true } ? Number.Zero : Expand(Product.Of(a, b));

    /// <summary>
    /// A sum brought over a common denominator: Σ nᵢ/dᵢ = (Σ nᵢ·D/dᵢ)/D with D the product of the distinct
    /// denominator factors (bases with negative integer exponents) at their largest power. The numerator is
    /// expanded; factors it shares with D cancel through the canonical product when the numerator is a single term.
    /// Non-sums are returned expanded.
    /// </summary>
    public static Expr Together(Expr e)
    {
        e = Expand(e);
        if (e is not Sum s) return e;
        var denominators = new Dictionary<Expr, int>();
        foreach (var t in s.Summands)
            foreach (var (b, k) in DenominatorFactors(t))
                denominators[b] = Math.Max(denominators.GetValueOrDefault(b), k);
        if (denominators.Count == 0) return e;
        var common = Product.Of(denominators.Select(kv => Power.Of(kv.Key, kv.Value)));
        var numerator = Expand(Sum.Of(s.Summands.Select(t => Product.Of(t, common))));
        return Product.Of(numerator, Power.Of(common, Number.MinusOne));
    }

    /// <summary>The factors b^(−k), k a positive integer, of a product term, as (b, k).</summary>
    public static IEnumerable<(Expr Base, int Power)> DenominatorFactors(Expr term) =>
        term is Product p
            ? p.Factors.Where(f => f.Value is Number { IsInteger: true } n && n.Value.Sign < 0)
                .Select(f => (f.Key, -(int)((Number)f.Value).Value.Numerator))
            : [];

    /// <summary>
    /// True when <paramref name="e"/> is zero: exactly after expansion, or, when the canonical form does not fold it,
    /// by evaluation at three fixed pseudo-random points with all free symbols in [0.35, 1.45] (a zero-equivalence
    /// test by random evaluation: a non-zero analytic expression vanishes at such points with probability zero).
    /// Expressions with indexed sums, undefined functions or derivatives, and expressions that cannot be evaluated, count as
    /// non-zero unless exactly zero.
    /// </summary>
    public static bool IsZero(Expr e)
    {
        if (e is Number n) return n.Value.IsZero;
        e = Expand(e);
        if (e is Number m) return m.Value.IsZero;
        if (HasOpaqueNode(e)) return false;
        var symbols = Structure.FreeSymbols(e);
        for (int seed = 1; seed <= 3; seed++)
        {
            var rng = new Random(7919 * seed);
            var at = symbols.ToDictionary(x => x, _ => 0.35 + 1.1 * rng.NextDouble());
            double value, scale;
            try
            {
                value = Evaluate.At(e, at);
                scale = e is Sum s
                    ? Math.Abs(s.Constant.ToDouble()) + s.Terms.Sum(kv => Math.Abs(kv.Value.ToDouble() * Evaluate.At(kv.Key, at)))
                    : Math.Abs(value);
            }
            catch (Exception ex) when (ex is EvaluationException or ArithmeticException)
            {
                return false;
            }
            if (!double.IsFinite(value) || !double.IsFinite(scale)) return false;
            if (Math.Abs(value) > 1e-11 * scale) return false;
        }
        return true;
    }

    // Indexed sums (whose ranges a random point would shrink or empty), undefined functions and derivatives have no
    // faithful numeric value at a random point.
    private static bool HasOpaqueNode(Expr e) => e switch
    {
        IndexedSum or Call or Derivative => true,
        Sum s => s.Terms.Keys.Any(HasOpaqueNode),
        Product p => p.Factors.Any(f => HasOpaqueNode(f.Key) || HasOpaqueNode(f.Value)),
        _ => e.Children.Any(HasOpaqueNode),
    };

    /// <summary>n! as a rational.</summary>
    public static Rational Factorial(int n)
    {
        System.Numerics.BigInteger f = System.Numerics.BigInteger.One;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    /// <summary>The generalized binomial coefficient r(r−1)…(r−n+1)/n!, expanded.</summary>
    public static Expr Binomial(Expr r, int n)
    {
        Expr acc = Number.One;
        for (int j = 0; j < n; j++) acc = Multiply(acc, Sum.Of(r, Number.Of(-j)));
        return Multiply(acc, Number.Of(Factorial(n).Reciprocal()));
    }
}
