namespace NngpRg.Symbolic.Printing;

/// <summary>How multiplication is written in LaTeX.</summary>
public enum MultiplicationSign
{
    /// <summary>Juxtaposition <c>2 x</c>; a <c>\cdot</c> still separates a factor that begins with a digit (<c>x \cdot 2^{k}</c>).</summary>
    Space,
    /// <summary><c>2 \cdot x</c>.</summary>
    Cdot,
    /// <summary><c>2 \times x</c>.</summary>
    Times,
}

/// <summary>Options of <see cref="Latex.Print"/>.</summary>
public sealed record LatexOptions
{
    /// <summary>Juxtaposition, canonical term order, exp as a function.</summary>
    public static LatexOptions Default { get; } = new();

    /// <summary>The multiplication sign.</summary>
    public MultiplicationSign Multiplication { get; init; } = MultiplicationSign.Space;

    /// <summary>The order of the terms of sums.</summary>
    public TermOrder TermOrder { get; init; } = TermOrder.Canonical;

    /// <summary>Write exp(a) as <c>e^{a}</c> instead of <c>\exp\left(a\right)</c>.</summary>
    public bool ExpAsPower { get; init; }
}
