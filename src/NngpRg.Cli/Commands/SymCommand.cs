using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using Facade = NngpRg;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Symbol = NngpRg.Symbolic.Expressions.Symbol;

namespace NngpRg.Cli.Commands;

/// <summary><c>nngp-rg sym &lt;verb&gt; "&lt;expression&gt;"</c>: the computer-algebra core from the command line.</summary>
public static class SymCommand
{
    private static Argument<string> ExpressionArgument() => new("expression")
    {
        Description = "An expression in infix form, e.g. \"(x+1)^2/(x^2-1)\", \"lambda_k/(lambda_k + sigma^{2}/eta)\". " +
                      "sigma^{2} is one symbol (a superscript in its name); sigma^2 is a power.",
    };

    private static Option<string> FormatOption(string defaultFormat = "infix") => new("--format", "-f")
    {
        Description = "Output: infix (parses back), latex, or json ({\"input\", \"result\", \"latex\"}).",
        DefaultValueFactory = _ => defaultFormat,
    };

    /// <summary>The <c>sym</c> command with its verbs.</summary>
    public static Command Build()
    {
        var sym = new Command("sym", "Symbolic algebra: simplify, expand, differentiate, evaluate (compiled) and print LaTeX.");
        sym.Subcommands.Add(Verb("simplify", "Rational normal form (one fraction, common factors cancelled, sign normalized), or the plain expansion when that is smaller; simplify(simplify(e)) = simplify(e).", e => { SymLimits.CheckExpansion(e, "simplify"); return Facade.Sym.Simplify(e); }));
        sym.Subcommands.Add(Verb("expand", "Distribute products over sums and expand integer powers of sums.", e => { SymLimits.CheckExpansion(e, "expand"); return Facade.Sym.Expand(e); }));
        sym.Subcommands.Add(Verb("latex", "Print the canonical form as LaTeX (same as --format latex).", e => e, defaultFormat: "latex"));
        sym.Subcommands.Add(Diff());
        sym.Subcommands.Add(Eval());
        return sym;
    }

    private static Command Verb(string name, string description, Func<Expr, Expr> op, string defaultFormat = "infix")
    {
        var expr = ExpressionArgument();
        var format = FormatOption(defaultFormat);
        var cmd = new Command(name, description) { expr, format };
        cmd.SetAction(parse =>
        {
            var input = parse.GetValue(expr)!;
            var e = ParseExpression(input);
            Print(parse.InvocationConfiguration.Output, input, op(e), parse.GetValue(format)!);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Diff()
    {
        var expr = ExpressionArgument();
        var format = FormatOption();
        var wrt = new Option<string>("--wrt") { Description = "The variable, e.g. x, lambda_k or sigma^{2}.", Required = true };
        var times = new Option<int>("--times", "-n") { Description = "How many times to differentiate (≥ 1).", DefaultValueFactory = _ => 1 };
        var simplify = new Option<bool>("--simplify") { Description = "Bring the derivative to rational normal form afterwards." };
        var cmd = new Command("diff", "Differentiate with respect to a symbol, simplifying as it goes.") { expr, wrt, times, simplify, format };
        cmd.SetAction(parse =>
        {
            var input = parse.GetValue(expr)!;
            var e = ParseExpression(input);
            var n = parse.GetValue(times);
            if (n < 1) throw new UserError($"--times must be at least 1, got {n}.");
            var x = ParseSymbol(parse.GetValue(wrt)!, "--wrt");
            var derivative = SymLimits.Differentiate(e, x, n, parse.InvocationConfiguration.Error);
            if (parse.GetValue(simplify))
            {
                SymLimits.CheckExpansion(derivative, "diff --simplify");
                derivative = Facade.Sym.Simplify(derivative);
            }
            Print(parse.InvocationConfiguration.Output, input, derivative, parse.GetValue(format)!);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Eval()
    {
        var expr = ExpressionArgument();
        var format = FormatOption();
        var at = new Option<string>("--at") { Description = "Values of the free symbols, e.g. \"x=0.3,y=2,lambda_k=1/4\" (values may be expressions such as pi/2).", DefaultValueFactory = _ => "" };
        var cmd = new Command("eval", "Evaluate numerically through a compiled delegate. A value that is not finite (NaN, ±∞) is an error that names the subexpression where it arises.") { expr, at, format };
        cmd.SetAction(parse =>
        {
            var input = parse.GetValue(expr)!;
            var e = ParseExpression(input);
            var bindings = ParseBindings(parse.GetValue(at)!);
            var free = Structure.FreeSymbols(e);
            var missing = free.Where(s => !bindings.ContainsKey(s)).ToList();
            if (missing.Count > 0)
                throw new UserError($"no value for {string.Join(", ", missing)}: pass --at \"{string.Join(",", missing.Select(m => m + "=…"))}\".");
            double value = Facade.Sym.Evaluate(e, bindings);
            if (!double.IsFinite(value))
                throw new UserError($"the value of '{e}'{(bindings.Count == 0 ? "" : " at --at " + string.Join(",", bindings.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}")))} " +
                    $"is {value.ToString("R", CultureInfo.InvariantCulture)}, not a finite number: {NonFiniteOrigin.Describe(e, bindings)}.");
            var output = parse.InvocationConfiguration.Output;
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            switch (ParseFormat(parse.GetValue(format)!))
            {
                case OutputFormat.Json:
                    output.WriteLine(JsonOut.Write(new JsonObject
                    {
                        ["input"] = input,
                        ["at"] = new JsonObject(bindings.Select(kv => KeyValuePair.Create(kv.Key.ToString(), JsonOut.Number(kv.Value)))),
                        ["result"] = JsonOut.Number(value),
                        ["latex"] = Facade.Sym.Latex(e),
                    }));
                    break;
                default:
                    output.WriteLine(text);
                    break;
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Expr ParseExpression(string text)
    {
        try
        {
            return Facade.Sym.Parse(text);
        }
        catch (ParseException e)
        {
            throw new UserError($"cannot parse the expression: {e.Message}");
        }
    }

    private static Symbol ParseSymbol(string text, string option)
    {
        var e = ParseExpression(text);
        return e as Symbol ?? throw new UserError($"{option} expects a symbol such as x, lambda_k or sigma^{{2}}, got '{text}' which reads as '{e}'.");
    }

    private static Dictionary<Symbol, double> ParseBindings(string text)
    {
        var result = new Dictionary<Symbol, double>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        int offset = 0;
        foreach (var part in SplitTopLevel(text))
        {
            int eq = part.IndexOf('=');
            if (eq < 0) throw new UserError($"--at: '{part.Trim()}' at character {offset} is not of the form name=value.");
            var name = part[..eq].Trim();
            var symbol = ParseSymbol(name, "--at");
            Expr valueExpr;
            try { valueExpr = Facade.Sym.Parse(part[(eq + 1)..]); }
            catch (ParseException e) { throw new UserError($"--at: the value of {name} does not parse: {e.Message}"); }
            if (Structure.FreeSymbols(valueExpr).Count > 0)
                throw new UserError($"--at: the value of {name} must be a number, got '{valueExpr}'.");
            var v = Facade.Sym.Evaluate(valueExpr, new Dictionary<Symbol, double>());
            if (!double.IsFinite(v)) throw new UserError($"--at: the value of {name} is {v}, not a finite number.");
            if (!result.TryAdd(symbol, v)) throw new UserError($"--at: {name} is given twice.");
            offset += part.Length + 1;
        }
        return result;
    }

    // Splits at commas that are not inside parentheses or braces (so "lambda_{k,q}=1" stays whole).
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '{') depth++;
            else if (c is ')' or '}') depth--;
            else if (c == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static OutputFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "infix" or "text" => OutputFormat.Infix,
        "latex" or "tex" => OutputFormat.Latex,
        "json" => OutputFormat.Json,
        _ => throw new UserError($"--format: unknown format '{text}'; use infix, latex or json."),
    };

    private static void Print(TextWriter output, string input, Expr result, string format)
    {
        switch (ParseFormat(format))
        {
            case OutputFormat.Latex:
                output.WriteLine(Facade.Sym.Latex(result));
                break;
            case OutputFormat.Json:
                output.WriteLine(JsonOut.Write(new JsonObject
                {
                    ["input"] = input,
                    ["result"] = result.ToString(),
                    ["latex"] = Facade.Sym.Latex(result),
                }));
                break;
            default:
                output.WriteLine(result.ToString());
                break;
        }
    }
}
