using System.Text;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// Plain-text infix form that <c>InfixParser</c> reads back exactly. Grammar: <c>+ - * / ^</c> with the usual
/// precedence (<c>^</c> binds tightest and is right-associative; unary minus binds like multiplication), function
/// calls <c>exp(x)</c>, rationals <c>3/4</c>, symbols <c>lambda_k</c>, <c>lambda_{k+1}</c>, <c>U_{q,q,k}</c>, a
/// superscript that belongs to a symbol's name in braces <c>sigma^{2}</c> (unlike the power <c>sigma^2</c>),
/// constants <c>pi</c> and <c>inf</c>, indexed sums <c>sum(body, k, lower, upper)</c> and unevaluated derivatives
/// <c>diff(f(x), x, n)</c>.
/// </summary>
public static class Infix
{
    private const int PrecSum = 1, PrecProduct = 2, PrecPower = 3, PrecAtom = 4;

    /// <summary>The infix text of <paramref name="e"/>.</summary>
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr e, int context)
    {
        int prec = Precedence(e);
        bool paren = prec < context;
        if (paren) sb.Append('(');
        switch (e)
        {
            case Number n:
                sb.Append(n.Value.ToString());
                break;
            case Constant c:
                sb.Append(c.Which switch { ConstantKind.Pi => "pi", ConstantKind.Infinity => "inf", _ => throw new InvalidOperationException() });
                break;
            case Symbol s:
                WriteSymbol(sb, s);
                break;
            case Sum s:
                WriteSum(sb, s);
                break;
            case Product p:
                WriteProduct(sb, p);
                break;
            case Apply a:
                sb.Append(Functions.Name(a.Function)).Append('(');
                WriteList(sb, a.Args);
                sb.Append(')');
                break;
            case Call c:
                WriteSymbol(sb, c.Head);
                sb.Append('(');
                WriteList(sb, c.Args);
                sb.Append(')');
                break;
            case Derivative d:
                sb.Append("diff(");
                Write(sb, d.Operand, 0);
                sb.Append(", ");
                WriteSymbol(sb, d.Wrt);
                sb.Append(", ").Append(d.Order).Append(')');
                break;
            case IndexedSum i:
                sb.Append("sum(");
                WriteList(sb, [i.Body, i.Index, i.Lower, i.Upper]);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Infix: unhandled kind {e.Kind}.");
        }
        if (paren) sb.Append(')');
    }

    private static void WriteList(StringBuilder sb, IEnumerable<Expr> items)
    {
        bool first = true;
        foreach (var x in items)
        {
            if (!first) sb.Append(", ");
            Write(sb, x, 0);
            first = false;
        }
    }

    /// <summary>Writes a symbol: name, <c>_k</c> or <c>_{...}</c>, then <c>^{...}</c>.</summary>
    internal static void WriteSymbol(StringBuilder sb, Symbol s)
    {
        sb.Append(s.Name);
        if (!s.Subscripts.IsEmpty)
        {
            sb.Append('_');
            if (s.Subscripts.Length == 1 && s.Subscripts[0] is Symbol { Subscripts.IsEmpty: true, Superscript: null } plain)
                sb.Append(plain.Name);
            else if (s.Subscripts.Length == 1 && s.Subscripts[0] is Number { IsInteger: true } n && n.Value.Sign >= 0)
                sb.Append(n.Value.ToString());
            else
            {
                sb.Append('{');
                WriteList(sb, s.Subscripts);
                sb.Append('}');
            }
        }
        if (s.Superscript is not null)
        {
            sb.Append("^{");
            Write(sb, s.Superscript, 0);
            sb.Append('}');
        }
    }

    private static void WriteSum(StringBuilder sb, Sum s)
    {
        bool first = true;
        if (!s.Constant.IsZero)
        {
            sb.Append(s.Constant.ToString());
            first = false;
        }
        foreach (var (t, c) in s.OrderedTerms)
        {
            var term = Product.Scale(t, c);
            bool negative = c.Sign < 0;
            if (first)
            {
                Write(sb, term, PrecSum + 1);
                first = false;
                continue;
            }
            sb.Append(negative ? " - " : " + ");
            Write(sb, negative ? Product.Scale(t, -c) : term, PrecSum + 1);
        }
    }

    private static void WriteProduct(StringBuilder sb, Product p)
    {
        if (p.IsPower)
        {
            var (b, e) = p.Factors.First();
            if (e is Number { Value: var r } && r.Sign < 0)
            {
                // x^(-n) prints as 1/x^n
                sb.Append("1/");
                Write(sb, Power.Of(b, Number.Of(-r)), PrecPower);
                return;
            }
            Write(sb, b, PrecPower + 1);
            sb.Append('^');
            Write(sb, e, PrecPower);
            return;
        }
        var num = new List<Expr>();
        var den = new List<Expr>();
        foreach (var (b, e) in p.OrderedFactors)
        {
            if (e is Number { Value: var r } && r.Sign < 0) den.Add(Power.Of(b, Number.Of(-r)));
            else num.Add(Power.Of(b, e));
        }
        var coef = p.Coefficient;
        if (coef.Sign < 0) { sb.Append('-'); coef = -coef; }
        var numCoef = coef.Numerator;
        var denCoef = coef.Denominator;
        bool wrote = false;
        if (!numCoef.IsOne || num.Count == 0)
        {
            sb.Append(numCoef.ToString());
            wrote = true;
        }
        foreach (var f in num)
        {
            if (wrote) sb.Append('*');
            Write(sb, f, PrecProduct + 1);
            wrote = true;
        }
        if (denCoef.IsOne && den.Count == 0) return;
        sb.Append('/');
        int denCount = den.Count + (denCoef.IsOne ? 0 : 1);
        if (denCount > 1) sb.Append('(');
        bool firstDen = true;
        if (!denCoef.IsOne) { sb.Append(denCoef.ToString()); firstDen = false; }
        foreach (var f in den)
        {
            if (!firstDen) sb.Append('*');
            Write(sb, f, denCount > 1 ? PrecProduct + 1 : PrecPower);
            firstDen = false;
        }
        if (denCount > 1) sb.Append(')');
    }

    private static int Precedence(Expr e) => e switch
    {
        Number n => n.Value.Sign < 0 || !n.Value.IsInteger ? PrecProduct : PrecAtom,
        Sum => PrecSum,
        Product p when p.IsPower && p.Factors.First().Value is not Number { Value.Sign: < 0 } => PrecPower,
        Product => PrecProduct,
        _ => PrecAtom,
    };
}
