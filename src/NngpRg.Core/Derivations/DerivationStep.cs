using System.Collections.Immutable;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Derivations;

/// <summary>
/// One step of a derivation: the rule applied to <see cref="Before"/> gives <see cref="After"/> under
/// <see cref="Assumptions"/>. Both sides are expressions produced by the symbolic engine.
/// </summary>
/// <param name="Title">What the step does, in words (LaTeX prose: text with inline math in $…$).</param>
/// <param name="Rule">The rule applied and why, as LaTeX prose leading into the step's equation.</param>
/// <param name="Before">The expression the rule is applied to.</param>
/// <param name="After">The result.</param>
/// <param name="Assumptions">The assumptions in force.</param>
/// <param name="Relation">How Before and After are related: "=" (identity), "≈" (to the stated order), "→" (limit), "⇒" (consequence), "≡" (definition of the symbol on the left).</param>
public sealed record DerivationStep(
    string Title,
    string Rule,
    Expr Before,
    Expr After,
    ImmutableArray<Assumption> Assumptions,
    string Relation = "=");
