using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Compilation;

/// <summary>
/// A complex-valued interpreter: evaluates an expression at complex values of its symbols with principal branches
/// (<see cref="Complex.Sqrt"/>, <see cref="Complex.Log(Complex)"/>, <see cref="Complex.Pow(Complex, Complex)"/>, and the
/// principal inverse trigonometric functions). On real inputs where <see cref="Evaluate.At"/> is real it agrees with it
/// to rounding. Used to continue dot-product kernels K(t) into the complex disc for Taylor coefficients by Cauchy's
/// integral (docs/theory.md §6.5, the Taylor route).
/// </summary>
public static class ComplexEvaluate
{
    /// <summary>erf of a complex argument is summed from its Taylor series only for |z| ≤ this radius (cancellation grows like e^{|z|²}).</summary>
    public const double ErfSeriesRadius = 3;

    /// <summary>
    /// The value of <paramref name="e"/> with its free symbols bound to complex values. Powers: an integer exponent
    /// n with |n| ≤ <see cref="Evaluate.MaxSquaringExponent"/> by repeated squaring, a half-integer m/2 as (√z)^m
    /// (the principal branch), anything else by the principal <see cref="Complex.Pow(Complex, Complex)"/>. Indexed sums
    /// run their index over the integers of a real range.
    /// </summary>
    /// <exception cref="EvaluationException">When a symbol is unbound, a node has no numeric meaning, erf is asked
    /// beyond |z| = <see cref="ErfSeriesRadius"/>, or abs, atan2, Γ, ψ or ψ⁽ⁿ⁾ receive a non-real argument.</exception>
    public static Complex At(Expr e, IReadOnlyDictionary<Symbol, Complex> values)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(values);
        return new Interpreter(values).Eval(e);
    }

    /// <summary>A built-in function at complex arguments (principal branches).</summary>
    /// <exception cref="EvaluationException">As for <see cref="At"/>.</exception>
    public static Complex Function(Function f, Complex a, Complex b = default, Complex c = default) => f switch
    {
        // a real argument takes the real exponential: Complex.Exp(710) is ∞ + NaN·i (∞·sin 0), where exp(710) = ∞ is real
        Expressions.Function.Exp => a.Imaginary == 0 ? Math.Exp(a.Real) : Complex.Exp(a),
        Expressions.Function.Log => Complex.Log(a),
        Expressions.Function.Sin => Complex.Sin(a),
        Expressions.Function.Cos => Complex.Cos(a),
        Expressions.Function.Tan => Complex.Tan(a),
        Expressions.Function.Arcsin => Complex.Asin(a),
        Expressions.Function.Arccos => Complex.Acos(a),
        Expressions.Function.Arctan => Complex.Atan(a),
        Expressions.Function.Erf => Erf(a),
        Expressions.Function.Atan2 => Math.Atan2(Real(a, "atan2", 1), Real(b, "atan2", 2)),
        Expressions.Function.Abs => Math.Abs(Real(a, "abs", 1)),
        Expressions.Function.Gamma => SpecialFunctions.Gamma(Real(a, "gamma", 1)),
        // the analytic continuation of the guard's interior branch is the identity (its job is real rounding, e.g. a cosine
        // an ulp past 1, where the complex arccos and square root continue smoothly anyway)
        Expressions.Function.Clamp => a,
        _ => throw new EvaluationException($"Function {f} has no complex evaluation."),
    };

    /// <summary>
    /// erf z = (2/√π) Σ_{n≥0} (−1)ⁿ z^{2n+1}/(n!(2n+1)) for |z| ≤ <see cref="ErfSeriesRadius"/>; a real z uses
    /// <see cref="SpecialFunctions.Erf"/> so that real values agree with <see cref="Evaluate"/>.
    /// </summary>
    /// <exception cref="EvaluationException">When z is not real and |z| &gt; <see cref="ErfSeriesRadius"/>.</exception>
    public static Complex Erf(Complex z)
    {
        if (z.Imaginary == 0) return SpecialFunctions.Erf(z.Real);
        if (Complex.Abs(z) > ErfSeriesRadius)
            throw new EvaluationException(
                $"erf({z.Real:R} + {z.Imaginary:R}i): |z| = {Complex.Abs(z):R} exceeds {ErfSeriesRadius}, beyond which the complex erf series is not evaluated.");
        var z2 = z * z;
        Complex power = z, sum = z; // power = (−1)ⁿ z^{2n+1}/n!
        for (int n = 1; n < 200; n++)
        {
            power *= -z2 / n;
            var term = power / (2 * n + 1);
            sum += term;
            if (Complex.Abs(term) <= 1e-17 * Complex.Abs(sum)) break;
        }
        return sum * (2 / Math.Sqrt(Math.PI));
    }

    /// <summary>zⁿ by left-to-right binary powering (the reciprocal for n &lt; 0), as <see cref="Evaluate.PowInt"/>, which a real z uses.</summary>
    public static Complex PowInt(Complex z, int n)
    {
        if (z.Imaginary == 0) return Evaluate.PowInt(z.Real, n);
        if (n == 0) return Complex.One;
        if (n < 0) return Complex.One / PowInt(z, -n);
        var r = z;
        for (int bit = Evaluate.TopBit(n) - 1; bit >= 0; bit--)
        {
            r *= r;
            if (((n >> bit) & 1) != 0) r *= z;
        }
        return r;
    }

    /// <summary>
    /// z^w: integer w by <see cref="PowInt"/>, half-integer w = m/2 by (√z)^m with the principal square root (equal to
    /// the principal power), anything else by <see cref="Complex.Pow(Complex, Complex)"/>.
    /// </summary>
    public static Complex Pow(Complex z, Complex w)
    {
        if (w.Imaginary == 0 && Math.Abs(w.Real) <= Evaluate.MaxSquaringExponent)
        {
            double y = w.Real;
            if (y == Math.Floor(y)) return PowInt(z, (int)y);
            double twice = 2 * y;
            if (twice == Math.Floor(twice))
            {
                int m = Math.Abs((int)twice);
                var root = Complex.Sqrt(z);
                var r = m == 1 ? root : Multiply(PowInt(z, (m - 1) / 2), root);
                return twice < 0 ? (r.Imaginary == 0 ? 1 / r.Real : Complex.One / r) : r;
            }
        }
        if (z == Complex.Zero) return w.Real > 0 ? Complex.Zero : new Complex(double.PositiveInfinity, 0);
        // a positive real base to a real exponent is the real power (the principal branch there), without the NaN that
        // Complex.Pow makes of an overflow (e^1398 = ∞ + NaN·i)
        if (z.Imaginary == 0 && z.Real > 0 && w.Imaginary == 0) return Math.Pow(z.Real, w.Real);
        return Complex.Pow(z, w);
    }

    /// <summary>
    /// a·b, in real arithmetic when both are real: complex multiplication of an overflowed real (∞ + 0i) by a real gives
    /// ∞ + NaN·i (∞·0), and the NaN would spread where the real interpreter carries ∞ (and 1/∞ = 0) exactly.
    /// </summary>
    private static Complex Multiply(Complex a, Complex b) =>
        a.Imaginary == 0 && b.Imaginary == 0 ? a.Real * b.Real : a * b;

    private static Complex Scale(double c, Complex z) => new(c * z.Real, c * z.Imaginary);

    private static double Real(Complex a, string function, int position) => a.Imaginary == 0
        ? a.Real
        : throw new EvaluationException(
            $"{function}: argument {position} = {a.Real:R} + {a.Imaginary:R}i is not real; {function} is evaluated only on the real line.");

    private sealed class Interpreter(IReadOnlyDictionary<Symbol, Complex> values)
    {
        private Dictionary<Symbol, double>? _indices; // indices of the enclosing indexed sums

        public Complex Eval(Expr e)
        {
            switch (e)
            {
                case Number n: return n.Value.ToDouble();
                case Constant c: return Evaluate.ConstantValue(c);
                case Symbol s: return Lookup(s);
                case Sum s:
                    {
                        Complex acc = s.Constant.ToDouble();
                        // a real coefficient scales both parts (double × Complex multiplies as complex numbers: 1·(∞ + 0i) = ∞ + NaN·i)
                        foreach (var (term, c) in s.OrderedTerms) acc += Scale(c.ToDouble(), Eval(term));
                        return acc;
                    }
                case Product p:
                    {
                        Complex acc = p.Coefficient.ToDouble();
                        foreach (var (b, ex) in p.OrderedFactors) acc = Multiply(acc, Pow(Eval(b), Eval(ex)));
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
                    return SpecialFunctions.Digamma(Real(Eval(c.Args[0]), "digamma", 1));
                case Call c when c.Head.Equals(SpecialFunctions.PolygammaHead) && c.Args.Length == 2:
                    return SpecialFunctions.Polygamma(Real(Eval(c.Args[0]), "polygamma", 1), Real(Eval(c.Args[1]), "polygamma", 2));
                default:
                    throw Evaluate.NoValue(e);
            }
        }

        private Complex SumOver(IndexedSum i)
        {
            var lower = Eval(i.Lower);
            var upper = Eval(i.Upper);
            if (lower.Imaginary != 0 || upper.Imaginary != 0)
                throw new EvaluationException($"The sum over {i.Index} from {i.Lower} to {i.Upper} has a non-real range.");
            double lo = Math.Ceiling(lower.Real), hi = Math.Floor(upper.Real);
            Evaluate.CheckRange(i, lo, hi);
            _indices ??= [];
            bool shadows = _indices.TryGetValue(i.Index, out var outer);
            Complex acc = Complex.Zero;
            for (double k = lo; k <= hi; k++)
            {
                _indices[i.Index] = k;
                acc += Eval(i.Body);
            }
            if (shadows) _indices[i.Index] = outer; else _indices.Remove(i.Index);
            return acc;
        }

        private Complex Lookup(Symbol s)
        {
            if (_indices is not null && _indices.TryGetValue(s, out var k)) return k;
            bool indexed = !s.Subscripts.IsEmpty || s.Superscript is not null;
            if (indexed && _indices is { Count: > 0 } && _indices.Keys.Any(ix => Structure.DependsOn(s, ix)))
            {
                var resolved = Resolve(s);
                return values.TryGetValue(resolved, out var r) ? r
                    : throw new EvaluationException($"Symbol '{s}' inside an indexed sum reads '{resolved}', which has no value.");
            }
            if (values.TryGetValue(s, out var x)) return x;
            throw new EvaluationException($"Symbol '{s}' has no value.");
        }

        // The symbol with each subscript (and the superscript) replaced by its integer value.
        private Symbol Resolve(Symbol s) => Evaluate.ResolveSubscripts(s, t => Eval(t) is var v && v.Imaginary == 0
            ? v.Real
            : throw new EvaluationException($"The subscript '{t}' of '{s}' evaluates to {v}, not an integer."));
    }
}
