using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Derivations;

/// <summary>
/// Renderings of a <see cref="Derivation"/>: a standalone LaTeX document that reads like a paper's appendix (introduction,
/// assumptions, the derivation as numbered equations referenced in the text, the result), Markdown, plain text, a JSON
/// model, and a writer for the checked-in documents (derivations/&lt;name&gt;.tex).
/// </summary>
public static class DerivationDocument
{
    // LaTeX characters longer than this go on two lines, each shrunk to the line width when it does not fit.
    private const int InlineLength = 90;

    /// <summary>The LaTeX relation command for a step relation ("=", "≈", "→", "⇒", "≡").</summary>
    /// <exception cref="ArgumentException">For another relation string.</exception>
    public static string LatexRelation(string relation) => relation switch
    {
        "=" => "=",
        "≈" => "\\approx",
        "→" => "\\to",
        "⇒" => "\\Rightarrow",
        "≡" => "\\equiv",
        _ => throw new ArgumentException($"Unknown step relation '{relation}'; expected one of =, ≈, →, ⇒, ≡.", nameof(relation)),
    };

    /// <summary>The plain-text relation for a step relation.</summary>
    /// <exception cref="ArgumentException">For another relation string.</exception>
    public static string TextRelation(string relation) => relation switch
    {
        "=" => "=",
        "≈" => "~=",
        "→" => "->",
        "⇒" => "=>",
        "≡" => ":=",
        _ => throw new ArgumentException($"Unknown step relation '{relation}'; expected one of =, ≈, →, ⇒, ≡.", nameof(relation)),
    };

    /// <summary>The label of step <paramref name="step"/> (1-based) of a derivation: <c>eq:&lt;name&gt;:&lt;step&gt;</c>.</summary>
    public static string StepLabel(Derivation d, int step) => $"eq:{d.Name}:{step}";

    /// <summary>The label of the result equation: <c>eq:&lt;name&gt;:result</c>.</summary>
    public static string ResultLabel(Derivation d) => $"eq:{d.Name}:result";

    /// <summary>The numbered equation of one step, "before rel after", labelled <paramref name="label"/>.</summary>
    public static string StepEquation(DerivationStep step, string label)
    {
        string before = Symbolic.Printing.Latex.Print(step.Before), after = Symbolic.Printing.Latex.Print(step.After), rel = LatexRelation(step.Relation);
        return Equation(before, rel, after, label);
    }

    private static string Equation(string before, string rel, string after, string label)
    {
        if (before.Length + after.Length <= InlineLength)
            return $"\\begin{{equation}}\\label{{{label}}}\n  {before} {rel} {after}\n\\end{{equation}}";
        return $"\\begin{{equation}}\\label{{{label}}}\n\\begin{{aligned}}\n  &\\fitmath{{{before}}} \\\\\n  {rel}\\; &\\fitmath{{{after}}}\n\\end{{aligned}}\n\\end{{equation}}";
    }

    private static string Equation(string body, string label) =>
        body.Length <= InlineLength
            ? $"\\begin{{equation}}\\label{{{label}}}\n  {body}\n\\end{{equation}}"
            : $"\\begin{{equation}}\\label{{{label}}}\n  \\fitmath{{{body}}}\n\\end{{equation}}";

    /// <summary>Escapes plain text for LaTeX's text mode.</summary>
    public static string EscapeText(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '{' => "\\{",
                '}' => "\\}",
                '_' => "\\_",
                '^' => "\\^{}",
                '&' => "\\&",
                '%' => "\\%",
                '#' => "\\#",
                '$' => "\\$",
                '~' => "\\~{}",
                '<' => "$<$",
                '>' => "$>$",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    // A sentence ends with punctuation before its equation.
    private static string Sentence(string prose) =>
        prose.Length == 0 || ".:;,?!".Contains(prose[^1]) ? prose : prose + ".";

    /// <summary>
    /// The 1-based step whose result a step starts from (its Before equals an earlier step's After), or 0. The document
    /// refers the reader to that equation.
    /// </summary>
    public static int Source(Derivation d, int step)
    {
        var before = d.Steps[step - 1].Before;
        for (int j = step - 1; j >= 1; j--)
            if (d.Steps[j - 1].After.Equals(before)) return j;
        return 0;
    }

    /// <summary>
    /// A complete standalone LaTeX document (article, amsmath, amssymb, graphicx) in the form of an appendix: title, abstract,
    /// introduction, the assumptions its steps use, the derivation with one numbered equation per step (labelled <c>eq:&lt;name&gt;:&lt;k&gt;</c>
    /// and referenced where a step continues from an earlier one), the result (<c>eq:&lt;name&gt;:result</c>) and the other
    /// derived quantities. The prose is the derivation's LaTeX; it compiles with pdflatex.
    /// </summary>
    public static string Latex(Derivation d)
    {
        var sb = new StringBuilder();
        sb.Append("% Generated from the symbolic derivation '").Append(d.Name).Append("'; regenerate rather than edit.\n");
        sb.Append("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n\\usepackage{graphicx}\n");
        sb.Append("\\usepackage[margin=2.5cm]{geometry}\n");
        // a math expression at its natural size, or shrunk to the line width when it is wider
        sb.Append("\\newsavebox{\\fitbox}\n");
        sb.Append("\\newcommand{\\fitmath}[1]{\\savebox{\\fitbox}{$\\displaystyle #1$}\\ifdim\\wd\\fitbox>0.85\\linewidth\\resizebox{0.85\\linewidth}{!}{\\usebox{\\fitbox}}\\else\\usebox{\\fitbox}\\fi}\n");
        sb.Append("\\title{").Append(d.Title).Append("}\n\\date{}\n\\begin{document}\n\\sloppy\n\\maketitle\n\n");
        sb.Append("\\begin{abstract}\n").Append(d.Summary).Append("\n\\end{abstract}\n\n");

        sb.Append("\\section{Introduction}\n");
        if (d.Introduction.Length > 0) sb.Append(d.Introduction).Append("\n\n");
        sb.Append("Section~\\ref{sec:derivation} derives the result in ").Append(d.Steps.Length)
            .Append(" steps, each an operation of the symbolic engine; the assumptions a step needs, listed in Section~\\ref{sec:assumptions}, are named in its heading, and the result is eq.~\\eqref{")
            .Append(ResultLabel(d)).Append("} in Section~\\ref{sec:result}.\n\n");

        // only the assumptions some step of this derivation uses, in their order A1 … A6
        sb.Append("\\section{Assumptions}\\label{sec:assumptions}\n");
        var used = UsedAssumptions(d);
        if (used.Count == 0) sb.Append("No step needs an assumption beyond the set-up of the introduction.\n\n");
        else
        {
            string[] words = ["one", "two", "three", "four", "five", "six"];
            var count = used.Count <= words.Length ? words[used.Count - 1] : used.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sb.Append("The steps below use ").Append(count).Append(used.Count == 1 ? " assumption" : " assumptions").Append(":\n\\begin{description}\n");
            foreach (var a in used)
                sb.Append("  \\item[").Append(Assumptions.Label(a)).Append("] ").Append(Assumptions.Describe(a)).Append('\n');
            sb.Append("\\end{description}\n\n");
        }

        sb.Append("\\section{Derivation}\\label{sec:derivation}\n");
        for (int i = 1; i <= d.Steps.Length; i++)
        {
            var s = d.Steps[i - 1];
            var assumptions = s.Assumptions.IsEmpty ? "an identity" : string.Join(", ", s.Assumptions.Select(Assumptions.Label));
            sb.Append("\\paragraph{Step ").Append(i).Append(" (").Append(assumptions).Append("): ").Append(Sentence(s.Title)).Append("}\n");
            int source = Source(d, i);
            if (source > 0) sb.Append("Continuing from eq.~\\eqref{").Append(StepLabel(d, source)).Append("}. ");
            sb.Append(s.Rule).Append('\n').Append(StepEquation(s, StepLabel(d, i))).Append("\n\n");
        }

        sb.Append("\\section{Result}\\label{sec:result}\n");
        // the step whose right-hand side (else left-hand side) is the result, named in the sentence that introduces it
        int last = Enumerable.Range(1, d.Steps.Length).LastOrDefault(i => d.Steps[i - 1].After.Equals(d.Result));
        int first = last > 0 ? 0 : Enumerable.Range(1, d.Steps.Length).LastOrDefault(i => d.Steps[i - 1].Before.Equals(d.Result));
        sb.Append("The result");
        if (last > 0) sb.Append(", the right-hand side of eq.~\\eqref{").Append(StepLabel(d, last)).Append("},");
        else if (first > 0) sb.Append(", the left-hand side of eq.~\\eqref{").Append(StepLabel(d, first)).Append("},");
        sb.Append(" is\n");
        var result = Symbolic.Printing.Latex.Print(d.Result);
        sb.Append(Equation(d.ResultLatex.Length > 0 ? $"{d.ResultLatex} = {result}" : result, ResultLabel(d))).Append("\n\n");
        if (!d.Quantities.IsEmpty)
        {
            sb.Append("\\section{Other derived quantities}\n");
            int q = 1;
            foreach (var quantity in d.Quantities)
            {
                sb.Append(Sentence(quantity.Caption ?? $"\\texttt{{{EscapeText(quantity.Label)}}}")).Append('\n');
                sb.Append(Equation(Symbolic.Printing.Latex.Print(quantity.Value), $"eq:{d.Name}:q{q++}")).Append("\n\n");
            }
        }
        sb.Append("\\end{document}\n");
        return sb.ToString();
    }

    /// <summary>The assumptions used by at least one step of <paramref name="d"/>, in the order of <see cref="Assumption"/>.</summary>
    public static IReadOnlyList<Assumption> UsedAssumptions(Derivation d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return [.. Enum.GetValues<Assumption>().Where(a => d.Steps.Any(s => s.Assumptions.Contains(a)))];
    }

    /// <summary>Markdown: the prose with $…$ inline math, one displayed equation per step, and the infix form of every step.</summary>
    public static string Markdown(Derivation d)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(LatexProse.ToMarkdown(d.Title)).Append("\n\n").Append(LatexProse.ToMarkdown(d.Summary)).Append("\n\n");
        if (d.Introduction.Length > 0) sb.Append(LatexProse.ToMarkdown(d.Introduction)).Append("\n\n");
        int i = 1;
        foreach (var s in d.Steps)
        {
            sb.Append("## ").Append(i++).Append(". ").Append(LatexProse.ToMarkdown(s.Title)).Append("\n\n");
            sb.Append(Sentence(LatexProse.ToMarkdown(s.Rule))).Append("  \n");
            sb.Append("*Assumptions:* ").Append(s.Assumptions.IsEmpty ? "none" : string.Join(", ", s.Assumptions.Select(Assumptions.Label))).Append("\n\n");
            sb.Append("$$\n").Append(Symbolic.Printing.Latex.Print(s.Before)).Append(' ').Append(LatexRelation(s.Relation)).Append(' ')
                .Append(Symbolic.Printing.Latex.Print(s.After)).Append("\n$$\n\n");
            sb.Append("```\n").Append(Symbolic.Printing.Infix.Print(s.Before)).Append("\n  ").Append(TextRelation(s.Relation)).Append(' ').Append(Symbolic.Printing.Infix.Print(s.After)).Append("\n```\n\n");
        }
        sb.Append("## Result: ").Append(d.ResultLabel).Append("\n\n$$\n").Append(Symbolic.Printing.Latex.Print(d.Result)).Append("\n$$\n");
        return sb.ToString();
    }

    /// <summary>Plain text: numbered steps with rule, assumptions and the infix form of both sides.</summary>
    public static string Infix(Derivation d)
    {
        var sb = new StringBuilder();
        sb.Append(LatexProse.ToText(d.Title)).Append('\n').Append(LatexProse.ToText(d.Summary)).Append("\n\n");
        int i = 1;
        foreach (var s in d.Steps)
        {
            sb.Append(i++).Append(". ").Append(LatexProse.ToText(s.Title)).Append('\n');
            sb.Append("   rule: ").Append(LatexProse.ToText(s.Rule)).Append('\n');
            sb.Append("   assumptions: ").Append(s.Assumptions.IsEmpty ? "none" : string.Join(", ", s.Assumptions.Select(Assumptions.Label))).Append('\n');
            sb.Append("   ").Append(Symbolic.Printing.Infix.Print(s.Before)).Append('\n');
            sb.Append("     ").Append(TextRelation(s.Relation)).Append(' ').Append(Symbolic.Printing.Infix.Print(s.After)).Append('\n');
        }
        sb.Append("result (").Append(d.ResultLabel).Append("): ").Append(Symbolic.Printing.Infix.Print(d.Result)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The JSON model: {"name", "title", "summary", "titleLatex", "summaryLatex", "steps": [{"title", "rule", "titleLatex",
    /// "ruleLatex", "relation", "assumptions", "before", "after", "latex"}], "result": {"label", "infix", "latex"},
    /// "quantities": [{"label", "infix", "latex"}]}; "title", "summary" and "rule" are plain text.
    /// </summary>
    public static JsonObject Json(Derivation d) => new()
    {
        ["name"] = d.Name,
        ["title"] = LatexProse.ToText(d.Title),
        ["summary"] = LatexProse.ToText(d.Summary),
        ["titleLatex"] = d.Title,
        ["summaryLatex"] = d.Summary,
        ["steps"] = new JsonArray([.. d.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["title"] = LatexProse.ToText(s.Title),
            ["rule"] = LatexProse.ToText(s.Rule),
            ["titleLatex"] = s.Title,
            ["ruleLatex"] = s.Rule,
            ["relation"] = s.Relation,
            ["assumptions"] = new JsonArray([.. s.Assumptions.Select(a => (JsonNode)JsonValue.Create(Assumptions.Label(a)))]),
            ["before"] = Symbolic.Printing.Infix.Print(s.Before),
            ["after"] = Symbolic.Printing.Infix.Print(s.After),
            ["latex"] = $"{Symbolic.Printing.Latex.Print(s.Before)} {LatexRelation(s.Relation)} {Symbolic.Printing.Latex.Print(s.After)}",
        })]),
        ["result"] = new JsonObject
        {
            ["label"] = d.ResultLabel,
            ["infix"] = Symbolic.Printing.Infix.Print(d.Result),
            ["latex"] = Symbolic.Printing.Latex.Print(d.Result),
        },
        ["quantities"] = new JsonArray([.. d.Quantities.Select(q => (JsonNode)new JsonObject
        {
            ["label"] = q.Label,
            ["infix"] = Symbolic.Printing.Infix.Print(q.Value),
            ["latex"] = Symbolic.Printing.Latex.Print(q.Value),
        })]),
    };

    /// <summary>The file name of a derivation's LaTeX document.</summary>
    public static string FileName(Derivation d) => d.Name + ".tex";

    /// <summary>
    /// Writes &lt;name&gt;.tex for every derivation of <see cref="Derivations.All"/> into <paramref name="directory"/>
    /// (created if missing), each atomically: a temporary file in the same directory, then a rename over the target.
    /// Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var d in Derivations.All())
        {
            var path = Path.Combine(directory, FileName(d));
            var temp = Path.Combine(directory, $".{FileName(d)}.{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllText(temp, Latex(d), new UTF8Encoding(false));
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            written.Add(path);
        }
        return written;
    }
}
