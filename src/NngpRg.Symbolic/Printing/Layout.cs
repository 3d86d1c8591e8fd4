using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// The layout of an expression: what is drawn, in which order, with which signs, fractions and parentheses. It is
/// built once from an <see cref="Expr"/> by <see cref="Of"/>, which takes every presentation decision; the LaTeX and
/// infix printers only spell the nodes in their syntax. Parentheses appear exactly as <see cref="Parenthesized"/> nodes.
/// Layouts are immutable and compare by content.
/// </summary>
public abstract record Layout
{
    private protected Layout() { }

    /// <summary>
    /// The layout of <paramref name="e"/>: subtractions instead of negative coefficients (a − b), negative exponents
    /// and rational coefficients in denominators, terms in <see cref="PrintOptions.TermOrder"/>, parentheses where
    /// precedence in the chosen <see cref="PrintOptions.Notation"/> requires them.
    /// </summary>
    public static Layout Of(Expr e, PrintOptions? options = null) => new LayoutBuilder(options ?? PrintOptions.Infix).Build(e);

    /// <summary>A non-negative integer written in decimal digits.</summary>
    public sealed record Numeral(string Digits) : Layout;

    /// <summary>A symbol's name (Latin or a Greek letter name) with its subscripts and the superscript that belongs to the name.</summary>
    public sealed record Identifier(string Name, ImmutableArray<Layout> Subscripts, Layout? Superscript) : Layout
    {
        /// <inheritdoc />
        public bool Equals(Identifier? other) =>
            other is not null && Name == other.Name && Same(Subscripts, other.Subscripts) && Equals(Superscript, other.Superscript);
        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Name, Hash(Subscripts), Superscript);
    }

    /// <summary>A named constant: π or ∞.</summary>
    public sealed record NamedConstant(ConstantKind Which) : Layout;

    /// <summary>A word written as it is: the base e of the exponential, the names <c>sum</c> and <c>diff</c>.</summary>
    public sealed record Word(string Text) : Layout;

    /// <summary>The name of a built-in function, as the head of a <see cref="FunctionCall"/>.</summary>
    public sealed record FunctionName(Function Function) : Layout;

    /// <summary>A sum of signed terms; the first term may be negative (−a + b).</summary>
    public sealed record Terms(ImmutableArray<Term> Items) : Layout
    {
        /// <inheritdoc />
        public bool Equals(Terms? other) => other is not null && Items.SequenceEqual(other.Items);
        /// <inheritdoc />
        public override int GetHashCode() => Items.Aggregate(19, HashCode.Combine);
    }

    /// <summary>A unary minus.</summary>
    public sealed record Negation(Layout Operand) : Layout;

    /// <summary>Factors multiplied together (the sign of multiplication is the printer's choice).</summary>
    public sealed record Product(ImmutableArray<Layout> Factors) : Layout
    {
        /// <inheritdoc />
        public bool Equals(Product? other) => other is not null && Same(Factors, other.Factors);
        /// <inheritdoc />
        public override int GetHashCode() => Hash(Factors);
    }

    /// <summary>A fraction: <c>\frac{a}{b}</c> typeset, <c>a/b</c> linear.</summary>
    public sealed record Fraction(Layout Numerator, Layout Denominator) : Layout;

    /// <summary>A power base^exponent.</summary>
    public sealed record Power(Layout Base, Layout Exponent) : Layout;

    /// <summary>A root: the square root for <see cref="Index"/> 2, the n-th root otherwise (typeset only).</summary>
    public sealed record Root(Layout Radicand, int Index) : Layout;

    /// <summary>Parentheses around a layout.</summary>
    public sealed record Parenthesized(Layout Inner) : Layout;

    /// <summary>A function applied to arguments; the head is a <see cref="FunctionName"/>, an <see cref="Identifier"/> or a <see cref="Word"/>.</summary>
    public sealed record FunctionCall(Layout Head, ImmutableArray<Layout> Args) : Layout
    {
        /// <inheritdoc />
        public bool Equals(FunctionCall? other) => other is not null && Head.Equals(other.Head) && Same(Args, other.Args);
        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Head, Hash(Args));
    }

    /// <summary>An absolute value |x| (typeset only).</summary>
    public sealed record AbsoluteValue(Layout Operand) : Layout;

    /// <summary>Σ_{index=lower}^{upper} body (typeset only).</summary>
    public sealed record BigSum(Layout Index, Layout Lower, Layout Upper, Layout Body) : Layout;

    /// <summary>
    /// ∂^order f / ∂x₁^n₁ ∂x₂^n₂ … (typeset only). <see cref="Variables"/> are the denominator's factors, outermost
    /// derivative first, each already raised to its order.
    /// </summary>
    public sealed record PartialDerivative(Layout Function, int Order, ImmutableArray<Layout> Variables) : Layout
    {
        /// <inheritdoc />
        public bool Equals(PartialDerivative? other) =>
            other is not null && Function.Equals(other.Function) && Order == other.Order && Same(Variables, other.Variables);
        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Function, Order, Hash(Variables));
    }

    // Layouts compare by content: the child arrays element by element.
    private static bool Same(ImmutableArray<Layout> a, ImmutableArray<Layout> b) => a.SequenceEqual(b);

    private static int Hash(ImmutableArray<Layout> a) => a.Aggregate(17, HashCode.Combine);
}

/// <summary>A term of a <see cref="Layout.Terms"/>: a sign and a magnitude.</summary>
public readonly record struct Term(bool Negative, Layout Magnitude);
