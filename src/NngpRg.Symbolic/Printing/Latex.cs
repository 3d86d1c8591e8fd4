using System.Collections.Frozen;
using System.Text;
using NngpRg.Symbolic.Expressions;
using static NngpRg.Symbolic.Printing.Layout;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// LaTeX (amsmath) of an expression, written from its typeset <see cref="Layout"/>: braces around every group
/// (<c>x^{2}</c>, <c>\lambda_{k}</c>, <c>\frac{a}{b}</c>), Greek letter names as commands, other names of several
/// letters as <c>\mathrm{name}</c>, <c>\left( \right)</c> only where precedence needs them and around function
/// arguments, <c>\sqrt{x}</c> and <c>\sqrt[n]{x}</c>, <c>\sum_{k=a}^{b}</c>, partial derivatives as fractions of ∂.
/// A rational coefficient goes to the denominator: ½·x is <c>\frac{x}{2}</c>, not <c>\frac{1}{2} x</c>.
/// The output is a pure function of the expression and the options; nothing external (no TeX installation) is used.
/// </summary>
public static class Latex
{
    /// <summary>The LaTeX of <paramref name="e"/>.</summary>
    public static string Print(Expr e, LatexOptions? o = null)
    {
        o ??= LatexOptions.Default;
        var layout = Layout.Of(e, new PrintOptions { Notation = Notation.Typeset, TermOrder = o.TermOrder, ExpAsPower = o.ExpAsPower });
        var sb = new StringBuilder();
        Write(sb, layout, o);
        return sb.ToString();
    }

    private static readonly FrozenSet<string> GreekCommands = new[]
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
        "kappa", "varkappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau",
        "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The LaTeX of a symbol's base name: <c>\lambda</c>, <c>x</c>, <c>\mathrm{name}</c>.</summary>
    public static string Name(string name) =>
        GreekCommands.Contains(name) ? "\\" + name
        : name == "omicron" ? "o"
        : name.Length == 1 ? name
        : $"\\mathrm{{{name}}}";

    /// <summary>The LaTeX of a built-in function's name.</summary>
    public static string FunctionName(Function f) => f switch
    {
        Function.Exp => "\\exp",
        Function.Log => "\\log",
        Function.Sin => "\\sin",
        Function.Cos => "\\cos",
        Function.Tan => "\\tan",
        Function.Arcsin => "\\arcsin",
        Function.Arccos => "\\arccos",
        Function.Arctan => "\\arctan",
        Function.Atan2 => "\\operatorname{atan2}",
        Function.Erf => "\\operatorname{erf}",
        Function.Abs => "\\operatorname{abs}",
        Function.Gamma => "\\Gamma",
        Function.Clamp => "\\operatorname{clamp}",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown function"),
    };

    private static void Write(StringBuilder sb, Layout l, LatexOptions o)
    {
        switch (l)
        {
            case Numeral n:
                sb.Append(n.Digits);
                break;
            case Identifier id:
                sb.Append(Name(id.Name));
                if (!id.Subscripts.IsEmpty)
                {
                    sb.Append("_{");
                    WriteList(sb, id.Subscripts, ",", o);
                    sb.Append('}');
                }
                if (id.Superscript is not null)
                {
                    sb.Append("^{");
                    Write(sb, id.Superscript, o);
                    sb.Append('}');
                }
                break;
            case NamedConstant c:
                sb.Append(c.Which switch
                {
                    ConstantKind.Pi => "\\pi",
                    ConstantKind.Infinity => "\\infty",
                    _ => throw new ArgumentOutOfRangeException(nameof(l), c.Which, "unknown constant"),
                });
                break;
            case Word w:
                sb.Append(w.Text);
                break;
            case Layout.FunctionName f:
                sb.Append(FunctionName(f.Function));
                break;
            case Terms t:
                for (int i = 0; i < t.Items.Length; i++)
                {
                    var (negative, magnitude) = t.Items[i];
                    sb.Append(i == 0 ? (negative ? "-" : "") : (negative ? " - " : " + "));
                    Write(sb, magnitude, o);
                }
                break;
            case Negation n:
                sb.Append('-');
                Write(sb, n.Operand, o);
                break;
            case Layout.Product p:
                for (int i = 0; i < p.Factors.Length; i++)
                {
                    if (i > 0) sb.Append(Separator(p.Factors[i], o.Multiplication));
                    Write(sb, p.Factors[i], o);
                }
                break;
            case Fraction f:
                sb.Append("\\frac{");
                Write(sb, f.Numerator, o);
                sb.Append("}{");
                Write(sb, f.Denominator, o);
                sb.Append('}');
                break;
            case Layout.Power p:
                Write(sb, p.Base, o);
                sb.Append("^{");
                Write(sb, p.Exponent, o);
                sb.Append('}');
                break;
            case Root r:
                sb.Append(r.Index == 2 ? "\\sqrt{" : $"\\sqrt[{r.Index}]{{");
                Write(sb, r.Radicand, o);
                sb.Append('}');
                break;
            case Parenthesized p:
                sb.Append("\\left(");
                Write(sb, p.Inner, o);
                sb.Append("\\right)");
                break;
            case FunctionCall c:
                Write(sb, c.Head, o);
                sb.Append("\\left(");
                WriteList(sb, c.Args, ", ", o);
                sb.Append("\\right)");
                break;
            case AbsoluteValue a:
                sb.Append("\\left| ");
                Write(sb, a.Operand, o);
                sb.Append(" \\right|");
                break;
            case BigSum s:
                sb.Append("\\sum_{");
                Write(sb, s.Index, o);
                sb.Append('=');
                Write(sb, s.Lower, o);
                sb.Append("}^{");
                Write(sb, s.Upper, o);
                sb.Append("} ");
                Write(sb, s.Body, o);
                break;
            case PartialDerivative d:
                sb.Append(d.Order == 1 ? "\\frac{\\partial " : $"\\frac{{\\partial^{{{d.Order}}} ");
                Write(sb, d.Function, o);
                sb.Append("}{");
                for (int i = 0; i < d.Variables.Length; i++)
                {
                    sb.Append(i == 0 ? "\\partial " : " \\partial ");
                    Write(sb, d.Variables[i], o);
                }
                sb.Append('}');
                break;
            default:
                throw new InvalidOperationException($"Latex: unhandled layout {l.GetType().Name}.");
        }
    }

    private static void WriteList(StringBuilder sb, IEnumerable<Layout> items, string separator, LatexOptions o)
    {
        bool first = true;
        foreach (var x in items)
        {
            if (!first) sb.Append(separator);
            Write(sb, x, o);
            first = false;
        }
    }

    // Juxtaposed digits would read as one number (2 3^{k}, x 2^{k}): a digit-led factor always gets a \cdot.
    private static string Separator(Layout next, MultiplicationSign sign) => sign switch
    {
        MultiplicationSign.Cdot => " \\cdot ",
        MultiplicationSign.Times => " \\times ",
        _ => StartsWithDigit(next) ? " \\cdot " : " ",
    };

    private static bool StartsWithDigit(Layout l) => l switch
    {
        Numeral => true,
        Layout.Power p => StartsWithDigit(p.Base),
        Layout.Product p => StartsWithDigit(p.Factors[0]),
        _ => false,
    };
}
