using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;

namespace NngpRg.Core.Derivations;

/// <summary>
/// Renderings of a <see cref="Derivation"/>: a standalone LaTeX document, Markdown, plain text, a JSON model, and a
/// writer for the checked-in documents (derivations/&lt;name&gt;.tex).
/// </summary>
public static class DerivationDocument
{
    // LaTeX characters longer than this go on their own line, shrunk to the line width when they do not fit.
    private const int InlineLength = 90;

    /// <summary>The LaTeX relation command for a step relation ("=", "≈", "→", "⇒").</summary>
    /// <exception cref="ArgumentException">For another relation string.</exception>
    public static string LatexRelation(string relation) => relation switch
    {
        "=" => "=",
        "≈" => "\\approx",
        "→" => "\\to",
        "⇒" => "\\Rightarrow",
        _ => throw new ArgumentException($"Unknown step relation '{relation}'; expected one of =, ≈, →, ⇒.", nameof(relation)),
    };

    /// <summary>The plain-text relation for a step relation.</summary>
    public static string TextRelation(string relation) => relation switch
    {
        "=" => "=",
        "≈" => "~=",
        "→" => "->",
        "⇒" => "=>",
        _ => throw new ArgumentException($"Unknown step relation '{relation}'; expected one of =, ≈, →, ⇒.", nameof(relation)),
    };

    /// <summary>The LaTeX of one step's equation: an align* environment "before rel after".</summary>
    public static string StepEquation(DerivationStep step)
    {
        string before = Symbolic.Printing.Latex.Print(step.Before), after = Symbolic.Printing.Latex.Print(step.After), rel = LatexRelation(step.Relation);
        if (before.Length + after.Length <= InlineLength)
            return $"\\begin{{align*}}\n  {before} &{rel} {after}\n\\end{{align*}}";
        return $"\\begin{{align*}}\n  &\\fitmath{{{before}}} \\\\\n  {rel}\\; &\\fitmath{{{after}}}\n\\end{{align*}}";
    }

    /// <summary>Escapes text for LaTeX's text mode.</summary>
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

    /// <summary>A complete standalone LaTeX document (article, amsmath, amssymb, graphicx): title, summary, numbered steps, result.</summary>
    public static string Latex(Derivation d)
    {
        var sb = new StringBuilder();
        sb.Append("% Generated from the symbolic derivation '").Append(d.Name).Append("'; regenerate rather than edit.\n");
        sb.Append("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n\\usepackage{graphicx}\n");
        sb.Append("\\usepackage[margin=2.5cm]{geometry}\n");
        // a math expression at its natural size, or shrunk to the line width when it is wider
        sb.Append("\\newsavebox{\\fitbox}\n");
        sb.Append("\\newcommand{\\fitmath}[1]{\\savebox{\\fitbox}{$\\displaystyle #1$}\\ifdim\\wd\\fitbox>0.9\\linewidth\\resizebox{0.9\\linewidth}{!}{\\usebox{\\fitbox}}\\else\\usebox{\\fitbox}\\fi}\n");
        sb.Append("\\title{").Append(EscapeText(d.Title)).Append("}\n\\date{}\n\\begin{document}\n\\sloppy\n\\maketitle\n\n");
        sb.Append("\\noindent ").Append(EscapeText(d.Summary)).Append("\n\n");
        sb.Append("\\section*{Assumptions}\n\\begin{description}\n");
        foreach (var a in Enum.GetValues<Assumption>())
            sb.Append("  \\item[").Append(Assumptions.Label(a)).Append("] ").Append(EscapeText(Assumptions.Describe(a))).Append('\n');
        sb.Append("\\end{description}\n\n\\section*{Steps}\n");
        int i = 1;
        foreach (var s in d.Steps)
        {
            sb.Append("\\subsection*{").Append(i++).Append(". ").Append(EscapeText(s.Title)).Append("}\n");
            sb.Append("\\noindent\\textit{Rule:} ").Append(EscapeText(s.Rule)).Append(".\\\\\n");
            sb.Append("\\textit{Assumptions:} ")
                .Append(s.Assumptions.IsEmpty ? "none (an identity)" : string.Join("; ", s.Assumptions.Select(a => $"{Assumptions.Label(a)} ({EscapeText(Assumptions.Describe(a))})")))
                .Append(".\n");
            sb.Append(StepEquation(s)).Append("\n\n");
        }
        sb.Append("\\section*{Result: ").Append(EscapeText(d.ResultLabel)).Append("}\n");
        sb.Append("\\begin{align*}\n  &\\fitmath{").Append(Symbolic.Printing.Latex.Print(d.Result)).Append("}\n\\end{align*}\n");
        if (!d.Quantities.IsEmpty)
        {
            sb.Append("\\section*{Other derived quantities}\n");
            foreach (var q in d.Quantities)
                sb.Append("\\noindent ").Append(EscapeText(q.Label)).Append(":\n\\begin{align*}\n  &\\fitmath{").Append(Symbolic.Printing.Latex.Print(q.Value)).Append("}\n\\end{align*}\n");
        }
        sb.Append("\\end{document}\n");
        return sb.ToString();
    }

    /// <summary>Markdown with $$-displayed LaTeX equations and the infix form of every step.</summary>
    public static string Markdown(Derivation d)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(d.Title).Append("\n\n").Append(d.Summary).Append("\n\n");
        int i = 1;
        foreach (var s in d.Steps)
        {
            sb.Append("## ").Append(i++).Append(". ").Append(s.Title).Append("\n\n");
            sb.Append("*Rule:* ").Append(s.Rule).Append(".  \n");
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
        sb.Append(d.Title).Append('\n').Append(d.Summary).Append("\n\n");
        int i = 1;
        foreach (var s in d.Steps)
        {
            sb.Append(i++).Append(". ").Append(s.Title).Append('\n');
            sb.Append("   rule: ").Append(s.Rule).Append('\n');
            sb.Append("   assumptions: ").Append(s.Assumptions.IsEmpty ? "none" : string.Join(", ", s.Assumptions.Select(Assumptions.Label))).Append('\n');
            sb.Append("   ").Append(Symbolic.Printing.Infix.Print(s.Before)).Append('\n');
            sb.Append("     ").Append(TextRelation(s.Relation)).Append(' ').Append(Symbolic.Printing.Infix.Print(s.After)).Append('\n');
        }
        sb.Append("result (").Append(d.ResultLabel).Append("): ").Append(Symbolic.Printing.Infix.Print(d.Result)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The JSON model: {"name", "title", "summary", "steps": [{"title", "rule", "relation", "assumptions", "before",
    /// "after", "latex"}], "result": {"label", "infix", "latex"}, "quantities": [{"label", "infix", "latex"}]}.
    /// </summary>
    public static JsonObject Json(Derivation d) => new()
    {
        ["name"] = d.Name,
        ["title"] = d.Title,
        ["summary"] = d.Summary,
        ["steps"] = new JsonArray([.. d.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["title"] = s.Title,
            ["rule"] = s.Rule,
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
