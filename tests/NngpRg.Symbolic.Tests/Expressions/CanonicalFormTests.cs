using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Expressions;

[Properties(Arbitrary = [typeof(ExprArbitraries)])]
public class CanonicalFormTests
{
    private static readonly Symbol x = Sym("x"), y = Sym("y"), z = Sym("z");

    [Fact]
    public void Like_terms_merge_and_numbers_fold()
    {
        Assert.Equal(2 * x, x + x);
        Assert.Equal((Expr)0, x - x);
        Assert.Equal((Expr)y, x + y - x);
        Assert.Equal(Pow(x, 3), x * x * x);
        Assert.Equal((Expr)Num(7, 6), Num(1, 2) + Num(2, 3));
        Assert.Equal(2 * y, 2 * (x + y) - 2 * x); // a numeric multiple of a sum distributes
    }

    [Fact]
    public void Radicals_are_normalized()
    {
        Assert.Equal(2 * Sqrt((Expr)2), Sqrt((Expr)8));
        Assert.Equal((Expr)4, Sqrt((Expr)8) * Sqrt((Expr)2));
        Assert.Equal((Expr)Num(27, 8), Pow(Num(4, 9), Num(-3, 2)));
        Assert.Equal(2 * Sqrt((Expr)2) * Sqrt(x), Sqrt(8 * x));
    }

    [Fact]
    public void Exponentials_combine_and_parity_is_read_off_the_sign()
    {
        Assert.Equal((Expr)1, Exp(x) * Exp(-x));
        Assert.Equal(Exp(2 * x + y), Pow(Exp(x), 2) * Exp(y));
        Assert.Equal((Expr)0, Sin(-x) + Sin(x));
        Assert.Equal(Cos(2 * x), Cos(-2 * x));
    }

    [Fact]
    public void Subscripted_and_superscripted_symbols_are_distinct_symbols()
    {
        var k = Sym("k");
        Assert.NotEqual(Sym("lambda", k), Sym("lambda", k + 1));
        Assert.Equal(Sym("lambda", k + 1), Sym("lambda", 1 + k));
        Assert.NotEqual<Expr>(SymSup("sigma", 2), Pow(Sym("sigma"), 2));
    }

    [Fact]
    public void Canonical_form_does_not_depend_on_construction_order()
    {
        Prop.ForAll(Arb.From(Gen.ListOf(ExprGen.Expressions).Select(l => l.Take(6).ToArray())), terms =>
        {
            var rng = new Random(terms.Length);
            var shuffled = terms.OrderBy(_ => rng.Next()).ToArray();
            return Sum.Of(terms).Equals(Sum.Of(shuffled))
                && Product.Of(terms).Equals(Product.Of(shuffled))
                && Sum.Of(terms).GetHashCode() == Sum.Of(shuffled).GetHashCode()
                && terms.Aggregate((Expr)0, (a, b) => a + b).Equals(Sum.Of(terms));
        }).QuickCheckThrowOnFailure();
    }

    [Property]
    public bool Rebuilding_a_canonical_expression_is_the_identity(Expr e) =>
        Structure.BottomUp(e, n => n).Equals(e) && ExprOrder.Compare(e, Structure.BottomUp(e, n => n)) == 0;

    [Property]
    public bool Total_order_is_antisymmetric_and_consistent_with_equality(Expr a, Expr b)
    {
        int ab = ExprOrder.Compare(a, b), ba = ExprOrder.Compare(b, a);
        return Math.Sign(ab) == -Math.Sign(ba) && (ab == 0) == a.Equals(b);
    }

    [Property]
    public bool Canonical_builders_preserve_value(Expr a, Expr b, PointSeed seed)
    {
        var at = ExprGen.Points(seed.Value);
        double va = ExprGen.Value(a, at), vb = ExprGen.Value(b, at);
        return ExprGen.Close(ExprGen.Value(a + b, at), va + vb, 1e-9, 1e-9 * (1 + Math.Abs(va) + Math.Abs(vb)))
            && ExprGen.Close(ExprGen.Value(a * b, at), va * vb, 1e-9, 1e-12);
    }
}
