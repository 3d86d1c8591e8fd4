using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Calculus;

/// <summary>Raised when a derivative is not defined, e.g. with respect to a symbol that appears in a subscript.</summary>
public sealed class DifferentiationException(string message) : Exception(message);

/// <summary>
/// Symbolic differentiation with respect to any symbol, including indexed symbols (λ_k) and symbols with a
/// superscript in their name (the ridge σ²). Every intermediate result is rebuilt through the canonical builders,
/// so like terms merge and powers combine at each step (simplification between derivative steps).
/// </summary>
/// <remarks>
/// <para>Conventions.</para>
/// <list type="bullet">
/// <item>Symbols are independent variables unless structurally equal: ∂λ_k/∂λ_q = 0 for distinct subscripts
/// k ≠ q as expressions, even though k and q are symbols that could take the same value.</item>
/// <item>A symbol whose subscript or superscript depends on the variable (λ_k with respect to k) has no
/// derivative: the subscript is a discrete label. This raises a <see cref="DifferentiationException"/>.</item>
/// <item>An undefined function call f(a₁,…,aₘ) whose arguments that depend on x are all x itself (f(x), f(x, y))
/// differentiates to the unevaluated <see cref="Derivative"/> node ∂f/∂x. Otherwise the chain rule applies,
/// Σᵢ ∂ᵢf(a)·aᵢ′, with the slot partial derivative ∂ᵢf evaluated at a written as the call
/// <c>partial_{f,0,…,1,…,0}(a₁,…,aₘ)</c> (see <see cref="PartialHead"/>); such calls differentiate by raising
/// their slot orders. Derivative nodes differentiate to higher or mixed derivative nodes.</item>
/// <item>Γ′(a) = Γ(a)·ψ(a), with the digamma function ψ written as the call <c>digamma(a)</c>
/// (<see cref="SpecialFunctions.DigammaHead"/>), and ψ⁽ⁿ⁾′ = ψ⁽ⁿ⁺¹⁾ with the polygamma function written
/// <c>polygamma(n, a)</c> (<see cref="SpecialFunctions.PolygammaHead"/>); the interpreter and the compiler evaluate both.</item>
/// <item>|a|′ = a·|a|⁻¹·a′ (the sign of a), valid away from a = 0.</item>
/// <item>An indexed sum is differentiated under the sum when its limits do not depend on the variable; limits
/// that depend on it, or a variable whose subscripts mention the bound index, raise a
/// <see cref="DifferentiationException"/>.</item>
/// </list>
/// </remarks>
public static partial class Differentiate
{
    /// <summary>∂e/∂x.</summary>
    /// <exception cref="DifferentiationException">When the derivative is not defined (see the remarks on the class).</exception>
    public static Expr Of(Expr e, Symbol x) => new Differentiator(x).D(e);

    /// <summary>∂ⁿe/∂xⁿ for n = <paramref name="times"/> ≥ 0 (n = 0 returns <paramref name="e"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="times"/> is negative.</exception>
    /// <exception cref="DifferentiationException">When a derivative is not defined.</exception>
    public static Expr Of(Expr e, Symbol x, int times)
    {
        if (times < 0) throw new ArgumentOutOfRangeException(nameof(times), times, "The order of a derivative must be non-negative.");
        for (int i = 0; i < times; i++) e = Of(e, x);
        return e;
    }

    /// <summary>The gradient (∂e/∂x₁, …, ∂e/∂xₙ) in the order of <paramref name="xs"/>.</summary>
    /// <exception cref="DifferentiationException">When a derivative is not defined.</exception>
    public static IReadOnlyList<Expr> Gradient(Expr e, params Symbol[] xs) => xs.Select(x => Of(e, x)).ToArray();

    // One differentiation pass: a memo makes a shared subtree cost one derivative.
    private sealed class Differentiator(Symbol x)
    {
        private readonly Dictionary<Expr, Expr> _memo = [];

        public Expr D(Expr e)
        {
            if (e is Number or Constant) return Number.Zero;
            if (_memo.TryGetValue(e, out var done)) return done;
            var d = Structure.DependsOn(e, x) ? Compute(e) : Number.Zero;
            _memo[e] = d;
            return d;
        }

        private Expr Compute(Expr e) => e switch
        {
            Symbol s => s.Equals(x)
                ? Number.One
                : throw new DifferentiationException(
                    $"The derivative of '{s}' with respect to '{x}' is not defined: '{x}' appears in its subscripts or superscript, which are discrete labels."),
            Sum s => SumRule(s),
            Product p => ProductRule(p),
            Apply a => ChainRule(a),
            Call c => CallRule(c),
            Derivative d => Derivative.Of(d, x),
            IndexedSum i => UnderTheSum(i),
            _ => throw new DifferentiationException($"Differentiation of '{e}' ({e.Kind}) is not defined."),
        };

        // ψ and ψ⁽ⁿ⁾ are the calls with a numeric meaning: ψ′ = ψ⁽¹⁾, ψ⁽ⁿ⁾′ = ψ⁽ⁿ⁺¹⁾; any other call stays unevaluated.
        private Expr CallRule(Call c)
        {
            if (c.Head.Equals(SpecialFunctions.DigammaHead) && c.Args.Length == 1)
                return Product.Of(Polygamma(Number.One, c.Args[0]), D(c.Args[0]));
            if (c.Head.Equals(SpecialFunctions.PolygammaHead) && c.Args.Length == 2 && !Structure.DependsOn(c.Args[0], x))
                return Product.Of(Polygamma(Sum.Of(c.Args[0], Number.One), c.Args[1]), D(c.Args[1]));
            return ChainRuleForCall(c, x, D);
        }

        private static Expr Polygamma(Expr n, Expr a) => Expressions.Call.Of(SpecialFunctions.PolygammaHead, n, a);

        private Expr SumRule(Sum s)
        {
            var b = new SumBuilder();
            foreach (var (t, c) in s.OrderedTerms) b.Add(D(t), c);
            return b.ToExpr();
        }

        // d(c·Π bᵢ^eᵢ) = Σᵢ c·Π bⱼ^eⱼ · (eᵢ′·log bᵢ + eᵢ·bᵢ′/bᵢ); each term is one canonical product, so the
        // division by bᵢ merges into its exponent (x³ ↦ 3x², not 3x³·x⁻¹).
        private Expr ProductRule(Product p)
        {
            var sum = new SumBuilder();
            foreach (var (b, ex) in p.OrderedFactors)
            {
                var db = D(b);
                var dex = ex is Number ? Number.Zero : D(ex);
                if (!(db is Number { Value.IsZero: true }))
                    sum.Add(new ProductBuilder().Multiply(p).Multiply(ex).Multiply(db).Multiply(b, Number.MinusOne).ToExpr());
                if (!(dex is Number { Value.IsZero: true }))
                    sum.Add(new ProductBuilder().Multiply(p).Multiply(dex).Multiply(Apply.Of(Function.Log, b)).ToExpr());
            }
            return sum.ToExpr();
        }

        private Expr ChainRule(Apply a)
        {
            var u = a.Args[0];
            if (a.Function == Function.Atan2)
            {
                // atan2(y, w)′ = (w·y′ − y·w′)/(y² + w²)
                var w = a.Args[1];
                var numerator = Sum.Of(Product.Of(w, D(u)), Product.Of(Number.MinusOne, u, D(w)));
                return Product.Of(numerator, Power.Of(Sum.Of(Power.Of(u, 2), Power.Of(w, 2)), Number.MinusOne));
            }
            // the rounding guard is the identity on its interior a < u < b
            if (a.Function == Function.Clamp) return D(u);
            var du = D(u);
            if (du is Number { Value.IsZero: true }) return Number.Zero;
            return Product.Of(Outer(a.Function, u, a), du);
        }

        // f′(u) for the one-argument built-in functions.
        private static Expr Outer(Function f, Expr u, Expr fu) => f switch
        {
            Function.Exp => fu,
            Function.Log => Power.Of(u, Number.MinusOne),
            Function.Sin => Apply.Of(Function.Cos, u),
            Function.Cos => Product.Of(Number.MinusOne, Apply.Of(Function.Sin, u)),
            Function.Tan => Power.Of(Apply.Of(Function.Cos, u), -2),
            Function.Arcsin => Power.Of(OneMinusSquare(u), new Rational(-1, 2)),
            Function.Arccos => Product.Of(Number.MinusOne, Power.Of(OneMinusSquare(u), new Rational(-1, 2))),
            Function.Arctan => Power.Of(Sum.Of(Number.One, Power.Of(u, 2)), Number.MinusOne),
            // erf′(u) = 2/√π · exp(−u²)
            Function.Erf => Product.Of(Number.Two, Power.Of(Constant.Pi, new Rational(-1, 2)),
                Apply.Of(Function.Exp, Product.Of(Number.MinusOne, Power.Of(u, 2)))),
            Function.Abs => Product.Of(u, Power.Of(fu, Number.MinusOne)),
            Function.Gamma => Product.Of(fu, Expressions.Call.Of(SpecialFunctions.DigammaHead, u)),
            _ => throw new DifferentiationException($"No derivative rule for the function {Functions.Name(f)}."),
        };

        private static Expr OneMinusSquare(Expr u) => Sum.Of(Number.One, Product.Of(Number.MinusOne, Power.Of(u, 2)));

        private Expr UnderTheSum(IndexedSum i)
        {
            if (Structure.DependsOn(i.Lower, x) || Structure.DependsOn(i.Upper, x))
                throw new DifferentiationException(
                    $"The sum over {i.Index} from {i.Lower} to {i.Upper} has a limit that depends on '{x}'; a sum over an integer range is not differentiable in its limits.");
            if (i.Index.Equals(x)) return Number.Zero; // the bound index is not the free variable
            if (Structure.Contains(x, i.Index))
                throw new DifferentiationException(
                    $"The variable '{x}' mentions the summation index '{i.Index}' of the sum over {i.Index} from {i.Lower} to {i.Upper}; rename the index before differentiating.");
            return IndexedSum.Of(D(i.Body), i.Index, i.Lower, i.Upper);
        }
    }
}
