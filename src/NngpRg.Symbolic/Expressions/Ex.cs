namespace NngpRg.Symbolic.Expressions;

/// <summary>The canonical builders in one place: a short, readable way to write expressions in C#.</summary>
public static class Ex
{
    /// <summary>A plain or subscripted symbol, e.g. <c>Ex.Sym("lambda", Ex.Sym("k"))</c> for λ_k.</summary>
    public static Symbol Sym(string name, params Expr[] subscripts) => Symbol.Of(name, subscripts);
    /// <summary>A symbol with a superscript that is part of its name, e.g. <c>Ex.SymSup("sigma", 2)</c> for the ridge σ².</summary>
    public static Symbol SymSup(string name, Expr superscript, params Expr[] subscripts) => Symbol.Of(name, subscripts, superscript);
    /// <summary>An integer.</summary>
    public static Expr Num(long n) => Number.Of(n);
    /// <summary>The rational p/q.</summary>
    public static Expr Num(long p, long q) => Number.Of(new Rational(p, q));
    /// <summary>π.</summary>
    public static Expr Pi => Constant.Pi;
    /// <summary>+∞.</summary>
    public static Expr Infinity => Constant.Infinity;
    /// <summary>Canonical sum.</summary>
    public static Expr Add(params Expr[] terms) => Sum.Of(terms);
    /// <summary>Canonical product.</summary>
    public static Expr Mul(params Expr[] factors) => Product.Of(factors);
    /// <summary>b^e.</summary>
    public static Expr Pow(Expr b, Expr e) => Power.Of(b, e);
    /// <summary>√x = x^½.</summary>
    public static Expr Sqrt(Expr x) => Power.Of(x, Number.Half);
    /// <summary>e^x.</summary>
    public static Expr Exp(Expr x) => Apply.Of(Function.Exp, x);
    /// <summary>Natural logarithm.</summary>
    public static Expr Log(Expr x) => Apply.Of(Function.Log, x);
    /// <summary>Sine.</summary>
    public static Expr Sin(Expr x) => Apply.Of(Function.Sin, x);
    /// <summary>Cosine.</summary>
    public static Expr Cos(Expr x) => Apply.Of(Function.Cos, x);
    /// <summary>Tangent.</summary>
    public static Expr Tan(Expr x) => Apply.Of(Function.Tan, x);
    /// <summary>Inverse sine.</summary>
    public static Expr Arcsin(Expr x) => Apply.Of(Function.Arcsin, x);
    /// <summary>Inverse cosine.</summary>
    public static Expr Arccos(Expr x) => Apply.Of(Function.Arccos, x);
    /// <summary>Inverse tangent.</summary>
    public static Expr Arctan(Expr x) => Apply.Of(Function.Arctan, x);
    /// <summary>atan2(y, x).</summary>
    public static Expr Atan2(Expr y, Expr x) => Apply.Of(Function.Atan2, y, x);
    /// <summary>Error function.</summary>
    public static Expr Erf(Expr x) => Apply.Of(Function.Erf, x);
    /// <summary>Absolute value.</summary>
    public static Expr Abs(Expr x) => Apply.Of(Function.Abs, x);
    /// <summary>Γ(x).</summary>
    public static Expr Gamma(Expr x) => Apply.Of(Function.Gamma, x);
    /// <summary>clamp(x, a, b) = min(max(x, a), b), the rounding guard of <see cref="Function.Clamp"/>.</summary>
    public static Expr Clamp(Expr x, Expr lower, Expr upper) => Apply.Of(Function.Clamp, x, lower, upper);
    /// <summary>Σ_{index=lower}^{upper} body.</summary>
    public static Expr SumOver(Expr body, Symbol index, Expr lower, Expr upper) => IndexedSum.Of(body, index, lower, upper);
    /// <summary>An undefined function call head(args).</summary>
    public static Expr Call(Symbol head, params Expr[] args) => Expressions.Call.Of(head, args);
}
