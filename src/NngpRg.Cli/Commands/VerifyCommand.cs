using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Kernels;
using NngpRg.Core.Regression;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg verify</c>: the finite-sample form of the Gaussian ridge flow (docs/theory.md §3.5) by exact kernel ridge regression:
/// the kernel truncated at degree L with ridge σ² + c(L) against the full kernel at σ², compared with the bare ridge σ².
/// </summary>
public static class VerifyCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var kernel = new Option<string>("--kernel", "-k") { Description = "relu | erf | rbf (NNGPs with σ_w², σ_b²) | arccos0 | arccos1 | arccos2 (Cho–Saul kernels, no variances).", DefaultValueFactory = _ => "relu" };
        var kind = new Option<string>("--kernel-kind") { Description = "nngp (regress with the NNGP kernel K) | ntk (with the network's NTK Θ; not for arccos0).", DefaultValueFactory = _ => "nngp" };
        var depth = new Option<int>("--depth", "-L") { Description = "Hidden layers L, 1 … 64.", DefaultValueFactory = _ => 1 };
        var dim = new Option<int>("--dim", "-d") { Description = "Input dimension d ≥ 2: points uniform on S^{d-1}.", DefaultValueFactory = _ => 10 };
        var n = new Option<int>("--n", "-n") { Description = "Training points N ≥ 2.", DefaultValueFactory = _ => 600 };
        var test = new Option<int>("--test", "-m") { Description = "Test points M ≥ 1.", DefaultValueFactory = _ => 200 };
        var sigma2 = new Option<double>("--sigma2", "-s") { Description = "Label noise variance and ridge σ² > 0.", DefaultValueFactory = _ => 0.001 };
        var cutoff = new Option<int>("--cutoff", "-c") { Description = "Cutoff degree L ≥ 0: harmonics of degree ≤ L are kept.", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var draws = new Option<int>("--draws", "-r") { Description = "Independent draws R ≥ 2 (means with standard errors).", DefaultValueFactory = _ => 5 };
        var sigmaW2 = new Option<double>("--sigma-w2") { Description = "Weight variance σ_w² ≥ 0 (relu, erf, rbf only).", DefaultValueFactory = _ => 1.0 };
        var sigmaB2 = new Option<double>("--sigma-b2") { Description = "Bias variance σ_b² ≥ 0 (relu, erf, rbf only).", DefaultValueFactory = _ => 0.0 };
        var format = new Option<string>("--format", "-f") { Description = "table | json", DefaultValueFactory = _ => "table" };
        var cmd = new Command("verify",
            "Finite-sample check of the Gaussian ridge flow: on random points of S^{d-1}, KRR with the kernel truncated at " +
            "degree L and ridge σ² + c(L) should track full-kernel KRR at σ² far better than the truncated kernel at bare σ², " +
            "provided the removed modes are unlearnable (nλ_ℓ ≪ σ² for ℓ > L). Targets are drawn from the GP prior; prints rms " +
            "differences of the predictors, their test MSEs, the tail c(L), the ratio rms_bare/rms_renormalized with its standard " +
            "error, max_{ℓ>L} nλ_ℓ/σ², and a verdict only when the premise holds and the ratio differs from 1 by more than 2 s.e.")
        {
            kernel, kind, depth, dim, n, test, sigma2, cutoff, seed, draws, sigmaW2, sigmaB2, format,
        };
        cmd.SetAction(parse =>
        {
            var fmt = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (fmt is not ("table" or "json")) throw new UserError($"--format: unknown format '{fmt}'; use table or json.");
            KernelKind kernelKind;
            try { kernelKind = KernelKinds.Parse(parse.GetValue(kind)!); }
            catch (ArgumentException) { throw new UserError($"--kernel-kind: unknown kind '{parse.GetValue(kind)}'; use nngp or ntk."); }
            var settings = new Settings(
                ParseActivation(parse.GetValue(kernel)!), parse.GetValue(depth), parse.GetValue(dim), parse.GetValue(n), parse.GetValue(test),
                parse.GetValue(sigma2), parse.GetValue(cutoff), parse.GetValue(seed), parse.GetValue(draws), parse.GetValue(sigmaW2), parse.GetValue(sigmaB2), kernelKind);
            settings.Validate();
            // a Cho–Saul kernel has no variances: refuse them when given
            SpectrumCommand.Map(settings.Activation, settings.SigmaW2, settings.SigmaB2, SpectrumCommand.Given(parse, sigmaW2), SpectrumCommand.Given(parse, sigmaB2));
            var error = parse.InvocationConfiguration.Error;
            error.WriteLine($"verify: {settings.Draws} draws of n = {settings.N}, m = {settings.Test} on S^{settings.Dim - 1} ...");
            var clock = Stopwatch.StartNew();
            var result = Run(settings, (done, total) =>
            {
                // a line per draw once the run has taken more than two seconds
                if (clock.Elapsed.TotalSeconds > 2) error.WriteLine($"verify: draw {done}/{total} ({clock.Elapsed.TotalSeconds:F1} s)");
            });
            ResultGuard.RequireFinite(ToJson(result, settings), parse, "improvement", "improvementStandardError", "maxRemovedSignal", "weakestKeptSignal");
            error.WriteLine($"verify: done in {clock.Elapsed.TotalSeconds:F1} s");
            var output = parse.InvocationConfiguration.Output;
            if (fmt == "json") output.WriteLine(JsonOut.Write(ToJson(result, settings)));
            else output.Write(Table(result, settings));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The most draws a run may ask for.</summary>
    internal const int MaxDraws = 10_000;

    /// <summary>The most multiply-adds a run may need (<see cref="Work"/>).</summary>
    internal const double MaxWork = 3e12;

    /// <summary>Multiply-adds of a run: per draw a Cholesky factor of the (n+m)² prior covariance and three n² ridge fits.</summary>
    internal static double Work(int n, int m, int draws) => draws * (Math.Pow((double)n + m, 3) / 3 + Math.Pow(n, 3));

    /// <summary>Peak bytes of one draw: the prior covariance and its factor, five n² training matrices, the cross matrices.</summary>
    internal static double MemoryBytes(int n, int m, int dim = 0) => 8 * (2 * Math.Pow((double)n + m, 2) + 5 * Math.Pow(n, 2) + 2.0 * n * m + ((double)n + m) * dim);

    /// <summary>The memory free for this process: the kernel's MemAvailable (Linux), capped by the runtime's limit (a container's).</summary>
    internal static double AvailableBytes()
    {
        double limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal) &&
                    double.TryParse(line["MemAvailable:".Length..].Replace("kB", "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double kb))
                    return Math.Min(limit, kb * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return limit;
    }

    /// <summary>The validated settings of one run.</summary>
    internal sealed record Settings(Activation Activation, int Depth, int Dim, int N, int Test, double Sigma2, int Cutoff, int Seed, int Draws, double SigmaW2, double SigmaB2, KernelKind Kind = KernelKind.Nngp)
    {
        /// <summary>Throws a <see cref="UserError"/> naming the first option out of range, or a run beyond the memory
        /// (<paramref name="availableBytes"/>, default <see cref="AvailableBytes"/>) or the work bound.</summary>
        public void Validate(double? availableBytes = null)
        {
            if (Depth is < 1 or > 64) throw new UserError($"--depth must be between 1 and 64, got {Depth}.");
            if (Dim < 2) throw new UserError($"--dim must be ≥ 2 (points on the sphere S^(d-1)), got {Dim}.");
            if (N < 2) throw new UserError($"--n must be ≥ 2 training points, got {N}.");
            if (Test < 1) throw new UserError($"--test must be ≥ 1 test point, got {Test}.");
            if (!double.IsFinite(Sigma2) || Sigma2 <= 0) throw new UserError($"--sigma2 must be finite and > 0, got {F(Sigma2)}.");
            if (Cutoff < 0) throw new UserError($"--cutoff must be ≥ 0, got {Cutoff}.");
            if (Draws < 2) throw new UserError($"--draws must be ≥ 2 for a standard error, got {Draws}.");
            if (!double.IsFinite(SigmaW2) || SigmaW2 < 0) throw new UserError($"--sigma-w2 must be finite and ≥ 0, got {F(SigmaW2)}.");
            if (!double.IsFinite(SigmaB2) || SigmaB2 < 0) throw new UserError($"--sigma-b2 must be finite and ≥ 0, got {F(SigmaB2)}.");
            if ((long)N + Test > 20_000) throw new UserError($"--n + --test = {(long)N + Test} exceeds 20000 points (the GP target needs a dense factorization of that size).");
            if (Draws > MaxDraws) throw new UserError($"--draws must be at most {MaxDraws}, got {Draws}.");
            double bytes = MemoryBytes(N, Test, Dim), available = availableBytes ?? AvailableBytes();
            if (bytes > available)
                throw new UserError($"--n {N} with --test {Test} on S^(d-1) with --dim {Dim} needs about {bytes / 1e9:F1} GB for its points and kernel matrices (8 bytes × (2(n+m)² + 5n² + 2nm + (n+m)d)), more than the {available / 1e9:F1} GB available; lower --n or --test.");
            double work = Work(N, Test, Draws);
            if (work > MaxWork)
                throw new UserError($"--draws {Draws} of --n {N}, --test {Test} need about {work:G3} multiply-adds (R((n+m)³/3 + n³) for the GP target and three ridge fits), more than the limit of {MaxWork:G3} (about ten minutes on two cores at the measured 5·10⁹ per second); lower --draws or --n.");
            if (Cutoff > SphereSpectrum.MaxSeriesDegree - 2) throw new UserError($"--cutoff must be at most {SphereSpectrum.MaxSeriesDegree - 2}, got {Cutoff}.");
            if (Kind == KernelKind.Ntk && Activation == Activation.ArcCos0)
                throw new UserError("--kernel-kind ntk: arccos0 has no NTK (its step activation Θ(u) has derivative δ(u)).");
        }
    }

    /// <summary>Reads an activation name as a <see cref="UserError"/> when unknown.</summary>
    internal static Activation ParseActivation(string name)
    {
        try { return Activations.Parse(name); }
        catch (ArgumentException) { throw new UserError($"--kernel: unknown kernel '{name}'; use one of {string.Join(", ", Enum.GetValues<Activation>().Select(Activations.Name))}."); }
    }

    /// <summary>The network kernel of the settings (the Cho–Saul kernels take no variances).</summary>
    internal static NngpKernel Kernel(Settings s) =>
        NngpKernel.Of(Activations.HasVariances(s.Activation) ? LayerMap.Of(s.Activation, s.SigmaW2, s.SigmaB2) : LayerMap.Of(s.Activation), s.Depth);

    internal static FiniteSampleResult Run(Settings s, Action<int, int>? progress = null) =>
        FiniteSampleCheck.Run(Kernel(s), s.Kind, s.Dim, s.N, s.Test, s.Sigma2, s.Cutoff, s.Seed, s.Draws, progress: progress);

    /// <summary>One line stating the outcome, conditional on the premise and the ratio's standard error.</summary>
    internal static string Verdict(FiniteSampleResult r) => FiniteSampleVerdict.Text(r);

    private static string Status(PremiseStatus p) => p switch
    {
        PremiseStatus.Holds => "holds",
        PremiseStatus.Marginal => "marginal",
        _ => "fails",
    };

    private static string KindName(VerdictKind k) => k switch
    {
        VerdictKind.Better => "better",
        VerdictKind.Worse => "worse",
        VerdictKind.Indistinguishable => "indistinguishable",
        _ => "premise-fails",
    };

    /// <summary>The premise as JSON.</summary>
    internal static JsonObject PremiseJson(FiniteSamplePremise p) => new()
    {
        ["statement"] = "removed modes unlearnable: nλ_ℓ ≪ σ² for ℓ > L",
        ["maxRemovedSignal"] = JsonOut.Number(p.MaxRemovedSignal),
        ["maxRemovedDegree"] = p.MaxRemovedDegree,
        ["weakestKeptSignal"] = JsonOut.Number(p.WeakestKeptSignal),
        ["weakestKeptDegree"] = p.WeakestKeptDegree,
        ["holdsAtMost"] = JsonOut.Number(FiniteSamplePremise.HoldsAtMost),
        ["failsAbove"] = JsonOut.Number(FiniteSamplePremise.FailsAbove),
        ["status"] = Status(p.Status),
    };

    private static JsonObject Pair(Estimate e) => new() { ["mean"] = JsonOut.Number(e.Mean), ["standardError"] = JsonOut.Number(e.StandardError) };

    /// <summary>The JSON object: the required means first, then standard errors, settings and the verdict.</summary>
    internal static JsonObject ToJson(FiniteSampleResult r, Settings s) => new()
    {
        ["rmsRenormalized"] = JsonOut.Number(r.RmsRenormalized.Mean),
        ["rmsBare"] = JsonOut.Number(r.RmsBare.Mean),
        ["mse"] = new JsonObject
        {
            ["full"] = JsonOut.Number(r.MseFull.Mean),
            ["renormalized"] = JsonOut.Number(r.MseRenormalized.Mean),
            ["bare"] = JsonOut.Number(r.MseBare.Mean),
        },
        ["tail"] = JsonOut.Number(r.Tail),
        ["offDiagonalRms"] = JsonOut.Number(r.OffDiagonalRms.Mean),
        ["diagonalMean"] = JsonOut.Number(r.DiagonalMean.Mean),
        ["standardErrors"] = new JsonObject
        {
            ["rmsRenormalized"] = JsonOut.Number(r.RmsRenormalized.StandardError),
            ["rmsBare"] = JsonOut.Number(r.RmsBare.StandardError),
            ["mseFull"] = JsonOut.Number(r.MseFull.StandardError),
            ["mseRenormalized"] = JsonOut.Number(r.MseRenormalized.StandardError),
            ["mseBare"] = JsonOut.Number(r.MseBare.StandardError),
            ["offDiagonalRms"] = JsonOut.Number(r.OffDiagonalRms.StandardError),
        },
        ["improvement"] = JsonOut.Number(r.Improvement.Mean),
        ["improvementStandardError"] = JsonOut.Number(r.Improvement.StandardError),
        ["premise"] = PremiseJson(r.Premise),
        ["settings"] = new JsonObject
        {
            ["kernel"] = Activations.Name(s.Activation),
            ["kind"] = KernelKinds.Name(s.Kind),
            ["depth"] = s.Depth,
            ["dim"] = s.Dim,
            ["n"] = s.N,
            ["test"] = s.Test,
            ["sigma2"] = JsonOut.Number(s.Sigma2),
            ["cutoff"] = s.Cutoff,
            ["seed"] = s.Seed,
            ["draws"] = s.Draws,
            ["sigmaW2"] = JsonOut.Number(s.SigmaW2),
            ["sigmaB2"] = JsonOut.Number(s.SigmaB2),
        },
        ["verdictKind"] = KindName(FiniteSampleVerdict.Kind(r)),
        ["verdict"] = Verdict(r),
    };

    /// <summary>The readable table with a verdict line.</summary>
    internal static string Table(FiniteSampleResult r, Settings s)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {Activations.Name(s.Activation)} {(s.Kind == KernelKind.Ntk ? "NTK" : "kernel")}, depth {s.Depth}, on S^{s.Dim - 1}: n = {s.N}, m = {s.Test}, σ² = {G(s.Sigma2)}, cutoff L = {s.Cutoff}, {s.Draws} draws, seed {s.Seed}");
        sb.AppendLine($"# c(L) = Σ_{{ℓ>L}} N(d,ℓ) λ_ℓ = {G(r.Tail)};  K_>(X,X): diagonal mean {G(r.DiagonalMean.Mean)}, off-diagonal rms {G(r.OffDiagonalRms.Mean)} ± {G(r.OffDiagonalRms.StandardError)}");
        sb.AppendLine($"{"quantity",-44} {"mean",14} {"std. error",14}");
        void Row(string name, Estimate e) => sb.AppendLine($"{name,-44} {G(e.Mean),14} {G(e.StandardError),14}");
        Row("rms[f(≤L, σ²+c) − f(full, σ²)]", r.RmsRenormalized);
        Row("rms[f(≤L, σ²) − f(full, σ²)]", r.RmsBare);
        Row("test MSE, full kernel at σ²", r.MseFull);
        Row("test MSE, truncated at σ²+c", r.MseRenormalized);
        Row("test MSE, truncated at σ²", r.MseBare);
        Row("ratio rms_bare/rms_renormalized (delta method)", r.Improvement);
        sb.AppendLine(PremiseLine(r.Premise));
        sb.AppendLine($"verdict: {Verdict(r)}");
        return sb.ToString();
    }

    /// <summary>The premise with its figures: the largest removed nλ/σ², the weakest kept one, and the status.</summary>
    internal static string PremiseLine(FiniteSamplePremise p) =>
        $"premise (removed modes unlearnable, nλ_ℓ ≪ σ² for ℓ > L): max_(ℓ>L) nλ_ℓ/σ² = {G(p.MaxRemovedSignal)} at ℓ = {p.MaxRemovedDegree}; " +
        $"weakest kept level ℓ = {p.WeakestKeptDegree}: nλ/σ² = {G(p.WeakestKeptSignal)}; {Status(p.Status)} " +
        $"(holds ≤ {G(FiniteSamplePremise.HoldsAtMost)}, fails > {G(FiniteSamplePremise.FailsAbove)})";

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    private static string F(double x) => x.ToString(CultureInfo.InvariantCulture);
}
