using System.Text;
using System.Text.RegularExpressions;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The derivations write their prose (titles, rules, summaries, introductions) as LaTeX: text with inline math in
/// <c>$…$</c>, a few text commands (<c>\texttt</c>, <c>\emph</c>), and equation references <c>\eqref{eq:&lt;name&gt;:&lt;k&gt;}</c>
/// to step k (or <c>result</c>). This module renders that prose for the other outputs: readable plain text with Unicode
/// symbols, and Markdown with the inline math kept.
/// </summary>
public static partial class LatexProse
{
    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ",
        ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "φ", ["varphi"] = "φ", ["chi"] = "χ",
        ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π",
        ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω", ["ell"] = "ℓ",
        ["partial"] = "∂", ["sum"] = "Σ", ["prod"] = "Π", ["int"] = "∫", ["infty"] = "∞", ["nabla"] = "∇",
        ["to"] = "→", ["rightarrow"] = "→", ["Rightarrow"] = "⇒", ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥", ["geq"] = "≥",
        ["ll"] = "≪", ["gg"] = "≫", ["approx"] = "≈", ["ne"] = "≠", ["neq"] = "≠", ["equiv"] = "≡", ["sim"] = "~", ["propto"] = "∝",
        ["pm"] = "±", ["cdot"] = "·", ["times"] = "×", ["langle"] = "⟨", ["rangle"] = "⟩", ["mid"] = "|", ["in"] = "∈",
        ["ldots"] = "…", ["dots"] = "…", ["cdots"] = "…", ["S"] = "§",
        ["log"] = "log", ["exp"] = "exp", ["sin"] = "sin", ["cos"] = "cos", ["det"] = "det", ["lim"] = "lim", ["max"] = "max", ["min"] = "min",
        ["quad"] = " ", ["qquad"] = "  ", ["left"] = "", ["right"] = "", ["displaystyle"] = "", ["nonumber"] = "",
    };

    // commands whose one argument is kept as it is
    private static readonly HashSet<string> Transparent = ["texttt", "emph", "textit", "textbf", "mathrm", "text", "operatorname", "mathbb", "mathcal", "mathbf", "boldsymbol"];

    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹", Subscripts = "₀₁₂₃₄₅₆₇₈₉";

    /// <summary>The prose as plain text: math delimiters dropped, commands and dashes turned into Unicode, references into "(step k)".</summary>
    public static string ToText(string latex)
    {
        ArgumentNullException.ThrowIfNull(latex);
        var withRefs = Reference().Replace(latex, m => m.Groups[2].Value == "result" ? "(the result)" : $"(step {m.Groups[2].Value})");
        var sb = new StringBuilder();
        Render(withRefs, 0, withRefs.Length, sb);
        // LaTeX's text dashes: --- is an em dash, -- an en dash (ranges such as (2.2)--(2.4))
        return Spaces().Replace(sb.ToString(), " ").Replace("---", "—").Replace("--", "–").Trim();
    }

    /// <summary>The prose as Markdown: inline math kept in $…$, \texttt as code, \emph as emphasis, references as "(step k)".</summary>
    public static string ToMarkdown(string latex)
    {
        ArgumentNullException.ThrowIfNull(latex);
        var s = Reference().Replace(latex, m => m.Groups[2].Value == "result" ? "(the result)" : $"(step {m.Groups[2].Value})");
        s = TextCommand().Replace(s, m => m.Groups[1].Value == "texttt" ? $"`{m.Groups[2].Value}`" : $"*{m.Groups[2].Value}*");
        return s.Replace("\\S ", "§").Replace("\\S", "§").Replace(".\\ ", ". ").Replace("~", " ");
    }

    [GeneratedRegex(@"\\(eq)?ref\{eq:[^:}]*:([^}]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\\(texttt|emph|textit)\{([^{}]*)\}")]
    private static partial Regex TextCommand();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    // Renders s[from, to) into sb.
    private static void Render(string s, int from, int to, StringBuilder sb)
    {
        int i = from;
        while (i < to)
        {
            char c = s[i];
            switch (c)
            {
                case '$': i++; break;
                case '{' or '}': i++; break;
                case '~': sb.Append(' '); i++; break;
                case '^' or '_':
                    {
                        i++;
                        var (arg, next) = Argument(s, i, to);
                        var inner = new StringBuilder();
                        Render(arg, 0, arg.Length, inner);
                        sb.Append(Script(inner.ToString(), c == '^'));
                        i = next;
                        break;
                    }
                case '\\':
                    i = Command(s, i, to, sb);
                    break;
                default: sb.Append(c); i++; break;
            }
        }
    }

    private static string Script(string text, bool super)
    {
        var digits = super ? Superscripts : Subscripts;
        if (text.Length > 0 && text.All(char.IsDigit)) return string.Concat(text.Select(ch => digits[ch - '0']));
        if (super && text == "-1") return "⁻¹";
        if (text.Length == 1 || text.All(char.IsLetter)) return (super ? "^" : "_") + text;
        return (super ? "^(" : "_(") + text + ")";
    }

    // One argument: a braced group or a single character (after spaces), returned without braces, and the index after it.
    private static (string Arg, int Next) Argument(string s, int i, int to)
    {
        while (i < to && s[i] == ' ') i++;
        if (i >= to) return ("", i);
        if (s[i] == '{')
        {
            int depth = 0, start = i;
            for (; i < to; i++)
            {
                if (s[i] == '\\') { i++; continue; }
                if (s[i] == '{') depth++;
                else if (s[i] == '}' && --depth == 0) return (s[(start + 1)..i], i + 1);
            }
            return (s[(start + 1)..to], to);
        }
        if (s[i] == '\\')
        {
            int j = i + 1;
            while (j < to && char.IsLetter(s[j])) j++;
            return (s[i..Math.Max(j, i + 2)], Math.Max(j, i + 2));
        }
        return (s[i].ToString(), i + 1);
    }

    private static int Command(string s, int i, int to, StringBuilder sb)
    {
        int j = i + 1;
        if (j >= to) return j;
        if (!char.IsLetter(s[j]))
        {
            // \, \; \! \  \\ \% \_ \& \# \{ \}
            char x = s[j];
            sb.Append(x switch { ',' or ';' or ' ' => " ", '!' => "", '\\' => "\n", _ => x.ToString() });
            return j + 1;
        }
        while (j < to && char.IsLetter(s[j])) j++;
        var name = s[(i + 1)..j];
        if (Transparent.Contains(name))
        {
            var (arg, next) = Argument(s, j, to);
            Render(arg, 0, arg.Length, sb);
            return next;
        }
        if (name is "frac" or "tfrac" or "dfrac")
        {
            var (a, afterA) = Argument(s, j, to);
            var (b, afterB) = Argument(s, afterA, to);
            sb.Append(Group(a)).Append('/').Append(Group(b));
            return afterB;
        }
        if (name == "sqrt")
        {
            var (a, next) = Argument(s, j, to);
            sb.Append('√').Append(Group(a));
            return next;
        }
        sb.Append(Symbols.TryGetValue(name, out var u) ? u : name);
        return j;
    }

    // A fraction's part: parenthesized unless it is a single symbol or number.
    private static string Group(string latex)
    {
        var inner = new StringBuilder();
        Render(latex, 0, latex.Length, inner);
        var text = inner.ToString().Trim();
        return text.Length <= 1 || text.All(char.IsLetterOrDigit) ? text : $"({text})";
    }
}
