using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;
using static NngpRg.Symbolic.Printing.Layout;

namespace NngpRg.Symbolic.Tests.Printing;

[Properties(Arbitrary = [typeof(ExprArbitraries)])]
public class LayoutTests
{
    private static readonly Symbol x = Sym("x"), y = Sym("y");
    private static readonly PrintOptions Typeset = PrintOptions.Typeset;

    [Fact]
    public void A_negative_coefficient_is_a_subtraction()
    {
        var l = Assert.IsType<Terms>(Layout.Of(x - 2 * y));
        Assert.Equal(2, l.Items.Length);
        Assert.False(l.Items[0].Negative);
        Assert.True(l.Items[1].Negative);
        Assert.Equal("2*y", Infix.Print(2 * y));
        Assert.IsType<Negation>(Layout.Of(-x));
    }

    [Fact]
    public void Negative_exponents_and_rational_coefficients_form_one_denominator()
    {
        var f = Assert.IsType<Fraction>(Layout.Of(3 * x / (2 * Pow(y, 2)), Typeset));
        var num = Assert.IsType<Layout.Product>(f.Numerator);
        Assert.Equal("3", Assert.IsType<Numeral>(num.Factors[0]).Digits);
        var den = Assert.IsType<Layout.Product>(f.Denominator);
        Assert.IsType<Layout.Power>(den.Factors[1]);
        Assert.IsType<Fraction>(Layout.Of(x / 2, Typeset));
    }

    [Fact]
    public void Parentheses_follow_the_notation()
    {
        // a fraction in an exponent needs parentheses on one line, none when typeset
        var linear = Assert.IsType<Layout.Power>(Layout.Of(Pow(x, Num(3, 2))));
        Assert.IsType<Parenthesized>(linear.Exponent);
        var typeset = Assert.IsType<Layout.Power>(Layout.Of(Pow(x, Num(3, 2)), Typeset));
        Assert.IsType<Fraction>(typeset.Exponent);
        // a superscripted symbol raised to a power is parenthesized in both
        Assert.IsType<Parenthesized>(Assert.IsType<Layout.Power>(Layout.Of(Pow(SymSup("sigma", 2), 2))).Base);
        Assert.IsType<Parenthesized>(Assert.IsType<Layout.Power>(Layout.Of(Pow(SymSup("sigma", 2), 2), Typeset)).Base);
        // roots only when typeset
        Assert.IsType<Root>(Layout.Of(Sqrt(x), Typeset));
        Assert.IsType<Layout.Power>(Layout.Of(Sqrt(x)));
    }

    [Fact]
    public void Degree_descending_puts_higher_total_degree_first()
    {
        var e = 1 + x + Pow(x, 3) * y + Pow(y, 2) + Exp(x);
        Assert.Equal("x^3*y + y^2 + x + exp(x) + 1", Infix.Print(e, TermOrder.DegreeDescending));
        Assert.Equal("x + x^3*y + y^2 + exp(x) + 1", Infix.Print(e));
    }

    /// <summary>The layout denotes the expression: evaluating the tree of either notation gives the value of the expression.</summary>
    [Property]
    public void The_layout_evaluates_to_the_value_of_the_expression(Expr e)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var at = ExprGen.Points(seed);
            var expected = ExprGen.Value(e, at);
            foreach (var options in new[] { PrintOptions.Infix, Typeset, Typeset with { ExpAsPower = true, TermOrder = TermOrder.DegreeDescending } })
            {
                var actual = Value(Layout.Of(e, options), at);
                if (!ExprGen.Close(actual, expected, 1e-7, 1e-7))
                    throw new Xunit.Sdk.XunitException($"{e} with {options}: layout gives {actual}, expression {expected}");
            }
        }
    }

    [Fact]
    public void Layouts_compare_by_content()
    {
        var e = Sym("lambda", Sym("k")) * Call(Sym("f"), x, y) - Sqrt(x) / 3;
        Assert.Equal(Layout.Of(e, Typeset), Layout.Of(e, Typeset));
        Assert.Equal(Layout.Of(e, Typeset).GetHashCode(), Layout.Of(e, Typeset).GetHashCode());
        Assert.NotEqual(Layout.Of(e, Typeset), Layout.Of(e + 1, Typeset));
        Assert.NotEqual(Layout.Of(e), Layout.Of(e, Typeset));
    }

    [Fact]
    public void The_layout_evaluator_can_tell_a_wrong_sign() =>
        Assert.NotEqual(Value(Layout.Of(x - y), ExprGen.Points(1)), Value(Layout.Of(x + y), ExprGen.Points(1)));

    /// <summary>An interpreter of layouts, independent of the builder: signs, fractions and roots as drawn.</summary>
    // Arguments are bound to symbols as doubles, not converted to exact rationals: an argument that overflows (exp of a
    // large number) stays ±∞ here as it does in the interpreter.
    private static double FunctionValue(Function f, double[] args)
    {
        var names = args.Select((_, i) => Sym("arg", i)).ToArray();
        return Evaluate.At(Apply.Of(f, [.. names]), names.Zip(args).ToDictionary(p => p.First, p => p.Second));
    }

    private static double Value(Layout l, IReadOnlyDictionary<Symbol, double> at) => l switch
    {
        Numeral n => double.Parse(n.Digits, System.Globalization.CultureInfo.InvariantCulture),
        Identifier id => at[id.Subscripts.IsEmpty ? Sym(id.Name) : Sym(id.Name, Sym(((Identifier)id.Subscripts[0]).Name))],
        NamedConstant { Which: ConstantKind.Pi } => Math.PI,
        Terms t => t.Items.Sum(i => (i.Negative ? -1 : 1) * Value(i.Magnitude, at)),
        Negation n => -Value(n.Operand, at),
        Layout.Product p => p.Factors.Aggregate(1.0, (acc, f) => acc * Value(f, at)),
        Fraction f => Value(f.Numerator, at) / Value(f.Denominator, at),
        Layout.Power { Base: Word { Text: "e" } } p => Math.Exp(Value(p.Exponent, at)),
        Layout.Power p => Math.Pow(Value(p.Base, at), Value(p.Exponent, at)),
        Root r => Math.Pow(Value(r.Radicand, at), 1.0 / r.Index),
        Parenthesized p => Value(p.Inner, at),
        AbsoluteValue a => Math.Abs(Value(a.Operand, at)),
        FunctionCall { Head: Layout.FunctionName f } c => FunctionValue(f.Function, [.. c.Args.Select(a => Value(a, at))]),
        _ => throw new InvalidOperationException($"no value for {l.GetType().Name}"),
    };
}
