using System.CommandLine;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Derivations;

namespace NngpRg.Cli.Commands;

/// <summary><c>nngp-rg derive &lt;name&gt;|--all</c>: the Wilsonian derivations, step by step, as LaTeX, Markdown, text or JSON.</summary>
public static class DeriveCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var name = new Argument<string?>("name")
        {
            Description = $"Which derivation: {string.Join(", ", Derivations.Names)}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Every derivation." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "latex (a complete document per derivation, compiles with pdflatex) | markdown | infix (plain text) | json",
            DefaultValueFactory = _ => "latex",
        };
        var outDir = new Option<string?>("--out", "-o") { Description = "Write one file per derivation into this folder (atomically) instead of printing." };
        var cmd = new Command("derive",
            "Derive the RG flow equations of GP regression symbolically, from the replicated action to the flow, every step " +
            "recorded with its rule and assumptions (A1 unlearnable removed modes, A2 feature statistics, A3 thin shell, A4 M → 0).")
        {
            name, all, format, outDir,
        };
        cmd.SetAction(parse =>
        {
            var which = parse.GetValue(name);
            if (which is not null && which.StartsWith('-'))
                throw new UserError($"unknown option '{which}'; derive takes a derivation name or --all, with --format and --out.");
            bool everything = parse.GetValue(all);
            if (everything == (which is not null))
                throw new UserError($"give a derivation name or --all (not both); names: {string.Join(", ", Derivations.Names)}.");
            IReadOnlyList<Derivation> derivations;
            if (everything) derivations = Derivations.All();
            else
            {
                if (!Derivations.Names.Contains(which!))
                    throw new UserError($"unknown derivation '{which}'; use one of {string.Join(", ", Derivations.Names)}.");
                derivations = [Derivations.ByName(which!)];
            }
            var (render, extension) = Renderer(parse.GetValue(format)!);
            var folder = parse.GetValue(outDir);
            if (folder is not null)
            {
                if (string.IsNullOrWhiteSpace(folder)) throw new UserError("--out: the folder name is empty.");
                var type = Core.Data.FileTypes.Of(FilePaths.RealPath(folder));
                if (type is not (Core.Data.FileType.Directory or Core.Data.FileType.Missing))
                    throw new UserError($"--out '{folder}' is {Core.Data.FileTypes.Describe(type)}, not a folder.");
            }
            var output = parse.InvocationConfiguration.Output;
            if (folder is { } dir)
            {
                foreach (var d in derivations)
                {
                    var path = Path.Combine(dir, d.Name + extension);
                    AtomicFile.WriteAllText(path, render(d));
                    output.WriteLine(path);
                }
            }
            else if (extension == ".json" && everything)
                output.WriteLine(JsonOut.Write(new JsonArray([.. derivations.Select(d => (JsonNode)DerivationDocument.Json(d))])));
            else
                output.Write(string.Join("\n", derivations.Select(render)));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static (Func<Derivation, string> Render, string Extension) Renderer(string format) => format.Trim().ToLowerInvariant() switch
    {
        "latex" or "tex" => (DerivationDocument.Latex, ".tex"),
        "markdown" or "md" => (DerivationDocument.Markdown, ".md"),
        "infix" or "text" => (DerivationDocument.Infix, ".txt"),
        "json" => (d => JsonOut.Write(DerivationDocument.Json(d)) + "\n", ".json"),
        _ => throw new UserError($"--format: unknown format '{format}'; use latex, markdown, infix or json."),
    };
}
