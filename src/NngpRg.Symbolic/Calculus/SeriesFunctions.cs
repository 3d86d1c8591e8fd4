using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Calculus;

/// <summary>Elementary functions of a series argument, by composition with the function's Taylor series at the constant term.</summary>
public sealed partial record Series
{
    // s = c₀ + w with w free of a constant term.
    private (Expr C0, Series W) SplitConstant()
    {
        var c0 = ConstantTerm;
        return (c0, this + Product.Of(Number.MinusOne, c0));
    }

    /// <summary>exp(s) = exp(c₀)·Σ_{n≤N} wⁿ/n!, with s = c₀ + w.</summary>
    public static Series Exp(Series s)
    {
        var (c0, w) = s.SplitConstant();
        var h = Enumerable.Range(0, s.Order + 1).Select(n => (Expr)Number.Of(SeriesCoefficients.Factorial(n).Reciprocal())).ToArray();
        return Compose(w, h).Scale(Apply.Of(Function.Exp, c0));
    }

    /// <summary>log(s) = log(c₀) + Σ_{1≤n≤N} (−1)^{n+1} wⁿ/n with s = c₀(1 + w).</summary>
    /// <exception cref="SeriesException">When c₀ = 0 (a logarithmic singularity has no power series).</exception>
    public static Series Log(Series s)
    {
        var c0 = s.ConstantTerm;
        if (SeriesCoefficients.IsZero(c0))
            throw new SeriesException($"Series.Log: the argument {s} has zero constant term; log has a logarithmic singularity there, not a power series.");
        var w = s.Scale(Power.Of(c0, Number.MinusOne)) + Number.MinusOne;
        var h = new Expr[s.Order + 1];
        h[0] = Apply.Of(Function.Log, c0);
        for (int n = 1; n <= s.Order; n++) h[n] = Number.Of(new Rational(n % 2 == 1 ? 1 : -1, n));
        return Compose(w, h);
    }

    /// <summary>
    /// s^r for an exponent <paramref name="r"/> free of the expansion variables. A non-negative integer r multiplies
    /// out; otherwise s = c₀(1 + w) and s^r = c₀^r Σ_{n≤N} binom(r, n) wⁿ (the binomial series, r rational or symbolic).
    /// </summary>
    /// <exception cref="SeriesException">When r is not a non-negative integer and c₀ = 0 (a branch point).</exception>
    /// <exception cref="ArgumentException">When r depends on an expansion variable (expand exp(r·log s) instead).</exception>
    public Series Pow(Expr r)
    {
        foreach (var v in Variables)
            if (Structure.DependsOn(r, v))
                throw new ArgumentException($"Series.Pow: the exponent '{r}' depends on the expansion variable '{v}'; expand exp(r·log(s)) instead.", nameof(r));
        if (r is Number { IsInteger: true } k && k.Value.Sign >= 0 && k.Value.Numerator <= int.MaxValue)
            return Pow((int)k.Value.Numerator);
        var c0 = ConstantTerm;
        if (SeriesCoefficients.IsZero(c0))
            throw new SeriesException($"Series.Pow: {this} has zero constant term, so s^({r}) has a branch point or pole there, not a power series.");
        var w = Scale(Power.Of(c0, Number.MinusOne)) + Number.MinusOne;
        var h = Enumerable.Range(0, Order + 1).Select(n => SeriesCoefficients.Binomial(r, n)).ToArray();
        return Compose(w, h).Scale(Power.Of(c0, r));
    }

    /// <summary>√s = s^{1/2}.</summary>
    public static Series Sqrt(Series s) => s.Pow(Number.Half);

    /// <summary>sin(c₀ + w) = Σ sin⁽ⁿ⁾(c₀) wⁿ/n!, the derivatives cycling sin, cos, −sin, −cos.</summary>
    public static Series Sin(Series s) => Trigonometric(s, 0);

    /// <summary>cos(c₀ + w) = Σ cos⁽ⁿ⁾(c₀) wⁿ/n!.</summary>
    public static Series Cos(Series s) => Trigonometric(s, 1);

    private static Series Trigonometric(Series s, int phase)
    {
        var (c0, w) = s.SplitConstant();
        Expr sin = Apply.Of(Function.Sin, c0), cos = Apply.Of(Function.Cos, c0);
        Expr[] cycle = [sin, cos, Product.Of(Number.MinusOne, sin), Product.Of(Number.MinusOne, cos)];
        var h = Enumerable.Range(0, s.Order + 1)
            .Select(n => Product.Of(Number.Of(SeriesCoefficients.Factorial(n).Reciprocal()), cycle[(n + phase) % 4])).ToArray();
        return Compose(w, h);
    }

    /// <summary>tan(s) = sin(s)/cos(s).</summary>
    public static Series Tan(Series s) => Sin(s).Divide(Cos(s));

    /// <summary>erf(c₀ + w), from erf′(x) = (2/√π) exp(−x²) integrated term by term.</summary>
    public static Series Erf(Series s) =>
        ByDerivative(s, Function.Erf, x => Product.Of(Number.Two, Power.Of(Expressions.Constant.Pi, Number.Of(new Rational(-1, 2))),
            Apply.Of(Function.Exp, Product.Of(Number.MinusOne, Power.Of(x, Number.Two)))));

    /// <summary>arctan(c₀ + w), from arctan′(x) = 1/(1 + x²).</summary>
    public static Series Arctan(Series s) =>
        ByDerivative(s, Function.Arctan, x => Power.Of(Sum.Of(Number.One, Power.Of(x, Number.Two)), Number.MinusOne));

    /// <summary>arcsin(c₀ + w), from arcsin′(x) = (1 − x²)^{−1/2}.</summary>
    public static Series Arcsin(Series s) =>
        ByDerivative(s, Function.Arcsin, x => Power.Of(Sum.Of(Number.One, Product.Of(Number.MinusOne, Power.Of(x, Number.Two))), Number.Of(new Rational(-1, 2))));

    /// <summary>arccos(c₀ + w), from arccos′(x) = −(1 − x²)^{−1/2}.</summary>
    public static Series Arccos(Series s) =>
        ByDerivative(s, Function.Arccos, x => Product.Of(Number.MinusOne,
            Power.Of(Sum.Of(Number.One, Product.Of(Number.MinusOne, Power.Of(x, Number.Two))), Number.Of(new Rational(-1, 2)))));

    // f(c₀ + w) = f(c₀) + Σ_{n≥1} hₙ wⁿ where the univariate series of f′(c₀ + t) in a fresh t gives h_{n} = [t^{n−1}]f′/n.
    private static Series ByDerivative(Series s, Function f, Func<Expr, Expr> derivative)
    {
        var (c0, w) = s.SplitConstant();
        var h = new Expr[s.Order + 1];
        h[0] = Apply.Of(f, c0);
        if (s.Order > 0)
        {
            var t = FreshSymbol(c0);
            var d = Expand(derivative(Sum.Of(c0, t)), [t], s.Order - 1);
            for (int n = 1; n <= s.Order; n++) h[n] = SeriesCoefficients.Multiply(d.Coefficient(n - 1), Number.Of(new Rational(1, n)));
        }
        return Compose(w, h);
    }

    // A symbol that does not occur in e.
    private static Symbol FreshSymbol(Expr e)
    {
        for (int i = 0; ; i++)
        {
            var t = Symbol.Of("t", [Symbol.Of("series"), Number.Of(i)]);
            if (!Structure.Contains(e, t)) return t;
        }
    }
}
