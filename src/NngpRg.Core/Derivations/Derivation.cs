using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Derivations;

/// <summary>
/// A derivation: an immutable list of steps from the replicated action of PHYSICS.md §1 to a flow equation or
/// prediction, with the final <see cref="Result"/> (available as an expression and, through
/// <see cref="Symbolic.Compilation"/>, as a compiled delegate).
/// </summary>
/// <param name="Name">The command-line name (e.g. "gaussian-step").</param>
/// <param name="Title">A title for the document.</param>
/// <param name="Summary">What is derived, in one paragraph.</param>
/// <param name="Steps">The steps in order.</param>
/// <param name="ResultLabel">What the result is (e.g. "d sigma^2/d kappa").</param>
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
}
