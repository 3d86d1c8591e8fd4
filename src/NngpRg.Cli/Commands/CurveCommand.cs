using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Flows;
using NngpRg.Core.Plotting;
using NngpRg.Core.Theory;
using static NngpRg.Cli.Commands.FlowCommand;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg curve</c>: predicted test MSE against η on a log grid, from the renormalized EK predictor (docs/theory.md §3)
/// and the self-consistent theory (§5), with the scaling exponent of each fitted over the upper half of the grid.
/// </summary>
public static class CurveCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var common = new TheoryOptions();
        var sigma2 = new Option<double>("--sigma2") { Description = "Bare ridge σ² ≥ 0.", Required = true };
        var etaMin = new Option<double>("--eta-min") { Description = "Smallest η > 0.", DefaultValueFactory = _ => 10.0 };
        var etaMax = new Option<double>("--eta-max") { Description = "Largest η > --eta-min.", DefaultValueFactory = _ => 10_000.0 };
        var points = new Option<int>("--points") { Description = "Number of log-spaced η, between 4 and 1000.", DefaultValueFactory = _ => 16 };
        var format = new Option<string>("--format", "-f") { Description = "table | csv | json", DefaultValueFactory = _ => "table" };
        var plot = new Option<string?>("--plot") { Description = "Also write an SVG log–log plot of both learning curves to this file." };
        var cmd = new Command("curve",
            "Learning curves: the test MSE predicted by the renormalized EK predictor and by the self-consistent theory for " +
            "log-spaced η, with the exponent of MSE ∝ η^-exponent fitted (least squares in log–log) over the upper half of " +
            "the grid in log η, i.e. η ≥ √(η_min η_max).");
        common.AddTo(cmd);
        foreach (var o in new Option[] { sigma2, etaMin, etaMax, points, format, plot }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            int count = parse.GetValue(points);
            // a power law's modes are known before its spectrum is built: refuse an oversized run before building it
            if (common.PowerLawModes(parse) is { } modes && (double)modes * count > MaxModePoints)
                throw new UserError($"--points {count} with --modes {modes}: {(double)modes * count:G3} mode-steps, more than the limit of {MaxModePoints:G3} (about half a minute); lower --points or --modes.");
            var setup = common.Read(parse);
            double s2 = parse.GetValue(sigma2), lo = parse.GetValue(etaMin), hi = parse.GetValue(etaMax);
            CheckSigma2(s2);
            if (!double.IsFinite(lo) || lo <= 0) throw new UserError($"--eta-min must be a finite number > 0, got {F(lo)}.");
            if (!double.IsFinite(hi) || hi <= lo) throw new UserError($"--eta-max must be finite and > --eta-min = {F(lo)}, got {F(hi)}.");
            if (count is < 4 or > 1000) throw new UserError($"--points must be between 4 and 1000, got {count}.");
            var fmt = Format(parse.GetValue(format)!);
            var plotPath = parse.GetValue(plot);
            setup.CheckOutput(plotPath, "--plot");

            double work = setup.Steps * count;
            if (work > MaxModePoints)
                throw new UserError($"--points {count} with {setup.Steps:G} flow steps each: {work:G3} mode-steps, more than the limit of {MaxModePoints:G3} (about half a minute); lower --points or --modes.");
            var error = parse.InvocationConfiguration.Error;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            bool slow = work > FlowCommand.SlowModeSteps;
            if (slow) error.WriteLine($"curve: {count} flows of {setup.Steps:G} steps ...");
            var report = Run(setup, s2, LearningCurves.LogGrid(lo, hi, count));
            if (slow) error.WriteLine($"curve: done in {clock.Elapsed.TotalSeconds:F1} s");
            // the table states it in its header; csv has no place for it
            if (fmt != "table" && PremiseViolation(report) is { } warning) error.WriteLine($"curve: warning: {warning}");
            ResultGuard.RequireFinite(Json(report), parse);
            var output = parse.InvocationConfiguration.Output;
            switch (fmt)
            {
                case "json": output.WriteLine(JsonOut.Write(Json(report))); break;
                case "csv": WriteCsv(output, report); break;
                default: WriteTable(output, report); break;
            }
            if (plotPath is not null) AtomicFile.WriteAllText(plotPath, Svg.Render(Plot(report)));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The most explicit modes × grid points a curve may integrate (about half a minute at the measured 1.5·10⁻⁷ s each).</summary>
    internal const double MaxModePoints = 2e8;

    /// <summary>The curve, and the fits over its upper half.</summary>
    internal sealed record CurveReport(TheorySetup Setup, double Sigma2, LearningCurve Curve, ScalingFit Rg, ScalingFit SelfConsistent, ScalingFit? NextOrder);

    internal static CurveReport Run(TheorySetup setup, double sigma2, ImmutableArray<double> etas)
    {
        LearningCurve curve;
        try
        {
            curve = LearningCurves.Compute(setup.Spectrum, setup.Target, sigma2 + setup.Remainder, etas, setup.Threshold, FlowEquations.Gaussian, setup.Options,
                setup.Order, setup.FeatureVariance);
        }
        catch (ArgumentException e) when (setup.Order == FlowOrder.Next && e.Message.StartsWith("NextOrderTheory", StringComparison.Ordinal))
        {
            throw new UserError($"--order next: {e.Message.Replace("NextOrderTheory: ", "")}");
        }
        // The fit uses the upper half of the grid in log η: the asymptotic regime, away from small-η transients.
        double fitMin = Math.Sqrt(etas[0] * etas[^1]) * (1 - 1e-12), fitMax = etas[^1];
        try
        {
            return new CurveReport(setup, sigma2, curve, curve.FitRg(fitMin, fitMax), curve.FitSelfConsistent(fitMin, fitMax),
                setup.Order == FlowOrder.Next ? curve.FitNextOrder(fitMin, fitMax) : null);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"cannot fit the scaling exponent over η ∈ [{G(fitMin)}, {G(fitMax)}]: {e.Message}");
        }
    }

    // The next-order points whose expansion parameter is above the limit, stated with the η range and the largest x.
    private static string? PremiseViolation(CurveReport r)
    {
        var broken = r.Curve.Points.Where(p => p.NextOrder is { PremiseHolds: false }).ToList();
        if (broken.Count == 0) return null;
        double xMax = broken.Max(p => p.NextOrder!.ExpansionParameter);
        return $"at {broken.Count} of {r.Curve.Points.Length} points (η from {G(broken[0].Eta)} to {G(broken[^1].Eta)}, marked '!') " +
            FlowCommand.NextOrderPremiseViolation(xMax).Replace("x = ηλ_(κ*+1)/κ_eff = ", "x = ηλ_(κ*+1)/κ_eff up to ");
    }

    private static JsonObject Json(CurveReport r)
    {
        var points = new JsonArray();
        foreach (var p in r.Curve.Points)
        {
            var point = new JsonObject
            {
                ["eta"] = JsonOut.Number(p.Eta),
                ["mseRg"] = JsonOut.Number(p.RgMse),
                ["mseSelfConsistent"] = JsonOut.Number(p.SelfConsistentMse),
                ["kappaStar"] = JsonOut.Number(p.KappaStar),
                ["sigmaC2"] = JsonOut.Number(p.RunningRidge),
                ["selfConsistentRidge"] = JsonOut.Number(p.KappaEff),
            };
            if (p.NextOrder is { } n)
            {
                point["mseNextOrder"] = JsonOut.Number(n.Next.Mse);
                point["kappaEffNextOrder"] = JsonOut.Number(n.Next.KappaEff);
                point["e0NextOrder"] = JsonOut.Number(n.Next.E0);
                point["nextOrderSigmaC2"] = JsonOut.Number(n.Ridge);
                point["mseKeptLeading"] = JsonOut.Number(n.Leading.Mse);
                point["expansionParameter"] = JsonOut.Number(n.ExpansionParameter);
                point["premiseHolds"] = n.PremiseHolds;
            }
            points.Add(point);
        }
        var exponent = new JsonObject
        {
            ["rg"] = JsonOut.Number(r.Rg.Exponent),
            ["selfConsistent"] = JsonOut.Number(r.SelfConsistent.Exponent),
        };
        if (r.NextOrder is { } fit) exponent["nextOrder"] = JsonOut.Number(fit.Exponent);
        var warning = PremiseViolation(r);
        return new JsonObject
        {
            ["points"] = points,
            ["exponent"] = exponent,
            ["fit"] = new JsonObject
            {
                ["etaMin"] = JsonOut.Number(r.Rg.EtaMin),
                ["etaMax"] = JsonOut.Number(r.Rg.EtaMax),
                ["points"] = r.Rg.Points,
                ["rSquaredRg"] = JsonOut.Number(r.Rg.RSquared),
                ["rSquaredSelfConsistent"] = JsonOut.Number(r.SelfConsistent.RSquared),
            },
            ["sigma2"] = JsonOut.Number(r.Sigma2),
            ["threshold"] = JsonOut.Number(r.Curve.Threshold),
            ["spectrum"] = r.Setup.Description,
            ["target"] = r.Setup.TargetName,
            ["order"] = r.Setup.OrderName,
            ["featureVariance"] = r.Setup.Order == FlowOrder.Next ? JsonOut.Number(r.Setup.FeatureVariance) : null,
            ["method"] = r.Setup.MethodName,
            ["stoppingRule"] = r.Curve.Points.Length > 0 ? StoppingRules.Name(r.Curve.Points[0].Rule) : null,
            ["nextOrderWarning"] = r.NextOrder is null ? null : warning,
        };
    }

    private static void WriteCsv(TextWriter output, CurveReport r)
    {
        bool next = r.NextOrder is not null;
        output.WriteLine(next ? "eta,mseRg,mseSelfConsistent,kappaStar,sigmaC2,selfConsistentRidge,mseNextOrder,kappaEffNextOrder,e0NextOrder"
            : "eta,mseRg,mseSelfConsistent,kappaStar,sigmaC2,selfConsistentRidge");
        foreach (var p in r.Curve.Points)
            output.WriteLine($"{F(p.Eta)},{F(p.RgMse)},{F(p.SelfConsistentMse)},{F(p.KappaStar)},{F(p.RunningRidge)},{F(p.KappaEff)}" +
                (p.NextOrder is { } n ? $",{F(n.Next.Mse)},{F(n.Next.KappaEff)},{F(n.Next.E0)}" : ""));
    }

    private static void WriteTable(TextWriter output, CurveReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# learning curves ({r.Setup.OrderName}-order flow, {r.Setup.MethodName}) for {r.Setup.Description}");
        sb.AppendLine($"# σ² = {G(r.Sigma2)}, threshold T = {G(r.Curve.Threshold)}, target {r.Setup.TargetName}" +
            (r.Curve.Points.Length > 0 ? $", stopping rule: {StoppingRules.Name(r.Curve.Points[0].Rule)}" : ""));
        bool next = r.NextOrder is not null;
        if (next)
        {
            sb.AppendLine("# MSE (next): the O(λ²) couplings of the removed modes with the kept modes solved self-consistently (derivation next-order, docs/theory.md §8);");
            sb.AppendLine($"#   premise: removed modes nearly unlearnable (x = ηλ_(κ*+1)/κ_eff ≤ {G(NextOrderPrediction.NearlyUnlearnableLimit)}, neglected terms O(x³)), Gaussian-equivalent features, χ = {G(r.Setup.FeatureVariance)}");
            if (PremiseViolation(r) is { } warning) sb.AppendLine($"# WARNING: {warning}");
        }
        sb.AppendLine($"{"eta",12} {"MSE (RG)",14}" + (next ? $" {"MSE (next)",14}" : "") + $" {"MSE (self-c.)",14} {"kappa*",10} {"sigma_c2",12} {"kappa_eff",12}" + (next ? $" {"x",8}" : ""));
        foreach (var p in r.Curve.Points)
            sb.AppendLine($"{G(p.Eta),12} {G(p.RgMse),14}" + (p.NextOrder is { } n ? $" {G(n.Next.Mse),14}" : "") +
                $" {G(p.SelfConsistentMse),14} {G(p.KappaStar),10} {G(p.RunningRidge),12} {G(p.KappaEff),12}" + (p.NextOrder is { } m ? $" {G(m.ExpansionParameter) + (m.PremiseHolds ? "" : "!"),8}" : ""));
        sb.AppendLine($"# MSE ∝ η^-exponent fitted over η ∈ [{G(r.Rg.EtaMin)}, {G(r.Rg.EtaMax)}] ({r.Rg.Points} points, upper half of the grid in log η):");
        sb.AppendLine($"exponent, RG                 {G(r.Rg.Exponent)}   (R² = {G(r.Rg.RSquared)})");
        if (r.NextOrder is { } fit) sb.AppendLine($"exponent, next order         {G(fit.Exponent)}   (R² = {G(fit.RSquared)})");
        sb.AppendLine($"exponent, self-consistent    {G(r.SelfConsistent.Exponent)}   (R² = {G(r.SelfConsistent.RSquared)})");
        output.Write(sb.ToString());
    }

    private static LinePlot Plot(CurveReport r) => new(
        $"Learning curves (σ² = {G(r.Sigma2)}): exponents RG {r.Rg.Exponent:F3}, self-consistent {r.SelfConsistent.Exponent:F3}",
        new PlotAxis("η (mean number of training points)", AxisScale.Log),
        new PlotAxis("predicted test MSE", AxisScale.Log),
        [
            new PlotSeries("renormalized EK (RG)", [.. r.Curve.Points.Select(p => new PlotPoint(p.Eta, p.RgMse))], "#1f77b4"),
            .. (r.NextOrder is null ? Array.Empty<PlotSeries>()
                : [new PlotSeries("RG next order (kept modes self-consistent)", [.. r.Curve.Points.Select(p => new PlotPoint(p.Eta, p.NextOrder!.Next.Mse))], "#2ca02c", LineDash.Dotted)]),
            new PlotSeries("self-consistent", [.. r.Curve.Points.Select(p => new PlotPoint(p.Eta, p.SelfConsistentMse))], "#d62728", LineDash.Dashed),
        ]);
}
