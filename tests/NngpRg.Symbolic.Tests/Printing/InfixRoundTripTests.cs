using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Printing;

[Properties(Arbitrary = [typeof(ExprArbitraries)])]
public class InfixRoundTripTests
{
    private static bool RoundTrips(Expr e, TermOrder order = TermOrder.Canonical)
    {
        var text = Infix.Print(e, order);
        if (!InfixParser.TryParse(text, out var back, out var error))
            throw new Xunit.Sdk.XunitException($"'{text}' does not parse: {error.Message}");
        if (!back.Equals(e))
            throw new Xunit.Sdk.XunitException($"'{text}' reads back as '{back}'");
        return true;
    }

    [Property]
    public bool Parse_of_print_is_the_identity_on_generated_expressions(Expr e) => RoundTrips(e);

    [Fact]
    public void Parse_of_print_is_the_identity_on_structured_symbols_calls_sums_and_derivatives() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(PrintingGen.Arbitrary, e => RoundTrips(e)));

    [Fact]
    public void Parse_of_print_in_degree_order_is_the_identity() =>
        Prop.ForAll(PrintingGen.Arbitrary, e => RoundTrips(e, TermOrder.DegreeDescending)).QuickCheckThrowOnFailure();

    [Fact]
    public void ToString_is_the_infix_form() =>
        Prop.ForAll(PrintingGen.Arbitrary, e => e.ToString() == Infix.Print(e)).QuickCheckThrowOnFailure();

    [Fact]
    public void Hand_picked_forms_that_need_the_whole_product_in_one_builder_round_trip()
    {
        var a = Sym("a"); var b = Sym("b"); var c = Sym("c"); var x = Sym("x");
        Expr[] cases =
        [
            -(a + b) * c, 2 * (a + b) * c, (a + b) / c, -(a + b) / (2 * c), Pow(a + b, Num(-1, 2)) * c,
            Pow(-2, Num(1, 2)) * x, Pow(Num(1, 2), Num(1, 2)), Sqrt((Expr)2) * x / 2, Pow(-x, Num(1, 2)), Pow(x, -Sym("y")),
            Pow(Pow(x, 2), Num(1, 2)), Pow(SymSup("sigma", 2), 2), Pow(Sym("lambda", Sym("k")), 3), Pow(2, Sym("k")), Pow(-1, Sym("k")),
            Pow(0, Sym("k")), Exp(-Pow(x, 2) / 2), Num(-3, 4), Sum.Of(x, Num(-3, 4)), Pow(x, Pow(x, x)),
            // a number times a lone sum in a denominator: 2*(a + b) alone would distribute when read back
            Mul(Num(1, 2), x, Pow(a + b, -1)), Mul(Num(-3, 2), Pow(a + b, -1)), Mul(Num(1, 2), Pow(a + b, -2)),
        ];
        foreach (var e in cases) RoundTrips(e);
    }

    [Fact]
    public void The_infix_form_is_the_documented_one()
    {
        var x = Sym("x"); var y = Sym("y"); var k = Sym("k");
        Assert.Equal("x + 1", (x + 1).ToString());
        Assert.Equal("x/2", (x / 2).ToString());
        Assert.Equal("-x^2", (-Pow(x, 2)).ToString());
        Assert.Equal("-k*(x + y)", Mul(-1, x + y, k).ToString());
        Assert.Equal("x^(1/2)", Sqrt(x).ToString());
        Assert.Equal("3*x/(2*y^2)", (3 * x / (2 * Pow(y, 2))).ToString());
        Assert.Equal("lambda_{k + 1}", Sym("lambda", k + 1).ToString());
        Assert.Equal("(sigma^{2})^2", Pow(SymSup("sigma", 2), 2).ToString());
        Assert.Equal("sum(lambda_k, k, kappa + 1, inf)", SumOver(Sym("lambda", k), k, Sym("kappa") + 1, Infinity).ToString());
        Assert.Equal("diff(f(x), x, 2)", Derivative.Of(Call(Sym("f"), x), x, 2).ToString());
        Assert.Equal("x^2 + 2*x + 1", Infix.Print(Pow(x, 2) + 2 * x + 1, TermOrder.DegreeDescending));
    }
}
