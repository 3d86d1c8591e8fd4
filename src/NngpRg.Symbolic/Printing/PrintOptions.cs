namespace NngpRg.Symbolic.Printing;

/// <summary>The order in which the terms of a sum are printed.</summary>
public enum TermOrder
{
    /// <summary>The canonical order of the terms (<see cref="Expressions.ExprOrder"/>), the numeric constant last.</summary>
    Canonical,
    /// <summary>
    /// Polynomial order: terms by total degree, highest first (<c>x^2 + 2 x + 1</c>), ties in canonical order.
    /// The degree of a term is the sum of its numeric exponents; a non-polynomial factor has degree 0.
    /// </summary>
    DegreeDescending,
}

/// <summary>How the layout will be drawn, which decides the parentheses it needs.</summary>
public enum Notation
{
    /// <summary>
    /// One line of text: fractions are <c>a/b</c> and exponents follow <c>^</c>, so their operands carry parentheses by
    /// precedence; square roots are powers <c>x^(1/2)</c>; |x|, Σ and ∂ are written as calls <c>abs</c>, <c>sum</c>, <c>diff</c>.
    /// </summary>
    Linear,
    /// <summary>
    /// Typeset two-dimensional mathematics: fractions, exponents, subscripts and radicands are boxes that need no
    /// parentheses; roots, |x|, Σ with limits and ∂ have their own layouts.
    /// </summary>
    Typeset,
}

/// <summary>The decisions of <see cref="Layout.Of"/> that a caller may choose.</summary>
public sealed record PrintOptions
{
    /// <summary>Linear notation, canonical order: the form of <see cref="Infix.Print(Expressions.Expr)"/>.</summary>
    public static PrintOptions Infix { get; } = new() { Notation = Notation.Linear };

    /// <summary>Typeset notation, canonical order, exp written as a function: the form of <see cref="Latex.Print"/>.</summary>
    public static PrintOptions Typeset { get; } = new() { Notation = Notation.Typeset };

    /// <summary>Linear or typeset notation.</summary>
    public Notation Notation { get; init; } = Notation.Linear;

    /// <summary>The order of the terms of sums.</summary>
    public TermOrder TermOrder { get; init; } = TermOrder.Canonical;

    /// <summary>Typeset only: write exp(a) as the power e^a instead of a function call.</summary>
    public bool ExpAsPower { get; init; }
}
