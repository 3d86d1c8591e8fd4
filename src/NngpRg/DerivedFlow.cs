using NngpRg.Core.Derivations;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;

namespace NngpRg;

/// <summary>A derivation's result as an expression, as LaTeX and as a compiled delegate.</summary>
/// <param name="Derivation">The full derivation: every step with its rule and assumptions.</param>
public sealed record DerivedFlow(Derivation Derivation)
{
    /// <summary>The final expression (e.g. dσ²/dκ = −λ_κ for "gaussian-step").</summary>
    public Expr Expression => Derivation.Result;

    /// <summary>The final expression in LaTeX.</summary>
    public string Latex => Symbolic.Printing.Latex.Print(Derivation.Result);

    /// <summary>A complete LaTeX document of the derivation (compiles with pdflatex).</summary>
    public string Document => DerivationDocument.Latex(Derivation);

    /// <summary>The free symbols of the result, in canonical order (the default argument order of <see cref="Compile()"/>).</summary>
    public IReadOnlyList<Symbol> Parameters => Structure.FreeSymbols(Derivation.Result);

    /// <summary>The result compiled to a delegate whose arguments are the <see cref="Parameters"/> in order.</summary>
    public Func<double[], double> Compile() => Derivation.Compile([.. Parameters]);

    /// <summary>
    /// The result compiled to a delegate with arguments in the given order, each named in infix form
    /// (e.g. "lambda_kappa", "sigma^{2}").
    /// </summary>
    /// <exception cref="ArgumentException">When a name is not a symbol, or a free symbol of the result is not named.</exception>
    public Func<double[], double> Compile(params string[] arguments)
    {
        var symbols = arguments.Select(a => InfixParser.Parse(a) as Symbol
            ?? throw new ArgumentException($"'{a}' is not a symbol name (e.g. lambda_kappa, sigma^{{2}}).", nameof(arguments))).ToArray();
        var missing = Parameters.Where(p => !symbols.Contains(p)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The result of '{Derivation.Name}' also depends on {string.Join(", ", missing)}; name it among the arguments.", nameof(arguments));
        return Derivation.Compile(symbols);
    }
}
