using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Derivations;
using NngpRg.Symbolic.Printing;
using NngpRg.Core.Flows;
using NngpRg.Core.Kernels;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg demo</c>: the tool's main job on built-in data, as a sequence of sections: the Gaussian and non-Gaussian flow
/// equations derived symbolically (printed as LaTeX), the ReLU NNGP spectrum on S^9, the Gaussian ridge flow driven by the
/// derived equation with its stopping rule, and the check against exact kernel ridge regression (docs/theory.md §2–§6).
/// </summary>
public static class DemoCommand
{
    private const int Dimension = 10, MaxDegree = 30, TestPoints = 200, Draws = 3;

    /// <summary>The command.</summary>
    public static Command Build()
    {
        var eta = new Option<int>("--eta") { Description = "Training points η ≥ 2 for the flow's stopping rule and the KRR check.", DefaultValueFactory = _ => 600 };
        var sigma2 = new Option<double>("--sigma2", "-s") { Description = "Bare ridge (and label noise) σ² > 0.", DefaultValueFactory = _ => 0.001 };
        var threshold = new Option<double>("--threshold", "-T") { Description = "Learnability threshold T ∈ (0, 1) of the stopping rule.", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the KRR check.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format", "-f") { Description = "table | json", DefaultValueFactory = _ => "table" };
        var cmd = new Command("demo",
            "Walk through the renormalization of a ReLU NNGP on S^9 with no input files: its spectrum, the Gaussian ridge flow " +
            "σ_c²(κ) = σ² + c(κ) stopped where modes become learnable, and exact kernel ridge regression confirming that the " +
            "truncated kernel at the renormalized ridge reproduces the full kernel.")
        {
            eta, sigma2, threshold, seed, format,
        };
        cmd.SetAction(parse =>
        {
            var fmt = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (fmt is not ("table" or "json")) throw new UserError($"--format: unknown format '{fmt}'; use table or json.");
            int n = parse.GetValue(eta);
            double s2 = parse.GetValue(sigma2), t = parse.GetValue(threshold);
            if (n is < 2 or > 5000) throw new UserError($"--eta must be between 2 and 5000 (the demo runs exact KRR on η points), got {n}.");
            if (!double.IsFinite(s2) || s2 <= 0) throw new UserError($"--sigma2 must be finite and > 0, got {s2.ToString(CultureInfo.InvariantCulture)}.");
            if (!(t is > 0 and < 1)) throw new UserError($"--threshold must lie in (0, 1), got {t.ToString(CultureInfo.InvariantCulture)}.");
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool json = fmt == "json";
            var clock = Stopwatch.StartNew();

            var derived = DerivationSection(output, json);
            var kernel = NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, 0), 1);
            var spectrum = SpectrumSection(kernel, output, json);
            var (flow, cutoff) = FlowSection(spectrum, s2, n, t, output, json);
            error.WriteLine($"demo: exact KRR check, {Draws} draws of n = {n}, m = {TestPoints} ...");
            var check = CheckSection(kernel, n, s2, cutoff, parse.GetValue(seed), flow, output, json);
            error.WriteLine($"demo: done in {clock.Elapsed.TotalSeconds:F1} s");
            if (json)
                output.WriteLine(JsonOut.Write(new JsonObject
                {
                    ["derivations"] = derived,
                    ["spectrum"] = SpectrumJson(spectrum),
                    ["flow"] = FlowJson(flow, cutoff),
                    ["check"] = check,
                }));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>
    /// Section: the flow equations out of the derivation engine — Gaussian features (a universal ridge shift),
    /// non-Gaussian features (an input-dependent ridge weighted by the conditional second moment m₂ from cumulants), and
    /// the O(λ²) step (the ridge −λ + (η + χ)λ²/κ_eff with the noise and variance-amplification flows).
    /// </summary>
    private static JsonArray DerivationSection(TextWriter output, bool json)
    {
        var results = new JsonArray();
        if (!json) output.WriteLine("== 0. Flow equations, derived symbolically (nngp-rg derive <name> for every step)");
        foreach (var name in new[] { GaussianStep.Name, NonGaussianStep.Name, NextOrder.Name })
        {
            var d = Derivations.ByName(name);
            var latex = Latex.Print(d.Result);
            results.Add(new JsonObject { ["name"] = d.Name, ["label"] = d.ResultLabel, ["steps"] = d.Steps.Length, ["latex"] = latex, ["infix"] = d.Result.ToString() });
            if (json) continue;
            output.WriteLine($"   {LatexProse.ToText(d.Title)} ({d.Steps.Length} steps)");
            output.WriteLine($"     {d.ResultLabel} = {latex}");
            var shown = name == NextOrder.Name
                ? d.Quantities.Where(q => q.Label is NextOrder.NoiseFlow or NextOrder.VarianceAmplificationFlow)
                : d.Quantities.Take(2);
            foreach (var q in shown)
                output.WriteLine($"     {q.Label} = {Latex.Print(q.Value)}");
        }
        if (!json) output.WriteLine();
        return results;
    }

    /// <summary>Section: λ_ℓ, N(d, ℓ) and tails of the ReLU NNGP on S^9 by Funk–Hecke.</summary>
    private static SphereSpectrum SpectrumSection(NngpKernel kernel, TextWriter output, bool json)
    {
        var spectrum = SphereSpectrum.Of(kernel, Dimension, MaxDegree);
        if (json) return spectrum;
        output.WriteLine($"== 1. Spectrum: ReLU NNGP (σ_w² = 1, σ_b² = 0, one hidden layer) on S^{Dimension - 1}, Funk–Hecke");
        output.WriteLine($"{"degree",8} {"λ_ℓ",14} {"rel.error",10} {"N(d,ℓ)",14} {"tail c after ℓ",16}");
        foreach (var row in spectrum.Levels.Where(r => r.Degree <= 8))
            output.WriteLine($"{row.Degree,8} {G(row.Eigenvalue),14} {row.RelativeError.ToString("G2", CultureInfo.InvariantCulture),10} {G(row.Multiplicity),14} {G(row.Tail),16}");
        output.WriteLine($"   (odd ℓ ≥ 3 vanish; sum rule: Σ_{{ℓ≤{MaxDegree}}} N λ = {spectrum.LevelSum.ToString("G8", CultureInfo.InvariantCulture)} of K(1) = {spectrum.Trace.ToString("G8", CultureInfo.InvariantCulture)}; " +
                         $"the remainder {G(spectrum.Remainder)} beyond ℓ = {MaxDegree} is left out of the flow below)");
        output.WriteLine();
        return spectrum;
    }

    /// <summary>Section: the Gaussian flow dσ²/dℓ = −N(d,ℓ) λ_ℓ by levels, stopped by the learnability rule.</summary>
    private static (FlowResult Flow, int Cutoff) FlowSection(SphereSpectrum spectrum, double sigma2, int eta, double threshold, TextWriter output, bool json)
    {
        var levels = FunkHecke.ToSpectrum([.. spectrum.Levels.Select(r => r.Eigenvalue)], Dimension);
        var flow = GaussianFlow.Run(levels, sigma2, eta, threshold, options: new FlowOptions { Method = FlowMethod.DiscreteLevels });
        // The kept set is the levels with the largest eigenvalues; the harmonic cutoff is the highest degree among them.
        int cutoff = flow.KeptModes == 0 ? 0 : levels.Levels.Take(levels.LevelOfMode(flow.KeptModes) + 1).Max(l => l.Degree);
        if (!json)
        {
            output.WriteLine($"== 2. Gaussian ridge flow (driven by the derived dσ²/dκ) σ_c²(κ) = σ² + c(κ) at σ² = {G(sigma2)}, η = {eta}, stopping threshold T = {G(threshold)}");
            output.WriteLine($"   stops at κ* = {flow.KeptModes} modes (harmonic degrees ℓ ≤ {cutoff} kept)");
            output.WriteLine($"   ridge shift c(κ*) = {G(flow.RidgeShift)}, running ridge σ_c² = {G(flow.RunningRidge)} ({G(flow.RunningRidge / sigma2)} × σ²)");
            output.WriteLine($"   learnability of the last kept level at σ_c²: {G(flow.LearnabilityAtStop)}");
            output.WriteLine();
        }
        return (flow, cutoff);
    }

    /// <summary>Section: exact KRR on random points of S^9 with the kernel truncated at the flow's degree.</summary>
    private static JsonObject CheckSection(NngpKernel kernel, int n, double sigma2, int cutoff, int seed, FlowResult flow, TextWriter output, bool json)
    {
        var settings = new VerifyCommand.Settings(Activation.Relu, kernel.Depth, Dimension, n, TestPoints, sigma2, cutoff, seed, Draws, 1, 0);
        var result = VerifyCommand.Run(settings);
        var verdict = $"{VerifyCommand.Verdict(result)}; the flow's c(κ*) = {G(flow.RidgeShift)} vs the truncation's c(L) = {G(result.Tail)}";
        if (!json)
        {
            output.WriteLine($"== 3. Check by exact kernel ridge regression: n = {n}, m = {TestPoints}, {Draws} draws, GP-prior targets, cutoff L = {cutoff}");
            output.WriteLine($"   off-diagonal rms of K_>(X,X) = {G(result.OffDiagonalRms.Mean)} vs its diagonal c(L) = {G(result.Tail)}: K_> ≈ c I");
            output.WriteLine($"   rms[f(≤L, σ²+c) − f(full)] = {G(result.RmsRenormalized.Mean)} ± {G(result.RmsRenormalized.StandardError)}");
            output.WriteLine($"   rms[f(≤L, σ²)   − f(full)] = {G(result.RmsBare.Mean)} ± {G(result.RmsBare.StandardError)}");
            output.WriteLine($"   test MSE: full {G(result.MseFull.Mean)}, renormalized {G(result.MseRenormalized.Mean)}, bare {G(result.MseBare.Mean)}");
            output.WriteLine($"   ratio rms_bare/rms_renormalized = {G(result.Improvement.Mean)} ± {G(result.Improvement.StandardError)} (delta method over the draws)");
            output.WriteLine($"   {VerifyCommand.PremiseLine(result.Premise)}");
            output.WriteLine($"verdict: {verdict}");
        }
        var node = VerifyCommand.ToJson(result, settings);
        node["verdict"] = verdict;
        return node;
    }

    private static JsonObject SpectrumJson(SphereSpectrum s)
    {
        var levels = new JsonArray();
        foreach (var r in s.Levels)
            levels.Add(new JsonObject { ["degree"] = r.Degree, ["eigenvalue"] = JsonOut.Number(r.Eigenvalue), ["multiplicity"] = JsonOut.Number(r.Multiplicity), ["tail"] = JsonOut.Number(r.Tail), ["relativeError"] = JsonOut.Number(r.RelativeError) });
        return new JsonObject { ["kernel"] = s.Kernel, ["dim"] = s.Dimension, ["depth"] = s.Depth, ["levels"] = levels, ["trace"] = JsonOut.Number(s.Trace), ["levelSum"] = JsonOut.Number(s.LevelSum) };
    }

    private static JsonObject FlowJson(FlowResult f, int cutoff) => new()
    {
        ["sigma2"] = JsonOut.Number(f.BareRidge),
        ["eta"] = JsonOut.Number(f.Eta),
        ["threshold"] = JsonOut.Number(f.Threshold),
        ["kappaStar"] = JsonOut.Number(f.KappaStar),
        ["keptModes"] = f.KeptModes,
        ["cutoffDegree"] = cutoff,
        ["ridgeShift"] = JsonOut.Number(f.RidgeShift),
        ["runningRidge"] = JsonOut.Number(f.RunningRidge),
        ["learnabilityAtStop"] = JsonOut.Number(f.LearnabilityAtStop),
    };

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
