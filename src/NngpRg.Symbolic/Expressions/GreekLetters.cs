using System.Collections.Frozen;
using System.Text;

namespace NngpRg.Symbolic.Expressions;

/// <summary>
/// The Greek letters written as Unicode characters and their Latin names (λ ↦ <c>lambda</c>, Σ ↦ <c>Sigma</c>).
/// Symbol names are stored with the Latin names, so that <c>λ</c> and <c>lambda</c> are the same symbol and every
/// symbol prints in a form the infix parser reads back.
/// </summary>
internal static class GreekLetters
{
    private static readonly FrozenDictionary<char, string> Names = new Dictionary<char, string>
    {
        ['α'] = "alpha", ['β'] = "beta", ['γ'] = "gamma", ['δ'] = "delta", ['ε'] = "epsilon", ['ϵ'] = "epsilon",
        ['ζ'] = "zeta", ['η'] = "eta", ['θ'] = "theta", ['ϑ'] = "vartheta", ['ι'] = "iota", ['κ'] = "kappa",
        ['λ'] = "lambda", ['μ'] = "mu", ['ν'] = "nu", ['ξ'] = "xi", ['ο'] = "omicron", ['π'] = "pi", ['ρ'] = "rho",
        ['σ'] = "sigma", ['ς'] = "varsigma", ['τ'] = "tau", ['υ'] = "upsilon", ['φ'] = "phi", ['ϕ'] = "phi",
        ['χ'] = "chi", ['ψ'] = "psi", ['ω'] = "omega",
        ['Γ'] = "Gamma", ['Δ'] = "Delta", ['Θ'] = "Theta", ['Λ'] = "Lambda", ['Ξ'] = "Xi", ['Π'] = "Pi",
        ['Σ'] = "Sigma", ['Υ'] = "Upsilon", ['Φ'] = "Phi", ['Ψ'] = "Psi", ['Ω'] = "Omega",
    }.ToFrozenDictionary();

    /// <summary>True when <paramref name="c"/> is a Greek letter with a Latin name.</summary>
    public static bool IsGreek(char c) => Names.ContainsKey(c);

    /// <summary><paramref name="name"/> with every Greek letter replaced by its Latin name.</summary>
    public static string Latinize(string name)
    {
        if (!name.Any(IsGreek)) return name;
        var sb = new StringBuilder(name.Length * 4);
        foreach (var c in name)
            if (Names.TryGetValue(c, out var latin)) sb.Append(latin); else sb.Append(c);
        return sb.ToString();
    }
}
