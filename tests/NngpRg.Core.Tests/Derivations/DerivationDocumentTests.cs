using System.Diagnostics;
using System.Text.RegularExpressions;
using NngpRg.Core.Derivations;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;
using static NngpRg.Core.Derivations.Notation;
using Registry = NngpRg.Core.Derivations.Derivations;

namespace NngpRg.Core.Tests.Derivations;

/// <summary>The rendered documents: well-formed LaTeX, the JSON model, the checked-in files, a real pdflatex run, and the compiled flows.</summary>
public sealed class DerivationDocumentTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NngpRg.Symbolic.sln"))) return dir.FullName;
        throw new Xunit.Sdk.XunitException($"No folder containing NngpRg.Symbolic.sln above {AppContext.BaseDirectory}: cannot find the checked-in derivations/ folder.");
    }

    [Fact]
    public void Latex_documents_have_balanced_braces_and_environments()
    {
        foreach (var d in Registry.All())
        {
            var tex = DerivationDocument.Latex(d);
            int depth = 0;
            for (int i = 0; i < tex.Length; i++)
            {
                if (tex[i] == '\\') { i++; continue; }
                if (tex[i] == '{') depth++;
                if (tex[i] == '}') depth--;
                Assert.True(depth >= 0, $"{d.Name}: unbalanced '}}' at {i}");
            }
            Assert.Equal(0, depth);
            var begins = Regex.Matches(tex, @"\\begin\{([a-z*]+)\}").Select(m => m.Groups[1].Value).ToList();
            var ends = Regex.Matches(tex, @"\\end\{([a-z*]+)\}").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(begins.Order(), ends.Order());
            // one numbered equation per step, the result and each quantity
            Assert.Equal(d.Steps.Length + 1 + d.Quantities.Length, begins.Count(b => b == "equation"));
            Assert.StartsWith("%", tex);
            Assert.Contains("\\documentclass{article}", tex);
            Assert.Contains("\\usepackage{amsmath}", tex);
            Assert.Contains("\\section{Introduction}", tex);
            // the assumptions section lists exactly the assumptions some step uses
            var used = d.Steps.SelectMany(s => s.Assumptions).ToHashSet();
            Assert.NotEmpty(used);
            foreach (var a in Enum.GetValues<Assumption>())
                Assert.True(tex.Contains($"\\item[{Assumptions.Label(a)}]") == used.Contains(a), $"{d.Name}: {Assumptions.Label(a)} listed = {!used.Contains(a)}, used = {used.Contains(a)}");
            // the result sentence names the equation it comes from and reads as a sentence
            Assert.DoesNotContain("The result, is", tex);
            Assert.Matches(@"The result, the (right|left)-hand side of eq.~\\eqref\{eq:[a-z-]+:\d+\}, is\n", tex);
        }
    }

    // Every equation has a unique label, every reference names a label of the document, and each document refers to its result.
    [Fact]
    public void Equations_are_labelled_and_every_reference_resolves()
    {
        foreach (var d in Registry.All())
        {
            var tex = DerivationDocument.Latex(d);
            var labels = Regex.Matches(tex, @"\\label\{([^}]+)\}").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(labels.Count, labels.Distinct().Count());
            var refs = Regex.Matches(tex, @"\\(?:eq)?ref\{([^}]+)\}").Select(m => m.Groups[1].Value).ToList();
            foreach (var r in refs) Assert.True(labels.Contains(r), $"{d.Name}: \\ref{{{r}}} has no label");
            Assert.Contains($"\\eqref{{{DerivationDocument.ResultLabel(d)}}}", tex);
            Assert.Contains($"\\label{{{DerivationDocument.StepLabel(d, d.Steps.Length)}}}", tex);
        }
        // a step that continues from an earlier one cites it
        var next = Registry.ByName("next-order");
        int first = next.Steps.ToList().FindIndex(s => s.Title.StartsWith("First order")) + 1;
        Assert.True(DerivationDocument.Source(next, first) > 0);
        Assert.Contains($"Step {first} (", DerivationDocument.Latex(next));
    }

    // The prose is LaTeX: outside math ($…$ and the equation environments) no bare subscript or superscript is left (the
    // complaint was "delta_c^2" typeset as text), and the plain-text rendering has no LaTeX left in it.
    [Fact]
    public void Prose_is_typeset_as_latex_and_rendered_as_plain_text()
    {
        foreach (var d in Registry.All())
        {
            var tex = DerivationDocument.Latex(d);
            var body = tex[tex.IndexOf("\\begin{document}", StringComparison.Ordinal)..];
            body = Regex.Replace(body, @"\\begin\{equation\}.*?\\end\{equation\}", "", RegexOptions.Singleline);
            body = Regex.Replace(body, @"\$[^$]*\$", "");
            body = Regex.Replace(body, @"\\(label|ref|eqref|texttt)\{[^}]*\}", "");
            Assert.False(Regex.IsMatch(body, @"[_^]"), $"{d.Name}: untypeset math in the prose: {Regex.Match(body, @".{0,40}[_^].{0,40}").Value}");
            var text = DerivationDocument.Infix(d);
            Assert.DoesNotContain("\\", text.Split('\n').Where(l => l.StartsWith("   rule:") || !l.StartsWith("   ")).Aggregate("", (a, b) => a + b));
            Assert.DoesNotContain("$", text);
        }
        Assert.Equal("δ_c² and κ_eff → E₀ (step 3)", LatexProse.ToText(@"$\delta_c^2$ and $\kappa_{\mathrm{eff}} \to E_0$ \eqref{eq:x:3}"));
        Assert.Equal("1/2λ² + √ν §8 and (a + b)/c", LatexProse.ToText(@"$\frac{1}{2}\lambda^2 + \sqrt{\nu}$ \S8 and $\tfrac{a + b}{c}$"));
        Assert.Equal("eqs. (2.2)–(2.4) — the ridge", LatexProse.ToText(@"eqs. (2.2)--(2.4) --- the ridge"));
    }

    [Fact]
    public void Json_model_has_every_step_and_the_result()
    {
        var d = Registry.ByName("gaussian-step");
        var json = DerivationDocument.Json(d);
        Assert.Equal("gaussian-step", (string?)json["name"]);
        var steps = json["steps"]!.AsArray();
        Assert.Equal(d.Steps.Length, steps.Count);
        foreach (var s in steps)
            foreach (var key in new[] { "title", "rule", "before", "after", "latex" })
                Assert.False(string.IsNullOrEmpty((string?)s![key]), key);
        Assert.Equal("-lambda_kappa", (string?)json["result"]!["infix"]);
        Assert.Equal("-\\lambda_{\\kappa}", (string?)json["result"]!["latex"]);
        Assert.Contains("```", DerivationDocument.Markdown(d));
        Assert.Contains("result (d sigma^2/d kappa): -lambda_kappa", DerivationDocument.Infix(d));
    }

    [Fact]
    public void Checked_in_documents_are_up_to_date()
    {
        var folder = Path.Combine(RepoRoot(), "derivations");
        foreach (var d in Registry.All())
        {
            var path = Path.Combine(folder, DerivationDocument.FileName(d));
            Assert.True(File.Exists(path), $"{path} is missing: regenerate the documents from the repository root with `dotnet run -c Release --project src/NngpRg.Cli -- derive --all --out derivations` (derivations/README.md).");
            Assert.True(File.ReadAllText(path) == DerivationDocument.Latex(d), $"{path} is stale: regenerate the documents from the repository root with `dotnet run -c Release --project src/NngpRg.Cli -- derive --all --out derivations` (derivations/README.md).");
        }
    }

    [Fact]
    public void Write_all_writes_every_document_atomically_and_leaves_no_temporary_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "derivations-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = DerivationDocument.WriteAll(dir);
            Assert.Equal(Registry.Names.Select(n => Path.Combine(dir, n + ".tex")).ToArray(), written.ToArray());
            Assert.Equal(written.Count, Directory.GetFiles(dir).Length);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    // CI installs texlive-latex-base: a missing pdflatex is a failure, not a skip. Every document compiles, not only one.
    [Fact]
    public void Pdflatex_compiles_every_document()
    {
        var pdflatex = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, "pdflatex")).FirstOrDefault(File.Exists);
        Assert.True(pdflatex is not null, "pdflatex is not on PATH: install the Debian package texlive-latex-base (apt-get install -y texlive-latex-base).");
        var dir = Path.Combine(Path.GetTempPath(), "pdflatex-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var d in Registry.All())
            {
                var file = DerivationDocument.FileName(d);
                File.WriteAllText(Path.Combine(dir, file), DerivationDocument.Latex(d));
                var start = new ProcessStartInfo(pdflatex!, $"-interaction=nonstopmode -halt-on-error {file}")
                {
                    WorkingDirectory = dir,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var process = Process.Start(start)!;
                var log = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"pdflatex failed on {file}:\n{log[Math.Max(0, log.Length - 2000)..]}");
                Assert.True(File.Exists(Path.Combine(dir, d.Name + ".pdf")), $"{file}: no PDF");
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Compiled_flow_equations_agree_with_the_physics_formulas()
    {
        var rng = new Random(29);
        for (int t = 0; t < 20; t++)
        {
            double l = 0.01 + rng.NextDouble(), s = 0.1 + rng.NextDouble(), m2 = 0.5 + rng.NextDouble(), eta = 1 + 10 * rng.NextDouble(), chi = 2 * rng.NextDouble();
            Assert.Equal(-l, FlowEquations.LeadingRidgeStep(l, s), 14);
            Assert.Equal(-l + (eta + chi) * l * l / s, FlowEquations.NextOrderRidgeStep([l, s, eta, chi]), 12);
            Assert.Equal(-l * m2, FlowEquations.InputDependentRidgeStep(l, m2), 14);
            Assert.Equal(eta * l / (s + eta * l), FlowEquations.EquivalentKernelLearnability(l, s, eta), 12);
        }
        var compiled = Registry.ByName("next-order").Compile(LambdaKappa, KappaEff, Eta, Chi);
        var at = new Dictionary<Symbol, double> { [LambdaKappa] = 0.3, [KappaEff] = 0.7, [Eta] = 5, [Chi] = 2 };
        Assert.Equal(Evaluate.At(Registry.ByName("next-order").Result, at), compiled([0.3, 0.7, 5, 2]), 14);
    }
}
