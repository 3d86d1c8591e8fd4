using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Symbolic.Printing.Layout;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// Builds the <see cref="Layout"/> of an expression. Decisions, in one place for both printers:
/// a negative coefficient becomes a subtraction or a unary minus; factors with a negative exponent (a negative
/// number or a product with a negative coefficient) and the denominator of the rational coefficient form the
/// denominator of one fraction (x/2, not ½·x); sums list their terms in <see cref="PrintOptions.TermOrder"/> with
/// the numeric constant last; parentheses are added exactly where the precedence of the notation requires them.
/// </summary>
internal sealed class LayoutBuilder(PrintOptions options)
{
    // Binding strength of what a layout draws: a child is parenthesized when it binds more loosely than its slot needs.
    private const int PrecSum = 1, PrecPrefix = 2, PrecProduct = 3, PrecPower = 4, PrecAtom = 5;

    private bool Linear => options.Notation == Notation.Linear;

    public Layout Build(Expr e) => e switch
    {
        Number n => OfRational(n.Value),
        Constant c => new NamedConstant(c.Which),
        Symbol s => OfSymbol(s),
        Sum s => OfSum(s),
        Expressions.Product p => OfProduct(p.Coefficient, p.OrderedFactors.ToArray()),
        Apply a => OfApply(a),
        Call c => new FunctionCall(OfSymbol(c.Head), [.. c.Args.Select(Build)]),
        Derivative d => OfDerivative(d),
        IndexedSum i => Linear
            ? new FunctionCall(new Word("sum"), [Build(i.Body), OfSymbol(i.Index), Build(i.Lower), Build(i.Upper)])
            : new BigSum(OfSymbol(i.Index), Build(i.Lower), Build(i.Upper), Wrap(Build(i.Body), PrecProduct)),
        _ => throw new InvalidOperationException($"Layout: unhandled kind {e.Kind}."),
    };

    private Identifier OfSymbol(Symbol s) =>
        new(s.Name, [.. s.Subscripts.Select(Build)], s.Superscript is null ? null : Build(s.Superscript));

    private Layout OfRational(Rational r)
    {
        var magnitude = OfMagnitude(r.Abs());
        return r.Sign < 0 ? new Negation(Wrap(magnitude, PrecProduct)) : magnitude;
    }

    private Layout OfMagnitude(Rational r) =>
        r.IsInteger
            ? Numeral(r.Numerator)
            : new Fraction(Numeral(r.Numerator), Numeral(r.Denominator));

    private static Numeral Numeral(System.Numerics.BigInteger n) => new(n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private Layout OfSum(Sum s)
    {
        var terms = TermOrdering.Order(s, options.TermOrder);
        var items = ImmutableArray.CreateBuilder<Term>(terms.Count + 1);
        foreach (var (t, c) in terms)
            items.Add(new Term(c.Sign < 0, OfProduct(c.Abs(), FactorsOf(t))));
        if (!s.Constant.IsZero) items.Add(new Term(s.Constant.Sign < 0, OfMagnitude(s.Constant.Abs())));
        // Σ and a unary minus extend to the right: only the last term may be one without parentheses.
        for (int i = 0; i < items.Count - 1; i++)
            items[i] = items[i] with { Magnitude = Wrap(items[i].Magnitude, PrecProduct) };
        return new Terms(items.ToImmutable());
    }

    private static KeyValuePair<Expr, Expr>[] FactorsOf(Expr term) =>
        term is Expressions.Product p ? p.OrderedFactors.ToArray() : [new(term, Number.One)];

    /// <summary>c·Π bᵢ^eᵢ as a signed fraction: numerator and denominator collect the factors by the sign of their exponent.</summary>
    private Layout OfProduct(Rational coefficient, KeyValuePair<Expr, Expr>[] factors)
    {
        var magnitude = coefficient.Abs();
        var numerator = new List<Layout>();
        var denominator = new List<Layout>();
        if (!magnitude.Numerator.IsOne) numerator.Add(Numeral(magnitude.Numerator));
        if (!magnitude.Denominator.IsOne) denominator.Add(Numeral(magnitude.Denominator));
        bool sumOverNumber = false;
        foreach (var (b, e) in factors)
        {
            if (IsNegative(e))
            {
                denominator.Add(OfPower(b, Expressions.Product.Of(Number.MinusOne, e)));
                sumOverNumber = b is Sum && e is Number { Value: var r } && r == Rational.MinusOne;
            }
            else numerator.Add(OfPower(b, e));
        }
        var top = numerator.Count == 0 ? new Numeral("1") : Juxtapose(numerator);
        Layout result;
        if (denominator.Count == 0) result = top;
        else if (Linear && denominator.Count == 2 && !magnitude.Denominator.IsOne && sumOverNumber)
            // x/(2*(y + 1)) would read back as x/(2*y + 2): a number times a sum distributes, so divide twice
            result = new Fraction(new Fraction(Wrap(top, PrecProduct), denominator[0]), Wrap(denominator[1], PrecPower));
        else result = new Fraction(LinearWrap(top, PrecProduct), LinearWrap(Juxtapose(denominator), PrecPower));
        return coefficient.Sign < 0 ? new Negation(Wrap(result, PrecProduct)) : result;
    }

    private static bool IsNegative(Expr exponent) => exponent switch
    {
        Number n => n.Value.Sign < 0,
        Expressions.Product p => p.Coefficient.Sign < 0,
        _ => false,
    };

    private Layout Juxtapose(List<Layout> factors) =>
        factors.Count == 1 ? factors[0] : new Layout.Product([.. factors.Select(f => Wrap(f, PrecProduct))]);

    private Layout OfPower(Expr b, Expr e)
    {
        if (e is Number { Value.IsOne: true }) return Build(b);
        if (!Linear && e is Number { Value: var r } && r.Numerator.IsOne && r.Denominator <= int.MaxValue)
            return new Root(Build(b), (int)r.Denominator);
        return new Layout.Power(BaseWrap(Build(b)), LinearWrap(Build(e), PrecPower));
    }

    private Layout OfApply(Apply a)
    {
        if (!Linear && a.Function == Function.Abs) return new AbsoluteValue(Build(a.Args[0]));
        if (!Linear && options.ExpAsPower && a.Function == Function.Exp) return new Layout.Power(new Word("e"), Build(a.Args[0]));
        return new FunctionCall(new FunctionName(a.Function), [.. a.Args.Select(Build)]);
    }

    private Layout OfDerivative(Derivative d)
    {
        if (Linear)
            return new FunctionCall(new Word("diff"), [Build(d.Operand), OfSymbol(d.Wrt), Numeral(d.Order)]);
        // ∂³f/∂y²∂x for the derivative in y of the derivative in x: the outermost variable first
        var variables = ImmutableArray.CreateBuilder<Layout>();
        int order = 0;
        Expr current = d;
        while (current is Derivative step)
        {
            var v = OfSymbol(step.Wrt);
            variables.Add(step.Order == 1 ? v : new Layout.Power(BaseWrap(v), Numeral(step.Order)));
            order += step.Order;
            current = step.Operand;
        }
        return new PartialDerivative(Build(current), order, variables.ToImmutable());
    }

    private int Precedence(Layout l) => l switch
    {
        Terms => PrecSum,
        Negation or BigSum => PrecPrefix,
        Layout.Product => PrecProduct,
        Fraction => Linear ? PrecProduct : PrecAtom,
        Layout.Power or Identifier { Superscript: not null } => PrecPower,
        _ => PrecAtom,
    };

    private Layout Wrap(Layout l, int needed) => Precedence(l) < needed ? new Parenthesized(l) : l;

    // In typeset notation fractions and exponents are boxes of their own and need no parentheses.
    private Layout LinearWrap(Layout l, int needed) => Linear ? Wrap(l, needed) : l;

    // A base is drawn bare only when it is a single atom: σ² and ½ as bases get parentheses, (σ²)², (½)^k.
    private Layout BaseWrap(Layout l) =>
        Precedence(l) < PrecAtom || l is Fraction or Root or PartialDerivative ? new Parenthesized(l) : l;
}
