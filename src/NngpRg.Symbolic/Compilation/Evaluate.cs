using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Compilation;

/// <summary>Raised when an expression cannot be evaluated numerically (unbound symbol, undefined function, infinite sum).</summary>
public sealed class EvaluationException(string message) : Exception(message);

/// <summary>
/// The reference interpreter: evaluates an expression in double precision by walking the tree. It performs the
/// same floating-point operations in the same order as the delegates of <see cref="Compile"/> (sums accumulate
/// the constant, when non-zero, and then the terms cᵢ·tᵢ in canonical order; products multiply the coefficient by
/// the factors in canonical order; powers follow <see cref="Pow"/>), so compiled and interpreted values agree to the
/// last bit, signed zeros included.
/// </summary>
public static class Evaluate
{
    /// <summary>Integer exponents up to this size are computed by repeated squaring, larger ones by <see cref="Math.Pow"/>.</summary>
    public const int MaxSquaringExponent = 1024;

    /// <summary>
    /// The value of <paramref name="e"/> with its free symbols bound by <paramref name="values"/>. Inside an indexed
    /// sum the index takes the integer values of its range, and an indexed symbol whose subscripts mention the index
    /// (λ_k, λ_{k+1}) is read as the symbol with the integer subscript (λ_3), which must be bound.
    /// </summary>
    /// <exception cref="EvaluationException">When a symbol is unbound, or a node has no numeric meaning.</exception>
    public static double At(Expr e, IReadOnlyDictionary<Symbol, double> values) => new Interpreter(values).Eval(e);

    /// <summary>The value of a closed expression.</summary>
    /// <exception cref="EvaluationException">When the expression has a free symbol or no numeric meaning.</exception>
    public static double Constant(Expr e) => new Interpreter(new Dictionary<Symbol, double>()).Eval(e);

    /// <summary>Evaluates a built-in function (shared with the compiler so that both agree to the last bit).</summary>
    public static double Function(Function f, double a, double b = double.NaN, double c = double.NaN) => f switch
    {
        Expressions.Function.Exp => Math.Exp(a),
        Expressions.Function.Log => Math.Log(a),
        Expressions.Function.Sin => Math.Sin(a),
        Expressions.Function.Cos => Math.Cos(a),
        Expressions.Function.Tan => Math.Tan(a),
        Expressions.Function.Arcsin => Math.Asin(a),
        Expressions.Function.Arccos => Math.Acos(a),
        Expressions.Function.Arctan => Math.Atan(a),
        Expressions.Function.Atan2 => Math.Atan2(a, b),
        Expressions.Function.Erf => SpecialFunctions.Erf(a),
        Expressions.Function.Abs => Math.Abs(a),
        Expressions.Function.Gamma => SpecialFunctions.Gamma(a),
        Expressions.Function.Clamp => Math.Clamp(a, b, c),
        _ => throw new EvaluationException($"Function {f} has no numeric evaluation."),
    };

    /// <summary>
    /// x^y with the real-valued conventions used by the interpreter and the compiler alike: an integer y with
    /// |y| ≤ <see cref="MaxSquaringExponent"/> by <see cref="PowInt"/>; a half-integer y = m/2 in that range by
    /// x^((|m|−1)/2)·√x (reciprocal for m &lt; 0); anything else by <see cref="Math.Pow"/>.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (Math.Abs(y) <= MaxSquaringExponent)
        {
            if (y == Math.Floor(y)) return PowInt(x, (int)y);
            double twice = 2 * y;
            if (twice == Math.Floor(twice)) return PowHalf(x, (int)twice);
        }
        return Math.Pow(x, y);
    }

    /// <summary>
    /// xⁿ by left-to-right binary powering: r = x, then for each following bit of |n| from the top, r = r·r and, when
    /// the bit is set, r = r·x; the reciprocal for n &lt; 0 (x⁰ = 1).
    /// </summary>
    public static double PowInt(double x, int n)
    {
        if (n == 0) return 1;
        if (n < 0) return 1 / PowInt(x, -n);
        double r = x;
        for (int bit = TopBit(n) - 1; bit >= 0; bit--)
        {
            r *= r;
            if (((n >> bit) & 1) != 0) r *= x;
        }
        return r;
    }

    /// <summary>x^(m/2) for odd m: x^((|m|−1)/2)·√x, the reciprocal for m &lt; 0.</summary>
    public static double PowHalf(double x, int twiceExponent)
    {
        int m = Math.Abs(twiceExponent);
        double root = Math.Sqrt(x);
        double r = m == 1 ? root : PowInt(x, (m - 1) / 2) * root;
        return twiceExponent < 0 ? 1 / r : r;
    }

    /// <summary>The position of the highest set bit of a positive integer.</summary>
    internal static int TopBit(int n) => 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);

    private sealed class Interpreter(IReadOnlyDictionary<Symbol, double> values)
    {
        private Dictionary<Symbol, double>? _indices; // indices of the enclosing indexed sums

        public double Eval(Expr e)
        {
            switch (e)
            {
                case Number n: return n.Value.ToDouble();
                case Constant c: return ConstantValue(c);
                case Symbol s: return Lookup(s);
                case Sum s:
                    {
                        // a zero constant is not added (0 + (−0) would lose the sign of a zero first term)
                        var terms = s.OrderedTerms;
                        int start = s.Constant.IsZero ? 1 : 0;
                        double acc = start == 1 ? Term(terms[0].Value, Eval(terms[0].Key)) : s.Constant.ToDouble();
                        for (int i = start; i < terms.Length; i++) acc += Term(terms[i].Value, Eval(terms[i].Key));
                        return acc;
                    }
                case Product p:
                    {
                        double acc = p.Coefficient.ToDouble();
                        foreach (var (b, ex) in p.OrderedFactors) acc *= Pow(Eval(b), Eval(ex));
                        return acc;
                    }
                case Apply a:
                    return a.Args.Length switch
                    {
                        1 => Function(a.Function, Eval(a.Args[0])),
                        2 => Function(a.Function, Eval(a.Args[0]), Eval(a.Args[1])),
                        _ => Function(a.Function, Eval(a.Args[0]), Eval(a.Args[1]), Eval(a.Args[2])),
                    };
                case IndexedSum i: return SumOver(i);
                case Call c when c.Head.Equals(SpecialFunctions.DigammaHead) && c.Args.Length == 1:
                    return SpecialFunctions.Digamma(Eval(c.Args[0]));
                case Call c when c.Head.Equals(SpecialFunctions.PolygammaHead) && c.Args.Length == 2:
                    return SpecialFunctions.Polygamma(Eval(c.Args[0]), Eval(c.Args[1]));
                default:
                    throw NoValue(e);
            }
        }

        // c·v, with c = ±1 exact
        private static double Term(Rational c, double v) => c.IsOne ? v : c == Rational.MinusOne ? -v : c.ToDouble() * v;

        private double SumOver(IndexedSum i)
        {
            double lo = Math.Ceiling(Eval(i.Lower)), hi = Math.Floor(Eval(i.Upper));
            CheckRange(i, lo, hi);
            _indices ??= [];
            bool shadows = _indices.TryGetValue(i.Index, out var outer);
            double acc = 0;
            for (double k = lo; k <= hi; k++)
            {
                _indices[i.Index] = k;
                acc += Eval(i.Body);
            }
            if (shadows) _indices[i.Index] = outer; else _indices.Remove(i.Index);
            return acc;
        }

        private double Lookup(Symbol s)
        {
            if (_indices is not null && _indices.TryGetValue(s, out var k)) return k;
            bool indexed = !s.Subscripts.IsEmpty || s.Superscript is not null;
            if (indexed && _indices is { Count: > 0 } && _indices.Keys.Any(ix => Structure.DependsOn(s, ix)))
                return LookupResolved(s) ?? throw new EvaluationException(
                    $"Symbol '{s}' inside an indexed sum reads '{Resolve(s)}', which has no value.");
            if (values.TryGetValue(s, out var x)) return x;
            // an indexed symbol whose subscripts evaluate to integers, e.g. lambda_{k+1} with k bound by the caller
            if (indexed && LookupResolved(s) is { } y) return y;
            throw new EvaluationException($"Symbol '{s}' has no value.");
        }

        private double? LookupResolved(Symbol s)
        {
            Symbol resolved;
            try { resolved = Resolve(s); }
            catch (EvaluationException) { return null; }
            return !resolved.Equals(s) && values.TryGetValue(resolved, out var x) ? x : null;
        }

        // The symbol with each subscript (and the superscript) replaced by its integer value.
        private Symbol Resolve(Symbol s) => ResolveSubscripts(s, t => Eval(t));
    }

    /// <summary>The value of a named constant (shared by the real and complex interpreters).</summary>
    internal static double ConstantValue(Constant c) => c.Which switch
    {
        ConstantKind.Pi => Math.PI,
        ConstantKind.Infinity => double.PositiveInfinity,
        _ => throw new EvaluationException($"Constant {c.Which} has no value."),
    };

    /// <summary>The error for a node that has no numeric value (undefined call, unevaluated derivative, unknown kind).</summary>
    internal static EvaluationException NoValue(Expr e) => e switch
    {
        Call c => new EvaluationException($"The undefined function '{c.Head}' has no numeric value (in '{c}')."),
        Derivative d => new EvaluationException($"The unevaluated derivative '{d}' has no numeric value."),
        _ => new EvaluationException($"Unhandled expression kind {e.Kind}."),
    };

    /// <summary>
    /// The symbol with each subscript (and the superscript) replaced by its integer value, e.g. lambda_{k+1} with k = 2
    /// reads lambda_3; <paramref name="realValue"/> evaluates a subscript.
    /// </summary>
    /// <exception cref="EvaluationException">When a subscript is not an integer.</exception>
    internal static Symbol ResolveSubscripts(Symbol s, Func<Expr, double> realValue)
    {
        Expr Integer(Expr t)
        {
            if (t is Number) return t;
            double v = realValue(t);
            if (v != Math.Round(v) || !double.IsFinite(v))
                throw new EvaluationException($"The subscript '{t}' of '{s}' evaluates to {v}, not an integer.");
            return Number.Of(Rational.FromDouble(v));
        }
        var subs = s.Subscripts.Select(Integer).ToArray();
        return Symbol.Of(s.Name, subs, s.Superscript is null ? null : Integer(s.Superscript));
    }

    /// <summary>Checks that an indexed sum has a finite range of at most 10⁷ terms (shared with the compiler).</summary>
    /// <exception cref="EvaluationException">When the range is infinite, undefined, or too long.</exception>
    public static void CheckRange(IndexedSum i, double lo, double hi)
    {
        if (double.IsInfinity(hi) || double.IsInfinity(lo) || double.IsNaN(lo) || double.IsNaN(hi))
            throw new EvaluationException($"The sum over {i.Index} from {i.Lower} to {i.Upper} has no finite numeric range: an infinite sum is not evaluated (no convergence test or acceleration is done); give a finite upper limit.");
        if (hi - lo > 1e7)
            throw new EvaluationException($"The sum over {i.Index} has {hi - lo + 1} terms; more than 10^7 are not evaluated term by term.");
    }
}
