using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Tests.Generators;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Calculus;

/// <summary>Numeric twins for calculus tests: finite differences and an expression generator covering every built-in function.</summary>
public static class Numeric
{
    /// <summary>
    /// ExprGen expressions, sometimes wrapped in the functions ExprGen leaves out (abs, tan, arcsin, arccos,
    /// atan2, Γ, powers with symbolic exponents), with arguments kept inside their real domains.
    /// </summary>
    public static Gen<Expr> Expressions
    {
        get
        {
            var sub = ExprGen.Expressions;
            var half = Num(1, 2);
            return Gen.Frequency(
                (5, sub),
                (1, sub.Select(a => Abs(a))),
                (1, sub.Select(a => Tan(a / (Pow(a, 2) + 1)))), // |a/(a²+1)| ≤ ½: away from the poles
                (1, sub.Select(a => Arcsin(a / (Pow(a, 2) + 1)))),
                (1, sub.Select(a => Arccos(a / (Pow(a, 2) + 1)))),
                (1, sub.SelectMany(a => sub.Select(b => Atan2(a, Pow(b, 2) + half)))),
                (1, sub.Select(a => Gamma(half + 3 * Pow(a, 2) / (Pow(a, 2) + 1)))), // argument in [½, 3½)
                (1, sub.SelectMany(a => sub.Select(b => Pow(Pow(a, 2) + 1, b / 4)))),
                (1, sub.SelectMany(a => sub.Select(b => a * Sin(b)))));
        }
    }

    /// <summary>The arbitrary instance of <see cref="Expressions"/> with ExprGen's shrinker.</summary>
    public static Arbitrary<Expr> Arbitrary => Arb.From(Expressions, ExprGen.Shrink);

    /// <summary>e evaluated at <paramref name="at"/> with <paramref name="x"/> moved to <paramref name="value"/>.</summary>
    public static double ValueWith(Expr e, IReadOnlyDictionary<Symbol, double> at, Symbol x, double value)
    {
        var moved = new Dictionary<Symbol, double>(at) { [x] = value };
        return ExprGen.Value(e, moved);
    }

    /// <summary>The outcome of comparing a symbolic derivative against finite differences at one point.</summary>
    public enum Check { Agrees, Disagrees, Skipped }

    /// <summary>
    /// Compares <paramref name="derivative"/> with the Richardson-extrapolated central difference
    /// R = (4·D(h/4) − D(h/2))/3 of <paramref name="f"/> in <paramref name="x"/>, whose truncation error is O(h⁴), with
    /// h = 10⁻³·max(1, |x|). The point is skipped (not trusted) when a value is not finite, when D(h) and D(h/2)
    /// differ by more than 10⁻³ relative (a kink or a pole within h, |x| near 0, say), or when R and the coarser
    /// (4·D(h/2) − D(h))/3 differ by more than 10⁻⁴ relative. Agreement: |R − d| ≤ 10⁻⁶·(1 + |d| + |f|) + 4·ε with ε
    /// that difference, the estimate of the reference's own error.
    /// </summary>
    public static Check AgainstFiniteDifference(Func<double, double> f, double derivative, double x)
    {
        double h = 1e-3 * Math.Max(1, Math.Abs(x));
        double fx = f(x);
        double D(double s) => (f(x + s) - f(x - s)) / (2 * s);
        double d1 = D(h), d2 = D(h / 2), d3 = D(h / 4);
        if (!double.IsFinite(fx) || !double.IsFinite(d1) || !double.IsFinite(d2) || !double.IsFinite(d3) || !double.IsFinite(derivative)) return Check.Skipped;
        if (Math.Abs(d1 - d2) > 1e-3 * (1 + Math.Abs(d2))) return Check.Skipped;
        // two Richardson values: their difference bounds the reference's own truncation error, which a fast-varying
        // function (gamma of a cosine of a power) makes larger than the tolerance at h = 10⁻³
        double coarse = (4 * d2 - d1) / 3, fine = (4 * d3 - d2) / 3, error = Math.Abs(fine - coarse);
        if (error > 1e-4 * (1 + Math.Abs(fine))) return Check.Skipped;
        return Math.Abs(fine - derivative) <= 1e-6 * (1 + Math.Abs(derivative) + Math.Abs(fx)) + 4 * error ? Check.Agrees : Check.Disagrees;
    }

    /// <summary>Replaces symbols by numbers (the symbol's own node only, so λ_k is left alone when k is bound).</summary>
    public static Expr Bind(Expr e, IReadOnlyDictionary<Symbol, Rational> values) =>
        Structure.BottomUp(e, n => n is Symbol s && values.TryGetValue(s, out var v) ? Number.Of(v) : n);
}
