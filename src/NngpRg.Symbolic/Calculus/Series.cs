using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Calculus;

/// <summary>Raised when an expansion or a series operation has no power-series answer; the message says which rule failed.</summary>
public sealed class SeriesException(string message) : Exception(message);

/// <summary>
/// A truncated multivariate power series Σ_α c_α ε^α + O(ε^{N+1}) in the small parameters
/// <see cref="Variables"/> = (ε₁, …, εₙ), with exact coefficients: each c_α is an <see cref="Expr"/> free of the
/// expansion variables (symbolic in the other symbols, an exact rational when numeric).
/// </summary>
/// <remarks>
/// <para>Truncation is by total degree: a series of <see cref="Order"/> N knows every monomial ε^α with
/// |α| = α₁ + … + αₙ ≤ N exactly, and O(ε^{N+1}) stands for all terms of total degree N + 1 and more (per-variable
/// orders are not used: scale the parameters so that they are of comparable size). Operations combine series in the
/// same variables and keep the smaller order; division by a series whose leading term is a monomial of degree v
/// loses v orders (see <see cref="Divide"/>). Coefficients are stored expanded (products distributed over sums).</para>
/// <para>Immutable; equality is by variables, order and coefficients.</para>
/// </remarks>
public sealed partial record Series
{
    private Series(ImmutableArray<Symbol> variables, int order, ImmutableDictionary<Monomial, Expr> terms)
    {
        Variables = variables;
        Order = order;
        Terms = terms;
    }

    /// <summary>The expansion variables ε₁, …, εₙ (the exponent vectors of <see cref="Terms"/> follow this order).</summary>
    public ImmutableArray<Symbol> Variables { get; }
    /// <summary>The truncation order N: all monomials of total degree ≤ N are exact, the rest is O(ε^{N+1}).</summary>
    public int Order { get; }
    /// <summary>Monomial → non-zero coefficient, for monomials of total degree ≤ <see cref="Order"/>.</summary>
    public ImmutableDictionary<Monomial, Expr> Terms { get; }

    /// <summary>
    /// The series with the given terms. Coefficients are expanded, zeros dropped, and terms of total degree above
    /// <paramref name="order"/> discarded.
    /// </summary>
    /// <exception cref="ArgumentException">When the variables repeat, the order is negative, an exponent vector has the
    /// wrong length, or a coefficient depends on an expansion variable.</exception>
    public static Series Of(IEnumerable<Symbol> variables, int order, IEnumerable<KeyValuePair<Monomial, Expr>> terms)
    {
        var vars = CheckVariables(variables, order);
        var b = ImmutableDictionary.CreateBuilder<Monomial, Expr>();
        foreach (var (m, c) in terms)
        {
            if (m.Exponents.Length != vars.Length)
                throw new ArgumentException($"Series: monomial {m} has {m.Exponents.Length} exponents for {vars.Length} variables.", nameof(terms));
            foreach (var v in vars)
                if (Structure.DependsOn(c, v))
                    throw new ArgumentException($"Series: the coefficient '{c}' of {m} depends on the expansion variable '{v}'.", nameof(terms));
            if (m.Degree > order) continue;
            var sum = b.TryGetValue(m, out var old) ? Sum.Of(old, c) : c;
            b[m] = sum;
        }
        return Build(vars, order, b);
    }

    private static ImmutableArray<Symbol> CheckVariables(IEnumerable<Symbol> variables, int order)
    {
        var vars = variables.ToImmutableArray();
        if (vars.IsEmpty) throw new ArgumentException("Series: at least one expansion variable is required.", nameof(variables));
        if (vars.Distinct().Count() != vars.Length) throw new ArgumentException($"Series: the expansion variables ({string.Join(", ", vars)}) repeat.", nameof(variables));
        if (order < 0) throw new ArgumentException($"Series: the truncation order must be non-negative, got {order}.", nameof(order));
        return vars;
    }

    // Expands coefficients and drops exact zeros and terms beyond the order.
    private static Series Build(ImmutableArray<Symbol> vars, int order, IEnumerable<KeyValuePair<Monomial, Expr>> raw)
    {
        var b = ImmutableDictionary.CreateBuilder<Monomial, Expr>();
        foreach (var (m, c0) in raw)
        {
            if (m.Degree > order) continue;
            var c = SeriesCoefficients.Expand(c0);
            if (c is Number { Value.IsZero: true }) continue;
            b[m] = c;
        }
        return new Series(vars, order, b.ToImmutable());
    }

    /// <summary>Equal variables (in order), equal truncation order and equal coefficients.</summary>
    public bool Equals(Series? other) =>
        other is not null && Order == other.Order && Variables.SequenceEqual(other.Variables) && Terms.Count == other.Terms.Count
        && Terms.All(kv => other.Terms.TryGetValue(kv.Key, out var c) && c.Equals(kv.Value));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int h = HashCode.Combine(Order, Variables.Length);
        foreach (var (m, c) in Terms) h = unchecked(h + HashCode.Combine(m, c));
        return h;
    }

    /// <summary>The zero series 0 + O(ε^{N+1}).</summary>
    public static Series Zero(IEnumerable<Symbol> variables, int order) => Of(variables, order, []);

    /// <summary>The constant series c + O(ε^{N+1}); <paramref name="c"/> must not depend on the variables.</summary>
    public static Series Constant(Expr c, IEnumerable<Symbol> variables, int order)
    {
        var vars = variables.ToImmutableArray();
        return Of(vars, order, [new(Monomial.One(vars.Length), c)]);
    }

    /// <summary>The series of the expansion variable <paramref name="v"/> itself.</summary>
    /// <exception cref="ArgumentException">When <paramref name="v"/> is not one of the variables.</exception>
    public static Series Variable(Symbol v, IEnumerable<Symbol> variables, int order)
    {
        var vars = variables.ToImmutableArray();
        int i = vars.IndexOf(v);
        if (i < 0) throw new ArgumentException($"Series: '{v}' is not one of the expansion variables ({string.Join(", ", vars)}).", nameof(v));
        return Of(vars, order, [new(Monomial.Unit(vars.Length, i), Number.One)]);
    }

    /// <summary>The coefficient of ε^α (zero when absent).</summary>
    /// <exception cref="ArgumentException">When the exponent vector has the wrong length, a negative entry, or total
    /// degree above <see cref="Order"/> (that coefficient is not known).</exception>
    public Expr Coefficient(params int[] exponents)
    {
        if (exponents.Length != Variables.Length)
            throw new ArgumentException($"Series.Coefficient: {exponents.Length} exponents given for {Variables.Length} variables.", nameof(exponents));
        var m = Monomial.Of(exponents);
        if (m.Degree > Order)
            throw new ArgumentException($"Series.Coefficient: degree {m.Degree} is beyond the truncation order {Order}; that coefficient is inside O(·).", nameof(exponents));
        return Terms.TryGetValue(m, out var c) ? c : Number.Zero;
    }

    /// <summary>The constant term c₀.</summary>
    public Expr ConstantTerm => Terms.TryGetValue(Monomial.One(Variables.Length), out var c) ? c : Number.Zero;

    /// <summary>True when every known coefficient is zero.</summary>
    public bool IsZero => Terms.IsEmpty;

    /// <summary>The lowest total degree with a non-zero coefficient, or null for the zero series.</summary>
    public int? Valuation => Terms.IsEmpty ? null : Terms.Keys.Min(m => m.Degree);

    /// <summary>The same series truncated to a lower (or equal) order.</summary>
    /// <exception cref="ArgumentException">When <paramref name="order"/> exceeds the known order.</exception>
    public Series Truncate(int order)
    {
        if (order > Order) throw new ArgumentException($"Series.Truncate: cannot raise the order from {Order} to {order}; the missing terms are unknown.", nameof(order));
        if (order < 0) throw new ArgumentException($"Series.Truncate: the order must be non-negative, got {order}.", nameof(order));
        return order == Order ? this : new Series(Variables, order, Terms.Where(kv => kv.Key.Degree <= order).ToImmutableDictionary());
    }

    /// <summary>The polynomial Σ c_α ε^α (the O(·) remainder dropped), in increasing total degree.</summary>
    public Expr ToExpr()
    {
        var b = new SumBuilder();
        foreach (var (m, c) in Terms.OrderBy(kv => kv.Key))
        {
            var factors = new List<Expr> { c };
            for (int i = 0; i < Variables.Length; i++)
                if (m.Exponents[i] != 0) factors.Add(Power.Of(Variables[i], m.Exponents[i]));
            b.Add(Product.Of(factors));
        }
        return b.ToExpr();
    }

    /// <summary>"polynomial + O(ε^{N+1})" with ε the variables, e.g. <c>1 + x + O((x)^2)</c>.</summary>
    public override string ToString() => $"{ToExpr()} + O(({string.Join(", ", Variables)})^{Order + 1})";

    private void CheckCompatible(Series other, string operation)
    {
        if (!Variables.SequenceEqual(other.Variables))
            throw new ArgumentException($"Series.{operation}: the series are in different variables ({string.Join(", ", Variables)}) and ({string.Join(", ", other.Variables)}).");
    }

    /// <summary>Term-by-term sum; the order is the smaller one.</summary>
    public static Series operator +(Series a, Series b)
    {
        a.CheckCompatible(b, "Add");
        int order = Math.Min(a.Order, b.Order);
        var acc = new Dictionary<Monomial, SumBuilder>();
        foreach (var s in (Series[])[a, b])
            foreach (var (m, c) in s.Terms)
                if (m.Degree <= order) Accumulator(acc, m).Add(c);
        return Build(a.Variables, order, acc.Select(kv => new KeyValuePair<Monomial, Expr>(kv.Key, kv.Value.ToExpr())));
    }

    /// <summary>Negation.</summary>
    public static Series operator -(Series a) => a.Scale(Number.MinusOne);

    /// <summary>Difference.</summary>
    public static Series operator -(Series a, Series b) => a + -b;

    /// <summary>Truncated Cauchy product: only monomials of total degree ≤ min(orders) are formed.</summary>
    public static Series operator *(Series a, Series b)
    {
        a.CheckCompatible(b, "Multiply");
        int order = Math.Min(a.Order, b.Order);
        var acc = new Dictionary<Monomial, SumBuilder>();
        foreach (var (ma, ca) in a.Terms)
        {
            if (ma.Degree > order) continue;
            foreach (var (mb, cb) in b.Terms)
            {
                if (ma.Degree + mb.Degree > order) continue;
                Accumulator(acc, ma.Times(mb)).Add(SeriesCoefficients.Multiply(ca, cb));
            }
        }
        return Build(a.Variables, order, acc.Select(kv => new KeyValuePair<Monomial, Expr>(kv.Key, kv.Value.ToExpr())));
    }

    /// <summary>Sum with a constant.</summary>
    public static Series operator +(Series a, Expr c) => a + Constant(c, a.Variables, a.Order);

    /// <summary>Product with a constant.</summary>
    public static Series operator *(Expr c, Series a) => a.Scale(c);

    private static SumBuilder Accumulator(Dictionary<Monomial, SumBuilder> acc, Monomial m)
    {
        if (!acc.TryGetValue(m, out var sb)) acc[m] = sb = new SumBuilder();
        return sb;
    }

    /// <summary>Every coefficient multiplied by the constant <paramref name="c"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="c"/> depends on an expansion variable.</exception>
    public Series Scale(Expr c)
    {
        foreach (var v in Variables)
            if (Structure.DependsOn(c, v))
                throw new ArgumentException($"Series.Scale: the factor '{c}' depends on the expansion variable '{v}'; expand it as a series first.", nameof(c));
        return Build(Variables, Order, Terms.Select(kv => new KeyValuePair<Monomial, Expr>(kv.Key, SeriesCoefficients.Multiply(c, kv.Value))));
    }

    /// <summary>
    /// sⁿ for an integer n: repeated squaring for n ≥ 0, the reciprocal power for n &lt; 0 (which needs an invertible
    /// constant term or a monomial leading term, see <see cref="Divide"/>).
    /// </summary>
    public Series Pow(int n)
    {
        if (n < 0) return One(Variables, Order).Divide(Pow(-n));
        var result = One(Variables, Order);
        var b = this;
        while (n > 0)
        {
            if ((n & 1) == 1) result *= b;
            n >>= 1;
            if (n > 0) b *= b;
        }
        return result;
    }

    /// <summary>The series 1.</summary>
    public static Series One(IEnumerable<Symbol> variables, int order) => Constant(Number.One, variables, order);

    /// <summary>
    /// 1/s for a series with a non-zero constant term c₀: with s = c₀(1 + w), 1/s = c₀⁻¹ Σ_{n≤N} (−w)ⁿ (a finite sum,
    /// since w has no constant term).
    /// </summary>
    /// <exception cref="SeriesException">When the constant term is zero.</exception>
    public Series Reciprocal()
    {
        var c0 = ConstantTerm;
        if (SeriesCoefficients.IsZero(c0))
            throw new SeriesException($"Series.Reciprocal: the constant term of {this} is zero, so 1/s is not a power series (use Divide for a removable singularity).");
        var inv = Power.Of(c0, Number.MinusOne);
        var w = Scale(inv) + Constant(Number.MinusOne, Variables, Order); // s/c₀ − 1
        return Compose(w, Enumerable.Range(0, Order + 1).Select(n => (Expr)(n % 2 == 0 ? 1 : -1)).ToArray()).Scale(inv);
    }

    /// <summary>
    /// The quotient a/b. When b has a non-zero constant term this is a·(1/b) at the smaller order. Otherwise b's
    /// lowest-degree part must be a single monomial m (after dropping coefficients recognized as zero) dividing every
    /// term of b and of a: then a/b = (a/m)/(b/m), a removable singularity, known to order min(orders) − deg m.
    /// </summary>
    /// <exception cref="SeriesException">When b is zero, b's leading part is not a monomial dividing b, or a term of a
    /// is not divisible by it (a pole, not a removable singularity).</exception>
    public Series Divide(Series b)
    {
        CheckCompatible(b, "Divide");
        var a = DropRecognizedZeros();
        b = b.DropRecognizedZeros();
        if (b.IsZero) throw new SeriesException($"Series.Divide: the divisor vanishes to order {b.Order}: division by zero.");
        var lead = b.Terms.Keys.Where(k => k.Degree == b.Valuation).ToList();
        if (lead.Count != 1)
            throw new SeriesException($"Series.Divide: the leading part of the divisor {b} has {lead.Count} monomials of degree {b.Valuation}; the quotient is not a power series in ({string.Join(", ", Variables)}).");
        var m = lead[0];
        if (m.Degree == 0) return a.Truncate(Math.Min(a.Order, b.Order)) * b.Reciprocal();
        int order = Math.Min(a.Order, b.Order) - m.Degree;
        if (order < 0)
            throw new SeriesException($"Series.Divide: the divisor starts at degree {m.Degree} but the series are known only to order {Math.Min(a.Order, b.Order)}; expand to a higher order.");
        return a.ShiftDown(m, order, "dividend") * b.ShiftDown(m, order, "divisor").Reciprocal();
    }

    // s/m for a monomial m dividing every term of s, truncated to the given order.
    private Series ShiftDown(Monomial m, int order, string role)
    {
        var terms = new List<KeyValuePair<Monomial, Expr>>();
        foreach (var (k, c) in Terms)
        {
            if (!k.IsDivisibleBy(m))
                throw new SeriesException($"Series.Divide: the {role} term ({c})·{MonomialText(k)} is not divisible by the divisor's leading monomial {MonomialText(m)}: the quotient has a pole, not a removable singularity.");
            var q = k.DividedBy(m);
            if (q.Degree <= order) terms.Add(new(q, c));
        }
        return Build(Variables, order, terms);
    }

    private string MonomialText(Monomial m) =>
        Product.Of(Enumerable.Range(0, Variables.Length).Select(i => Power.Of(Variables[i], m.Exponents[i]))).ToString();

    /// <summary>The same series without coefficients that <see cref="SeriesCoefficients.IsZero"/> recognizes as zero.</summary>
    internal Series DropRecognizedZeros() =>
        Terms.Values.Any(SeriesCoefficients.IsZero)
            ? new Series(Variables, Order, Terms.Where(kv => !SeriesCoefficients.IsZero(kv.Value)).ToImmutableDictionary())
            : this;

    /// <summary>
    /// Σ_{n=0}^{N} hₙ wⁿ by Horner's rule, for a series w without constant term (so the sum is exact to order N).
    /// </summary>
    internal static Series Compose(Series w, IReadOnlyList<Expr> h)
    {
        if (!SeriesCoefficients.IsZero(w.ConstantTerm))
            throw new SeriesException($"Series: composition needs an inner series without constant term, got constant {w.ConstantTerm}.");
        w = w.DropRecognizedZeros();
        var result = Constant(h[^1], w.Variables, w.Order);
        for (int n = h.Count - 2; n >= 0; n--) result = w * result + h[n];
        return result;
    }
}
