using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Bayesian;
using NngpRg.Core.Flows;
using NngpRg.Core.Plotting;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Printing;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg brg …</c>: Bayesian RG in neural-network field theories (docs/theory.md §10): the cos-net free scalar and
/// its Monte Carlo (<c>cosnet</c>), the rescaling flow (<c>shell</c>), Fisher-information shells against momentum shells
/// and against the GP-regression stopping rule (<c>fisher</c>), and the numerical experiment (<c>experiment</c>).
/// </summary>
public static class BrgCommand
{
    /// <summary>The <c>brg</c> command with its four subcommands.</summary>
    public static Command Build()
    {
        var brg = new Command("brg",
            "Bayesian RG in neural-network field theories (docs/theory.md §10): cosnet (free-field propagator and Monte Carlo of " +
            "finite cos-nets), shell (momentum-shell removal and the rescaling flow dm²/dℓ = 2m²), fisher (information shells vs " +
            "momentum shells, and Λ = T/(1−T) vs the GP-regression stopping point κ*), experiment (the ensemble experiment: MSE and " +
            "predictive variance against the information cutoff, with Λ_C).");
        brg.Subcommands.Add(CosNetCommand());
        brg.Subcommands.Add(ShellCommand());
        brg.Subcommands.Add(FisherCommand());
        brg.Subcommands.Add(ExperimentCommand());
        return brg;
    }

    // ---------------------------------------------------------------- shared options and parsing

    private static Option<int> DimOption() => new("--dim", "-d") { Description = "Space dimension d: 1 or 3.", DefaultValueFactory = _ => 1 };
    private static Option<double> MassOption() => new("--mass", "-m") { Description = "Mass m > 0 of the propagator 1/(p²+m²).", DefaultValueFactory = _ => 1.0 };
    private static Option<double> CutoffOption() => new("--cutoff", "-R") { Description = "UV cutoff R > 0 on |w| (finite: the cos-net momentum law must be normalizable).", DefaultValueFactory = _ => 10.0 };
    private static Option<string> ConstructionOption() => new("--construction") { Description = "alpha0 (w ~ 1/(w²+m²), g = 1) | alpha1 (w uniform, g = 1/√(w²+m²)) | both.", DefaultValueFactory = _ => "both" };
    private static Option<int> SeedOption() => new("--seed") { Description = "Random seed, any integer (every draw is seeded; results do not depend on the number of threads).", DefaultValueFactory = _ => 1 };
    private static Option<string> FormatOption(string allowed) => new("--format", "-f") { Description = allowed, DefaultValueFactory = _ => "table" };

    private static string Format(string text, params string[] allowed)
    {
        var f = text.Trim().ToLowerInvariant();
        if (!allowed.Contains(f)) throw new UserError($"--format: unknown format '{text}'; use {string.Join(", ", allowed)}.");
        return f;
    }

    /// <summary>Comma-separated numbers (invariant culture); the message names the option and the bad field.</summary>
    internal static ImmutableArray<double> Doubles(string option, string text)
    {
        var fields = text.Split(',', StringSplitOptions.TrimEntries);
        var values = ImmutableArray.CreateBuilder<double>(fields.Length);
        for (int i = 0; i < fields.Length; i++)
        {
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new UserError($"{option}: field {i + 1} '{fields[i]}' of '{text}' is not a finite number.");
            values.Add(v);
        }
        return values.MoveToImmutable();
    }

    private static ImmutableArray<CosNetConstruction> Constructions(string text) => text.Trim().ToLowerInvariant() switch
    {
        "alpha0" or "0" => [CosNetConstruction.PropagatorWeightedMomenta],
        "alpha1" or "1" => [CosNetConstruction.UniformMomentaWithAmplitude],
        "both" => [CosNetConstruction.PropagatorWeightedMomenta, CosNetConstruction.UniformMomentaWithAmplitude],
        _ => throw new UserError($"--construction: unknown construction '{text}'; use alpha0, alpha1 or both."),
    };

    private static FreeScalar Theory(int dim, double mass, double cutoff)
    {
        if (dim is not (1 or 3)) throw new UserError($"--dim must be 1 or 3, got {dim}.");
        if (!double.IsFinite(mass) || mass <= 0) throw new UserError($"--mass must be finite and > 0, got {R(mass)}.");
        if (!double.IsFinite(cutoff) || cutoff <= 0) throw new UserError($"--cutoff must be finite and > 0, got {R(cutoff)}.");
        return new FreeScalar(dim, mass, cutoff);
    }

    private static void RequireAll(string option, ImmutableArray<double> values, Func<double, bool> rule, string what)
    {
        for (int i = 0; i < values.Length; i++)
            if (!rule(values[i])) throw new UserError($"{option}: value {i + 1} = {R(values[i])} {what}.");
    }

    /// <summary>Runs a core computation, turning its argument errors into user errors naming the option context.</summary>
    private static T Guard<T>(Func<T> run)
    {
        try { return run(); }
        catch (ArgumentException e) { throw new UserError(ErrorText.Clean(e.Message)); }
    }

    private static void CheckOutputPath(string? path, string option)
    {
        if (path is not null) FilePaths.Output(path, option);
    }

    private static JsonObject Pair(Estimate e) => new() { ["mean"] = JsonOut.Number(e.Mean), ["standardError"] = JsonOut.Number(e.StandardError) };

    private static double Z(Estimate e, double exact) => e.StandardError > 0 ? (e.Mean - exact) / e.StandardError : e.Mean == exact ? 0 : double.PositiveInfinity;

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
    private static string G4(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private static string F2(double x) => x.ToString("F2", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- brg cosnet

    /// <summary>The cos-net propagator at the radii, by quadrature and Monte Carlo, per construction.</summary>
    internal sealed record CosNetReport(FreeScalar Theory, double Shell, ImmutableArray<double> Radii, ImmutableArray<double> Full,
        ImmutableArray<double> Kept, ImmutableArray<double?> Continuum, ImmutableArray<CosNetCovariance> MonteCarlo, double Seconds);

    private static Command CosNetCommand()
    {
        var dim = DimOption();
        var mass = MassOption();
        var cutoff = CutoffOption();
        var shell = new Option<double>("--shell", "-k") { Description = "Inner radius k of the removed momentum shell k < |w| < R, 0 < k < R.", DefaultValueFactory = _ => 5.0 };
        var radii = new Option<string>("--radii", "-r") { Description = "Separations r in [0, 1e4], comma-separated; the field is sampled at 0 and r e₁.", DefaultValueFactory = _ => "0,0.5,1,2" };
        var construction = ConstructionOption();
        var width = new Option<int>("--width", "-N") { Description = "Network width N ≥ 1 (M × N × (radii + 1) ≤ 5e10).", DefaultValueFactory = _ => 1000 };
        var networks = new Option<int>("--networks", "-M") { Description = "Monte Carlo networks M per construction (0: quadrature only; else ≥ 2).", DefaultValueFactory = _ => 20000 };
        var seed = SeedOption();
        var format = FormatOption("table | json | csv");
        var csv = new Option<string?>("--csv") { Description = "Also write the table as CSV to this file (atomically)." };
        var cmd = new Command("cosnet",
            "The cos-net free scalar φ(x) = Σ a_i g(w_i) cos(w_i·x + b_i): its Gaussian-process propagator G_R(r) with UV cutoff R " +
            "(quadrature; closed forms at r = 0 and R = ∞), the shell variance G_R − G_k, and the covariance of M finite networks of " +
            "width N, full and with the shell k < |w| < R removed, with standard errors (compare within 3 s.e.).")
        {
            dim, mass, cutoff, shell, radii, construction, width, networks, seed, format, csv,
        };
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse.GetValue(format)!, "table", "json", "csv");
            var theory = Theory(parse.GetValue(dim), parse.GetValue(mass), parse.GetValue(cutoff));
            double k = parse.GetValue(shell);
            if (!(k > 0 && k < theory.Cutoff)) throw new UserError($"--shell k must lie in (0, --cutoff R = {R(theory.Cutoff)}), got {R(k)}.");
            var r = Doubles("--radii", parse.GetValue(radii)!);
            RequireAll("--radii", r, x => x >= 0 && x <= 1e4, "must lie in [0, 1e4]");
            var kinds = Constructions(parse.GetValue(construction)!);
            int n = parse.GetValue(width), m = parse.GetValue(networks);
            if (n < 1) throw new UserError($"--width must be ≥ 1, got {n}.");
            if (m is 1 or < 0) throw new UserError($"--networks must be 0 (no Monte Carlo) or ≥ 2, got {m}.");
            var csvPath = parse.GetValue(csv);
            CheckOutputPath(csvPath, "--csv");
            var error = parse.InvocationConfiguration.Error;
            var report = RunCosNet(theory, k, r, kinds, n, m, parse.GetValue(seed), error);
            ResultGuard.RequireFinite(CosNetJson(report), parse, "z", "zFull", "zKept");
            var output = parse.InvocationConfiguration.Output;
            var table = CosNetCsv(report);
            switch (fmt)
            {
                case "json": output.WriteLine(JsonOut.Write(CosNetJson(report))); break;
                case "csv": output.Write(table); break;
                default: output.Write(CosNetTable(report)); break;
            }
            if (csvPath is not null) AtomicFile.WriteAllText(csvPath, table);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static CosNetReport RunCosNet(FreeScalar theory, double k, ImmutableArray<double> radii, ImmutableArray<CosNetConstruction> kinds,
        int width, int networks, int seed, TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        var full = Guard(() => radii.Select(x => CutoffPropagator.At(theory, x)).ToImmutableArray());
        var kept = Guard(() => radii.Select(x => CutoffPropagator.At(theory.WithCutoff(k), x)).ToImmutableArray());
        var continuum = radii.Select(x => theory.Dimension == 3 && x == 0 ? (double?)null : CutoffPropagator.Continuum(theory, x)).ToImmutableArray();
        var mc = ImmutableArray.CreateBuilder<CosNetCovariance>();
        if (networks > 0)
            foreach (var kind in kinds)
            {
                var net = new CosNet(theory, kind, width);
                string what = $"brg cosnet: {CosNetConstructions.Name(kind)}, {networks} networks of width {width}";
                error.WriteLine($"{what} ...");
                mc.Add(Guard(() => CosNetMonteCarlo.Covariance(net, radii, networks, seed, k, progress: ProgressLines.Tenths(error, what, clock))));
            }
        error.WriteLine($"brg cosnet: done in {clock.Elapsed.TotalSeconds:F1} s");
        return new CosNetReport(theory, k, radii, full, kept, continuum, mc.ToImmutable(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>The largest |z| = |MC − exact|/s.e. over all radii and constructions, full and kept.</summary>
    internal static double WorstZ(CosNetReport r) => r.MonteCarlo.IsEmpty ? 0 : r.MonteCarlo.SelectMany(mc =>
        mc.Full.Select((e, i) => Math.Abs(Z(e, r.Full[i]))).Concat(mc.Kept.Select((e, i) => Math.Abs(Z(e, r.Kept[i]))))).Max();

    private static string CosNetVerdict(CosNetReport r)
    {
        if (r.MonteCarlo.IsEmpty) return "no Monte Carlo (--networks 0)";
        double worst = WorstZ(r);
        int count = r.MonteCarlo.Length * r.Radii.Length * 2;
        return worst <= 3
            ? $"all {count} Monte Carlo covariances agree with the quadrature within 3 s.e. (largest |z| = {F2(worst)})"
            : $"largest |z| = {F2(worst)} exceeds 3 s.e. (of {count} comparisons; expect about {F2(count * 0.0027)} beyond 3σ by chance)";
    }

    private static string CosNetTable(CosNetReport r)
    {
        var t = r.Theory;
        var sb = new StringBuilder();
        sb.AppendLine($"# cos-net free scalar, d = {t.Dimension}, m = {G(t.Mass)}, R = {G(t.Cutoff)}; shell k = {G(r.Shell)} < |w| < R removed");
        sb.AppendLine("# G_R(r) = ∫_{|p|<R} d^dp/(2π)^d e^{ip·r}/(p²+m²) by quadrature (docs/theory.md §10, Eq. 10.4); G_∞ in closed form (Eq. 10.5)");
        sb.AppendLine($"{"r",8} {"G_R",14} {"G_k",14} {"G_R − G_k",14} {"G_∞",14}");
        for (int i = 0; i < r.Radii.Length; i++)
            sb.AppendLine($"{G(r.Radii[i]),8} {G(r.Full[i]),14} {G(r.Kept[i]),14} {G(r.Full[i] - r.Kept[i]),14} {(r.Continuum[i] is { } c ? G(c) : "∞"),14}");
        foreach (var mc in r.MonteCarlo)
        {
            sb.AppendLine();
            sb.AppendLine($"# Monte Carlo, {CosNetConstructions.Describe(mc.Net.Construction)}, σ_a² = {G(mc.Net.AmplitudeVariance)}: " +
                $"M = {mc.Networks} networks of width N = {mc.Net.Width}, seed {mc.Seed}");
            sb.AppendLine($"#   kept units per network: {G4(mc.KeptUnits.Mean)} ± {G4(mc.KeptUnits.StandardError)} of N (expected {G4(mc.Net.InsideFraction(r.Shell))})");
            sb.AppendLine($"{"r",8} {"E φ(0)φ(r)",14} {"± s.e.",10} {"z vs G_R",9} {"shell removed",14} {"± s.e.",10} {"z vs G_k",9}");
            for (int i = 0; i < r.Radii.Length; i++)
                sb.AppendLine($"{G(r.Radii[i]),8} {G(mc.Full[i].Mean),14} {G4(mc.Full[i].StandardError),10} {F2(Z(mc.Full[i], r.Full[i])),9} " +
                    $"{G(mc.Kept[i].Mean),14} {G4(mc.Kept[i].StandardError),10} {F2(Z(mc.Kept[i], r.Kept[i])),9}");
        }
        sb.AppendLine($"verdict: {CosNetVerdict(r)}");
        return sb.ToString();
    }

    private static string CosNetCsv(CosNetReport r)
    {
        var sb = new StringBuilder("construction,r,exact_full,exact_kept,mc_full,mc_full_se,mc_kept,mc_kept_se\n");
        if (r.MonteCarlo.IsEmpty)
            for (int i = 0; i < r.Radii.Length; i++)
                sb.Append(CultureInfo.InvariantCulture, $"none,{R(r.Radii[i])},{R(r.Full[i])},{R(r.Kept[i])},,,,\n");
        foreach (var mc in r.MonteCarlo)
            for (int i = 0; i < r.Radii.Length; i++)
                sb.Append(CultureInfo.InvariantCulture,
                    $"{CosNetConstructions.Name(mc.Net.Construction)},{R(r.Radii[i])},{R(r.Full[i])},{R(r.Kept[i])},{R(mc.Full[i].Mean)},{R(mc.Full[i].StandardError)},{R(mc.Kept[i].Mean)},{R(mc.Kept[i].StandardError)}\n");
        return sb.ToString();
    }

    private static JsonObject CosNetJson(CosNetReport r)
    {
        var exact = new JsonArray();
        for (int i = 0; i < r.Radii.Length; i++)
            exact.Add(new JsonObject
            {
                ["r"] = JsonOut.Number(r.Radii[i]),
                ["full"] = JsonOut.Number(r.Full[i]),
                ["kept"] = JsonOut.Number(r.Kept[i]),
                ["shell"] = JsonOut.Number(r.Full[i] - r.Kept[i]),
                ["continuum"] = r.Continuum[i] is { } c ? JsonOut.Number(c) : null,
            });
        var mcs = new JsonArray();
        foreach (var mc in r.MonteCarlo)
        {
            var points = new JsonArray();
            for (int i = 0; i < r.Radii.Length; i++)
                points.Add(new JsonObject
                {
                    ["r"] = JsonOut.Number(r.Radii[i]),
                    ["full"] = Pair(mc.Full[i]),
                    ["zFull"] = JsonOut.Number(Z(mc.Full[i], r.Full[i])),
                    ["kept"] = Pair(mc.Kept[i]),
                    ["zKept"] = JsonOut.Number(Z(mc.Kept[i], r.Kept[i])),
                });
            mcs.Add(new JsonObject
            {
                ["construction"] = CosNetConstructions.Name(mc.Net.Construction),
                ["alpha"] = CosNetConstructions.Alpha(mc.Net.Construction),
                ["amplitudeVariance"] = JsonOut.Number(mc.Net.AmplitudeVariance),
                ["width"] = mc.Net.Width,
                ["networks"] = mc.Networks,
                ["seed"] = mc.Seed,
                ["keptUnits"] = Pair(mc.KeptUnits),
                ["expectedKeptUnits"] = JsonOut.Number(mc.Net.InsideFraction(r.Shell)),
                ["points"] = points,
            });
        }
        return new JsonObject
        {
            ["dim"] = r.Theory.Dimension,
            ["mass"] = JsonOut.Number(r.Theory.Mass),
            ["cutoff"] = JsonOut.Number(r.Theory.Cutoff),
            ["shell"] = JsonOut.Number(r.Shell),
            ["propagator"] = exact,
            ["monteCarlo"] = mcs,
            ["worstZ"] = JsonOut.Number(WorstZ(r)),
            ["verdict"] = CosNetVerdict(r),
            ["seconds"] = JsonOut.Number(r.Seconds),
        };
    }

    // ---------------------------------------------------------------- brg shell

    internal sealed record ShellReport(FreeScalar Theory, double Scale, CosNetRescalingDerivation Derivation, ImmutableArray<double> Radii,
        ImmutableArray<(double Left, double Right)> Identity, ImmutableArray<(CosNet Net, ImmutableArray<CosNetFlowPoint> Flow)> Flows);

    private static Command ShellCommand()
    {
        var dim = DimOption();
        var mass = MassOption();
        var cutoff = CutoffOption();
        var scale = new Option<double>("--scale", "-s") { Description = "Scale factor s in [1, 1e6]: the shell R/s < |p| < R is removed, then x = s x̃.", DefaultValueFactory = _ => 2.0 };
        var radii = new Option<string>("--radii", "-r") { Description = "Separations r in [0, 1e4] for the identity G_{R/s}(r; m) = s^{2−d} G_R(r/s; s m).", DefaultValueFactory = _ => "0.6,1.5" };
        var times = new Option<string>("--times", "-t") { Description = "RG times ℓ in [0, 20] of the flow table (s = e^ℓ), comma-separated.", DefaultValueFactory = _ => "0,0.25,0.5,0.75,1,1.5,2" };
        var construction = ConstructionOption();
        var width = new Option<int>("--width", "-N") { Description = "Width N ≥ 1 at ℓ = 0 (for the width flow).", DefaultValueFactory = _ => 1000 };
        var format = FormatOption("table | json");
        var cmd = new Command("shell",
            "Momentum-shell removal and rescaling of the cos-net theory: the engine derives the rescaled integrand s^{2−d}/(q²+s²m²), " +
            "the mass flow dm²/dℓ = 2m² and (α = 1) dN/dℓ = −dN; prints the identity G_{R/s}(r; m) = s^{2−d} G_R(r/s; s m) checked by " +
            "quadrature and the flow m(ℓ), N(ℓ) per construction.")
        {
            dim, mass, cutoff, scale, radii, times, construction, width, format,
        };
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse.GetValue(format)!, "table", "json");
            var theory = Theory(parse.GetValue(dim), parse.GetValue(mass), parse.GetValue(cutoff));
            double s = parse.GetValue(scale);
            if (!(double.IsFinite(s) && s >= 1 && s <= 1e6)) throw new UserError($"--scale s must lie in [1, 1e6], got {R(s)}.");
            var r = Doubles("--radii", parse.GetValue(radii)!);
            RequireAll("--radii", r, x => x >= 0 && x <= 1e4, "must lie in [0, 1e4]");
            var t = Doubles("--times", parse.GetValue(times)!);
            RequireAll("--times", t, x => x >= 0 && x <= 20, "must lie in [0, 20]");
            int n = parse.GetValue(width);
            if (n < 1) throw new UserError($"--width must be ≥ 1, got {n}.");
            var kinds = Constructions(parse.GetValue(construction)!);
            var derivation = CosNetRescaling.Derive(theory.Dimension);
            var identity = Guard(() => r.Select(x => CosNetRescaling.Identity(theory, s, x)).ToImmutableArray());
            var flows = Guard(() => kinds.Select(k => { var net = new CosNet(theory, k, n); return (net, CosNetRescaling.Flow(net, t)); }).ToImmutableArray());
            var report = new ShellReport(theory, s, derivation, r, identity, flows);
            ResultGuard.RequireFinite(ShellJson(report), parse);
            var output = parse.InvocationConfiguration.Output;
            if (fmt == "json") output.WriteLine(JsonOut.Write(ShellJson(report)));
            else output.Write(ShellTable(report));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string ShellTable(ShellReport r)
    {
        var d = r.Derivation;
        var sb = new StringBuilder();
        sb.AppendLine($"# rescaling after removing the shell R/s < |p| < R, d = {r.Theory.Dimension}, m = {G(r.Theory.Mass)}, R = {G(r.Theory.Cutoff)} (docs/theory.md §10, Eqs. 10.7–10.8)");
        sb.AppendLine($"derived (engine): p = q/s in d^dp/(p²+m²):  {Infix.Print(d.Substituted)}  =  {Infix.Print(d.NormalForm)}");
        sb.AppendLine($"  prefactor s^(2-d) = {Infix.Print(d.Prefactor)} (field dimension Δ = {G(d.FieldDimension)}), m'² = {Infix.Print(d.RescaledMassSquared)}, r' = {Infix.Print(d.RescaledSeparation)}");
        sb.AppendLine($"  s = e^ℓ: m²(ℓ) = {Infix.Print(d.MassSquaredAlongFlow)},  dm²/dℓ = {Infix.Print(d.MassFlow)}  (relevant, eigenvalue 2; η = 0)");
        sb.AppendLine($"  α = 1: kept fraction vol(B_(R/s))/vol(B_R) = {Infix.Print(d.WidthFraction)},  dN/dℓ = {Infix.Print(d.WidthFlow)}");
        sb.AppendLine($"identity at s = {G(r.Scale)} (both sides by quadrature):");
        sb.AppendLine($"{"r",8} {"G_{R/s}(r; m)",18} {"s^{2-d} G_R(r/s; sm)",22} {"difference",12}");
        for (int i = 0; i < r.Radii.Length; i++)
            sb.AppendLine($"{G(r.Radii[i]),8} {r.Identity[i].Left,18:G12} {r.Identity[i].Right,22:G12} {r.Identity[i].Left - r.Identity[i].Right,12:E2}");
        foreach (var (net, flow) in r.Flows)
        {
            sb.AppendLine();
            sb.AppendLine($"# flow, {CosNetConstructions.Describe(net.Construction)}; N(ℓ) = N·P(|w| < R e^(−ℓ)) " +
                (net.Construction == CosNetConstruction.UniformMomentaWithAmplitude ? "= N e^(−dℓ)" : "= N Z_(R/s)/Z_R (not a power of s for α = 0)"));
            sb.AppendLine($"{"ℓ",8} {"s",10} {"m(ℓ)",12} {"E N(ℓ)",12} {"G_R(0; m(ℓ))",14}");
            foreach (var p in flow)
                sb.AppendLine($"{G(p.Time),8} {G(p.Scale),10} {G(p.Mass),12} {G(p.ExpectedWidth),12} {G(p.FieldVariance),14}");
        }
        sb.AppendLine("premise: the removed units are dropped (marginalized); finite-width non-Gaussianity ∝ 1/N(ℓ) grows along the flow.");
        return sb.ToString();
    }

    private static JsonObject ShellJson(ShellReport r)
    {
        var d = r.Derivation;
        var identity = new JsonArray();
        for (int i = 0; i < r.Radii.Length; i++)
            identity.Add(new JsonObject { ["r"] = JsonOut.Number(r.Radii[i]), ["left"] = JsonOut.Number(r.Identity[i].Left), ["right"] = JsonOut.Number(r.Identity[i].Right) });
        var flows = new JsonArray();
        foreach (var (net, flow) in r.Flows)
            flows.Add(new JsonObject
            {
                ["construction"] = CosNetConstructions.Name(net.Construction),
                ["width"] = net.Width,
                ["points"] = new JsonArray(flow.Select(p => (JsonNode)new JsonObject
                {
                    ["ell"] = JsonOut.Number(p.Time),
                    ["scale"] = JsonOut.Number(p.Scale),
                    ["mass"] = JsonOut.Number(p.Mass),
                    ["expectedWidth"] = JsonOut.Number(p.ExpectedWidth),
                    ["fieldVariance"] = JsonOut.Number(p.FieldVariance),
                }).ToArray()),
            });
        JsonObject Expr(NngpRg.Symbolic.Expressions.Expr e) => new() { ["infix"] = Infix.Print(e), ["latex"] = Latex.Print(e) };
        return new JsonObject
        {
            ["dim"] = r.Theory.Dimension,
            ["mass"] = JsonOut.Number(r.Theory.Mass),
            ["cutoff"] = JsonOut.Number(r.Theory.Cutoff),
            ["scale"] = JsonOut.Number(r.Scale),
            ["derivation"] = new JsonObject
            {
                ["substituted"] = Expr(d.Substituted),
                ["normalForm"] = Expr(d.NormalForm),
                ["prefactor"] = Expr(d.Prefactor),
                ["fieldDimension"] = JsonOut.Number(d.FieldDimension),
                ["rescaledMassSquared"] = Expr(d.RescaledMassSquared),
                ["rescaledSeparation"] = Expr(d.RescaledSeparation),
                ["massFlow"] = Expr(d.MassFlow),
                ["widthFraction"] = Expr(d.WidthFraction),
                ["widthFlow"] = Expr(d.WidthFlow),
            },
            ["identity"] = identity,
            ["flows"] = flows,
        };
    }

    // ---------------------------------------------------------------- brg fisher

    /// <summary>One GP-regression setting of the Fisher-shell ↔ stopping-rule comparison.</summary>
    internal sealed record GpRow(double Sigma2, double Eta, GpInformationShellResult Shell, FlowResult Flow)
    {
        public bool Agree => Shell.KeptModes == Flow.KeptModes;
    }

    internal sealed record FisherReport(ImmutableArray<InformationMomentumComparison> CosNet, PowerLaw Law, double Threshold, int Modes, ImmutableArray<GpRow> Gp);

    private static Command FisherCommand()
    {
        var dim = DimOption();
        var mass = MassOption();
        var cutoff = CutoffOption();
        var construction = ConstructionOption();
        var width = new Option<int>("--width", "-N") { Description = "Units N ≥ 1 of the cos-net whose Fisher is computed.", DefaultValueFactory = _ => 4000 };
        var samples = new Option<string>("--fisher-samples") { Description = "Fisher-set sizes n, integers in [1, 1e7], comma-separated; inputs uniform on [−L/2, L/2]^d.", DefaultValueFactory = _ => "10,100,1000" };
        var box = new Option<double>("--box", "-L") { Description = "Side L > 0 of the input box of the Fisher set.", DefaultValueFactory = _ => 10.0 };
        var noise = new Option<double>("--noise-variance") { Description = "σ_ε² > 0 of the Gaussian likelihood.", DefaultValueFactory = _ => 1.0 };
        var momenta = new Option<string>("--momenta", "-k") { Description = "Momentum-shell radii k in (0, R), comma-separated.", DefaultValueFactory = _ => "5,2" };
        var seed = SeedOption();
        var alpha = new Option<double>("--alpha") { Description = "GP part: spectrum λ_k = A k^-(1+α), α > 0.", DefaultValueFactory = _ => 1.0 };
        var amplitude = new Option<double>("--amplitude") { Description = "GP part: amplitude A > 0.", DefaultValueFactory = _ => 1.0 };
        var threshold = new Option<double>("--threshold", "-T") { Description = "GP part: learnability threshold T ∈ (0, 1); Λ = T/(1−T).", DefaultValueFactory = _ => 0.5 };
        var gp = new Option<string>("--gp-settings") { Description = "GP part: σ²:η pairs, comma-separated.", DefaultValueFactory = _ => "1:100,1:1000,1:10000,0.1:1000,0.01:1000" };
        var modes = new Option<int>("--modes") { Description = "GP part: explicit modes K, 1 … 2000000 (plus the exact power-law tail).", DefaultValueFactory = _ => 100_000 };
        var format = FormatOption("table | json");
        var cmd = new Command("fisher",
            "Fisher-information shells. (1) Cos-net: the per-unit amplitude Fisher F_ii on a Fisher set, its information shell " +
            "F < Λ_I against the momentum shell |w| > k with Λ_I = A²/(2σ_ε²(k²+m²)) (α = 1; for α = 0 the Fisher carries no |w| " +
            "information and the best count-matched cutoff is shown). (2) Trained NNGP: the information shell at Λ = T/(1−T) with " +
            "Fisher ηλ_k/(σ² + c(k)) against the GP-regression flow's stopping point κ* (computed by the Gaussian flow).")
        {
            dim, mass, cutoff, construction, width, samples, box, noise, momenta, seed, alpha, amplitude, threshold, gp, modes, format,
        };
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse.GetValue(format)!, "table", "json");
            var theory = Theory(parse.GetValue(dim), parse.GetValue(mass), parse.GetValue(cutoff));
            int n = parse.GetValue(width);
            if (n < 1) throw new UserError($"--width must be ≥ 1, got {n}.");
            var sizes = Doubles("--fisher-samples", parse.GetValue(samples)!);
            RequireAll("--fisher-samples", sizes, x => x >= 1 && x <= 1e7 && x == Math.Floor(x), "must be an integer in [1, 1e7]");
            double l = parse.GetValue(box), s2e = parse.GetValue(noise);
            if (!(double.IsFinite(l) && l > 0)) throw new UserError($"--box must be finite and > 0, got {R(l)}.");
            if (!(double.IsFinite(s2e) && s2e > 0)) throw new UserError($"--noise-variance must be finite and > 0, got {R(s2e)}.");
            var ks = Doubles("--momenta", parse.GetValue(momenta)!);
            RequireAll("--momenta", ks, x => x > 0 && x < theory.Cutoff, $"must lie in (0, --cutoff R = {R(theory.Cutoff)})");
            double a = parse.GetValue(alpha), amp = parse.GetValue(amplitude), t = parse.GetValue(threshold);
            if (!(double.IsFinite(a) && a > 0)) throw new UserError($"--alpha must be finite and > 0, got {R(a)}.");
            if (!(double.IsFinite(amp) && amp > 0)) throw new UserError($"--amplitude must be finite and > 0, got {R(amp)}.");
            if (!(t > 0 && t < 1)) throw new UserError($"--threshold must lie in (0, 1), got {R(t)}.");
            int k = parse.GetValue(modes);
            if (k is < 1 or > 2_000_000) throw new UserError($"--modes must lie in 1 … 2000000, got {k}.");
            var settings = GpSettings(parse.GetValue(gp)!);
            var kinds = Constructions(parse.GetValue(construction)!);
            int seedValue = parse.GetValue(seed);

            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var cos = ImmutableArray.CreateBuilder<InformationMomentumComparison>();
            foreach (var kind in kinds)
                foreach (double size in sizes)
                {
                    var net = new CosNet(theory, kind, n);
                    cos.Add(Guard(() => CosNetFisher.Compare(net, (int)size, l, s2e, ks, seedValue)));
                }
            error.WriteLine($"brg fisher: cos-net shells done in {clock.Elapsed.TotalSeconds:F1} s");
            var law = new PowerLaw(amp, a);
            var spectrum = law.ToSpectrum(k);
            ImmutableArray<GpRow> rows;
            try
            {
                rows = settings.Select(p => new GpRow(p.Sigma2, p.Eta, GpInformationShell.Run(spectrum, p.Sigma2, p.Eta, t),
                    GaussianFlow.Run(spectrum, p.Sigma2, p.Eta, t))).ToImmutableArray();
            }
            catch (ArgumentException ex) { throw new UserError($"{ErrorText.Clean(ex.Message)} (increase --modes, now {k}, or lower η/σ² in --gp-settings)"); }
            var report = new FisherReport(cos.ToImmutable(), law, t, k, rows);
            ResultGuard.RequireFinite(FisherJson(report), parse);
            var output = parse.InvocationConfiguration.Output;
            if (fmt == "json") output.WriteLine(JsonOut.Write(FisherJson(report)));
            else output.Write(FisherTable(report));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static ImmutableArray<(double Sigma2, double Eta)> GpSettings(string text)
    {
        var pairs = text.Split(',', StringSplitOptions.TrimEntries);
        var result = ImmutableArray.CreateBuilder<(double, double)>(pairs.Length);
        for (int i = 0; i < pairs.Length; i++)
        {
            var parts = pairs[i].Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double s2)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double eta))
                throw new UserError($"--gp-settings: pair {i + 1} '{pairs[i]}' of '{text}' is not 'sigma2:eta'.");
            if (!(double.IsFinite(s2) && s2 >= 0)) throw new UserError($"--gp-settings: pair {i + 1}: σ² = {R(s2)} must be finite and ≥ 0.");
            if (!(double.IsFinite(eta) && eta > 0)) throw new UserError($"--gp-settings: pair {i + 1}: η = {R(eta)} must be finite and > 0.");
            result.Add((s2, eta));
        }
        return result.MoveToImmutable();
    }

    private static string FisherTable(FisherReport r)
    {
        var sb = new StringBuilder();
        if (!r.CosNet.IsEmpty)
        {
            var first = r.CosNet[0];
            sb.AppendLine($"# (1) cos-net amplitude Fisher F_ii = (A²/σ_ε²)⟨g(w_i)² cos²(w_i·x+b_i)⟩ (docs/theory.md §10, Eq. 10.12), d = {first.Net.Theory.Dimension}, " +
                $"m = {G(first.Net.Theory.Mass)}, R = {G(first.Net.Theory.Cutoff)}, N = {first.Net.Width}, box L = {G(first.Box)}, σ_ε² = {G(first.NoiseVariance)}, seed {first.Seed}");
            sb.AppendLine("# parameters θ_i = a_i/σ_a, so A = σ_a of the construction (A² = 2Z_R/(2π)^d for α = 0, 2 vol(B_R)/(2π)^d for α = 1); mismatch = |information shell Δ momentum shell| / N");
            sb.AppendLine($"{"construction",12} {"n Fisher",9} {"corr(F,|w|)",12} {"k",6} {"Λ_I",12} {"rule",14} {"|F<Λ_I|",8} {"||w|>k|",8} {"mismatch",9}");
            foreach (var c in r.CosNet)
                foreach (var s in c.Shells)
                    sb.AppendLine($"{CosNetConstructions.Name(c.Net.Construction),12} {c.FisherSamples,9} {F2(c.Correlation),12} {G(s.Momentum),6} {G4(s.InformationCutoff),12} " +
                        $"{(s.Rule == InformationCutoffRule.MomentumMap ? "momentum map" : "count-matched"),14} {s.InformationShellUnits,8} {s.MomentumShellUnits,8} {(100 * s.Mismatch).ToString("F2", CultureInfo.InvariantCulture) + "%",9}");
            if (r.CosNet.Any(c => c.ZeroInformation))
                sb.AppendLine("note: for α = 0 (g = 1) the amplitude Fisher tends to A²/(2σ_ε²) for every unit: it carries no |w| information, so no " +
                    "information cutoff selects the momentum shell (even the count-matched one); BRG = momentum-shell ERG needs the α = 1 amplitude form.");
            if (r.CosNet.Any(c => !c.ZeroInformation))
                sb.AppendLine("α = 1: F_ii → A²/(2σ_ε²(w²+m²)) on a wide box (premise: L ≫ 1/|w|), so F < Λ_I is |w| > k(Λ_I); the mismatch is finite-Fisher-sample noise and shrinks as n grows.");
            sb.AppendLine();
        }
        sb.AppendLine($"# (2) trained NNGP, λ_k = {G(r.Law.Amplitude)} k^-(1+{G(r.Law.Alpha)}), {r.Modes} explicit modes + exact tail; T = {G(r.Threshold)}, Λ = T/(1−T) = {G(GpInformationShell.CutoffOfThreshold(r.Threshold))}");
        sb.AppendLine("# mode Fisher F_k = ηλ_k/(σ² + c(k)) with the resampled modes' variance c(k) = Σ_{j>k} λ_j (docs/theory.md §10, Eq. 10.13)");
        sb.AppendLine($"{"σ²",10} {"η",10} {"kept (BRG)",11} {"κ* (flow)",10} {"agree",6} {"kept, bare σ²",14} {"c(κ)",12} {"σ_c² (flow)",12}");
        foreach (var row in r.Gp)
            sb.AppendLine($"{G(row.Sigma2),10} {G(row.Eta),10} {row.Shell.KeptModes,11} {row.Flow.KeptModes,10} {(row.Agree ? "yes" : "NO"),6} {row.Shell.KeptModesBareRidge,14} " +
                $"{G(row.Shell.ResampledVariance),12} {G(row.Flow.RunningRidge),12}");
        sb.AppendLine(r.Gp.All(g => g.Agree)
            ? "verdict: the information shell at Λ = T/(1−T), with the running ridge σ² + c, keeps exactly the flow's κ* modes in every setting (premise: removed modes unlearnable, their resampled variance averaged over the data)."
            : "verdict: the information shell and the flow's κ* DISAGREE in the settings marked NO.");
        return sb.ToString();
    }

    private static JsonObject FisherJson(FisherReport r)
    {
        var cos = new JsonArray();
        foreach (var c in r.CosNet)
            cos.Add(new JsonObject
            {
                ["construction"] = CosNetConstructions.Name(c.Net.Construction),
                ["dim"] = c.Net.Theory.Dimension,
                ["width"] = c.Net.Width,
                ["fisherSamples"] = c.FisherSamples,
                ["box"] = JsonOut.Number(c.Box),
                ["noiseVariance"] = JsonOut.Number(c.NoiseVariance),
                ["correlation"] = JsonOut.Number(c.Correlation),
                ["carriesMomentumInformation"] = !c.ZeroInformation,
                ["shells"] = new JsonArray(c.Shells.Select(s => (JsonNode)new JsonObject
                {
                    ["k"] = JsonOut.Number(s.Momentum),
                    ["informationCutoff"] = JsonOut.Number(s.InformationCutoff),
                    ["rule"] = s.Rule == InformationCutoffRule.MomentumMap ? "momentum-map" : "count-matched",
                    ["informationShellUnits"] = s.InformationShellUnits,
                    ["momentumShellUnits"] = s.MomentumShellUnits,
                    ["symmetricDifference"] = s.SymmetricDifference,
                    ["mismatch"] = JsonOut.Number(s.Mismatch),
                }).ToArray()),
            });
        var gp = new JsonArray(r.Gp.Select(g => (JsonNode)new JsonObject
        {
            ["sigma2"] = JsonOut.Number(g.Sigma2),
            ["eta"] = JsonOut.Number(g.Eta),
            ["keptModes"] = g.Shell.KeptModes,
            ["flowKeptModes"] = g.Flow.KeptModes,
            ["agree"] = g.Agree,
            ["keptModesBareRidge"] = g.Shell.KeptModesBareRidge,
            ["resampledVariance"] = JsonOut.Number(g.Shell.ResampledVariance),
            ["flowRidgeShift"] = JsonOut.Number(g.Flow.RidgeShift),
            ["fisherAtStop"] = JsonOut.Number(g.Shell.FisherAtStop),
        }).ToArray());
        return new JsonObject
        {
            ["cosnet"] = cos,
            ["gp"] = new JsonObject
            {
                ["amplitude"] = JsonOut.Number(r.Law.Amplitude),
                ["alpha"] = JsonOut.Number(r.Law.Alpha),
                ["threshold"] = JsonOut.Number(r.Threshold),
                ["informationCutoff"] = JsonOut.Number(GpInformationShell.CutoffOfThreshold(r.Threshold)),
                ["modes"] = r.Modes,
                ["settings"] = gp,
                ["allAgree"] = r.Gp.All(g => g.Agree),
            },
        };
    }

    // ---------------------------------------------------------------- brg experiment

    private static Command ExperimentCommand()
    {
        var defaults = new BrgExperimentOptions();
        var ensemble = new Option<int>("--ensemble", "-E") { Description = $"Networks in the ensemble, 3 … 100000 (a few seconds on 2 cores at the default).", DefaultValueFactory = _ => defaults.Ensemble };
        var fisher = new Option<int>("--fisher-samples") { Description = "Inputs of the Fisher set ≥ 1 (the published 10 leaves about a fifth of the units silent: F = 0 exactly).", DefaultValueFactory = _ => defaults.FisherSamples };
        var cutoffs = new Option<string>("--cutoffs") { Description = "Information cutoffs Λ > 0, strictly increasing, comma-separated, or 'published' (25 values 1e-4 … 1e5).", DefaultValueFactory = _ => "published" };
        var train = new Option<int>("--train") { Description = "Training inputs ≥ 1 from N((1,1), I₂).", DefaultValueFactory = _ => defaults.TrainSamples };
        var test = new Option<int>("--test") { Description = "Test inputs ≥ 1.", DefaultValueFactory = _ => defaults.TestSamples };
        var width = new Option<int>("--width", "-N") { Description = "Width of the last frozen ReLU layer (readout weights) ≥ 1.", DefaultValueFactory = _ => defaults.Width };
        var epochs = new Option<int>("--epochs") { Description = "SGD passes over the training set ≥ 0.", DefaultValueFactory = _ => defaults.Epochs };
        var lr = new Option<double>("--lr") { Description = "SGD learning rate > 0 on the per-sample loss (f − y)².", DefaultValueFactory = _ => defaults.LearningRate };
        var solver = new Option<string>("--solver") { Description = "gram (the SGD iterates computed in the span of the training features; same iterates, faster) | sgd (plain per-sample SGD).", DefaultValueFactory = _ => "gram" };
        var coarse = new Option<string>("--coarse-grain") { Description = "resample (sloppy weights redrawn from the prior, as published) | remove (set to 0).", DefaultValueFactory = _ => "resample" };
        var prior = new Option<double>("--prior-std") { Description = "σ_v > 0 of the readout prior N(0, σ_v²) (init and resampling).", DefaultValueFactory = _ => defaults.PriorStd };
        var maxMse = new Option<double>("--max-trained-mse") { Description = "Members with Λ = 0 test MSE ≥ this are left out as poorly trained (> 0).", DefaultValueFactory = _ => defaults.MaxTrainedMse };
        var trace = new Option<int>("--trace-point") { Description = "Test point whose ensemble mean and spread are reported, 0 … --test − 1.", DefaultValueFactory = _ => defaults.TracePoint };
        var seed = SeedOption();
        var format = FormatOption("table | json | csv");
        var plot = new Option<string?>("--plot") { Description = "Write an SVG of MSE and predictive variance against Λ (log x) to this file (atomically)." };
        var csv = new Option<string?>("--csv") { Description = "Write the per-cutoff table as CSV to this file (atomically)." };
        var cmd = new Command("experiment",
            "The numerical experiment of Bayesian RG: an ensemble of frozen 2→10→10→N ReLU networks (N(0,1) weights, no biases) with a " +
            "trained linear readout on y = (1−x₀)² − 0.5(x₁ − x₀²), x ~ N((1,1), I₂); the diagonal Fisher F_jj = ⟨h_j²⟩ on a Fisher set; " +
            "for increasing cutoffs Λ the weights with F_jj < Λ are resampled from the prior (cumulatively). Prints the test MSE, its exact " +
            "expectation over the resampling, the predictive variance, Λ_C (first cutoff with MSE > 2 × MSE₀) and the rule of thumb " +
            "2σ_v² Σ_{F<Λ} F ≈ MSE₀.")
        {
            ensemble, fisher, cutoffs, train, test, width, epochs, lr, solver, coarse, prior, maxMse, trace, seed, format, plot, csv,
        };
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse.GetValue(format)!, "table", "json", "csv");
            int e = parse.GetValue(ensemble);
            if (e is < 3 or > 100_000) throw new UserError($"--ensemble must lie in 3 … 100000, got {e}.");
            var cutoffText = parse.GetValue(cutoffs)!;
            var lambdas = cutoffText.Trim().Equals("published", StringComparison.OrdinalIgnoreCase) ? BrgExperimentOptions.PublishedCutoffs : Doubles("--cutoffs", cutoffText);
            RequireAll("--cutoffs", lambdas, x => x > 0, "must be > 0");
            for (int i = 1; i < lambdas.Length; i++)
                if (!(lambdas[i] > lambdas[i - 1])) throw new UserError($"--cutoffs: value {i + 1} = {R(lambdas[i])} must be larger than value {i} = {R(lambdas[i - 1])} (strictly increasing).");
            var options = new BrgExperimentOptions
            {
                Ensemble = e,
                FisherSamples = Positive("--fisher-samples", parse.GetValue(fisher)),
                Cutoffs = lambdas,
                TrainSamples = Positive("--train", parse.GetValue(train)),
                TestSamples = Positive("--test", parse.GetValue(test)),
                Width = Positive("--width", parse.GetValue(width)),
                Epochs = parse.GetValue(epochs) >= 0 ? parse.GetValue(epochs) : throw new UserError($"--epochs must be ≥ 0, got {parse.GetValue(epochs)}."),
                LearningRate = PositiveReal("--lr", parse.GetValue(lr)),
                Solver = parse.GetValue(solver)!.Trim().ToLowerInvariant() switch
                {
                    "gram" => ReadoutSolver.GramSgd,
                    "sgd" => ReadoutSolver.Sgd,
                    var other => throw new UserError($"--solver: unknown solver '{other}'; use gram or sgd."),
                },
                CoarseGraining = parse.GetValue(coarse)!.Trim().ToLowerInvariant() switch
                {
                    "resample" => CoarseGraining.Resample,
                    "remove" => CoarseGraining.Remove,
                    var other => throw new UserError($"--coarse-grain: unknown rule '{other}'; use resample or remove."),
                },
                PriorStd = PositiveReal("--prior-std", parse.GetValue(prior)),
                MaxTrainedMse = PositiveReal("--max-trained-mse", parse.GetValue(maxMse)),
                TracePoint = parse.GetValue(trace),
                Seed = parse.GetValue(seed),
            };
            if (options.TracePoint < 0 || options.TracePoint >= options.TestSamples)
                throw new UserError($"--trace-point must index a test point, 0 … {options.TestSamples - 1} (--test {options.TestSamples}), got {options.TracePoint}.");
            double work = options.EstimatedWork();
            if (work > BrgExperimentOptions.MaxWork)
                throw new UserError($"the run would need ≈ {work:E2} multiply-adds (more than {BrgExperimentOptions.MaxWork:E0}); reduce --ensemble, --width, --epochs, --train or --fisher-samples.");
            var plotPath = parse.GetValue(plot);
            var csvPath = parse.GetValue(csv);
            CheckOutputPath(plotPath, "--plot");
            CheckOutputPath(csvPath, "--csv");
            if (plotPath is not null && csvPath is not null && FilePaths.RealPath(plotPath) == FilePaths.RealPath(csvPath))
                throw new UserError("--plot and --csv name the same file.");

            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            string what = $"brg experiment: {options.Ensemble} networks, width {options.Width}, {options.Epochs} epochs, {options.FisherSamples} Fisher samples";
            error.WriteLine($"{what} ...");
            BrgExperimentReport report;
            try { report = BrgExperiment.Run(options, ProgressLines.Tenths(error, "brg experiment: members", clock)); }
            catch (ArgumentException ex) { throw new UserError(ErrorText.Clean(ex.Message)); }
            catch (ArithmeticException ex) { throw new UserError($"{ex.Message} Lower --lr."); }
            error.WriteLine($"brg experiment: done in {clock.Elapsed.TotalSeconds:F1} s");
            var output = parse.InvocationConfiguration.Output;
            var table = ExperimentCsv(report);
            switch (fmt)
            {
                case "json": output.WriteLine(JsonOut.Write(ExperimentJson(report))); break;
                case "csv": output.Write(table); break;
                default: output.Write(ExperimentTable(report)); break;
            }
            if (plotPath is not null) AtomicFile.WriteAllText(plotPath, Svg.Render(BrgFigures.MseAndVariance(report)));
            if (csvPath is not null) AtomicFile.WriteAllText(csvPath, table);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static int Positive(string option, int value) => value >= 1 ? value : throw new UserError($"{option} must be ≥ 1, got {value}.");

    private static double PositiveReal(string option, double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new UserError($"{option} must be finite and > 0, got {R(value)}.");

    private static string Solver(ReadoutSolver s) => s == ReadoutSolver.GramSgd ? "gram (per-sample SGD iterates in the span of the training features)" : "sgd (plain per-sample SGD)";

    internal static string ExperimentTable(BrgExperimentReport r)
    {
        var o = r.Options;
        double mse0 = r.TrainedMse.Mean;
        var sb = new StringBuilder();
        sb.AppendLine($"# Bayesian RG experiment (docs/theory.md §10.6): {r.IncludedMembers} of {o.Ensemble} networks 2→{o.HiddenWidths[0]}→{o.HiddenWidths[1]}→{o.Width} (frozen N(0,1), ReLU), " +
            $"readout trained by {Solver(o.Solver)}, lr {G(o.LearningRate)}, {o.Epochs} epochs, {o.TrainSamples} train / {o.TestSamples} test inputs, seed {o.Seed}");
        sb.AppendLine($"# diagonal Fisher F_jj = ⟨h_j(x)²⟩ on {o.FisherSamples} Fisher inputs; sloppy weights (F_jj < Λ) {(o.CoarseGraining == CoarseGraining.Resample ? $"resampled from N(0, {G(o.PriorStd * o.PriorStd)})" : "removed (set to 0)")}, cumulatively");
        if (r.ExcludedMembers > 0)
            sb.AppendLine($"# {r.ExcludedMembers} member(s) left out: test MSE at Λ = 0 ≥ {G(o.MaxTrainedMse)} (poorly trained)");
        sb.AppendLine($"{"Λ",9} {"test MSE",11} {"± s.e.",9} {"MSE/MSE₀",9} {"E_res[MSE]",11} {"coarse %",8} {"Σ_{F<Λ}F",10} {"2σ²ΣF",10} {"pred. var",11} {"± s.e.",9} {$"f(x_{o.TracePoint}) μ",10} {"σ",9}");
        foreach (var row in r.Rows)
            sb.AppendLine($"{G4(row.Cutoff),9} {G4(row.Mse.Mean),11} {G4(row.Mse.StandardError),9} {F2(row.Mse.Mean / mse0),9} {G4(row.ExpectedMse.Mean),11} " +
                $"{(100 * row.CoarseGrainedFraction).ToString("F1", CultureInfo.InvariantCulture),8} {G4(row.SloppyInformation),10} {G4(row.RuleOfThumbIncrease),10} " +
                $"{G4(row.PredictiveVariance),11} {G4(row.PredictiveVarianceStandardError),9} {G4(row.TraceMean),10} {G4(row.TraceStd),9}");
        sb.AppendLine($"MSE₀ (trained, Λ = 0) = {G4(mse0)} ± {G4(r.TrainedMse.StandardError)}; untrained readout {G4(r.InitialMse.Mean)}");
        sb.AppendLine($"Λ_C = {(r.CriticalCutoff is { } c ? G4(c) : "none (no cutoff doubles the MSE)")}   rule: {BrgExperimentReport.CriticalRule}");
        sb.AppendLine($"rule of thumb: Λ = {(r.RuleOfThumbCutoff is { } t ? G4(t) : "none")}   ({BrgExperimentReport.RuleOfThumb})");
        sb.AppendLine($"E_res[MSE] is exact in expectation over the resampling given each trained readout (Eq. 10.16): ⟨(r − Σ_S v*h)²⟩ + σ_v² Σ_S ⟨h²⟩.");
        sb.AppendLine($"Fisher: {(100 * r.ZeroFisherFraction.Mean).ToString("F1", CultureInfo.InvariantCulture)}% ± {(100 * r.ZeroFisherFraction.StandardError).ToString("F1", CultureInfo.InvariantCulture)}% of the F_jj are exactly 0 (units silent on every Fisher input), median F = {G4(r.MedianFisher)}");
        if (r.ZeroFisherFraction.Mean >= 0.1)
            sb.AppendLine($"warning: with {o.FisherSamples} Fisher samples {(100 * r.ZeroFisherFraction.Mean).ToString("F1", CultureInfo.InvariantCulture)}% of the F_jj are exactly 0; those weights are all resampled at the first cutoff " +
                $"(MSE/MSE₀ = {F2(r.Rows[1].Mse.Mean / mse0)} at Λ = {G4(r.Rows[1].Cutoff)}), so the low-Λ end of the curve measures the Fisher set's silent units, not sloppiness; use --fisher-samples 1000.");
        return sb.ToString();
    }

    private static string ExperimentCsv(BrgExperimentReport r)
    {
        var sb = new StringBuilder("cutoff,mse,mse_se,expected_mse,expected_mse_se,coarse_grained_fraction,sloppy_information,rule_of_thumb_increase,predictive_variance,predictive_variance_se,trace_mean,trace_std\n");
        foreach (var row in r.Rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"{R(row.Cutoff)},{R(row.Mse.Mean)},{R(row.Mse.StandardError)},{R(row.ExpectedMse.Mean)},{R(row.ExpectedMse.StandardError)},{R(row.CoarseGrainedFraction)},{R(row.SloppyInformation)},{R(row.RuleOfThumbIncrease)},{R(row.PredictiveVariance)},{R(row.PredictiveVarianceStandardError)},{R(row.TraceMean)},{R(row.TraceStd)}\n");
        return sb.ToString();
    }

    internal static JsonObject ExperimentJson(BrgExperimentReport r)
    {
        var o = r.Options;
        return new JsonObject
        {
            ["criticalCutoff"] = r.CriticalCutoff is { } c ? JsonOut.Number(c) : null,
            ["criticalRule"] = BrgExperimentReport.CriticalRule,
            ["ruleOfThumbCutoff"] = r.RuleOfThumbCutoff is { } t ? JsonOut.Number(t) : null,
            ["ruleOfThumb"] = BrgExperimentReport.RuleOfThumb,
            ["trainedMse"] = Pair(r.TrainedMse),
            ["initialMse"] = Pair(r.InitialMse),
            ["zeroFisherFraction"] = Pair(r.ZeroFisherFraction),
            ["medianFisher"] = JsonOut.Number(r.MedianFisher),
            ["includedMembers"] = r.IncludedMembers,
            ["excludedMembers"] = r.ExcludedMembers,
            ["rows"] = new JsonArray(r.Rows.Select(row => (JsonNode)new JsonObject
            {
                ["cutoff"] = JsonOut.Number(row.Cutoff),
                ["mse"] = Pair(row.Mse),
                ["expectedMse"] = Pair(row.ExpectedMse),
                ["coarseGrainedFraction"] = JsonOut.Number(row.CoarseGrainedFraction),
                ["sloppyInformation"] = JsonOut.Number(row.SloppyInformation),
                ["ruleOfThumbIncrease"] = JsonOut.Number(row.RuleOfThumbIncrease),
                ["predictiveVariance"] = new JsonObject { ["mean"] = JsonOut.Number(row.PredictiveVariance), ["standardError"] = JsonOut.Number(row.PredictiveVarianceStandardError) },
                ["trace"] = new JsonObject { ["mean"] = JsonOut.Number(row.TraceMean), ["std"] = JsonOut.Number(row.TraceStd) },
            }).ToArray()),
            ["settings"] = new JsonObject
            {
                ["ensemble"] = o.Ensemble,
                ["fisherSamples"] = o.FisherSamples,
                ["train"] = o.TrainSamples,
                ["test"] = o.TestSamples,
                ["hiddenWidths"] = new JsonArray(o.HiddenWidths.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
                ["width"] = o.Width,
                ["epochs"] = o.Epochs,
                ["learningRate"] = JsonOut.Number(o.LearningRate),
                ["solver"] = o.Solver == ReadoutSolver.GramSgd ? "gram" : "sgd",
                ["coarseGrain"] = InformationShell.Name(o.CoarseGraining),
                ["priorStd"] = JsonOut.Number(o.PriorStd),
                ["maxTrainedMse"] = JsonOut.Number(o.MaxTrainedMse),
                ["tracePoint"] = o.TracePoint,
                ["seed"] = o.Seed,
            },
        };
    }
}
