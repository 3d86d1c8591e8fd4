using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Flows;
using NngpRg.Core.Kernels;
using NngpRg.Core.Plotting;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg flow</c>: the Gaussian ridge flow σ_c²(κ) = σ² + c(κ) with the stopping rule (PHYSICS.md §3), the
/// self-consistent effective ridge (§5), and both theories' predicted test MSE for a target.
/// </summary>
public static class FlowCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var common = new TheoryOptions();
        var sigma2 = new Option<double>("--sigma2") { Description = "Bare ridge σ² ≥ 0 (the GP noise variance).", Required = true };
        var eta = new Option<double>("--eta") { Description = "Mean number of training points η > 0.", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "table | csv (the trajectory) | json", DefaultValueFactory = _ => "table" };
        var plot = new Option<string?>("--plot") { Description = "Also write an SVG plot of σ²(κ) and the learnability against κ (log axis) to this file." };
        var cmd = new Command("flow",
            "Run the Gaussian ridge flow: integrate modes out from the UV while their learnability ηλ/(σ_c² + ηλ) stays below T, " +
            "stop at κ*, and report the renormalized ridge σ_c² = σ² + c(κ*), the self-consistent ridge κ_eff with E₀, and the " +
            "test MSE both theories predict for the target.");
        common.AddTo(cmd);
        cmd.Options.Add(sigma2);
        cmd.Options.Add(eta);
        cmd.Options.Add(format);
        cmd.Options.Add(plot);
        cmd.SetAction(parse =>
        {
            var setup = common.Read(parse);
            double s2 = parse.GetValue(sigma2), n = parse.GetValue(eta);
            CheckSigma2(s2);
            if (!double.IsFinite(n) || n <= 0) throw new UserError($"--eta must be a finite number > 0, got {F(n)}.");
            var fmt = Format(parse.GetValue(format)!);
            var plotPath = parse.GetValue(plot);
            setup.CheckOutput(plotPath, "--plot");

            var result = Run(setup, s2, n);
            var output = parse.InvocationConfiguration.Output;
            switch (fmt)
            {
                case "json": output.WriteLine(JsonOut.Write(Json(result))); break;
                case "csv": WriteCsv(output, result); break;
                default: WriteTable(output, result); break;
            }
            if (plotPath is not null) AtomicFile.WriteAllText(plotPath, Svg.Render(Plot(result)));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Everything one flow run produced, for printing.</summary>
    internal sealed record FlowReport(TheorySetup Setup, double Sigma2, double Eta, RenormalizedPrediction Rg, SelfConsistentSolution SelfConsistent, double SelfConsistentMse)
    {
        public FlowResult Flow => Rg.Flow;
        /// <summary>c(κ*) including the truncated spectrum's remainder (folded into the start of the flow).</summary>
        public double Tail => Flow.RunningRidge - Sigma2;
    }

    internal static FlowReport Run(TheorySetup setup, double sigma2, double eta)
    {
        // The trace past the listed levels (a truncated kernel spectrum) is removed before any listed mode: it starts the flow.
        double start = sigma2 + setup.Remainder;
        var rg = RenormalizedEk.Predict(setup.Spectrum, setup.Target, start, eta, setup.Threshold, setup.Rhs, setup.Options);
        var sc = SelfConsistentRidge.Solve(setup.Spectrum, start, eta);
        return new FlowReport(setup, sigma2, eta, rg, sc, sc.PredictedMse(setup.Target));
    }

    private static JsonObject Json(FlowReport r)
    {
        var trajectory = new JsonArray();
        foreach (var p in r.Flow.Trajectory)
        {
            var point = new JsonObject
            {
                ["kappa"] = JsonOut.Number(p.Kappa),
                ["sigma2"] = JsonOut.Number(p.Ridge),
                ["learnability"] = JsonOut.Number(p.Learnability),
            };
            if (p.NextOrderRidge is { } next) point["nextOrderSigma2"] = JsonOut.Number(next);
            trajectory.Add(point);
        }
        var json = new JsonObject
        {
            ["kappaStar"] = JsonOut.Number(r.Flow.KappaStar),
            ["tail"] = JsonOut.Number(r.Tail),
            ["sigmaC2"] = JsonOut.Number(r.Flow.RunningRidge),
            ["selfConsistentRidge"] = JsonOut.Number(r.SelfConsistent.KappaEff),
            ["e0"] = JsonOut.Number(r.SelfConsistent.E0),
            ["predictedMse"] = new JsonObject
            {
                ["rg"] = JsonOut.Number(r.Rg.Mse),
                ["selfConsistent"] = JsonOut.Number(r.SelfConsistentMse),
            },
            ["trajectory"] = trajectory,
        };
        if (r.Flow.NextOrderRidge is { } nextRidge)
        {
            json["nextOrderSigmaC2"] = JsonOut.Number(nextRidge);
            json["nextOrderMse"] = JsonOut.Number(r.Rg.NextOrderMse ?? double.NaN);
        }
        json["keptModes"] = r.Flow.KeptModes;
        json["threshold"] = JsonOut.Number(r.Flow.Threshold);
        json["eta"] = JsonOut.Number(r.Eta);
        json["sigma2"] = JsonOut.Number(r.Sigma2);
        json["spectrum"] = r.Setup.Description;
        json["method"] = r.Setup.MethodName;
        json["order"] = r.Setup.OrderName;
        json["target"] = r.Setup.TargetName;
        json["kappa0"] = JsonOut.Number(r.Flow.Kappa0);
        json["truncatedTrace"] = JsonOut.Number(r.Setup.Remainder);
        return json;
    }

    private static void WriteCsv(TextWriter output, FlowReport r)
    {
        bool next = r.Flow.NextOrderRidge is not null;
        output.WriteLine(next ? "kappa,sigma2,learnability,nextOrderSigma2" : "kappa,sigma2,learnability");
        foreach (var p in r.Flow.Trajectory)
            output.WriteLine(next ? $"{F(p.Kappa)},{F(p.Ridge)},{F(p.Learnability)},{F(p.NextOrderRidge!.Value)}" : $"{F(p.Kappa)},{F(p.Ridge)},{F(p.Learnability)}");
    }

    private static void WriteTable(TextWriter output, FlowReport r)
    {
        var f = r.Flow;
        var sb = new StringBuilder();
        sb.AppendLine($"# Gaussian ridge flow ({r.Setup.OrderName} order, {r.Setup.MethodName}) for {r.Setup.Description}");
        sb.AppendLine($"# σ² = {G(r.Sigma2)}, η = {G(r.Eta)}, threshold T = {G(f.Threshold)}, target {r.Setup.TargetName}");
        if (r.Setup.Remainder > 0)
            sb.AppendLine($"# trace past the listed levels {G(r.Setup.Remainder)} starts the flow (added to σ²)");
        sb.AppendLine($"stopping point κ*            {G(f.KappaStar)}   (kept modes {f.KeptModes}, flow started at κ₀ = {G(f.Kappa0)})");
        sb.AppendLine($"ridge shift c(κ*)            {G(r.Tail)}");
        sb.AppendLine($"renormalized ridge σ_c²      {G(f.RunningRidge)}");
        if (f.NextOrderRidge is { } nr) sb.AppendLine($"next-order ridge σ_c²        {G(nr)}");
        sb.AppendLine($"learnability at κ*           {G(f.LearnabilityAtStop)}");
        sb.AppendLine($"self-consistent ridge κ_eff  {G(r.SelfConsistent.KappaEff)}");
        sb.AppendLine($"overfitting factor E₀        {G(r.SelfConsistent.E0)}");
        sb.AppendLine($"predicted MSE, RG            {G(r.Rg.Mse)}");
        if (r.Rg.NextOrderMse is { } nm) sb.AppendLine($"predicted MSE, RG next order {G(nm)}");
        sb.AppendLine($"predicted MSE, self-cons.    {G(r.SelfConsistentMse)}");
        sb.AppendLine("# trajectory (κ from κ₀ down to κ*)");
        sb.AppendLine($"{"kappa",14} {"sigma2",24} {"learnability",14}");
        var points = f.Trajectory;
        int stride = Math.Max(1, (int)Math.Ceiling(points.Length / 20.0));
        for (int i = 0; i < points.Length; i++)
        {
            if (i % stride != 0 && i != points.Length - 1) continue;
            var p = points[i];
            sb.AppendLine($"{G(p.Kappa),14} {p.Ridge,24:G17} {p.Learnability,14:G6}");
        }
        output.Write(sb.ToString());
    }

    private static LinePlot Plot(FlowReport r)
    {
        var points = r.Flow.Trajectory;
        var series = ImmutableArray.CreateBuilder<PlotSeries>();
        series.Add(new PlotSeries("σ²(κ), leading order", [.. points.Select(p => new PlotPoint(p.Kappa, p.Ridge))], "#1f77b4"));
        if (r.Flow.NextOrderRidge is not null)
            series.Add(new PlotSeries("σ²(κ), next order", [.. points.Select(p => new PlotPoint(p.Kappa, p.NextOrderRidge ?? double.NaN))], "#2ca02c", LineDash.Dotted));
        series.Add(new PlotSeries("learnability (right axis)", [.. points.Select(p => new PlotPoint(p.Kappa, p.Learnability))], "#d62728", LineDash.Dashed, OnRightAxis: true));
        return new LinePlot(
            $"Ridge flow: κ* = {G(r.Flow.KappaStar)}, σ_c² = {G(r.Flow.RunningRidge)} (σ² = {G(r.Sigma2)}, η = {G(r.Eta)})",
            new PlotAxis("cutoff κ (modes kept)", AxisScale.Log),
            new PlotAxis("running ridge σ²(κ)", AxisScale.Log),
            series.ToImmutable(),
            new PlotAxis("learnability of mode κ", AxisScale.Linear, 0, 1));
    }

    internal static void CheckSigma2(double s2)
    {
        if (!double.IsFinite(s2) || s2 < 0) throw new UserError($"--sigma2 must be a finite number ≥ 0, got {F(s2)}.");
    }

    internal static string Format(string format) => format.Trim().ToLowerInvariant() switch
    {
        "table" => "table",
        "csv" => "csv",
        "json" => "json",
        _ => throw new UserError($"--format: unknown format '{format}'; use table, csv or json."),
    };

    internal static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    internal static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>The spectrum, target, threshold, method and order shared by <c>flow</c> and <c>curve</c>, read and checked.</summary>
/// <param name="Spectrum">The explicit levels (and, for a power law, its exact tail).</param>
/// <param name="Remainder">Trace past the listed levels of a truncated kernel spectrum (0 for a power law): it starts every flow.</param>
/// <param name="Description">One line naming the spectrum.</param>
/// <param name="Target">The target's power per mode.</param>
/// <param name="TargetName">How the target was given.</param>
/// <param name="TargetFile">Full path of the target file, if any (never overwritten).</param>
/// <param name="Threshold">T.</param>
/// <param name="Rhs">From <see cref="FlowEquations.For"/>.</param>
/// <param name="OrderName">leading | next.</param>
/// <param name="Options">The flow method and its continuum.</param>
/// <param name="MethodName">discrete | levels | continuum | rg-time.</param>
internal sealed record TheorySetup(
    Spectrum Spectrum, double Remainder, string Description, TargetSpectrum Target, string TargetName, string? TargetFile,
    double Threshold, FlowRhs Rhs, string OrderName, FlowOptions Options, string MethodName)
{
    /// <summary>Refuses an output path that names the input target file.</summary>
    public void CheckOutput(string? path, string option)
    {
        if (path is null) return;
        if (string.IsNullOrWhiteSpace(path)) throw new UserError($"{option}: the file name is empty.");
        if (TargetFile is not null && string.Equals(Path.GetFullPath(path), TargetFile, StringComparison.Ordinal))
            throw new UserError($"{option} '{path}' names the --target input file; refusing to overwrite an input.");
    }
}

/// <summary>The options shared by <c>flow</c> and <c>curve</c>.</summary>
internal sealed class TheoryOptions
{
    private readonly Option<string?> _kernel = new("--kernel", "-k") { Description = "NNGP kernel on the sphere S^{d-1}: relu | arccos0 | arccos1 | arccos2 | erf | rbf." };
    private readonly Option<string?> _spectrum = new("--spectrum") { Description = "Instead of --kernel: powerlaw (λ_k = A k^-(1+α))." };
    private readonly Option<double?> _alpha = new("--alpha") { Description = "Power-law exponent α > 0 (required with --spectrum powerlaw)." };
    private readonly Option<double> _amplitude = new("--amplitude") { Description = "Power-law amplitude A > 0.", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> _modes = new("--modes") { Description = "Explicit power-law modes K (the rest is the exact Hurwitz-zeta tail).", DefaultValueFactory = _ => 100_000 };
    private readonly Option<int> _dim = new("--dim", "-d") { Description = "Input dimension d (inputs on S^{d-1}), d ≥ 2.", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _depth = new("--depth", "-L") { Description = "Hidden layers L ≥ 1.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _lmax = new("--lmax", "-n") { Description = "Highest degree ℓ of the kernel spectrum; the trace past it starts the flow.", DefaultValueFactory = _ => 30 };
    private readonly Option<double> _threshold = new("--threshold") { Description = "Learnability threshold T ∈ (0, 1) of the stopping rule.", DefaultValueFactory = _ => 0.5 };
    private readonly Option<string> _order = new("--order") { Description = "leading | next (next needs the derived next-order flow equation).", DefaultValueFactory = _ => "leading" };
    private readonly Option<string> _target = new("--target") { Description = "gp-matched (y_k² = λ_k) | mode:k (unit power on mode k) | a CSV file with one column of y_k², mode 1 first.", DefaultValueFactory = _ => "gp-matched" };
    private readonly Option<string?> _method = new("--method") { Description = "discrete (mode by mode; default for powerlaw) | levels (a degenerate level at once; default for kernels) | continuum (ODE in κ) | rg-time (ODE in t = ln κ₀/κ)." };

    public void AddTo(Command cmd)
    {
        foreach (var o in new Option[] { _kernel, _spectrum, _alpha, _amplitude, _modes, _dim, _depth, _lmax, _threshold, _order, _target, _method })
            cmd.Options.Add(o);
    }

    public TheorySetup Read(ParseResult parse)
    {
        string? kernel = parse.GetValue(_kernel)?.Trim().ToLowerInvariant(), spectrumName = parse.GetValue(_spectrum)?.Trim().ToLowerInvariant();
        if ((kernel is null) == (spectrumName is null))
            throw new UserError("give exactly one of --kernel (relu, arccos0, arccos1, arccos2, erf, rbf) and --spectrum powerlaw.");

        double threshold = parse.GetValue(_threshold);
        if (!(threshold > 0 && threshold < 1)) throw new UserError($"--threshold must lie strictly between 0 and 1, got {FlowCommand.F(threshold)}.");

        Spectrum spectrum;
        double remainder = 0;
        string description;
        PowerLaw? law = null;
        if (spectrumName is not null)
        {
            if (spectrumName != "powerlaw") throw new UserError($"--spectrum: unknown spectrum '{spectrumName}'; use powerlaw (or --kernel for an NNGP kernel).");
            double? alpha = parse.GetValue(_alpha);
            double amplitude = parse.GetValue(_amplitude);
            int modes = parse.GetValue(_modes);
            if (alpha is not { } a) throw new UserError("--spectrum powerlaw needs --alpha (λ_k = A k^-(1+α), α > 0).");
            if (!double.IsFinite(a) || a <= 0) throw new UserError($"--alpha must be a finite number > 0, got {FlowCommand.F(a)}.");
            if (!double.IsFinite(amplitude) || amplitude <= 0) throw new UserError($"--amplitude must be a finite number > 0, got {FlowCommand.F(amplitude)}.");
            if (modes is < 1 or > 50_000_000) throw new UserError($"--modes must be between 1 and 50000000, got {modes}.");
            law = new PowerLaw(amplitude, a);
            spectrum = law.ToSpectrum(modes);
            description = $"power law λ_k = {FlowCommand.G(amplitude)} k^-(1+{FlowCommand.G(a)}), {modes} explicit modes + exact tail";
        }
        else
        {
            Activation activation;
            try { activation = Activations.Parse(kernel!); }
            catch (ArgumentException) { throw new UserError($"--kernel: unknown kernel '{kernel}'; use one of {string.Join(", ", Enum.GetValues<Activation>().Select(Activations.Name))} (or --spectrum powerlaw)."); }
            int d = parse.GetValue(_dim), depth = parse.GetValue(_depth), lmax = parse.GetValue(_lmax);
            if (d < 2) throw new UserError($"--dim must be ≥ 2 (inputs on the sphere S^(d-1)), got {d}.");
            if (depth is < 1 or > 64) throw new UserError($"--depth must be between 1 and 64, got {depth}.");
            if (lmax is < 0 or > 2000) throw new UserError($"--lmax must be between 0 and 2000, got {lmax}.");
            var report = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(activation), depth), d, lmax);
            // Quadrature leaves vanishing eigenvalues within ~ε·K(1) of 0 on either side; they are zero.
            spectrum = FunkHecke.ToSpectrum([.. report.Levels.Select(l => l.Eigenvalue)], d, negativeTolerance: 1e-12 * Math.Abs(report.Trace));
            remainder = Math.Max(0, report.Remainder);
            description = $"{report.Kernel} NNGP kernel, depth {depth}, on S^{d - 1} (d = {d}), degrees 0..{lmax}";
        }

        var (target, targetName, targetFile) = ReadTarget(parse.GetValue(_target)!, spectrum, remainder);

        string orderName = parse.GetValue(_order)!.Trim().ToLowerInvariant();
        var order = orderName switch
        {
            "leading" => FlowOrder.Leading,
            "next" => FlowOrder.Next,
            _ => throw new UserError($"--order: unknown order '{orderName}'; use leading or next."),
        };
        var rhs = FlowEquations.For(order);

        string methodName = parse.GetValue(_method)?.Trim().ToLowerInvariant() ?? (law is null ? "levels" : "discrete");
        var options = methodName switch
        {
            "discrete" => new FlowOptions { Method = FlowMethod.DiscreteModes },
            "levels" => new FlowOptions { Method = FlowMethod.DiscreteLevels },
            "continuum" => new FlowOptions { Method = FlowMethod.ContinuumModeIndex, Continuum = Continuum(law, spectrum) },
            "rg-time" => new FlowOptions { Method = FlowMethod.ContinuumRgTime, Continuum = Continuum(law, spectrum) },
            _ => throw new UserError($"--method: unknown method '{methodName}'; use discrete, levels, continuum or rg-time."),
        };
        return new TheorySetup(spectrum, remainder, description, target, targetName, targetFile, threshold, rhs, orderName, options, methodName);
    }

    // A power law flows through its own exact continuation λ(κ) = A κ^-(1+α); other spectra through the interpolated tail.
    private static ContinuousSpectrum? Continuum(PowerLaw? law, Spectrum spectrum) =>
        law is null ? null : ContinuousSpectrum.FromPowerLaw(law, spectrum.ExplicitModeCount);

    private static (TargetSpectrum Target, string Name, string? File) ReadTarget(string text, Spectrum spectrum, double remainder)
    {
        var spec = text.Trim();
        if (spec.Equals("gp-matched", StringComparison.OrdinalIgnoreCase))
            // The power a GP-matched target has past the listed levels is never learned: it counts as label noise (PHYSICS.md §3).
            return (TargetSpectrum.GpMatched(1, noise: remainder), "gp-matched", null);
        if (spec.StartsWith("mode:", StringComparison.OrdinalIgnoreCase))
        {
            var k = spec["mode:".Length..];
            if (!int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out int mode) || mode < 1)
                throw new UserError($"--target '{spec}': the mode after 'mode:' must be an integer ≥ 1 (modes are counted from 1 by decreasing eigenvalue).");
            if (mode > spectrum.ExplicitModeCount || mode > 10_000_000)
                throw new UserError($"--target '{spec}': mode {mode} is past the {Math.Min(spectrum.ExplicitModeCount, 10_000_000)} modes a single-mode target can name for this spectrum.");
            return (TargetSpectrum.SingleMode(mode), $"mode:{mode}", null);
        }
        return TargetFile.Read(spec, spectrum.ExplicitModeCount);
    }
}

/// <summary>Reads a target file: one column of y_k² (mode 1 first); '#' comments, blank lines and one header line allowed.</summary>
internal static class TargetFile
{
    public static (TargetSpectrum Target, string Name, string? File) Read(string path, long explicitModes)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new UserError($"--target '{path}': no such file (use gp-matched, mode:k, or a CSV file with one column of y_k²).");
        string[] lines;
        try { lines = File.ReadAllLines(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserError($"--target '{path}': cannot read the file: {e.Message}"); }
        var power = new List<double>();
        bool headerAllowed = true;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',');
            if (fields.Length > 1)
                throw new UserError($"--target '{path}', line {i + 1}, column 2: found {fields.Length} columns; the file holds one column of y_k² (one mode per line).");
            var cell = fields[0].Trim().Trim('"');
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                // The first non-comment line may be a header such as "y2".
                if (headerAllowed && power.Count == 0 && cell.Length > 0 && char.IsLetter(cell[0])) { headerAllowed = false; continue; }
                throw new UserError($"--target '{path}', line {i + 1}, column 1: '{cell}' is not a number.");
            }
            if (!double.IsFinite(v) || v < 0)
                throw new UserError($"--target '{path}', line {i + 1}, column 1: y_k² = {cell} must be finite and ≥ 0 (it is a power).");
            headerAllowed = false;
            power.Add(v);
        }
        if (power.Count == 0) throw new UserError($"--target '{path}': the file has no values (expected one y_k² per line, mode 1 first).");
        if (power.Count > explicitModes)
            throw new UserError($"--target '{path}': {power.Count} values but the spectrum has only {explicitModes} explicit modes.");
        return (TargetSpectrum.FromList(power), Path.GetFileName(full), full);
    }
}
