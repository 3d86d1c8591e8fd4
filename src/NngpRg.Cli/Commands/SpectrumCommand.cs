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
            Description = "relu | erf | rbf (NNGPs with σ_w², σ_b²) | arccos0 | arccos1 | arccos2 (Cho–Saul arc-cosine kernels, no variances) | powerlaw.",
            Required = true,
        };
        var kind = new Option<string>("--kernel-kind") { Description = "nngp (the NNGP kernel K) | ntk (the network's neural tangent kernel Θ; not for arccos0, whose step activation has derivative δ).", DefaultValueFactory = _ => "nngp" };
        var depth = new Option<int>("--depth", "-L") { Description = "Hidden layers L, 1 … 64 (for arccosN: compositions of the Cho–Saul map).", DefaultValueFactory = _ => 1 };
        var dim = new Option<int>("--dim", "-d") { Description = "Input dimension d ≥ 2: inputs on the unit sphere S^{d-1}.", DefaultValueFactory = _ => 10 };
        var lmax = new Option<int>("--lmax", "-n") { Description = $"Highest degree ℓ, 0 … {SphereSpectrum.MaxSeriesDegree} (modes ≥ 1 for powerlaw). λ_ℓ does not depend on it.", DefaultValueFactory = _ => 20 };
        var alpha = new Option<double>("--alpha") { Description = "Power-law exponent: λ_k = A k^-(1+α), α > 0.", DefaultValueFactory = _ => 1.0 };
        var amplitude = new Option<double>("--amplitude") { Description = "Power-law amplitude A > 0.", DefaultValueFactory = _ => 1.0 };
        var sigmaW2 = new Option<double>("--sigma-w2") { Description = "Weight variance σ_w² ≥ 0 of every layer, input layer included (relu, erf, rbf only).", DefaultValueFactory = _ => 1.0 };
        var sigmaB2 = new Option<double>("--sigma-b2") { Description = "Bias variance σ_b² ≥ 0 (relu, erf, rbf only).", DefaultValueFactory = _ => 0.0 };
        var format = new Option<string>("--format", "-f") { Description = "table | csv | json", DefaultValueFactory = _ => "table" };
        var cmd = new Command("spectrum",
            "Kernel spectrum on the sphere by Funk–Hecke: eigenvalue λ_ℓ with its stated relative error, multiplicity N(d,ℓ) and the " +
            "tail c = Σ_{ℓ'>ℓ} N λ after each level, with the sum rule Σ N λ = K(1) (K(1) from the diagonal map). relu/erf/rbf are " +
            "NNGPs with an input layer σ_w² x·y + σ_b² and L hidden layers; arccosN is the Cho–Saul kernel k_n = (1/π)|x|ⁿ|y|ⁿ J_n(θ), " +
            "composed L times. Route series (default): Taylor coefficients by composition of non-negative series and the tail from " +
            "their asymptotics; bessel: the depth-1 RBF closed form.")
        {
            kernel, kind, depth, dim, lmax, alpha, amplitude, sigmaW2, sigmaB2, format,
        };
        cmd.SetAction(parse =>
        {
            var name = parse.GetValue(kernel)!.Trim().ToLowerInvariant();
            int n = parse.GetValue(lmax);
            if (n < 0) throw new UserError($"--lmax must be ≥ 0, got {n}.");
            foreach (var (label, value) in new[] { ("--alpha", parse.GetValue(alpha)), ("--amplitude", parse.GetValue(amplitude)), ("--sigma-w2", parse.GetValue(sigmaW2)), ("--sigma-b2", parse.GetValue(sigmaB2)) })
                if (!double.IsFinite(value)) throw new UserError($"{label} must be a finite number, got {value}.");
            var fmt = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (fmt is not ("table" or "csv" or "json")) throw new UserError($"--format: unknown format '{fmt}'; use table, csv or json.");
            KernelKind kernelKind;
            try { kernelKind = KernelKinds.Parse(parse.GetValue(kind)!); }
            catch (ArgumentException) { throw new UserError($"--kernel-kind: unknown kind '{parse.GetValue(kind)}'; use nngp or ntk."); }
            SphereSpectrum spectrum;
            if (name == "powerlaw")
            {
                double a = parse.GetValue(alpha), amp = parse.GetValue(amplitude);
                if (a <= 0) throw new UserError($"--alpha must be > 0, got {a}.");
                if (a < TheoryOptions.MinAlpha) throw new UserError($"--alpha must be at least {TheoryOptions.MinAlpha.ToString(CultureInfo.InvariantCulture)}, got {F(a)}: the trace A ζ(1+α) ≈ A/α diverges as α → 0.");
                if (n > MaxPowerLawModes) throw new UserError($"--lmax must be at most {MaxPowerLawModes} for a power law (one printed row per mode), got {n}.");
                if (amp <= 0) throw new UserError($"--amplitude must be > 0, got {amp}.");
                if (n < 1) throw new UserError("--lmax must be ≥ 1 for a power law (it counts modes).");
                if (Given(parse, kind)) throw new UserError("--kernel-kind applies to network kernels, not to --kernel powerlaw.");
                spectrum = SphereSpectrum.Of(new Core.Spectra.PowerLaw(amp, a), n);
            }
            else
            {
                var activation = ParseKernel(name, "or powerlaw");
                int d = parse.GetValue(dim), L = parse.GetValue(depth);
                if (d < 2) throw new UserError($"--dim must be ≥ 2 (inputs on the sphere S^(d-1)), got {d}.");
                if (L is < 1 or > 64) throw new UserError($"--depth must be between 1 and 64, got {L}.");
                if (n > SphereSpectrum.MaxSeriesDegree) throw new UserError($"--lmax must be at most {SphereSpectrum.MaxSeriesDegree} for a network kernel (the series route's J/2), got {n}.");
                double w = parse.GetValue(sigmaW2), b = parse.GetValue(sigmaB2);
                if (w < 0 || b < 0) throw new UserError($"variances must be ≥ 0, got --sigma-w2 {w}, --sigma-b2 {b}.");
                var map = Map(activation, w, b, Given(parse, sigmaW2), Given(parse, sigmaB2));
                if (kernelKind == KernelKind.Ntk && activation == Activation.ArcCos0)
                    throw new UserError("--kernel-kind ntk: arccos0 has no NTK (its step activation Θ(u) has derivative δ(u), and K̇ = (1/π)/sin θ diverges at t = ±1).");
                spectrum = SphereSpectrum.Of(NngpKernel.Of(map, L), d, n, kernelKind);
            }
            ResultGuard.RequireFinite(Json(spectrum), parse);
            Write(parse.InvocationConfiguration.Output, spectrum, fmt);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The most modes a power-law spectrum lists (one row each).</summary>
    public const int MaxPowerLawModes = 1_000_000;

    /// <summary>True when the option was given on the command line (not its default).</summary>
    internal static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>Reads a kernel name as a <see cref="UserError"/> when unknown.</summary>
    internal static Activation ParseKernel(string name, string alternatives = "")
    {
        try { return Activations.Parse(name); }
        catch (ArgumentException)
        {
            throw new UserError($"--kernel: unknown kernel '{name}'; use one of {string.Join(", ", Enum.GetValues<Activation>().Select(Activations.Name))}{(alternatives.Length > 0 ? " " + alternatives : "")}.");
        }
    }

    /// <summary>The layer map, refusing weight or bias variances given to a Cho–Saul kernel (which has none).</summary>
    internal static LayerMap Map(Activation activation, double sigmaW2, double sigmaB2, bool sigmaW2Given, bool sigmaB2Given)
    {
        if (Activations.HasVariances(activation) && sigmaW2 == 0)
            throw new UserError("--sigma-w2 must be > 0: with σ_w² = 0 the input layer σ_w² x·y + σ_b² ignores the inputs and the kernel is a constant (one eigenvalue, no spectrum to renormalize).");
        if (!Activations.HasVariances(activation) && (sigmaW2Given || sigmaB2Given))
            throw new UserError($"{(sigmaW2Given ? "--sigma-w2" : "--sigma-b2")} does not apply to {Activations.Name(activation)}: the Cho–Saul kernel k_n = (1/π)|x|ⁿ|y|ⁿ J_n(θ) " +
                                "acts on the raw inputs and has no weight or bias variance; use --kernel relu for the ReLU NNGP with σ_w², σ_b².");
        return Activations.HasVariances(activation) ? LayerMap.Of(activation, sigmaW2, sigmaB2) : LayerMap.Of(activation);
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    // ascending degrees, with runs of three or more at a constant step of 1 or 2 written as "151–200" or "151–199 (step 2)"
    private static string Degrees(List<int> degrees)
    {
        var runs = new List<string>();
        for (int i = 0; i < degrees.Count;)
        {
            int step = i + 1 < degrees.Count ? degrees[i + 1] - degrees[i] : 0, j = i;
            if (step is 1 or 2)
                while (j + 1 < degrees.Count && degrees[j + 1] - degrees[j] == step) j++;
            runs.Add(j - i >= 2 ? $"{degrees[i]}–{degrees[j]}{(step == 2 ? " (step 2)" : "")}" : degrees[i].ToString(CultureInfo.InvariantCulture));
            i = j - i >= 2 ? j + 1 : i + 1;
        }
        return string.Join(", ", runs);
    }

    // a relative error printed where λ_ℓ is 0 with a positive error (below the double range): the bound itself
    private static JsonNode? RelativeJson(LevelRow r) => double.IsFinite(r.RelativeError) ? JsonOut.Number(r.RelativeError) : null;

    private static string RelativeText(LevelRow r) => double.IsFinite(r.RelativeError) ? r.RelativeError.ToString("G3", CultureInfo.InvariantCulture) : $"<={r.Error:G3}";

    private static string Title(SphereSpectrum s) =>
        s.Dimension is { } d
            ? $"{s.Kernel} {(s.Kind == KernelKind.Ntk ? "NTK" : Activations.HasVariances(Activations.Parse(s.Kernel)) ? "NNGP kernel" : "kernel")}, depth {s.Depth}, on S^{d - 1} (d = {d}), route {s.Route.ToString().ToLowerInvariant()}"
            : $"power law, {s.Levels.Length} modes";

    /// <summary>The spectrum as JSON: levels with their stated relative errors, and the sum rule.</summary>
    internal static JsonObject Json(SphereSpectrum s)
    {
        var levels = new JsonArray();
        foreach (var r in s.Levels)
            levels.Add(new JsonObject
            {
                ["degree"] = r.Degree,
                ["eigenvalue"] = JsonOut.Number(r.Eigenvalue),
                ["multiplicity"] = JsonOut.Number(r.Multiplicity),
                ["tail"] = JsonOut.Number(r.Tail),
                ["relativeError"] = RelativeJson(r),
            });
        return new JsonObject
        {
            ["kernel"] = s.Kernel,
            ["kind"] = s.Dimension is null ? null : KernelKinds.Name(s.Kind),
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
        };
    }

    /// <summary>Writes the spectrum as a table, CSV or JSON; every eigenvalue carries its stated relative error.</summary>
    public static void Write(TextWriter output, SphereSpectrum s, string format)
    {
        switch (format.Trim().ToLowerInvariant())
        {
            case "json":
                output.WriteLine(JsonOut.Write(Json(s)));
                break;
            case "csv":
                output.WriteLine("degree,eigenvalue,multiplicity,tail,relative_error");
                foreach (var r in s.Levels) output.WriteLine($"{r.Degree},{F(r.Eigenvalue)},{F(r.Multiplicity)},{F(r.Tail)},{(double.IsFinite(r.RelativeError) ? F(r.RelativeError) : "")}");
                break;
            case "table":
                var sb = new StringBuilder();
                sb.AppendLine($"# {Title(s)}");
                if (s.Dimension is not null) sb.AppendLine($"# {Activations.Describe(Activations.Parse(s.Kernel))}");
                sb.AppendLine($"{(s.Dimension is null ? "k" : "degree"),8} {"eigenvalue",24} {"rel.error",10} {"multiplicity",24} {"tail",24}");
                foreach (var r in s.Levels)
                    sb.AppendLine($"{r.Degree,8} {r.Eigenvalue,24:G17} {RelativeText(r),10} {r.Multiplicity,24:G17} {r.Tail,24:G17}");
                sb.AppendLine($"# sum rule: Σ N λ over the listed levels = {s.LevelSum:G17}; trace {(s.Dimension is null ? "A ζ(1+α)" : s.Kind == KernelKind.Ntk ? "Θ(1)" : "K(1)")} = {s.Trace:G17}; remainder {s.Remainder:G6}");
                if (s.Dimension is not null)
                {
                    sb.AppendLine("# rel.error: stated relative accuracy of λ_ℓ (0: exact, e.g. a vanishing parity); tail after ℓ: Σ N λ over the later levels, computed beyond the listed ones, plus K(1) − Σ N λ where that exceeds its rounding.");
                    // a level is loose either because it is below the normal double range (the absolute floor of gradual
                    // underflow dominates its error) or because only a bound on its Taylor tail is known
                    bool Underflow(LevelRow r) => Math.Abs(r.Eigenvalue) * 1e-6 < SphereSpectrum.UnderflowFloor;
                    var loose = s.Levels.Where(r => r.RelativeError > 1e-6 && !Underflow(r)).Select(r => r.Degree).ToList();
                    if (loose.Count > 0)
                        sb.AppendLine($"# ℓ = {Degrees(loose)}: only a bound on the Taylor tail is known here (no short asymptotic series), so these carry the large errors shown.");
                    var below = s.Levels.Where(r => r.RelativeError > 1e-6 && Underflow(r)).Select(r => r.Degree).ToList();
                    if (below.Count > 0)
                        sb.AppendLine($"# ℓ = {Degrees(below)}: below the normal double range (gradual underflow), only the absolute error {SphereSpectrum.UnderflowFloor:G3} is known, so these carry no relative accuracy (a 0 there is not an exact zero).");
                }
                output.Write(sb.ToString());
                break;
            default:
                throw new UserError($"--format: unknown format '{format}'; use table, csv or json.");
        }
    }
}
