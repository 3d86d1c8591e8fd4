using System.Collections.Immutable;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Derivations;

/// <summary>A named by-product of a derivation (e.g. the ridge shift, the tail sum σ_c², the conditional moment m₂).</summary>
/// <param name="Label">What the quantity is, in plain words (its lookup key).</param>
/// <param name="Value">The derived expression.</param>
/// <param name="Caption">What the quantity is, as LaTeX prose for the documents (null: the label as text).</param>
public sealed record DerivedQuantity(string Label, Expr Value, string? Caption = null);

/// <summary>
/// A derivation: an immutable list of steps from the replicated action of docs/theory.md §1 to a flow equation or
/// prediction, with the final <see cref="Result"/> (available as an expression and, through <see cref="Compile"/>,
/// as a compiled delegate).
/// </summary>
/// <param name="Name">The command-line name (e.g. "gaussian-step").</param>
/// <param name="Title">A title for the document (LaTeX prose: text with inline math in $…$).</param>
/// <param name="Summary">What is derived, in one paragraph (LaTeX prose).</param>
/// <param name="Steps">The steps in order.</param>
/// <param name="ResultLabel">What the result is, in plain words (e.g. "d sigma^2/d kappa").</param>
/// <param name="Result">The final expression.</param>
public sealed record Derivation(
    string Name,
    string Title,
    string Summary,
    ImmutableArray<DerivationStep> Steps,
    string ResultLabel,
    Expr Result)
{
    /// <summary>The last step.</summary>
    public DerivationStep Last => Steps[^1];

    /// <summary>The introduction of the document (LaTeX prose, paragraphs separated by blank lines); empty: the summary alone.</summary>
    public string Introduction { get; init; } = "";

    /// <summary>The left-hand side of the result in LaTeX (e.g. <c>\frac{d\sigma^2}{d\kappa}</c>); empty: the result stands alone.</summary>
    public string ResultLatex { get; init; } = "";

    /// <summary>Other derived quantities, in the order they were obtained.</summary>
    public ImmutableArray<DerivedQuantity> Quantities { get; init; } = [];

    /// <summary>The derived quantity labelled <paramref name="label"/>.</summary>
    /// <exception cref="KeyNotFoundException">When the derivation has no quantity of that label; the message lists the labels it has.</exception>
    public Expr Quantity(string label) =>
        Quantities.FirstOrDefault(q => q.Label == label)?.Value
        ?? throw new KeyNotFoundException($"Derivation '{Name}' has no quantity '{label}'; it has: {string.Join(", ", Quantities.Select(q => $"'{q.Label}'"))}.");

    /// <summary>
    /// The <see cref="Result"/> compiled to a delegate of its free symbols in the order given: <c>f(values)</c> with
    /// <c>values[i]</c> the value of <paramref name="arguments"/>[i].
    /// </summary>
    /// <exception cref="CompilationException">When the result has a free symbol that is not among the arguments.</exception>
    public Func<double[], double> Compile(params Symbol[] arguments) => Symbolic.Compilation.Compile.ToDelegate(Result, arguments);
}
