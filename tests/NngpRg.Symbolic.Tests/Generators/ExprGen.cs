using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Tests.Generators;

/// <summary>
/// FsCheck generators of canonical expressions, built only through the canonical builders. Expressions use the
/// symbols x, y, z (and an indexed λ_k), small rationals, sums, products, small integer and half-integer powers
/// of positive bases, and smooth functions, so that they evaluate to finite values at the points from
/// <see cref="Points"/>. Shrinking replaces a node by one of its children.
/// </summary>
public static class ExprGen
{
    /// <summary>The variables.</summary>
    public static readonly Symbol X = Ex.Sym("x"), Y = Ex.Sym("y"), Z = Ex.Sym("z");
    /// <summary>An indexed symbol, to exercise subscripts.</summary>
    public static readonly Symbol LambdaK = Ex.Sym("lambda", Ex.Sym("k"));
    /// <summary>All symbols that generated expressions may contain.</summary>
    public static readonly Symbol[] Vars = [X, Y, Z, LambdaK];

    /// <summary>Small rationals, mostly integers.</summary>
    public static Gen<Rational> SmallRational =>
        Gen.Frequency(
            (4, Gen.Choose(-5, 5).Select(n => (Rational)n)),
            (1, Gen.Choose(-9, 9).SelectMany(p => Gen.Choose(1, 6).Select(q => new Rational(p, q)))));

    /// <summary>Expressions of bounded depth whose rational normal forms have bounded degree (see <see cref="MaxDegree"/>).</summary>
    public static Gen<Expr> Expressions => Gen.Sized(size => Sized(Math.Min(size / 8 + 1, 4))).Where(e => NormalFormDegree(e) <= MaxDegree);

    /// <summary>
    /// The largest total degree a generated expression may reach when multiplied out: degree 24 in four variables is up to
    /// C(28, 4) = 20475 terms. Nested powers can reach degree 48 and 2.7·10⁵ terms, past the normal form's work limit, which
    /// refuses them by design (tested in NormalFormRegressionTests); the properties are about what the normal form returns.
    /// </summary>
    public const int MaxDegree = 24;

    /// <summary>
    /// An upper bound on the total degree of the numerator and of the denominator of <paramref name="e"/>'s rational
    /// normal form over its atoms, and of every function argument's own normal form.
    /// </summary>
    public static int NormalFormDegree(Expr e)
    {
        var (n, d) = Degrees(e);
        return (int)Math.Min(int.MaxValue, Math.Max(Math.Max(n, d), Inside(e)));
    }

    // the largest degree inside the atoms of e (function arguments, symbolic exponents)
    private static long Inside(Expr e) => e switch
    {
        Number or Constant or Symbol => 0,
        Sum s => s.Terms.Keys.Select(Inside).DefaultIfEmpty(0).Max(),
        Product p => p.Factors.Select(f => Math.Max(Inside(f.Key), f.Value is Number ? 0 : NormalFormDegree(f.Value))).DefaultIfEmpty(0).Max(),
        _ => e.Children.Select(c => (long)NormalFormDegree(c)).DefaultIfEmpty(0).Max(),
    };

    // (numerator, denominator) degree bounds: a sum over a common denominator, a negative power swaps the two
    private static (long N, long D) Degrees(Expr e)
    {
        switch (e)
        {
            case Number or Constant:
                return (0, 0);
            case Sum s:
                {
                    var parts = s.Terms.Keys.Select(Degrees).ToList();
                    long d = parts.Sum(t => t.D);
                    return (parts.Select(t => t.N + d - t.D).DefaultIfEmpty(0).Max(), d);
                }
            case Product p:
                {
                    long n = 0, d = 0;
                    foreach (var (b, x) in p.Factors)
                    {
                        var (bn, bd) = Degrees(b);
                        if (x is Number { Value: var k })
                        {
                            long m = (long)Math.Min(1000, Math.Ceiling(Math.Abs(k.ToDouble())));
                            // a radical of a polynomial is an atom of its own (degree at most the rounded-up power of the larger part)
                            if (!k.IsInteger) (bn, bd) = (Math.Max(1, Math.Max(bn, bd)), 0);
                            if (k.Sign >= 0) { n += m * bn; d += m * bd; }
                            else { n += m * bd; d += m * bn; }
                        }
                        else n += 1;
                    }
                    return (n, d);
                }
            default:
                return (1, 0);
        }
    }

    private static Gen<Expr> Leaf =>
        Gen.Frequency(
            (2, SmallRational.Select(r => (Expr)Number.Of(r))),
            (5, Gen.Elements(Vars).Select(s => (Expr)s)));

    private static Gen<Expr> Sized(int depth)
    {
        if (depth <= 0) return Leaf;
        var sub = Sized(depth - 1);
        return Gen.Frequency(
            (3, Leaf),
            (3, Gen.ListOf(sub).Select(xs => Sum.Of(xs.Take(4)))),
            (3, Gen.ListOf(sub).Select(xs => Product.Of(xs.Take(3)))),
            (2, sub.SelectMany(b => Gen.Choose(0, 3).Select(n => Power.Of(b, n)))),
            // negative powers only of bases bounded away from zero
            (1, sub.SelectMany(b => Gen.Choose(1, 2).Select(n => Power.Of(Sum.Of(Product.Of(b, b), Number.Half), -n)))),
            // half-integer powers of a positive base keep values real
            (1, sub.SelectMany(b => Gen.Elements(1, 3, -1).Select(p => Power.Of(Sum.Of(Product.Of(b, b), 1), new Rational(p, 2))))),
            (2, sub.SelectMany(a => Gen.Elements(Function.Sin, Function.Cos, Function.Exp, Function.Arctan, Function.Erf).Select(f => Apply.Of(f, Product.Of(a, Number.Half))))),
            (1, sub.Select(a => Apply.Of(Function.Log, Sum.Of(Product.Of(a, a), 1)))));
    }

    /// <summary>Shrinks an expression to its children.</summary>
    public static IEnumerable<Expr> Shrink(Expr e) => e.Children.Where(c => c is not Number || e is not Number);

    /// <summary>The arbitrary instance used by properties.</summary>
    public static Arbitrary<Expr> Arbitrary => Arb.From(Expressions, Shrink);

    /// <summary>Random evaluation points: each variable in [−1.5, 1.5] away from 0.</summary>
    public static IReadOnlyDictionary<Symbol, double> Points(int seed)
    {
        var rng = new Random(seed);
        return Vars.ToDictionary(v => v, _ => (rng.NextDouble() * 1.3 + 0.2) * (rng.Next(2) == 0 ? -1 : 1));
    }

    /// <summary>Relative closeness with an absolute floor; both non-finite counts as equal when both are the same kind.</summary>
    public static bool Close(double a, double b, double rel = 1e-9, double abs = 1e-9)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b);
        if (double.IsInfinity(a) || double.IsInfinity(b)) return a == b;
        return Math.Abs(a - b) <= abs + rel * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    /// <summary>Evaluates, returning NaN instead of throwing on a pole.</summary>
    public static double Value(Expr e, IReadOnlyDictionary<Symbol, double> at)
    {
        try { return Evaluate.At(e, at); }
        catch (DivideByZeroException) { return double.NaN; }
    }
}
