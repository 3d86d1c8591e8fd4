using System.Text;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Symbolic.Printing.Layout;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// Plain-text infix form that <see cref="InfixParser"/> reads back exactly, written from the linear
/// <see cref="Layout"/>. Grammar: <c>+ - * / ^</c> with the usual precedence (<c>^</c> binds tightest and is
/// right-associative; unary minus binds like multiplication, so <c>-x^2</c> is −(x²)), function calls <c>exp(x)</c>,
/// rationals <c>3/4</c>, symbols <c>lambda_k</c>, <c>lambda_0</c>, <c>lambda_{k + 1}</c>, <c>U_{q, q, k}</c>, a
/// superscript that belongs to a symbol's name in braces directly after it <c>sigma^{2}</c> (unlike the power
/// <c>sigma^2</c>), undefined functions <c>f(x)</c>, <c>sigma^{2}(x)</c>, constants <c>pi</c> and <c>inf</c>, indexed
/// sums <c>sum(body, k, lower, upper)</c> and unevaluated derivatives <c>diff(f(x), x, n)</c>. Terms of a sum are in
/// canonical order with the numeric constant last (<c>x + 1</c>); a rational coefficient is a denominator (<c>x/2</c>).
/// </summary>
public static class Infix
{
    /// <summary>The infix text of <paramref name="e"/>, terms in canonical order.</summary>
    public static string Print(Expr e) => Print(e, TermOrder.Canonical);

    /// <summary>The infix text of <paramref name="e"/> with the terms of sums in <paramref name="order"/>.</summary>
    public static string Print(Expr e, TermOrder order)
    {
        var layout = Layout.Of(e, PrintOptions.Infix with { TermOrder = order });
        var sb = new StringBuilder();
        Write(sb, layout);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Layout l)
    {
        switch (l)
        {
            case Numeral n:
                sb.Append(n.Digits);
                break;
            case Identifier id:
                WriteIdentifier(sb, id);
                break;
            case NamedConstant c:
                sb.Append(c.Which switch
                {
                    ConstantKind.Pi => "pi",
                    ConstantKind.Infinity => "inf",
                    _ => throw new ArgumentOutOfRangeException(nameof(l), c.Which, "unknown constant"),
                });
                break;
            case Word w:
                sb.Append(w.Text);
                break;
            case Layout.FunctionName f:
                sb.Append(Functions.Name(f.Function));
                break;
            case Terms t:
                for (int i = 0; i < t.Items.Length; i++)
                {
                    var (negative, magnitude) = t.Items[i];
                    sb.Append(i == 0 ? (negative ? "-" : "") : (negative ? " - " : " + "));
                    Write(sb, magnitude);
                }
                break;
            case Negation n:
                sb.Append('-');
                Write(sb, n.Operand);
                break;
            case Layout.Product p:
                for (int i = 0; i < p.Factors.Length; i++)
                {
                    if (i > 0) sb.Append('*');
                    Write(sb, p.Factors[i]);
                }
                break;
            case Fraction f:
                Write(sb, f.Numerator);
                sb.Append('/');
                Write(sb, f.Denominator);
                break;
            case Layout.Power p:
                Write(sb, p.Base);
                sb.Append('^');
                Write(sb, p.Exponent);
                break;
            case Parenthesized p:
                sb.Append('(');
                Write(sb, p.Inner);
                sb.Append(')');
                break;
            case FunctionCall c:
                Write(sb, c.Head);
                sb.Append('(');
                WriteList(sb, c.Args);
                sb.Append(')');
                break;
            case Root or AbsoluteValue or BigSum or PartialDerivative:
                throw new InvalidOperationException($"Infix: {l.GetType().Name} belongs to typeset layouts; the linear layout writes it as a power or a call.");
            default:
                throw new InvalidOperationException($"Infix: unhandled layout {l.GetType().Name}.");
        }
    }

    private static void WriteList(StringBuilder sb, IEnumerable<Layout> items)
    {
        bool first = true;
        foreach (var x in items)
        {
            if (!first) sb.Append(", ");
            Write(sb, x);
            first = false;
        }
    }

    // A lone name or digit string needs no braces after '_': lambda_k, lambda_0, K_xx.
    private static void WriteIdentifier(StringBuilder sb, Identifier id)
    {
        sb.Append(id.Name);
        if (!id.Subscripts.IsEmpty)
        {
            sb.Append('_');
            if (id.Subscripts is [Identifier { Subscripts.IsEmpty: true, Superscript: null } plain]) sb.Append(plain.Name);
            else if (id.Subscripts is [Numeral n]) sb.Append(n.Digits);
            else
            {
                sb.Append('{');
                WriteList(sb, id.Subscripts);
                sb.Append('}');
            }
        }
        if (id.Superscript is not null)
        {
            sb.Append("^{");
            Write(sb, id.Superscript);
            sb.Append('}');
        }
    }
}
