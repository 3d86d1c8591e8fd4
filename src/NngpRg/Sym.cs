using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;

namespace NngpRg;

/// <summary>
/// The computer-algebra entry points in one place: parse, simplify, expand, differentiate, print and evaluate.
/// Expressions are immutable and canonical; every function here is pure and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var e = Sym.Parse("lambda_k/(lambda_k + sigma^{2}/eta)");
/// var dL = Sym.Differentiate(e, Sym.Parse("sigma^{2}") as Symbol ?? throw new(), 1);
/// Console.WriteLine(Sym.Latex(Sym.Simplify(dL)));
/// </code>
/// </example>
public static class Sym
{
    /// <summary>Reads infix text (the format <see cref="Expr.ToString"/> writes).</summary>
    /// <exception cref="ParseException">With the position and what was expected.</exception>
    public static Expr Parse(string text) => InfixParser.Parse(text);

    /// <summary>Rational normal form (one fraction with expanded numerator and denominator, GCD cancelled, sign normalized), or the plain expansion when that is smaller; a fixed point: Simplify(Simplify(e)) = Simplify(e).</summary>
    public static Expr Simplify(Expr e) => Symbolic.Algebra.Simplify.Of(e);

    /// <summary>Distributes products over sums and expands integer powers of sums.</summary>
    public static Expr Expand(Expr e) => Symbolic.Algebra.Expand.Of(e);

    /// <summary>The <paramref name="times"/>-th derivative with respect to <paramref name="x"/>.</summary>
    public static Expr Differentiate(Expr e, Symbol x, int times = 1) => Symbolic.Calculus.Differentiate.Of(e, x, times);

    /// <summary>LaTeX of <paramref name="e"/> with default options.</summary>
    public static string Latex(Expr e) => Symbolic.Printing.Latex.Print(e);

    /// <summary>Evaluates through a compiled delegate (arguments in the canonical order of the free symbols).</summary>
    /// <exception cref="ArgumentException">When a free symbol has no value.</exception>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Symbol, double> at)
    {
        var free = Structure.FreeSymbols(e).ToArray();
        var missing = free.Where(s => !at.ContainsKey(s)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"No value for {string.Join(", ", missing)}.", nameof(at));
        var f = Compile.ToDelegate(e, free);
        return f(free.Select(s => at[s]).ToArray());
    }
}
