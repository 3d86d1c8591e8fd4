using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Calculus;

/// <summary>Series expansion of expressions and limits through series.</summary>
public sealed partial record Series
{
    /// <summary>How many extra orders a quotient may request while looking for the leading term of its denominator.</summary>
    public const int MaxOrderLift = 24;

    /// <summary>
    /// The power series of <paramref name="e"/> in <paramref name="variables"/> about 0, to total order
    /// <paramref name="order"/>, by series arithmetic (no differentiation). Sums and products combine series;
    /// bⁿ multiplies out; b^r with r free of the variables uses the binomial series; b^r with r depending on the
    /// variables is exp(r·log b); exp, log, sin, cos, tan, erf, arctan, arcsin, arccos compose their Taylor series
    /// with the argument's. Subexpressions free of the variables are constant coefficients.
    /// </summary>
    /// <remarks>
    /// Removable singularities: a quotient n/d whose denominator vanishes at 0 is handled by expanding d until its
    /// leading term (degree v) is found, re-expanding numerator and denominator to order N + v, and dividing by the
    /// leading monomial (<see cref="Divide"/>); e.g. (1 − exp(−M x))/M = x − M x²/2 + … and x/(exp(x) − 1). A sum
    /// whose terms are singular separately is first brought over a common denominator, so 1/x − 1/sin(x) expands too.
    /// A genuine pole or branch point raises <see cref="SeriesException"/> naming the offending factor.
    /// </remarks>
    /// <exception cref="SeriesException">When the expression has no power series at 0 in the variables, or contains an
    /// undefined function, derivative, indexed sum or non-analytic function (|·|, Γ, atan2) of a variable.</exception>
    /// <exception cref="ArgumentException">For a negative order or repeated variables.</exception>
    public static Series Expand(Expr e, IReadOnlyList<Symbol> variables, int order)
    {
        var vars = CheckVariables(variables, order);
        return new Expansion(vars).Of(e, order);
    }

    /// <summary>
    /// The limit of <paramref name="e"/> as <paramref name="variable"/> → 0, computed as the constant term of its
    /// power series (so removable singularities such as ((σ²/(σ²+v))^{M/2} − 1)/M → ½ log(σ²/(σ²+v)) are resolved).
    /// </summary>
    /// <exception cref="SeriesException">When the expression has no power series at 0 (infinite limit, essential singularity, branch point).</exception>
    public static Expr Limit(Expr e, Symbol variable) => Expand(e, [variable], 0).ConstantTerm;

    // A raised singularity that a sum may resolve by bringing its terms over a common denominator.
    private sealed class SingularTermException(string message) : Exception(message);

    private sealed class Expansion(System.Collections.Immutable.ImmutableArray<Symbol> vars)
    {
        private readonly Dictionary<(Expr, int), Series> _memo = [];

        private bool Depends(Expr e) => vars.Any(v => Structure.DependsOn(e, v));

        public Series Of(Expr e, int order)
        {
            try { return Expand(e, order); }
            catch (SingularTermException ex) { throw new SeriesException(ex.Message); }
        }

        private Series Expand(Expr e, int order)
        {
            if (!Depends(e)) return Constant(e, vars, order);
            if (_memo.TryGetValue((e, order), out var known)) return known;
            var s = e switch
            {
                Symbol x when vars.Contains(x) => Variable(x, vars, order),
                Sum sum => ExpandSum(sum, order),
                Product p => ExpandProduct(p, order),
                Apply a => ExpandFunction(a, order),
                _ => throw new SeriesException(
                    $"Series.Expand: '{e}' ({e.Kind}) depends on the expansion variables ({string.Join(", ", vars)}) but has no series rule; "
                    + "undefined functions, derivatives, indexed sums and variables inside subscripts are not expanded."),
            };
            _memo[(e, order)] = s;
            return s;
        }

        private Series ExpandSum(Sum sum, int order)
        {
            try
            {
                var acc = Constant(Number.Of(sum.Constant), vars, order);
                foreach (var (t, c) in sum.OrderedTerms) acc += Expand(t, order).Scale(Number.Of(c));
                return acc;
            }
            catch (SingularTermException)
            {
                // terms singular one by one: (Σ nᵢ D/dᵢ)/D may still be a power series
                var together = SeriesCoefficients.Together(sum);
                if (together.Equals(sum) || !SplitQuotient(together, out var num, out var den)) throw;
                return Quotient(num, den, order);
            }
        }

        // e = num/den with den the factors of e (depending on the variables) raised to negative integer powers.
        private bool SplitQuotient(Expr e, out Expr num, out Expr den)
        {
            var n = new List<Expr>();
            var d = new List<Expr>();
            if (e is Product p)
            {
                n.Add(Number.Of(p.Coefficient));
                foreach (var (b, x) in p.OrderedFactors)
                {
                    if (x is Number { IsInteger: true } k && k.Value.Sign < 0 && Depends(b)) d.Add(Power.Of(b, Number.Of(-k.Value)));
                    else n.Add(Power.Of(b, x));
                }
            }
            else n.Add(e);
            num = Product.Of(n);
            den = Product.Of(d);
            return d.Count > 0;
        }

        private Series ExpandProduct(Product p, int order)
        {
            try
            {
                return ExpandProductDirect(p, order);
            }
            catch (SingularTermException)
            {
                // factors singular one by one, e.g. 1/(1/ε + 2): bring each sum factor over a common denominator so that
                // the powers of the variables cancel across factors, ε·(1 + 2ε)⁻¹, then expand again
                var rewritten = Product.Of(p.FactorExprs.Select(f =>
                {
                    var (b, x) = Power.Split(f);
                    return b is Sum && x is Number { IsInteger: true } ? Power.Of(SeriesCoefficients.Together(b), x) : f;
                }));
                if (rewritten.Equals(p)) throw;
                return Expand(rewritten, order);
            }
        }

        private Series ExpandProductDirect(Product p, int order)
        {
            if (SplitQuotient(p, out var num, out var den)) return Quotient(num, den, order);
            var acc = Constant(Number.Of(p.Coefficient), vars, order);
            foreach (var (b, x) in p.OrderedFactors) acc *= ExpandPower(b, x, order);
            return acc;
        }

        private Series ExpandPower(Expr b, Expr x, int order)
        {
            if (!Depends(b) && !Depends(x)) return Constant(Power.Of(b, x), vars, order);
            if (Depends(x))
                // b^x = exp(x·log b), the product expanded as a whole so that a removable singularity in x·log b cancels
                return Exp(Expand(Product.Of(x, Apply.Of(Function.Log, b)), order));
            if (x is Number { IsInteger: true } k && k.Value.Sign > 0) return Expand(b, order).Pow((int)k.Value.Numerator);
            if (x is Number { IsInteger: true } j && j.Value.Sign < 0) return Quotient(Number.One, Power.Of(b, Number.Of(-j.Value)), order);
            var s = Expand(b, order);
            if (SeriesCoefficients.IsZero(s.ConstantTerm))
                throw new SingularTermException($"Series.Expand: ({b})^({x}) has a branch point at 0: its base vanishes there and the exponent is not an integer.");
            return s.Pow(x);
        }

        private static Series Log(Series s, Expr source)
        {
            if (SeriesCoefficients.IsZero(s.ConstantTerm))
                throw new SingularTermException($"Series.Expand: log({source}) has a logarithmic singularity at 0: its argument vanishes there.");
            return Series.Log(s);
        }

        // num/den to the given order, lifting both expansions by the valuation of den.
        private Series Quotient(Expr num, Expr den, int order)
        {
            int lift = order;
            Series d;
            while (true)
            {
                d = Expand(den, lift).DropRecognizedZeros();
                if (d.Valuation is int v)
                {
                    if (lift >= order + v) break;
                    lift = order + v;
                    continue;
                }
                if (lift >= order + MaxOrderLift)
                    throw new SingularTermException($"Series.Expand: the denominator {den} vanishes to order {lift} in ({string.Join(", ", vars)}); it is zero or too degenerate to divide by.");
                lift = Math.Min(order + MaxOrderLift, 2 * lift + 1);
            }
            var n = Expand(num, lift);
            try
            {
                return n.Divide(d).Truncate(order);
            }
            catch (SeriesException ex)
            {
                throw new SingularTermException($"Series.Expand: ({num})/({den}) is not a power series at 0: {ex.Message}");
            }
        }

        // The rounding guard is the identity where the argument's value at the expansion point lies strictly inside its bounds.
        private Series Clamp(Apply a, int order)
        {
            var s = Expand(a.Args[0], order);
            double value, lower, upper;
            try
            {
                value = Compilation.Evaluate.Constant(s.ConstantTerm);
                lower = Compilation.Evaluate.Constant(a.Args[1]);
                upper = Compilation.Evaluate.Constant(a.Args[2]);
            }
            catch (Compilation.EvaluationException ex)
            {
                throw new SingularTermException($"Series.Expand: {a} is expanded only when its argument's value and bounds at 0 are numbers: {ex.Message}");
            }
            if (!(lower < value && value < upper))
                throw new SingularTermException($"Series.Expand: {a} is not analytic at 0: its argument's value {value:R} there is not strictly inside [{lower:R}, {upper:R}].");
            return s;
        }

        private Series ExpandFunction(Apply a, int order)
        {
            if (a.Function == Function.Clamp) return Clamp(a, order);
            if (a.Args.Length != 1)
                throw new SingularTermException($"Series.Expand: {Functions.Name(a.Function)} of the expansion variables has no series rule.");
            var arg = a.Args[0];
            if (a.Function == Function.Log) return Log(Expand(arg, order), arg);
            var s = Expand(arg, order);
            return a.Function switch
            {
                Function.Exp => Exp(s),
                Function.Sin => Sin(s),
                Function.Cos => Cos(s),
                Function.Tan => Tan(s),
                Function.Erf => Erf(s),
                Function.Arctan => Arctan(s),
                Function.Arcsin => Arcsin(s),
                Function.Arccos => Arccos(s),
                _ => throw new SeriesException($"Series.Expand: {Functions.Name(a.Function)}({arg}) is not expanded: the function is not analytic or has no series rule (supported: exp, log, sin, cos, tan, erf, arctan, arcsin, arccos, powers)."),
            };
        }
    }
}
