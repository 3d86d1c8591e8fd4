using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Kernels;

namespace NngpRg.Cli.Commands;

/// <summary><c>nngp-rg spectrum</c>: eigenvalues, multiplicities and tails of NNGP kernels on the sphere, or of a power law.</summary>
public static class SpectrumCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var kernel = new Option<string>("--kernel", "-k")
        {
            Description = "relu | arccos0 | arccos1 | arccos2 | erf | rbf | powerlaw",
            Required = true,
        };
        var depth = new Option<int>("--depth", "-L") { Description = "Hidden layers L ≥ 1 (NNGP kernels).", DefaultValueFactory = _ => 1 };
        var dim = new Option<int>("--dim", "-d") { Description = "Input dimension d: inputs on the unit sphere S^{d-1}, d ≥ 2.", DefaultValueFactory = _ => 10 };
        var lmax = new Option<int>("--lmax", "-n") { Description = "Highest degree ℓ (modes for powerlaw).", DefaultValueFactory = _ => 20 };
        var alpha = new Option<double>("--alpha") { Description = "Power-law exponent: λ_k = A k^-(1+α), α > 0.", DefaultValueFactory = _ => 1.0 };
        var amplitude = new Option<double>("--amplitude") { Description = "Power-law amplitude A > 0.", DefaultValueFactory = _ => 1.0 };
        var sigmaW2 = new Option<double>("--sigma-w2") { Description = "Weight variance σ_w² of every layer (input layer included).", DefaultValueFactory = _ => 1.0 };
        var sigmaB2 = new Option<double>("--sigma-b2") { Description = "Bias variance σ_b².", DefaultValueFactory = _ => 0.0 };
        var format = new Option<string>("--format", "-f") { Description = "table | csv | json", DefaultValueFactory = _ => "table" };
        var cmd = new Command("spectrum",
            "Kernel spectrum on the sphere by Funk–Hecke: eigenvalue λ_ℓ, multiplicity N(d,ℓ) and the tail c = Σ_{ℓ'>ℓ} N λ " +
            "after each level, with the sum rule Σ N λ = K(1). The NNGP kernel has an input layer σ_w² x·x' + σ_b² and L hidden layers.")
        {
            kernel, depth, dim, lmax, alpha, amplitude, sigmaW2, sigmaB2, format,
        };
        cmd.SetAction(parse =>
        {
            var name = parse.GetValue(kernel)!.Trim().ToLowerInvariant();
            int n = parse.GetValue(lmax);
            if (n < 0) throw new UserError($"--lmax must be ≥ 0, got {n}.");
            foreach (var (label, value) in new[] { ("--alpha", parse.GetValue(alpha)), ("--amplitude", parse.GetValue(amplitude)), ("--sigma-w2", parse.GetValue(sigmaW2)), ("--sigma-b2", parse.GetValue(sigmaB2)) })
                if (!double.IsFinite(value)) throw new UserError($"{label} must be a finite number, got {value}.");
            SphereSpectrum spectrum;
            if (name == "powerlaw")
            {
                double a = parse.GetValue(alpha), amp = parse.GetValue(amplitude);
                if (a <= 0) throw new UserError($"--alpha must be > 0, got {a}.");
                if (amp <= 0) throw new UserError($"--amplitude must be > 0, got {amp}.");
                if (n < 1) throw new UserError("--lmax must be ≥ 1 for a power law (it counts modes).");
                spectrum = SphereSpectrum.Of(new Core.Spectra.PowerLaw(amp, a), n);
            }
            else
            {
                Activation activation;
                try { activation = Activations.Parse(name); }
                catch (ArgumentException) { throw new UserError($"--kernel: unknown kernel '{name}'; use one of {string.Join(", ", Enum.GetValues<Activation>().Select(Activations.Name))} or powerlaw."); }
                int d = parse.GetValue(dim), L = parse.GetValue(depth);
                if (d < 2) throw new UserError($"--dim must be ≥ 2 (inputs on the sphere S^(d-1)), got {d}.");
                if (L is < 1 or > 64) throw new UserError($"--depth must be between 1 and 64, got {L}.");
                double w = parse.GetValue(sigmaW2), b = parse.GetValue(sigmaB2);
                if (w < 0 || b < 0) throw new UserError($"variances must be ≥ 0, got --sigma-w2 {w}, --sigma-b2 {b}.");
                spectrum = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(activation, w, b), L), d, n);
            }
            Write(parse.InvocationConfiguration.Output, spectrum, parse.GetValue(format)!);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes the spectrum as a table, CSV or JSON.</summary>
    public static void Write(TextWriter output, SphereSpectrum s, string format)
    {
        switch (format.Trim().ToLowerInvariant())
        {
            case "json":
                var levels = new JsonArray();
                foreach (var r in s.Levels)
                    levels.Add(new JsonObject
                    {
                        ["degree"] = r.Degree,
                        ["eigenvalue"] = JsonOut.Number(r.Eigenvalue),
                        ["multiplicity"] = JsonOut.Number(r.Multiplicity),
                        ["tail"] = JsonOut.Number(r.Tail),
                    });
                output.WriteLine(JsonOut.Write(new JsonObject
                {
                    ["kernel"] = s.Kernel,
                    ["dim"] = s.Dimension,
                    ["depth"] = s.Depth,
                    ["route"] = s.Route.ToString().ToLowerInvariant(),
                    ["levels"] = levels,
                    ["sumRule"] = new JsonObject
                    {
                        ["trace"] = JsonOut.Number(s.Trace),
                        ["levelSum"] = JsonOut.Number(s.LevelSum),
                        ["remainder"] = JsonOut.Number(s.Remainder),
                    },
                }));
                break;
            case "csv":
                output.WriteLine("degree,eigenvalue,multiplicity,tail");
                foreach (var r in s.Levels) output.WriteLine($"{r.Degree},{F(r.Eigenvalue)},{F(r.Multiplicity)},{F(r.Tail)}");
                break;
            case "table":
                var sb = new StringBuilder();
                sb.AppendLine(s.Dimension is { } d
                    ? $"# {s.Kernel} NNGP kernel, depth {s.Depth}, on S^{d - 1} (d = {d}), route {s.Route.ToString().ToLowerInvariant()}"
                    : $"# power law, {s.Levels.Length} modes");
                sb.AppendLine($"{(s.Dimension is null ? "k" : "degree"),8} {"eigenvalue",24} {"multiplicity",24} {"tail",24}");
                foreach (var r in s.Levels)
                    sb.AppendLine($"{r.Degree,8} {r.Eigenvalue,24:G17} {r.Multiplicity,24:G17} {r.Tail,24:G17}");
                sb.AppendLine($"# sum rule: Σ N λ over the listed levels = {s.LevelSum:G17}; trace {(s.Dimension is null ? "A ζ(1+α)" : "K(1)")} = {s.Trace:G17}; remainder {s.Remainder:G6}");
                output.Write(sb.ToString());
                break;
            default:
                throw new UserError($"--format: unknown format '{format}'; use table, csv or json.");
        }
    }
}
