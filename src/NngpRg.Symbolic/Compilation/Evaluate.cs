using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Compilation;

/// <summary>Raised when an expression cannot be evaluated numerically (unbound symbol, undefined function, infinite sum).</summary>
public sealed class EvaluationException(string message) : Exception(message);

/// <summary>The reference interpreter: evaluates an expression in double precision by walking the tree.</summary>
public static class Evaluate
{
    /// <summary>The value of <paramref name="e"/> with its free symbols bound by <paramref name="values"/>.</summary>
    /// <exception cref="EvaluationException">When a symbol is unbound, or a node has no numeric meaning.</exception>
    public static double At(Expr e, IReadOnlyDictionary<Symbol, double> values) => Eval(e, values);

    /// <summary>The value of a closed expression.</summary>
    public static double Constant(Expr e) => Eval(e, new Dictionary<Symbol, double>());

    /// <summary>Evaluates a built-in function (shared with the compiler so that both agree to the last bit).</summary>
    public static double Function(Function f, double a, double b = double.NaN) => f switch
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
        _ => throw new EvaluationException($"Function {f} has no numeric evaluation."),
    };

    /// <summary>x^y with the real-valued conventions used everywhere (integer exponents by repeated squaring).</summary>
    public static double Pow(double x, double y) => y switch
    {
        2 => x * x,
        -1 => 1 / x,
        0.5 => Math.Sqrt(x),
        _ => Math.Pow(x, y),
    };

    private static double Eval(Expr e, IReadOnlyDictionary<Symbol, double> v)
    {
        switch (e)
        {
            case Number n: return n.Value.ToDouble();
            case Constant c:
                return c.Which switch
                {
                    ConstantKind.Pi => Math.PI,
                    ConstantKind.Infinity => double.PositiveInfinity,
                    _ => throw new EvaluationException($"Constant {c.Which} has no value."),
                };
            case Symbol s:
                if (v.TryGetValue(s, out var x)) return x;
                if (!s.Subscripts.IsEmpty)
                {
                    // an indexed symbol whose subscripts evaluate to integers, e.g. lambda_{k+1} with k bound
                    var sub = s.WithSubscripts(s.Subscripts.Select(t => (Expr)Number.Of(Rational.FromDouble(Math.Round(Eval(t, v))))));
                    if (!sub.Equals(s) && v.TryGetValue(sub, out x)) return x;
                }
                throw new EvaluationException($"Symbol '{s}' has no value.");
            case Sum s:
                {
                    double acc = s.Constant.ToDouble();
                    foreach (var (t, c) in s.OrderedTerms) acc += c.ToDouble() * Eval(t, v);
                    return acc;
                }
            case Product p:
                {
                    double acc = p.Coefficient.ToDouble();
                    foreach (var (b, ex) in p.OrderedFactors) acc *= Pow(Eval(b, v), Eval(ex, v));
                    return acc;
                }
            case Apply a:
                return a.Args.Length == 1
                    ? Function(a.Function, Eval(a.Args[0], v))
                    : Function(a.Function, Eval(a.Args[0], v), Eval(a.Args[1], v));
            case IndexedSum i:
                {
                    double lo = Math.Ceiling(Eval(i.Lower, v)), hi = Math.Floor(Eval(i.Upper, v));
                    if (double.IsInfinity(hi) || double.IsNaN(lo) || double.IsNaN(hi))
                        throw new EvaluationException($"The sum over {i.Index} from {i.Lower} to {i.Upper} has no finite numeric range.");
                    if (hi - lo > 1e7) throw new EvaluationException($"The sum over {i.Index} has {hi - lo + 1} terms; more than 10^7 are not evaluated term by term.");
                    var inner = new Dictionary<Symbol, double>(v);
                    double acc = 0;
                    for (double k = lo; k <= hi; k++)
                    {
                        inner[i.Index] = k;
                        acc += Eval(Substitute(i.Body, i.Index, k), inner);
                    }
                    return acc;
                }
            case Call c:
                throw new EvaluationException($"The undefined function '{c.Head}' has no numeric value.");
            case Derivative d:
                throw new EvaluationException($"The derivative of the undefined function '{d.Operand}' has no numeric value.");
            default:
                throw new EvaluationException($"Unhandled expression kind {e.Kind}.");
        }
    }

    // Replaces the index inside subscripts so that lambda_k with k = 3 reads lambda_3 from the bindings.
    private static Expr Substitute(Expr body, Symbol index, double k) =>
        Structure.DependsOn(body, index)
            ? Structure.BottomUp(body, n => n.Equals(index) ? Number.Of(Rational.FromDouble(k)) : n)
            : body;
}
