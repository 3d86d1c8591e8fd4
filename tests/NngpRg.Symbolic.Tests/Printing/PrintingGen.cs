using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Tests.Generators;

namespace NngpRg.Symbolic.Tests.Printing;

/// <summary>
/// Expressions that exercise every printed form: structured symbols (subscripts that are expressions, superscripts,
/// multi-letter names), undefined calls, unevaluated derivatives, indexed sums, π and ∞, every built-in function,
/// symbolic, negative and 1/n exponents, negative and fractional numeric bases. Built through the canonical builders;
/// values need not be finite (only structure is tested).
/// </summary>
public static class PrintingGen
{
    private static readonly Symbol x = Ex.Sym("x"), y = Ex.Sym("y"), k = Ex.Sym("k"), q = Ex.Sym("q"), kappa = Ex.Sym("kappa");
    private static readonly Symbol f = Ex.Sym("f"), sigma2 = Ex.SymSup("sigma", 2);

    /// <summary>Structured symbols.</summary>
    public static readonly Symbol[] Symbols =
    [
        x, y, k, kappa,
        Ex.Sym("lambda", k), Ex.Sym("lambda", k + 1), Ex.Sym("lambda", 0), Ex.Sym("U", q, q, k), Ex.Sym("K", Ex.Sym("xx")),
        sigma2, Ex.SymSup("sigma", 2, k), Ex.SymSup("s", k - 1), Ex.Sym("Gamma"), Ex.Sym("Pi"), Ex.Sym("varphi"), Ex.Sym("rate"),
        Ex.Sym("c", Ex.Sym("lambda", k)), Ex.Sym("a", Ex.Num(1, 2)), Ex.Sym("t", -k), Ex.Sym("z2"),
    ];

    private static Gen<Expr> Leaf =>
        Gen.Frequency(
            (3, ExprGen.SmallRational.Select(r => (Expr)Number.Of(r))),
            (6, Gen.Elements(Symbols).Select(s => (Expr)s)),
            (1, Gen.Elements<Expr>(Constant.Pi, Constant.Infinity)));

    /// <summary>Expressions of depth at most <paramref name="depth"/>.</summary>
    public static Gen<Expr> Sized(int depth)
    {
        if (depth <= 0) return Leaf;
        var sub = Sized(depth - 1);
        var pair = sub.SelectMany(a => sub.Select(b => (a, b)));
        return Gen.Frequency(
            (3, Leaf),
            (3, Gen.ListOf(sub).Select(xs => Sum.Of(xs.Take(4)))),
            (3, Gen.ListOf(sub).Select(xs => Product.Of(xs.Take(3)))),
            (2, sub.SelectMany(b => Gen.Elements<Expr>(2, 3, -1, -2, Ex.Num(1, 2), Ex.Num(-1, 2), Ex.Num(1, 3), Ex.Num(2, 3), Ex.Num(-3, 2)).Select(n => Guarded(() => Power.Of(b, n))))),
            (2, pair.Select(p => Guarded(() => Power.Of(p.a, p.b)))),
            (1, pair.Select(p => Guarded(() => p.a / p.b))),
            (2, sub.SelectMany(a => Gen.Elements(Functions.All.Where(g => Functions.Arity(g) == 1).ToArray()).Select(g => Apply.Of(g, a)))),
            (1, pair.Select(p => Apply.Of(Function.Atan2, p.a, p.b))),
            (1, pair.Select(p => Apply.Of(Function.Clamp, p.a, p.b, Sum.Of(p.b, Number.One)))),
            (1, pair.Select(p => (Expr)Call.Of(Gen.Elements(f, sigma2, Ex.Sym("g", k)).Sample(1, 1).First(), p.a, p.b))),
            (1, sub.Select(a => (Expr)Call.Of(f, a))),
            (1, Gen.Choose(1, 3).SelectMany(n => Gen.Elements(x, y).Select(v => (Expr)Derivative.Of(Call.Of(f, x, y), v, n)))),
            (1, Gen.Choose(1, 2).Select(n => (Expr)Derivative.Of(Derivative.Of(Call.Of(sigma2, x, y), x, n), y))),
            // a fractional numeric limit is not a sum the parser reads (the index runs over integers)
            (1, pair.Select(p => IndexedSum.Of(Product.Of(Ex.Sym("lambda", k), p.a), k, Sum.Of(kappa, 1), Gen.Elements<Expr>(Constant.Infinity, p.b is Number { IsInteger: false } ? Number.Of(10) : p.b, 10).Sample(1, 1).First()))),
            (1, sub.Select(a => (Expr)Ex.Sym("lambda", a))),
            (1, sub.Select(a => (Expr)Ex.SymSup("sigma", a))));
    }

    // A generated 0^(-1) is not an expression: use 1 instead.
    private static Expr Guarded(Func<Expr> build)
    {
        try { return build(); }
        catch (DivideByZeroException) { return Number.One; }
    }

    /// <summary>The arbitrary instance, shrinking to children.</summary>
    public static Arbitrary<Expr> Arbitrary => Arb.From(Gen.Sized(size => Sized(Math.Min(size / 20 + 1, 3))), ExprGen.Shrink);
}
