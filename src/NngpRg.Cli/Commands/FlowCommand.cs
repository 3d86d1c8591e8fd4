using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Data;
using NngpRg.Core.Flows;
using NngpRg.Core.Kernels;
using NngpRg.Core.Plotting;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg flow</c>: the Gaussian ridge flow σ_c²(κ) = σ² + c(κ) with the stopping rule (docs/theory.md §3), the
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
            "stop at κ* (a degenerate level is removed whole: every method stops at a level edge, and the rule is reported), and " +
            "report the renormalized ridge σ_c² = σ² + c(κ*), the self-consistent ridge κ_eff with E₀, and the test MSE both " +
            "theories predict for the target. --order next adds the O(λ²) step of docs/theory.md §8. The spectrum is a kernel's, " +
            "a power law, or a file of eigenvalues (--spectrum file:PATH, the modes past it declared with --tail).");
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

            var error = parse.InvocationConfiguration.Error;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            bool slow = setup.Steps > SlowModeSteps;
            if (slow) error.WriteLine($"flow: {setup.Spectrum.ExplicitModeCount} explicit modes ...");
            var result = Run(setup, s2, n);
            if (slow) error.WriteLine($"flow: done in {clock.Elapsed.TotalSeconds:F1} s");
            if (fmt != "table" && result.Next is { PremiseHolds: false } broken) error.WriteLine($"flow: warning: {NextOrderPremiseViolation(broken.ExpansionParameter)}");
            ResultGuard.RequireFinite(Json(result), parse);
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

    /// <summary>Mode-steps past which a run takes seconds (1.5·10⁻⁷ s each, measured) and reports its start and end on stderr.</summary>
    internal const double SlowModeSteps = 2e7;

    /// <summary>Everything one flow run produced, for printing.</summary>
    internal sealed record FlowReport(TheorySetup Setup, double Sigma2, double Eta, RenormalizedPrediction Rg, SelfConsistentSolution SelfConsistent, double SelfConsistentMse,
        NextOrderPrediction? Next)
    {
        public FlowResult Flow => Rg.Flow;
        /// <summary>c(κ*) including the truncated spectrum's remainder (folded into the start of the flow).</summary>
        public double Tail => Flow.RunningRidge - Sigma2;
    }

    internal static FlowReport Run(TheorySetup setup, double sigma2, double eta)
    {
        // The trace past the listed levels (a truncated kernel spectrum, a file's --tail) is removed before any listed mode: it starts the flow.
        double start = sigma2 + setup.Remainder;
        var rg = RenormalizedEk.Predict(setup.Spectrum, setup.Target, start, eta, setup.Threshold, FlowEquations.Gaussian, setup.Options);
        var sc = SelfConsistentRidge.Solve(setup.Spectrum, start, eta);
        NextOrderPrediction? next = null;
        if (setup.Order == FlowOrder.Next)
        {
            try { next = NextOrderTheory.Predict(setup.Spectrum, setup.Target, start, eta, setup.Threshold, setup.FeatureVariance, setup.Options); }
            catch (ArgumentException e) { throw new UserError($"--order next at η = {G(eta)}: {e.Message.Replace("NextOrderTheory: ", "")}"); }
        }
        return new FlowReport(setup, sigma2, eta, rg, sc, sc.PredictedMse(setup.Target), next);
    }

    private static double Relative(double a, double b) => (a - b) / b;

    /// <summary>The next-order block of the JSON output (docs/theory.md §8), with relative errors against the full self-consistent theory.</summary>
    internal static JsonObject NextOrderJson(NextOrderPrediction n, SelfConsistentSolution sc, double scMse) => new()
    {
        ["sigmaC2"] = JsonOut.Number(n.Ridge),
        ["varianceAmplification"] = JsonOut.Number(n.VarianceAmplification),
        ["removedTargetNoise"] = JsonOut.Number(n.RemovedTargetNoise),
        ["featureVariance"] = JsonOut.Number(n.FeatureVariance),
        ["kappaEff"] = JsonOut.Number(n.Next.KappaEff),
        ["e0"] = JsonOut.Number(n.Next.E0),
        ["mse"] = JsonOut.Number(n.Next.Mse),
        ["expansionParameter"] = JsonOut.Number(n.ExpansionParameter),
        ["iterations"] = n.Iterations,
        ["leadingKeptModes"] = new JsonObject
        {
            ["sigmaC2"] = JsonOut.Number(n.Leading.Ridge),
            ["kappaEff"] = JsonOut.Number(n.Leading.KappaEff),
            ["e0"] = JsonOut.Number(n.Leading.E0),
            ["mse"] = JsonOut.Number(n.Leading.Mse),
        },
        ["relativeErrors"] = new JsonObject
        {
            ["kappaEff"] = new JsonObject { ["leading"] = JsonOut.Number(Relative(n.Leading.KappaEff, sc.KappaEff)), ["next"] = JsonOut.Number(Relative(n.Next.KappaEff, sc.KappaEff)) },
            ["e0"] = new JsonObject { ["leading"] = JsonOut.Number(Relative(n.Leading.E0, sc.E0)), ["next"] = JsonOut.Number(Relative(n.Next.E0, sc.E0)) },
            ["mse"] = new JsonObject { ["leading"] = JsonOut.Number(Relative(n.Leading.Mse, scMse)), ["next"] = JsonOut.Number(Relative(n.Next.Mse, scMse)) },
        },
        ["premise"] = NextOrderPremise(n),
        ["premiseHolds"] = n.PremiseHolds,
    };

    /// <summary>Why a next-order prediction with x above the limit is outside its premise, and what to change.</summary>
    internal static string NextOrderPremiseViolation(double x) =>
        $"the next-order numbers are outside their premise: x = ηλ_(κ*+1)/κ_eff = {G(x)} > {G(NextOrderPrediction.NearlyUnlearnableLimit)}, " +
        "so the removed modes are not nearly unlearnable and the neglected O(x³) terms are not small (docs/theory.md §8.4); " +
        "lower --threshold (T ≲ 0.2) to remove only nearly unlearnable modes.";

    /// <summary>The premise a next-order prediction needs, stated with the number it rests on.</summary>
    internal static string NextOrderPremise(NextOrderPrediction n) =>
        $"removed modes nearly unlearnable: the neglected terms are O(x³) in x = ηλ_(κ*+1)/κ_eff = {G(n.ExpansionParameter)}; Gaussian-equivalent features and a replica-symmetric saddle (the premises of the self-consistent theory); χ = {G(n.FeatureVariance)} " +
        (n.FeatureVariance == 0 ? "(complete degenerate levels, or the thermodynamic limit)" : "(the finite-η harmonic-mean term of non-degenerate features, absent from the self-consistent theory)");

    private static JsonObject Json(FlowReport r)
    {
        var trajectory = new JsonArray();
        var nextPoints = r.Next?.Trajectory;
        for (int i = 0; i < r.Flow.Trajectory.Length; i++)
        {
            var p = r.Flow.Trajectory[i];
            var point = new JsonObject
            {
                ["kappa"] = JsonOut.Number(p.Kappa),
                ["sigma2"] = JsonOut.Number(p.Ridge),
                ["learnability"] = JsonOut.Number(p.Learnability),
            };
            if (nextPoints is { } np) point["nextOrderSigma2"] = JsonOut.Number(np[i].NextOrderRidge);
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
        if (r.Next is { } next)
        {
            json["nextOrderSigmaC2"] = JsonOut.Number(next.Ridge);
            json["nextOrderMse"] = JsonOut.Number(next.Next.Mse);
            json["nextOrder"] = NextOrderJson(next, r.SelfConsistent, r.SelfConsistentMse);
        }
        json["keptModes"] = r.Flow.KeptModes;
        json["stoppingRule"] = StoppingRules.Name(r.Flow.Rule);
        json["stoppingRuleDescription"] = StoppingRules.Describe(r.Flow.Rule);
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
        var next = r.Next?.Trajectory;
        output.WriteLine(next is null ? "kappa,sigma2,learnability" : "kappa,sigma2,learnability,nextOrderSigma2");
        for (int i = 0; i < r.Flow.Trajectory.Length; i++)
        {
            var p = r.Flow.Trajectory[i];
            output.WriteLine(next is { } n ? $"{F(p.Kappa)},{F(p.Ridge)},{F(p.Learnability)},{F(n[i].NextOrderRidge)}" : $"{F(p.Kappa)},{F(p.Ridge)},{F(p.Learnability)}");
        }
    }

    private static void WriteTable(TextWriter output, FlowReport r)
    {
        var f = r.Flow;
        var sb = new StringBuilder();
        sb.AppendLine($"# Gaussian ridge flow ({r.Setup.OrderName} order, {r.Setup.MethodName}) for {r.Setup.Description}");
        sb.AppendLine($"# σ² = {G(r.Sigma2)}, η = {G(r.Eta)}, threshold T = {G(f.Threshold)}, target {r.Setup.TargetName}");
        if (r.Setup.Remainder > 0)
            sb.AppendLine($"# {r.Setup.RemainderSource}, {G(r.Setup.Remainder)}, starts the flow (added to σ²)");
        sb.AppendLine($"stopping point κ*            {G(f.KappaStar)}   (kept modes {f.KeptModes}, flow started at κ₀ = {G(f.Kappa0)})");
        sb.AppendLine($"stopping rule                {StoppingRules.Name(f.Rule)}: {StoppingRules.Describe(f.Rule)}");
        sb.AppendLine($"ridge shift c(κ*)            {G(r.Tail)}");
        sb.AppendLine($"renormalized ridge σ_c²      {G(f.RunningRidge)}");
        sb.AppendLine($"learnability at κ*           {G(f.LearnabilityAtStop)}");
        sb.AppendLine($"self-consistent ridge κ_eff  {G(r.SelfConsistent.KappaEff)}");
        sb.AppendLine($"overfitting factor E₀        {G(r.SelfConsistent.E0)}");
        sb.AppendLine($"predicted MSE, RG            {G(r.Rg.Mse)}");
        sb.AppendLine($"predicted MSE, self-cons.    {G(r.SelfConsistentMse)}");
        if (r.Next is { } n)
        {
            sb.AppendLine("# next order (derivation next-order, docs/theory.md §8): the couplings of the removed modes at O(λ²), the kept modes solved self-consistently");
            sb.AppendLine($"# premise: {NextOrderPremise(n)}");
            if (!n.PremiseHolds) sb.AppendLine($"# WARNING: {NextOrderPremiseViolation(n.ExpansionParameter)}");
            sb.AppendLine($"next-order ridge σ̃²          {G(n.Ridge)}   (σ_c² − (η + χ) Σ_{{k>κ*}} λ_k²/κ_eff)");
            sb.AppendLine($"variance amplification ω     {G(n.VarianceAmplification)}   (1/E₀ = 1/E₀^kept − ω)");
            sb.AppendLine($"removed target power         {G(n.RemovedTargetNoise)}   (leading order {G(n.Removed.TargetPower)}: partially learned)");
            sb.AppendLine($"{"",-28} {"leading",12} {"next",12} {"self-consistent",16}");
            sb.AppendLine($"{"κ_eff on the kept modes",-28} {G(n.Leading.KappaEff),12} {G(n.Next.KappaEff),12} {G(r.SelfConsistent.KappaEff),16}");
            sb.AppendLine($"{"E₀",-28} {G(n.Leading.E0),12} {G(n.Next.E0),12} {G(r.SelfConsistent.E0),16}");
            sb.AppendLine($"{"predicted MSE",-28} {G(n.Leading.Mse),12} {G(n.Next.Mse),12} {G(r.SelfConsistentMse),16}");
            sb.AppendLine($"{"relative error of κ_eff",-28} {E(Relative(n.Leading.KappaEff, r.SelfConsistent.KappaEff)),12} {E(Relative(n.Next.KappaEff, r.SelfConsistent.KappaEff)),12}");
            sb.AppendLine($"{"relative error of E₀",-28} {E(Relative(n.Leading.E0, r.SelfConsistent.E0)),12} {E(Relative(n.Next.E0, r.SelfConsistent.E0)),12}");
            sb.AppendLine($"{"relative error of the MSE",-28} {E(Relative(n.Leading.Mse, r.SelfConsistentMse)),12} {E(Relative(n.Next.Mse, r.SelfConsistentMse)),12}");
        }
        sb.AppendLine("# trajectory (κ from κ₀ down to κ*)");
        sb.AppendLine(r.Next is null ? $"{"kappa",14} {"sigma2",24} {"learnability",14}" : $"{"kappa",14} {"sigma2",24} {"learnability",14} {"next-order sigma2",24}");
        var points = f.Trajectory;
        int stride = Math.Max(1, (int)Math.Ceiling(points.Length / 20.0));
        for (int i = 0; i < points.Length; i++)
        {
            if (i % stride != 0 && i != points.Length - 1) continue;
            var p = points[i];
            sb.Append($"{G(p.Kappa),14} {p.Ridge,24:G17} {p.Learnability,14:G6}");
            if (r.Next is { } nx) sb.Append($" {nx.Trajectory[i].NextOrderRidge,24:G17}");
            sb.AppendLine();
        }
        output.Write(sb.ToString());
    }

    private static LinePlot Plot(FlowReport r)
    {
        var points = r.Flow.Trajectory;
        var series = ImmutableArray.CreateBuilder<PlotSeries>();
        series.Add(new PlotSeries("σ²(κ), leading order", [.. points.Select(p => new PlotPoint(p.Kappa, p.Ridge))], "#1f77b4"));
        if (r.Next is { } next)
            series.Add(new PlotSeries("σ²(κ), next order", [.. next.Trajectory.Select(p => new PlotPoint(p.Kappa, p.NextOrderRidge))], "#2ca02c", LineDash.Dotted));
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

    internal static string E(double x) => x.ToString("0.00E+00", CultureInfo.InvariantCulture);
}

/// <summary>The spectrum, target, threshold, method and order shared by <c>flow</c> and <c>curve</c>, read and checked.</summary>
/// <param name="Spectrum">The explicit levels (and, for a power law, its exact tail).</param>
/// <param name="Remainder">Trace past the listed levels (a truncated kernel spectrum, or --tail of a spectrum file; 0 for a
/// power law): it starts every flow.</param>
/// <param name="Description">One line naming the spectrum.</param>
/// <param name="Target">The target's power per mode.</param>
/// <param name="TargetName">How the target was given.</param>
/// <param name="Inputs">Full paths of the input files (target, spectrum), never overwritten.</param>
/// <param name="Threshold">T.</param>
/// <param name="Order">Leading or next order (docs/theory.md §8).</param>
/// <param name="OrderName">leading | next.</param>
/// <param name="FeatureVariance">χ = Var φ_k² of the removed features for the next order (--feature-variance).</param>
/// <param name="Options">The flow method and its continuum.</param>
/// <param name="MethodName">discrete | levels | continuum | rg-time.</param>
/// <param name="RemainderSource">How the remainder arose, for the output ("" when there is none).</param>
internal sealed record TheorySetup(
    Spectrum Spectrum, double Remainder, string Description, TargetSpectrum Target, string TargetName, IReadOnlyList<(string Option, string Path)> Inputs,
    double Threshold, FlowOrder Order, string OrderName, double FeatureVariance, FlowOptions Options, string MethodName, string RemainderSource)
{
    /// <summary>Steps of one flow: a mode each when modes are removed one by one, a level each otherwise.</summary>
    public double Steps => Options.Method == FlowMethod.DiscreteModes ? Spectrum.ExplicitModeCount : Spectrum.Levels.Length;

    /// <summary>Refuses an output path that names an input file (through links too), a directory or a special file.</summary>
    public void CheckOutput(string? path, string option)
    {
        if (path is not null) FilePaths.Output(path, option, Inputs);
    }
}

/// <summary>The options shared by <c>flow</c> and <c>curve</c>.</summary>
internal sealed class TheoryOptions
{
    private readonly Option<string?> _kernel = new("--kernel", "-k") { Description = "NNGP kernel on the sphere S^{d-1}: relu | arccos0 | arccos1 | arccos2 | erf | rbf." };
    private readonly Option<string?> _spectrum = new("--spectrum") { Description = "Instead of --kernel: powerlaw (λ_k = A k^-(1+α)) | file:PATH (eigenvalues from a text/CSV file: one per line, or a column named 'eigenvalue' with an optional 'multiplicity' column, listed by decreasing eigenvalue; '#' comments and a header allowed; experiment's spectrum.csv is read as it is)." };
    private readonly Option<double?> _alpha = new("--alpha") { Description = "Power-law exponent α > 0 (required with --spectrum powerlaw)." };
    private readonly Option<double> _amplitude = new("--amplitude") { Description = "Power-law amplitude A > 0.", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> _modes = new("--modes") { Description = "Explicit power-law modes K (the rest is the exact Hurwitz-zeta tail).", DefaultValueFactory = _ => 100_000 };
    private readonly Option<double> _tail = new("--tail") { Description = "With --spectrum file: the summed eigenvalue of the modes past the listed ones, ≥ 0 (default 0: the listed modes are all). It starts the flow like the trace past a kernel's levels and counts as unlearned power of a GP-matched target.", DefaultValueFactory = _ => 0.0 };
    private readonly Option<int> _dim = new("--dim", "-d") { Description = "Input dimension d (inputs on S^{d-1}), d ≥ 2.", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _depth = new("--depth", "-L") { Description = "Hidden layers L ≥ 1.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _lmax = new("--lmax", "-n") { Description = "Highest degree ℓ of the kernel spectrum; the trace past it starts the flow.", DefaultValueFactory = _ => 30 };
    private readonly Option<double> _threshold = new("--threshold") { Description = "Learnability threshold T ∈ (0, 1) of the stopping rule.", DefaultValueFactory = _ => 0.5 };
    private readonly Option<string> _order = new("--order") { Description = "leading | next. next adds the O(λ²) step (derivation next-order, docs/theory.md §8): the ridge −λ + (η + χ)λ²/κ_eff per removed mode, the removed target power partially learned, the variance amplification that builds E₀, and the kept modes solved self-consistently.", DefaultValueFactory = _ => "leading" };
    private readonly Option<double> _featureVariance = new("--feature-variance") { Description = "With --order next: χ = Var φ_k² of the removed features, ≥ 0. Default 0: complete degenerate levels (spherical harmonics, exact by the addition theorem) and the self-consistent theory's thermodynamic limit; 2: non-degenerate Gaussian features (the finite-η harmonic-mean correction).", DefaultValueFactory = _ => 0.0 };
    private readonly Option<string> _target = new("--target") { Description = "gp-matched (y_k² = λ_k) | mode:k (unit power on mode k) | a CSV file with one column of y_k², mode 1 first (or a column named 'target_power', as in experiment's spectrum.csv).", DefaultValueFactory = _ => "gp-matched" };
    private readonly Option<string?> _method = new("--method") { Description = "discrete (mode by mode; default for a power law and a file without multiplicities) | levels (a degenerate level at once; default for kernels and files with multiplicities) | continuum (ODE in κ) | rg-time (ODE in t = ln κ₀/κ). Degenerate levels are always removed whole: every method stops at a level edge." };

    /// <summary>The smallest power-law exponent accepted: below it the trace A ζ(1+α) ≈ A/α exceeds 10⁹ A.</summary>
    public const double MinAlpha = 1e-9;

    public void AddTo(Command cmd)
    {
        foreach (var o in new Option[] { _kernel, _spectrum, _alpha, _amplitude, _modes, _tail, _dim, _depth, _lmax, _threshold, _order, _featureVariance, _target, _method })
            cmd.Options.Add(o);
    }

    /// <summary>The explicit modes of a power law removed one by one (--spectrum powerlaw, method discrete), read before the spectrum is built.</summary>
    public long? PowerLawModes(ParseResult parse) =>
        parse.GetValue(_spectrum)?.Trim().Equals("powerlaw", StringComparison.OrdinalIgnoreCase) == true && parse.GetValue(_method) is null or "discrete"
            ? parse.GetValue(_modes) : null;

    public TheorySetup Read(ParseResult parse)
    {
        string? kernel = parse.GetValue(_kernel)?.Trim().ToLowerInvariant(), spectrumText = parse.GetValue(_spectrum)?.Trim();
        if ((kernel is null) == (spectrumText is null))
            throw new UserError("give exactly one of --kernel (relu, arccos0, arccos1, arccos2, erf, rbf) and --spectrum (powerlaw or file:PATH).");

        double threshold = parse.GetValue(_threshold);
        if (!(threshold > 0 && threshold < 1)) throw new UserError($"--threshold must lie strictly between 0 and 1, got {FlowCommand.F(threshold)}.");
        double tail = parse.GetValue(_tail);
        bool tailGiven = parse.GetResult(_tail) is { Implicit: false };

        Spectrum spectrum;
        double remainder = 0;
        string description, remainderSource = "";
        PowerLaw? law = null;
        var inputs = new List<(string, string)>();
        if (spectrumText is not null && spectrumText.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (parse.GetResult(_alpha) is { Implicit: false }) throw new UserError("--alpha applies to --spectrum powerlaw, not to a spectrum file.");
            var file = SpectrumFile.Read(spectrumText["file:".Length..]);
            if (!double.IsFinite(tail) || tail < 0) throw new UserError($"--tail must be a finite number ≥ 0 (the summed eigenvalue of the modes past the file's), got {FlowCommand.F(tail)}.");
            spectrum = file.Spectrum;
            remainder = tail;
            remainderSource = $"--tail {FlowCommand.G(tail)}: the modes past the {spectrum.ExplicitModeCount} listed ones";
            inputs.Add(("--spectrum", file.Path));
            description = $"spectrum file {Path.GetFileName(file.Path)}: {spectrum.ExplicitModeCount} modes in {spectrum.Levels.Length} levels, tail {FlowCommand.G(tail)} past them (--tail{(tailGiven ? "" : ", default 0")})" +
                (file.ClampedNegatives > 0 ? $", {file.ClampedNegatives} rounding-size negative eigenvalue(s) set to 0" : "");
        }
        else if (spectrumText is not null)
        {
            var spectrumName = spectrumText.ToLowerInvariant();
            if (spectrumName != "powerlaw") throw new UserError($"--spectrum: unknown spectrum '{spectrumText}'; use powerlaw or file:PATH (or --kernel for an NNGP kernel).");
            if (tailGiven) throw new UserError("--tail applies to --spectrum file:PATH; a power law carries its exact Hurwitz-zeta tail.");
            double? alpha = parse.GetValue(_alpha);
            double amplitude = parse.GetValue(_amplitude);
            int modes = parse.GetValue(_modes);
            if (alpha is not { } a) throw new UserError("--spectrum powerlaw needs --alpha (λ_k = A k^-(1+α), α > 0).");
            if (!double.IsFinite(a) || a <= 0) throw new UserError($"--alpha must be a finite number > 0, got {FlowCommand.F(a)}.");
            if (a < MinAlpha) throw new UserError($"--alpha must be at least {MinAlpha.ToString(CultureInfo.InvariantCulture)}, got {FlowCommand.F(a)}: the trace A ζ(1+α) ≈ A/α diverges as α → 0.");
            if (!double.IsFinite(amplitude) || amplitude <= 0) throw new UserError($"--amplitude must be a finite number > 0, got {FlowCommand.F(amplitude)}.");
            if (modes is < 1 or > 50_000_000) throw new UserError($"--modes must be between 1 and 50000000, got {modes}.");
            law = new PowerLaw(amplitude, a);
            spectrum = law.ToSpectrum(modes);
            description = $"power law λ_k = {FlowCommand.G(amplitude)} k^-(1+{FlowCommand.G(a)}), {modes} explicit modes + exact tail";
        }
        else
        {
            if (tailGiven) throw new UserError("--tail applies to --spectrum file:PATH; a kernel spectrum's trace past --lmax is computed exactly.");
            Activation activation;
            try { activation = Activations.Parse(kernel!); }
            catch (ArgumentException) { throw new UserError($"--kernel: unknown kernel '{kernel}'; use one of {string.Join(", ", Enum.GetValues<Activation>().Select(Activations.Name))} (or --spectrum powerlaw)."); }
            int d = parse.GetValue(_dim), depth = parse.GetValue(_depth), lmax = parse.GetValue(_lmax);
            if (d < 2) throw new UserError($"--dim must be ≥ 2 (inputs on the sphere S^(d-1)), got {d}.");
            if (depth is < 1 or > 64) throw new UserError($"--depth must be between 1 and 64, got {depth}.");
            if (lmax is < 0 or > 2000) throw new UserError($"--lmax must be between 0 and 2000, got {lmax}.");
            var report = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(activation), depth), d, lmax);
            // Quadrature leaves vanishing eigenvalues within ~ε·K(1) of 0 on either side; they are zero.
            try { spectrum = FunkHecke.ToSpectrum([.. report.Levels.Select(l => l.Eigenvalue)], d, negativeTolerance: 1e-12 * Math.Abs(report.Trace)); }
            catch (OverflowException)
            {
                throw new UserError($"--dim {d} with --lmax {lmax}: the number of modes Σ_ℓ N(d, ℓ) exceeds 2^63 (N(d, ℓ) grows like d^ℓ/ℓ!); lower --dim or --lmax.");
            }
            remainder = Math.Max(0, report.Remainder);
            remainderSource = $"the trace past the listed levels ℓ ≤ {lmax}";
            description = $"{report.Kernel} NNGP kernel, depth {depth}, on S^{d - 1} (d = {d}), degrees 0..{lmax}";
        }

        var (target, targetName, targetFile) = ReadTarget(parse.GetValue(_target)!, spectrum, remainder);
        if (targetFile is not null) inputs.Add(("--target", targetFile));

        string orderName = parse.GetValue(_order)!.Trim().ToLowerInvariant();
        var order = orderName switch
        {
            "leading" => FlowOrder.Leading,
            "next" => FlowOrder.Next,
            _ => throw new UserError($"--order: unknown order '{orderName}'; use leading or next."),
        };
        double chi = parse.GetValue(_featureVariance);
        if (!double.IsFinite(chi) || chi < 0) throw new UserError($"--feature-variance must be a finite number ≥ 0 (χ = Var φ_k² of the removed features), got {FlowCommand.F(chi)}.");
        if (order == FlowOrder.Leading && parse.GetResult(_featureVariance) is { Implicit: false })
            throw new UserError("--feature-variance applies to --order next (the leading order does not depend on the feature statistics).");

        bool degenerate = spectrum.Levels.Any(l => l.Multiplicity > 1);
        string methodName = parse.GetValue(_method)?.Trim().ToLowerInvariant() ?? (degenerate ? "levels" : "discrete");
        var options = methodName switch
        {
            "discrete" => new FlowOptions { Method = FlowMethod.DiscreteModes },
            "levels" => new FlowOptions { Method = FlowMethod.DiscreteLevels },
            "continuum" => new FlowOptions { Method = FlowMethod.ContinuumModeIndex, Continuum = Continuum(law, spectrum) },
            "rg-time" => new FlowOptions { Method = FlowMethod.ContinuumRgTime, Continuum = Continuum(law, spectrum) },
            _ => throw new UserError($"--method: unknown method '{methodName}'; use discrete, levels, continuum or rg-time."),
        };
        return new TheorySetup(spectrum, remainder, description, target, targetName, inputs, threshold, order, orderName, chi, options, methodName, remainderSource);
    }

    // A power law flows through its own exact continuation λ(κ) = A κ^-(1+α); other spectra through the interpolated tail.
    private static ContinuousSpectrum? Continuum(PowerLaw? law, Spectrum spectrum) =>
        law is null ? null : ContinuousSpectrum.FromPowerLaw(law, spectrum.ExplicitModeCount);

    private static (TargetSpectrum Target, string Name, string? File) ReadTarget(string text, Spectrum spectrum, double remainder)
    {
        var spec = text.Trim();
        if (spec.Equals("gp-matched", StringComparison.OrdinalIgnoreCase))
            // The power a GP-matched target has past the listed levels is never learned: it counts as label noise (docs/theory.md §3).
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

/// <summary>Reads a target file: one column of y_k² (mode 1 first), or the column named 'target_power' of a CSV file with a header; '#' comments, blank lines and one header line allowed.</summary>
internal static class TargetFile
{
    public static (TargetSpectrum Target, string Name, string? File) Read(string path, long explicitModes)
    {
        if (FileTypes.Of(FilePaths.RealPath(path)) == FileType.Missing)
            throw new UserError($"--target '{path}': no such file (use gp-matched, mode:k, or a CSV file with one column of y_k²).");
        string full = FilePaths.Input(path, "--target");
        string[] lines;
        try { lines = File.ReadAllLines(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserError($"--target '{path}': cannot read the file: {e.Message}"); }
        var power = new List<double>();
        bool headerAllowed = true;
        int column = 0, columns = 1;  // a header naming 'target_power' selects that column of a multi-column file
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            if (headerAllowed && power.Count == 0 && fields.Length > 1)
            {
                int named = Array.FindIndex(fields, f => f.Equals("target_power", StringComparison.OrdinalIgnoreCase));
                if (named >= 0) { column = named; columns = fields.Length; headerAllowed = false; continue; }
            }
            if (fields.Length != columns)
                throw new UserError(columns == 1
                    ? $"--target '{path}', line {i + 1}, column 2: found {fields.Length} columns; the file holds one column of y_k² (one mode per line), or a header naming a 'target_power' column."
                    : $"--target '{path}', line {i + 1}: {fields.Length} columns where the header has {columns}.");
            var cell = fields[column];
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                // The first non-comment line may be a header such as "y2".
                if (headerAllowed && power.Count == 0 && cell.Length > 0 && char.IsLetter(cell[0])) { headerAllowed = false; continue; }
                throw new UserError($"--target '{path}', line {i + 1}, column {column + 1}: '{cell}' is not a number.");
            }
            if (!double.IsFinite(v) || v < 0)
                throw new UserError($"--target '{path}', line {i + 1}, column {column + 1}: y_k² = {cell} must be finite and ≥ 0 (it is a power).");
            headerAllowed = false;
            power.Add(v);
        }
        if (power.Count == 0) throw new UserError($"--target '{path}': the file has no values (expected one y_k² per line, mode 1 first).");
        if (power.Count > explicitModes)
            throw new UserError($"--target '{path}': {power.Count} values but the spectrum has only {explicitModes} explicit modes.");
        return (TargetSpectrum.FromList(power), Path.GetFileName(full), full);
    }
}
