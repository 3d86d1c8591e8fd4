using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Data;
using NngpRg.Core.Experiments;
using NngpRg.Core.Plotting;
using NngpRg.Core.Regression;
using NngpRg.Core.Theory;
using Spectre.Console;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg experiment</c>: the paper's experiment on a data file (docs/theory.md §7), run by <see cref="SpectrumExperiment"/>;
/// prints a summary and, with <c>--out DIR</c>, writes report.md, spectrum.csv, learning_curve.csv and the figures
/// spectrum.svg and learning_curve.svg (<see cref="ExperimentFigures"/>).
/// </summary>
public static class ExperimentCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var data = new Option<string>("--data") { Description = "Input file: IDX images, a CIFAR-10 batch (several: comma-separated), CSV or .npy features.", Required = true };
        var format = new Option<string>("--format") { Description = "idx | cifar | csv | npy", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Labels file (IDX labels or a 1-D .npy); required for idx." };
        var labelColumn = new Option<int>("--label-column") { Description = "CSV: 0-based index of the integer label column.", DefaultValueFactory = _ => 0 };
        var header = new Option<bool>("--csv-header") { Description = "CSV: the first line is a header." };
        var classes = new Option<string?>("--classes") { Description = "Keep only these labels, e.g. 0,1 (two classes: ±1 targets)." };
        var kernel = new Option<string>("--kernel", "-k") { Description = "Activation of every hidden layer: relu | arccos0 | arccos1 | arccos2 | erf | rbf (default relu).", DefaultValueFactory = _ => "relu" };
        var kernelKind = new Option<string>("--kernel-kind") { Description = "nngp | ntk: the NNGP kernel or the neural tangent kernel of the same network (default nngp).", DefaultValueFactory = _ => "nngp" };
        var targetsOption = new Option<string>("--targets") { Description = "auto | pm1 | onehot | one-vs-rest:k. auto: ±1 for two classes, one-hot for more; pm1: ±1 (two classes); onehot: one output per class; one-vs-rest:k: +1 for class k, −1 for the rest (default auto).", DefaultValueFactory = _ => "auto" };
        var sample = new Option<string>("--sample") { Description = "random | first: a random subset of N rows (seeded by --seed) or the first N (default random).", DefaultValueFactory = _ => "random" };
        var testData = new Option<string?>("--test-data") { Description = "A separate test file (same --format, e.g. MNIST t10k images); its rows are centered with the training mean. Default: test points are held out of the N." };
        var testLabels = new Option<string?>("--test-labels") { Description = "Labels of --test-data (IDX labels or a 1-D .npy); required for idx." };
        var figureModes = new Option<string?>("--modes") { Description = "2 to 6 modes for the pair-scatter figure, e.g. 3,10,50 (default ⌈κ*/2⌉, κ*, 2κ* for the middle η, constant modes skipped)." };
        var inputRidge = new Option<string>("--input-ridge") { Description = "on | off: run the input-dependent ridge flow σ²(x) from sample cumulants (default on).", DefaultValueFactory = _ => "on" };
        var edgeworthModes = new Option<int>("--edgeworth-modes") { Description = "Kept modes entering the sample-cumulant Edgeworth m₂ of σ²(x), ≥ 1; halved while σ²(x) ≤ 0 somewhere, each failure reported (default 10).", DefaultValueFactory = _ => 10 };
        var depth = new Option<int>("--depth", "-L") { Description = "Hidden layers, 1 … 64.", DefaultValueFactory = _ => 1 };
        var n = new Option<int>("--n", "-n") { Description = "N ≥ 20: the (selected) rows diagonalized and used as the training pool (and the test pool without --test-data) (default 1000).", DefaultValueFactory = _ => 1000 };
        var etaGrid = new Option<string>("--eta-grid") { Description = "Training-set sizes η, strictly increasing, each ≥ 1; max η + test points ≤ N (max η ≤ N with --test-data) (default 100,200,400).", DefaultValueFactory = _ => "100,200,400" };
        var sigma2 = new Option<double>("--sigma2", "-s") { Description = "Ridge σ² > 0 of the regression and the theory (default 0.01).", DefaultValueFactory = _ => 0.01 };
        var threshold = new Option<double>("--threshold", "-T") { Description = "Learnability threshold T ∈ (0, 1) of the flow's stopping rule (default 0.5).", DefaultValueFactory = _ => 0.5 };
        var draws = new Option<int>("--draws", "-r") { Description = "Random training sets per η, R ≥ 2 (default 5).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random subsample, the test subset and the splits (default 1).", DefaultValueFactory = _ => 1 };
        var test = new Option<int?>("--test", "-m") { Description = "Test points m ≥ 1 (default min(N − max η, 1000), or min(test rows, 1000) with --test-data)." };
        var fitRange = new Option<string?>("--fit-range") { Description = "Primary mode range of the power-law fits of λ̂_k and of the label power, e.g. 10,100 (default 10..N/10); the error bars add the spread over the ranges with each end scaled by ½, 1, 2." };
        var sigmaW2 = new Option<double>("--sigma-w2") { Description = "Weight variance σ_w² ≥ 0 (default 1).", DefaultValueFactory = _ => 1.0 };
        var sigmaB2 = new Option<double>("--sigma-b2") { Description = "Bias variance σ_b² ≥ 0 (default 0).", DefaultValueFactory = _ => 0.0 };
        var topK = new Option<int?>("--top-k") { Description = "Compute only the leading K eigenpairs (randomized subspace iteration, residuals reported): O(N²K) per iteration and one N × N buffer instead of two; fit range and tested modes must lie within K; no input-dependent ridge (default: all N)." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for report.md, spectrum.csv, learning_curve.csv, kurtosis.csv, input_ridge.csv and the figures (PNG and SVG: spectrum, learning_curve, modes, kurtosis), written whole through a temporary folder beside it and a rename; a new folder, or an earlier run's (replaced whole); must not contain the input files." };
        var outputFormat = new Option<string>("--output-format") { Description = "Summary on stdout: table | json (default table).", DefaultValueFactory = _ => "table" };
        var cmd = new Command("experiment",
            "The NNGP spectrum experiment on real data: center and project inputs to the sphere, diagonalize the NNGP kernel matrix, " +
            "fit λ_k ≈ A k^-(1+α) and the label power's β, test mode Gaussianity, predict the ridge flow's κ*(η) and MSE on the fitted law " +
            "and on the empirical spectrum, the exponents α/(1+α) and source/capacity with their premises, the input-dependent ridge σ²(x), " +
            "and compare with kernel ridge regression learning curves measured on held-out points.")
        {
            data, format, labels, labelColumn, header, classes, kernel, kernelKind, depth, n, etaGrid, sigma2, threshold, draws, seed, test, fitRange,
            sigmaW2, sigmaB2, targetsOption, sample, testData, testLabels, figureModes, inputRidge, edgeworthModes, topK, outDir, outputFormat,
        };
        cmd.SetAction(parse =>
        {
            var summaryFormat = parse.GetValue(outputFormat)!.Trim().ToLowerInvariant();
            if (summaryFormat is not ("table" or "json")) throw new UserError($"--output-format: unknown format '{summaryFormat}'; use table or json.");
            var dataPaths = parse.GetValue(data)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var labelPath = parse.GetValue(labels);
            var testPaths = parse.GetValue(testData)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var testLabelPath = parse.GetValue(testLabels);
            if (testPaths is null && testLabelPath is not null) throw new UserError("--test-labels needs --test-data.");
            var inputs = new[] { dataPaths, labelPath is null ? [] : [labelPath], testPaths ?? [], testLabelPath is null ? [] : [testLabelPath] }.SelectMany(p => p).ToArray();
            var outPath = parse.GetValue(outDir);
            foreach (var (option, files) in new[] { ("--data", dataPaths), ("--labels", labelPath is null ? [] : new[] { labelPath }), ("--test-data", testPaths ?? []), ("--test-labels", testLabelPath is null ? [] : new[] { testLabelPath }) })
                foreach (var file in files) FilePaths.Input(file, option);
            if (outPath is not null)
            {
                RefuseInputsInside(outPath, inputs);
                OutputFolder.Check(outPath, "--out", OwnFiles);
            }
            var (first, last) = ParseRange(parse.GetValue(fitRange));
            var options = new ExperimentOptions(
                VerifyCommand.ParseActivation(parse.GetValue(kernel)!), parse.GetValue(depth), parse.GetValue(n), ParseInts("--eta-grid", parse.GetValue(etaGrid)!),
                parse.GetValue(sigma2), parse.GetValue(threshold), parse.GetValue(draws), parse.GetValue(seed), parse.GetValue(sigmaW2), parse.GetValue(sigmaB2),
                first, last, TestCount: parse.GetValue(test))
            {
                Kernel = ParseKernelKind(parse.GetValue(kernelKind)!),
                Targets = ParseTargets(parse.GetValue(targetsOption)!),
                Sampling = ParseSample(parse.GetValue(sample)!),
                FigureModes = parse.GetValue(figureModes) is { } fm ? ParseInts("--modes", fm) : null,
                InputDependentRidge = ParseOnOff("--input-ridge", parse.GetValue(inputRidge)!),
                EdgeworthModes = parse.GetValue(edgeworthModes),
                TopK = parse.GetValue(topK),
            };
            if (parse.GetValue(test) is < 1) throw new UserError($"--test must be ≥ 1 test point, got {parse.GetValue(test)}.");
            if (testPaths is null && parse.GetValue(test) is { } m && m > options.SampleCount)
                throw new UserError($"--test {m} exceeds --n {options.SampleCount}: the test points are held out of the N rows.");
            if (options.Draws > MaxDraws) throw new UserError($"--draws must be at most {MaxDraws}, got {options.Draws}.");
            double work = LearningCurveWork(options);
            if (work > VerifyCommand.MaxWork)
                throw new UserError($"--draws {options.Draws} over --eta-grid {parse.GetValue(etaGrid)} need about {work:G3} multiply-adds (R Σ_η η³/3 for the ridge fits), more than the limit of {VerifyCommand.MaxWork:G3} (about ten minutes on two cores); lower --draws or the largest η.");
            if (options.SigmaW2 == 0)
                throw new UserError("--sigma-w2 must be > 0: with σ_w² = 0 the input layer σ_w² x·y + σ_b² ignores the inputs and the kernel matrix is constant (rank one, no spectrum to fit).");
            try { SpectrumExperiment.Validate(options, testPaths is null ? null : int.MaxValue); }
            catch (ArgumentException e) { throw new UserError(ErrorText.Clean(e.Message)); }
            var selection = parse.GetValue(classes) is { } c ? ParseInts("--classes", c) : (ImmutableArray<int>?)null;

            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var dataset = Read(parse.GetValue(format)!, dataPaths, labelPath, parse.GetValue(labelColumn), parse.GetValue(header), selection, "--data");
            error.WriteLine($"experiment: {dataset.Source}: {dataset.Count} rows × {dataset.FeatureCount} features");
            Dataset? testSet = null;
            if (testPaths is not null)
            {
                testSet = Read(parse.GetValue(format)!, testPaths, testLabelPath, parse.GetValue(labelColumn), parse.GetValue(header), selection, "--test-data");
                error.WriteLine($"experiment: test set {testSet.Source}: {testSet.Count} rows × {testSet.FeatureCount} features");
            }
            ExperimentReport report;
            try { report = RunWithProgress(dataset, testSet, options, error, clock); }
            catch (ArgumentException e) when (e.Message.StartsWith("experiment:", StringComparison.Ordinal)) { throw new UserError(ErrorText.Clean(e.Message)); }
            catch (InvalidOperationException e) { throw new UserError(e.Message); }
            catch (KernelRidgeNotPositiveDefiniteException e) { throw new UserError($"{e.Message} Increase --sigma2."); }
            error.WriteLine($"experiment: done in {clock.Elapsed.TotalSeconds:F1} s");
            ResultGuard.RequireFinite(ToJson(report), parse);

            var output = parse.InvocationConfiguration.Output;
            if (summaryFormat == "json") output.WriteLine(JsonOut.Write(ToJson(report)));
            else output.Write(Summary(report));
            if (outPath is not null)
            {
                var files = OutputFiles(report);
                OutputFolder.Write(outPath, "--out", files, OwnFiles);
                error.WriteLine($"experiment: wrote {string.Join(", ", files.Select(f => f.Name))} to {outPath}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The most draws per η.</summary>
    internal const int MaxDraws = 10_000;

    /// <summary>Multiply-adds of the measured learning curves: a Cholesky factor of η² per draw and η.</summary>
    internal static double LearningCurveWork(ExperimentOptions o) => o.Draws * o.EtaGrid.Sum(e => Math.Pow(e, 3) / 3);

    /// <summary>Every name a file of --out may have: an existing folder holding only these is an earlier run's, and is replaced whole.</summary>
    internal static readonly IReadOnlySet<string> OwnFiles = new HashSet<string>(
        new[] { "report.md", "spectrum.csv", "learning_curve.csv", "kurtosis.csv", "input_ridge.csv" }
            .Concat(new[] { "spectrum", "label_power", "learning_curve", "modes", "kurtosis" }.SelectMany(f => new[] { f + ".png", f + ".svg" })),
        StringComparer.Ordinal);

    /// <summary>Refuses an output folder that holds one of the input files, through links too (the report must never replace data).</summary>
    internal static void RefuseInputsInside(string outDir, IEnumerable<string> inputs)
    {
        var root = Path.TrimEndingDirectorySeparator(FilePaths.RealPath(outDir)) + Path.DirectorySeparatorChar;
        foreach (var input in inputs)
            if ((FilePaths.RealPath(input) + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
                throw new UserError($"--out '{outDir}' contains the input file '{input}'; choose a folder without input data so no data file can be overwritten.");
    }

    private static Dataset Read(string format, string[] paths, string? labels, int labelColumn, bool header, ImmutableArray<int>? classes, string option)
    {
        var options = new DatasetOptions(Classes: classes);
        var name = format.Trim().ToLowerInvariant();
        if (paths.Length == 0) throw new UserError($"{option}: no file given.");
        if (name != "cifar" && paths.Length > 1) throw new UserError($"{option}: {paths.Length} files given; only --format cifar reads several (batches).");
        try
        {
            return name switch
            {
                "idx" => labels is null
                    ? throw new UserError($"--format idx needs {(option == "--data" ? "--labels" : "--test-labels")} (the IDX labels file): the learning curves regress the labels.")
                    : MnistIdx.Read(paths[0], labels, options),
                "cifar" => labels is null ? Cifar10.Read(paths, options) : throw new UserError("--labels is not used with --format cifar (labels are in the batch files)."),
                "csv" => labels is null
                    ? Csv.Read(paths[0], new CsvOptions(HasHeader: header, LabelColumnIndex: labelColumn), options)
                    : throw new UserError("--labels is not used with --format csv; name the label column with --label-column."),
                "npy" => Npy.ReadDataset(paths[0], labels, options),
                _ => throw new UserError($"--format: unknown data format '{format}'; use idx, cifar, csv or npy."),
            };
        }
        catch (IOException e) { throw new UserError($"cannot read input: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw new UserError($"cannot read input: {e.Message}"); }
        catch (InvalidOperationException e) { throw new UserError(e.Message); }
    }

    /// <summary>
    /// Runs the pipeline with progress on stderr: Spectre.Console bars when stderr is the process's own terminal, otherwise
    /// about ten plain lines per stage (so logs and tests stay readable). Stdout never carries progress.
    /// </summary>
    private static ExperimentReport RunWithProgress(Dataset dataset, Dataset? testSet, ExperimentOptions options, TextWriter error, Stopwatch clock)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
            return SpectrumExperiment.Run(dataset, options, Progress(error, clock), testData: testSet);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().Start(context =>
        {
            var bars = new Dictionary<ExperimentStage, ProgressTask>();
            return SpectrumExperiment.Run(dataset, options, (stage, done, total) =>
            {
                if (!bars.TryGetValue(stage, out var bar)) bars[stage] = bar = context.AddTask(StageName(stage), maxValue: total);
                bar.MaxValue = total;
                bar.Value = done;
            }, testData: testSet);
        });
    }

    private static string StageName(ExperimentStage stage) => stage switch
    {
        ExperimentStage.KernelMatrix => "kernel matrix",
        ExperimentStage.Diagonalization => "diagonalization",
        ExperimentStage.LearningCurve => "learning curves",
        ExperimentStage.InputDependentRidge => "input-dependent ridge",
        _ => stage.ToString(),
    };

    internal static Action<ExperimentStage, int, int> Progress(TextWriter error, Stopwatch clock)
    {
        var last = new Dictionary<ExperimentStage, double>();
        return (stage, done, total) =>
        {
            // The start, every tenth of the work, the end, and at least a line every 10 s of a long step.
            double now = clock.Elapsed.TotalSeconds;
            bool mark = done == 0 || done == total || done % Math.Max(1, total / 10) == 0;
            bool first = !last.TryGetValue(stage, out double previous);
            if (!mark && !first && now - previous < 10) return;
            last[stage] = now;
            error.WriteLine($"experiment: {StageName(stage)} {done}/{total} ({now:F1} s)");
        };
    }

    /// <summary>Comma-separated integers; a precise message names the option and the bad field.</summary>
    internal static ImmutableArray<int> ParseInts(string option, string text)
    {
        var fields = text.Split(',', StringSplitOptions.TrimEntries);
        var values = ImmutableArray.CreateBuilder<int>(fields.Length);
        for (int i = 0; i < fields.Length; i++)
        {
            if (!int.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
                throw new UserError($"{option}: field {i + 1} '{fields[i]}' of '{text}' is not an integer.");
            values.Add(v);
        }
        return values.MoveToImmutable();
    }

    private static (int? First, int? Last) ParseRange(string? text)
    {
        if (text is null) return (null, null);
        var v = ParseInts("--fit-range", text);
        if (v.Length != 2) throw new UserError($"--fit-range: expected two mode indices 'first,last', got '{text}'.");
        return (v[0], v[1]);
    }

    private static ExperimentKernel ParseKernelKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "nngp" => ExperimentKernel.Nngp,
        "ntk" => ExperimentKernel.Ntk,
        _ => throw new UserError($"--kernel-kind: unknown kernel kind '{text}'; use nngp or ntk."),
    };

    /// <summary>auto | pm1 | onehot | one-vs-rest:k.</summary>
    internal static TargetChoice ParseTargets(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "auto") return new TargetChoice.Auto();
        if (t == "pm1") return new TargetChoice.PlusMinusOne();
        if (t == "onehot") return new TargetChoice.OneHot();
        if (t.StartsWith("one-vs-rest:", StringComparison.Ordinal))
        {
            var k = t["one-vs-rest:".Length..];
            if (int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out int c)) return new TargetChoice.OneVsRest(c);
            throw new UserError($"--targets: '{text}' needs a class label k ≥ 0 after 'one-vs-rest:', e.g. one-vs-rest:3.");
        }
        throw new UserError($"--targets: unknown target encoding '{text}'; use auto, pm1, onehot or one-vs-rest:k.");
    }

    private static SampleSelection ParseSample(string text) => text.Trim().ToLowerInvariant() switch
    {
        "random" => SampleSelection.Random,
        "first" => SampleSelection.First,
        _ => throw new UserError($"--sample: unknown selection '{text}'; use random or first."),
    };

    private static bool ParseOnOff(string option, string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => throw new UserError($"{option}: expected on or off, got '{text}'."),
    };

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private static string Pm(double value, double se) => $"{G(value)} ± {G(se)}";
    private static string Pm(SampleMoment m) => Pm(m.Value, m.StandardError);
    private static string Ranges(ExponentEstimate e) => string.Join(", ", e.Ranges.Select(r => $"{r.FirstMode}..{r.LastMode}: {G(r.Value)}"));

    /// <summary>"x ± σ (OLS σ_OLS, fit ranges σ_range)".</summary>
    private static string Exponent(ExponentEstimate e) =>
        $"{Pm(e.Value, e.StandardError)} (OLS ± {G(e.OlsStandardError)}, over {e.Ranges.Length} fit ranges ± {G(e.RangeSpread)})";

    private static string Exponent(ScalingFit? f) => f is null ? "n/a (one η)" : $"{G(f.Exponent)} (R² = {f.RSquared.ToString("F3", CultureInfo.InvariantCulture)})";

    /// <summary>(measured − predicted)/√(s.e.² + s.e.²), when both are known.</summary>
    private static string Z(ExperimentReport r, ExponentPrediction p)
    {
        if (r.Measured is not { } m) return "";
        double z = (m.Fit.Exponent - p.Value) / Math.Sqrt(m.StandardError * m.StandardError + p.StandardError * p.StandardError);
        return double.IsFinite(z) ? $"; measured − predicted = {G(m.Fit.Exponent - p.Value)} ({G(z)} s.e.)" : "";
    }

    private static string RegimeName(ScalingRegime regime) => regime switch
    {
        ScalingRegime.RidgeDominated => "ridge-dominated (c(κ*)/σ² < 1/3 at every η)",
        ScalingRegime.TailDominated => "tail-dominated, effectively ridgeless (c(κ*)/σ² > 3 at every η)",
        _ => "crossover (c(κ*)/σ² between 1/3 and 3 somewhere on the grid: neither limit applies)",
    };

    private static string Pairs(IEnumerable<PairGaussianity> pairs) =>
        string.Join("; ", pairs.Select(p => $"U({p.First},{p.Second}) = {Pm(p.Cumulant)}{(p.ConsistentWithIndependentGaussians ? "" : " ≠ 0")}"));

    /// <summary>The premise of the σ²(x) estimate.</summary>
    internal static string InputRidgePremise(ExperimentReport r, InputRidgeSummary s) =>
        $"first-order Edgeworth m₂ (docs/theory.md §4) with the cumulants κ_qqk, U_qqkk' estimated on the N = {r.SampleCount} sample points " +
        $"(each with a standard error of order 1/√N = {G(1 / Math.Sqrt(r.SampleCount))}), over the {s.EdgeworthModes} leading kept modes; " +
        $"constant mode(s) {(s.ConstantModes.IsEmpty ? "none" : string.Join(",", s.ConstantModes))} left out; removed modes are those past κ = {s.Cutoff}" +
        (s.Failures.IsEmpty ? "" : $"; σ²(x) ≤ 0 somewhere (first-order Edgeworth m₂ < 0) with {string.Join(" and ", s.Failures.Select(f => f[..f.IndexOf(':')]))}");

    /// <summary>Whether the empirical-spectrum flow stops past N/4, where the missing modes beyond N matter.</summary>
    private static bool FiniteN(ExperimentReport r, ExperimentPoint p) => p.Empirical is { } e && e.KappaStar > r.Eigenvalues.Length / 4.0;

    private static string ModesName(ExperimentReport r) => r.Eigenvalues.Length == r.SampleCount ? "N" : "K";

    /// <summary>The eigensolver with its residuals, the memory estimate and account, the step timings.</summary>
    internal static IEnumerable<string> ScaleLines(ExperimentReport r)
    {
        if (r.Eigensolver is { } e)
            yield return e.Method == "full"
                ? $"eigensolver: all {e.ModeCount} modes (LAPACK MRRR: dsytrd, dstemr, dormtr), max ‖(K/N)v − λ̂v‖ = {G(e.MaxResidual)} over the leading {e.Residuals.Length} (λ̂_1 = {G(r.Eigenvalues[0])})"
                : $"eigensolver: leading K = {e.ModeCount} modes by subspace iteration (block {e.BlockSize}, {e.Iterations} iterations, {(e.Converged ? "converged" : "NOT converged")}: " +
                  $"max ‖(K/N)v − λ̂v‖ = {G(e.MaxResidual)} vs tolerance {G(e.Tolerance)}·λ̂_1 = {G(e.Tolerance * r.Eigenvalues[0])}); eigenvalue mass beyond K: {G(r.MissingTrace)}";
        if (r.Memory is { } m)
            yield return $"memory: estimated peak {ExperimentMemory.Format(m.EstimatedPeakBytes)} of {ExperimentMemory.Format(m.AvailableBytes)} available; " +
                         $"large buffers at peak {ExperimentMemory.Format(m.TrackedPeakBytes)} = {m.TrackedPeakInMatrices.ToString("F2", CultureInfo.InvariantCulture)} × 8N² " +
                         $"({string.Join(", ", m.TrackedAtPeak.Select(b => b.Name))}){(m.PeakResidentBytes is long rss ? $"; peak resident set {ExperimentMemory.Format(rss)}" : "")}";
        if (r.Timings is { } t)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"time: kernel matrix {t.KernelMatrix:F2} s, diagonalization {t.Diagonalization:F2} s, analysis {t.Analysis:F2} s, learning curves {t.LearningCurves:F2} s");
    }

    /// <summary>The stdout summary.</summary>
    internal static string Summary(ExperimentReport r)
    {
        var sb = new StringBuilder();
        var fit = r.Fit;
        sb.AppendLine($"# {r.Source}");
        sb.AppendLine($"# {r.Kernel}; N = {r.SampleCount}, d = {r.FeatureCount}, classes {string.Join(",", r.Classes)}, targets {r.TargetEncoding}");
        sb.AppendLine($"# test: {r.TestCount} points, {r.TestSource}");
        foreach (var line in ScaleLines(r)) sb.AppendLine($"# {line}");
        sb.AppendLine($"power law λ_k ≈ A k^-(1+α) over modes {fit.FirstMode}..{fit.LastMode}: A = {Pm(fit.Law.Amplitude, fit.AmplitudeStandardError)}, R² = {fit.RSquared.ToString("F4", CultureInfo.InvariantCulture)}");
        if (r.Alpha is { } alpha) sb.AppendLine($"  α = {Exponent(alpha)}; ranges {Ranges(alpha)}");
        if (r.Beta is { } beta) sb.AppendLine($"label power Σ_(k>κ) y_k² ≈ B κ^-(β−1): β = {Exponent(beta)}; ranges {Ranges(beta)}");
        else if (r.PredictionsNote is { } note) sb.AppendLine($"label power: β not fitted: {note}");
        var constant = r.Profile.Where(m => m.IsConstant).ToList();
        sb.AppendLine(constant.Count == 0 ? "constant mode: none (no mode with variance < 0.1)"
            : $"constant mode: {string.Join("; ", constant.Select(m => $"k = {m.Mode} (mean φ̂ = {G(m.Mean.Value)}, variance {G(m.Variance)})"))}");
        sb.AppendLine($"{"mode",6} {"λ̂_k",11} {"mean φ̂",19} {"E φ̂³",19} {"E φ̂⁴ − 3",19}  verdict");
        foreach (var m in r.Modes)
            sb.AppendLine($"{m.Mode,6} {G(m.Eigenvalue),11} {Pm(m.Mean),19} {Pm(m.Skewness),19} {Pm(m.ExcessKurtosis),19}  {m.Verdict}");
        sb.AppendLine($"{"pair",8} {"E φ̂_k²φ̂_q² − 1",22} {"U_qqkk",22}");
        foreach (var p in r.Pairs)
            sb.AppendLine($"{$"{p.First},{p.Second}",8} {Pm(p.SquareCorrelation),22} {Pm(p.Cumulant),22}");
        sb.AppendLine("theory on the fitted law | on the empirical spectrum λ̂_k | measured");
        sb.AppendLine($"{"η",6} {"κ*",8} {"σ_c²",10} {"MSE (RG)",10} {"MSE (SC)",10} | {"κ*",6} {"σ_c²",10} {"MSE (RG)",10} {"MSE (SC)",10} | {"MSE measured",21}");
        foreach (var p in r.Points)
        {
            var e = p.Empirical;
            string emp = e is { } x ? $"{G(x.KappaStar),6} {G(x.RunningRidge),10} {G(x.RgMse),10} {G(x.SelfConsistentMse),10}" : $"{"",6} {"",10} {"",10} {"",10}";
            sb.AppendLine($"{p.Eta,6} {G(p.KappaStar),8} {G(p.RunningRidge),10} {G(p.PredictedMse),10} {G(p.SelfConsistentMse),10} | {emp} | {Pm(p.MeasuredMse.Mean, p.MeasuredMse.StandardError),21}{(FiniteN(r, p) ? " *" : "")}");
        }
        if (r.Points.Any(p => FiniteN(r, p)))
            sb.AppendLine($"  * κ* on λ̂_k exceeds {ModesName(r)}/4 = {r.Eigenvalues.Length / 4}: the empirical spectrum has no modes beyond {ModesName(r)}, its theory is unreliable there");
        sb.AppendLine("exponents of MSE ∝ η^-e:");
        sb.AppendLine($"  measured: {(r.Measured is { } me ? $"{Pm(me.Fit.Exponent, me.StandardError)} (s.e. over the {r.Options.Draws} draws; R² = {me.Fit.RSquared.ToString("F3", CultureInfo.InvariantCulture)})" : Exponent(r.MeasuredCurveFit))}");
        sb.AppendLine($"  RG theory curve over the grid: fitted law {Exponent(r.PredictedCurveFit)}; empirical spectrum {Exponent(r.EmpiricalCurveFit)}");
        if (r.Predictions is { } pr)
        {
            sb.AppendLine($"  regime: {RegimeName(pr.Regime)}; c(κ*)/σ² = {G(pr.MinTailToRidge)} … {G(pr.MaxTailToRidge)}");
            foreach (var p in pr.Predictions)
                sb.AppendLine($"  {p.Name}: {p.Formula} = {Pm(p.Value, p.StandardError)} [premise {(p.PremiseMet ? "met" : "NOT met")}]{Z(r, p)}\n      {p.Premise}");
            sb.AppendLine("  all predictions assume noiseless labels (y a function of x) and the flow's Gaussian-feature ridge (docs/theory.md §3, §7)");
        }
        else sb.AppendLine($"  exponent predictions: α/(1+α) = {G(r.PredictedExponent)} (needs y_k² ∝ λ_k; source/capacity not available: {r.PredictionsNote})");
        if (r.Scatter is { } sc)
        {
            sb.AppendLine($"figure modes {string.Join(",", sc.Modes)} ({sc.Choice}):");
            foreach (var m in sc.Marginals)
                sb.AppendLine($"  mode {m.Mode}: skewness {Pm(m.Skewness)}, E φ̂⁴ − 3 = {Pm(m.ExcessKurtosis)}: {m.Verdict}");
            sb.AppendLine($"  {Pairs(sc.Pairs)}");
        }
        if (r.Profile.Length > 0)
        {
            int gaussian = r.Profile.Count(m => m.ConsistentWithGaussian), fluctuating = r.Profile.Count(m => !m.IsConstant);
            sb.AppendLine($"kurtosis against k: {gaussian} of {fluctuating} non-constant modes consistent with Gaussian at 3 Gaussian standard errors (kurtosis.csv)");
        }
        if (r.InputRidge is { } s)
        {
            sb.AppendLine($"input-dependent ridge σ²(x) at κ = {s.Cutoff}: mean {Pm(s.Mean)} vs σ² + c = {G(s.BareRidge + s.RidgeShift)} ({G(s.MeanRuleZ)} s.e.); " +
                          $"sd {G(s.StandardDeviation)}, min {G(s.Minimum)}, max {G(s.Maximum)}");
            sb.AppendLine($"  quantiles {string.Join(", ", s.Quantiles.Select(q => $"{(q.P * 100).ToString("F0", CultureInfo.InvariantCulture)}%: {G(q.Value)}"))}");
            sb.AppendLine($"  correlation with the targets {string.Join(", ", s.LabelCorrelations.Select(c => Pm(c.Value, c.StandardError)))}; with |x − x̄| {Pm(s.NormCorrelation.Value, s.NormCorrelation.StandardError)}");
            sb.AppendLine($"  premise: {InputRidgePremise(r, s)}");
        }
        else if (r.InputRidgeNote is { } why) sb.AppendLine($"input-dependent ridge σ²(x): {why}");
        return sb.ToString();
    }

    private static JsonObject Moment(SampleMoment m) => new() { ["value"] = JsonOut.Number(m.Value), ["standardError"] = JsonOut.Number(m.StandardError) };

    private static JsonObject ModeJson(ModeGaussianity m) => new()
    {
        ["mode"] = m.Mode, ["eigenvalue"] = JsonOut.Number(m.Eigenvalue),
        ["mean"] = JsonOut.Number(m.Mean.Value), ["meanStandardError"] = JsonOut.Number(m.Mean.StandardError),
        ["skewness"] = JsonOut.Number(m.Skewness.Value), ["skewnessStandardError"] = JsonOut.Number(m.Skewness.StandardError),
        ["excessKurtosis"] = JsonOut.Number(m.ExcessKurtosis.Value), ["excessKurtosisStandardError"] = JsonOut.Number(m.ExcessKurtosis.StandardError),
        ["variance"] = JsonOut.Number(m.Variance), ["constant"] = m.IsConstant, ["consistentWithGaussian"] = m.ConsistentWithGaussian, ["verdict"] = m.Verdict,
    };

    private static JsonObject PairJson(PairGaussianity p) => new()
    {
        ["k"] = p.First, ["q"] = p.Second,
        ["squareCorrelation"] = JsonOut.Number(p.SquareCorrelation.Value), ["squareCorrelationStandardError"] = JsonOut.Number(p.SquareCorrelation.StandardError),
        ["uqqkk"] = JsonOut.Number(p.Cumulant.Value), ["uqqkkStandardError"] = JsonOut.Number(p.Cumulant.StandardError),
        ["consistentWithZero"] = p.ConsistentWithIndependentGaussians,
    };

    private static JsonObject? EstimateJson(ExponentEstimate? e) => e is null ? null : new JsonObject
    {
        ["value"] = JsonOut.Number(e.Value), ["standardError"] = JsonOut.Number(e.StandardError),
        ["olsStandardError"] = JsonOut.Number(e.OlsStandardError), ["rangeSpread"] = JsonOut.Number(e.RangeSpread),
        ["ranges"] = new JsonArray([.. e.Ranges.Select(x => (JsonNode)new JsonObject
        {
            ["first"] = x.FirstMode, ["last"] = x.LastMode, ["value"] = JsonOut.Number(x.Value), ["standardError"] = JsonOut.Number(x.StandardError),
        })]),
    };

    /// <summary>The report as JSON.</summary>
    internal static JsonObject ToJson(ExperimentReport r)
    {
        var points = new JsonArray();
        foreach (var p in r.Points)
            points.Add(new JsonObject
            {
                ["eta"] = p.Eta, ["kappaStar"] = JsonOut.Number(p.KappaStar), ["runningRidge"] = JsonOut.Number(p.RunningRidge),
                ["predictedMse"] = JsonOut.Number(p.PredictedMse), ["selfConsistentMse"] = JsonOut.Number(p.SelfConsistentMse),
                ["measuredMse"] = JsonOut.Number(p.MeasuredMse.Mean), ["measuredMseStandardError"] = JsonOut.Number(p.MeasuredMse.StandardError),
                ["empirical"] = p.Empirical is { } e ? new JsonObject
                {
                    ["kappaStar"] = JsonOut.Number(e.KappaStar), ["runningRidge"] = JsonOut.Number(e.RunningRidge),
                    ["predictedMse"] = JsonOut.Number(e.RgMse), ["selfConsistentMse"] = JsonOut.Number(e.SelfConsistentMse),
                } : null,
            });
        JsonObject? predictions = r.Predictions is { } pr ? new JsonObject
        {
            ["regime"] = pr.Regime.ToString(), ["minTailToRidge"] = JsonOut.Number(pr.MinTailToRidge), ["maxTailToRidge"] = JsonOut.Number(pr.MaxTailToRidge),
            ["ridgeSlope"] = JsonOut.Number(pr.RidgeSlope), ["kappaStarMin"] = JsonOut.Number(pr.KappaStarMin), ["kappaStarMax"] = JsonOut.Number(pr.KappaStarMax),
            ["fitModesMin"] = pr.FitModesMin, ["fitModesMax"] = pr.FitModesMax,
            ["exponents"] = new JsonArray([.. pr.Predictions.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["formula"] = p.Formula, ["value"] = JsonOut.Number(p.Value), ["standardError"] = JsonOut.Number(p.StandardError),
                ["premise"] = p.Premise, ["premiseMet"] = p.PremiseMet,
            })]),
        } : null;
        JsonObject? inputRidge = r.InputRidge is { } s ? new JsonObject
        {
            ["cutoff"] = s.Cutoff, ["constantModes"] = new JsonArray([.. s.ConstantModes.Select(c => (JsonNode)c)]), ["edgeworthModes"] = s.EdgeworthModes,
            ["sigma2"] = JsonOut.Number(s.BareRidge), ["ridgeShift"] = JsonOut.Number(s.RidgeShift),
            ["mean"] = JsonOut.Number(s.Mean.Value), ["meanStandardError"] = JsonOut.Number(s.Mean.StandardError), ["meanRuleZ"] = JsonOut.Number(s.MeanRuleZ),
            ["standardDeviation"] = JsonOut.Number(s.StandardDeviation), ["min"] = JsonOut.Number(s.Minimum), ["max"] = JsonOut.Number(s.Maximum),
            ["quantiles"] = new JsonArray([.. s.Quantiles.Select(q => (JsonNode)new JsonObject { ["p"] = JsonOut.Number(q.P), ["value"] = JsonOut.Number(q.Value) })]),
            ["labelCorrelations"] = new JsonArray([.. s.LabelCorrelations.Select(c => (JsonNode)new JsonObject { ["value"] = JsonOut.Number(c.Value), ["standardError"] = JsonOut.Number(c.StandardError) })]),
            ["normCorrelation"] = new JsonObject { ["value"] = JsonOut.Number(s.NormCorrelation.Value), ["standardError"] = JsonOut.Number(s.NormCorrelation.StandardError) },
            ["premise"] = InputRidgePremise(r, s),
            ["failedTruncations"] = new JsonArray([.. s.Failures.Select(f => (JsonNode)f)]),
        } : null;
        return new JsonObject
        {
            ["source"] = r.Source,
            ["kernel"] = r.Kernel,
            ["n"] = r.SampleCount,
            ["dim"] = r.FeatureCount,
            ["classes"] = new JsonArray([.. r.Classes.Select(c => (JsonNode)c)]),
            ["targets"] = r.TargetEncoding,
            ["test"] = r.TestCount,
            ["testSource"] = r.TestSource,
            ["sigma2"] = JsonOut.Number(r.Options.Sigma2),
            ["threshold"] = JsonOut.Number(r.Options.Threshold),
            ["draws"] = r.Options.Draws,
            ["seed"] = r.Options.Seed,
            ["fit"] = new JsonObject
            {
                ["amplitude"] = JsonOut.Number(r.Fit.Law.Amplitude), ["amplitudeStandardError"] = JsonOut.Number(r.Fit.AmplitudeStandardError),
                ["alpha"] = JsonOut.Number(r.Fit.Law.Alpha), ["alphaStandardError"] = JsonOut.Number(r.Alpha?.StandardError ?? r.Fit.AlphaStandardError),
                ["alphaOlsStandardError"] = JsonOut.Number(r.Fit.AlphaStandardError),
                ["rSquared"] = JsonOut.Number(r.Fit.RSquared), ["firstMode"] = r.Fit.FirstMode, ["lastMode"] = r.Fit.LastMode,
            },
            ["alpha"] = EstimateJson(r.Alpha),
            ["beta"] = EstimateJson(r.Beta),
            ["constantModes"] = new JsonArray([.. r.Profile.Where(m => m.IsConstant).Select(m => (JsonNode)m.Mode)]),
            ["modes"] = new JsonArray([.. r.Modes.Select(m => (JsonNode)ModeJson(m))]),
            ["pairs"] = new JsonArray([.. r.Pairs.Select(p => (JsonNode)PairJson(p))]),
            ["points"] = points,
            ["exponents"] = new JsonObject
            {
                ["predicted"] = JsonOut.Number(r.PredictedExponent),
                ["predictedCurve"] = r.PredictedCurveFit is { } pf ? JsonOut.Number(pf.Exponent) : null,
                ["empiricalCurve"] = r.EmpiricalCurveFit is { } ef ? JsonOut.Number(ef.Exponent) : null,
                ["measured"] = r.MeasuredCurveFit is { } mf ? JsonOut.Number(mf.Exponent) : null,
                ["measuredStandardError"] = r.Measured is { } me ? JsonOut.Number(me.StandardError) : null,
            },
            ["predictions"] = predictions,
            ["predictionsNote"] = r.PredictionsNote,
            ["figureModes"] = r.Scatter is { } sc ? new JsonObject
            {
                ["modes"] = new JsonArray([.. sc.Modes.Select(m => (JsonNode)m)]), ["choice"] = sc.Choice,
                ["marginals"] = new JsonArray([.. sc.Marginals.Select(m => (JsonNode)ModeJson(m))]),
                ["pairs"] = new JsonArray([.. sc.Pairs.Select(p => (JsonNode)PairJson(p))]),
            } : null,
            ["inputRidge"] = inputRidge,
            ["inputRidgeNote"] = r.InputRidgeNote,
            ["eigensolver"] = r.Eigensolver is { } es ? new JsonObject
            {
                ["method"] = es.Method, ["modes"] = es.ModeCount, ["iterations"] = es.Iterations, ["blockSize"] = es.BlockSize,
                ["converged"] = es.Converged, ["tolerance"] = JsonOut.Number(es.Tolerance), ["maxResidual"] = JsonOut.Number(es.MaxResidual),
                ["residuals"] = new JsonArray([.. es.Residuals.Select(x => (JsonNode?)JsonOut.Number(x))]), ["missingTrace"] = JsonOut.Number(r.MissingTrace),
                ["seconds"] = JsonOut.Number(es.Seconds),
            } : null,
            ["memory"] = r.Memory is { } mem ? new JsonObject
            {
                ["estimatedPeakBytes"] = mem.EstimatedPeakBytes, ["availableBytes"] = mem.AvailableBytes,
                ["estimate"] = new JsonArray([.. mem.Estimate.Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["bytes"] = i.Bytes })]),
                ["trackedPeakBytes"] = mem.TrackedPeakBytes, ["trackedPeakInMatrices"] = JsonOut.Number(mem.TrackedPeakInMatrices),
                ["trackedAtPeak"] = new JsonArray([.. mem.TrackedAtPeak.Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["bytes"] = i.Bytes })]),
                ["peakResidentBytes"] = mem.PeakResidentBytes,
            } : null,
            ["timings"] = r.Timings is { } tm ? new JsonObject
            {
                ["kernelMatrix"] = JsonOut.Number(tm.KernelMatrix), ["diagonalization"] = JsonOut.Number(tm.Diagonalization),
                ["analysis"] = JsonOut.Number(tm.Analysis), ["learningCurves"] = JsonOut.Number(tm.LearningCurves),
            } : null,
        };
    }

    /// <summary>spectrum.csv: mode, λ̂_k, the fitted A k^-(1+α), the target power y_k² and its tail Σ_{j&gt;k} y_j².</summary>
    internal static string SpectrumCsv(ExperimentReport r)
    {
        var tail = FitRanges.CumulativeTail(r.TargetPower);
        var sb = new StringBuilder("k,eigenvalue,fitted,target_power,target_tail\n");
        for (int k = 0; k < r.Eigenvalues.Length; k++)
            sb.Append(CultureInfo.InvariantCulture, $"{k + 1},{R(r.Eigenvalues[k])},{R(r.Fit.Law.Eigenvalue(k + 1))},{R(r.TargetPower[k])},{R(tail[k + 1])}\n");
        return sb.ToString();
    }

    /// <summary>learning_curve.csv: per η the flow's κ* and σ_c², predicted MSEs on the fitted law and on λ̂_k, measured MSE.</summary>
    internal static string LearningCurveCsv(ExperimentReport r)
    {
        var sb = new StringBuilder("eta,kappa_star,running_ridge,predicted_mse,self_consistent_mse,empirical_kappa_star,empirical_running_ridge,empirical_predicted_mse,empirical_self_consistent_mse,measured_mse,measured_mse_se\n");
        foreach (var p in r.Points)
        {
            var e = p.Empirical ?? new TheoryPoint(double.NaN, double.NaN, double.NaN, double.NaN);
            sb.Append(CultureInfo.InvariantCulture, $"{p.Eta},{R(p.KappaStar)},{R(p.RunningRidge)},{R(p.PredictedMse)},{R(p.SelfConsistentMse)},");
            sb.Append(CultureInfo.InvariantCulture, $"{R(e.KappaStar)},{R(e.RunningRidge)},{R(e.RgMse)},{R(e.SelfConsistentMse)},{R(p.MeasuredMse.Mean)},{R(p.MeasuredMse.StandardError)}\n");
        }
        return sb.ToString();
    }

    /// <summary>kurtosis.csv: every mode's mean, skewness and excess kurtosis with standard errors, variance and flags.</summary>
    internal static string KurtosisCsv(ExperimentReport r)
    {
        var sb = new StringBuilder("k,eigenvalue,mean,mean_se,skewness,skewness_se,excess_kurtosis,excess_kurtosis_se,variance,constant,consistent_with_gaussian\n");
        foreach (var m in r.Profile)
            sb.Append(CultureInfo.InvariantCulture, $"{m.Mode},{R(m.Eigenvalue)},{R(m.Mean.Value)},{R(m.Mean.StandardError)},{R(m.Skewness.Value)},{R(m.Skewness.StandardError)},{R(m.ExcessKurtosis.Value)},{R(m.ExcessKurtosis.StandardError)},{R(m.Variance)},{(m.IsConstant ? 1 : 0)},{(m.ConsistentWithGaussian ? 1 : 0)}\n");
        return sb.ToString();
    }

    /// <summary>input_ridge.csv: σ²(x_i) per sample point with the point's targets.</summary>
    internal static string InputRidgeCsv(ExperimentReport r, InputRidgeSummary s)
    {
        var sb = new StringBuilder("i,sigma2_x\n");
        for (int i = 0; i < s.RidgeAtPoints.Length; i++) sb.Append(CultureInfo.InvariantCulture, $"{i},{R(s.RidgeAtPoints[i])}\n");
        return sb.ToString();
    }

    /// <summary>Every file of --out: name and content.</summary>
    internal static List<(string Name, byte[] Bytes)> OutputFiles(ExperimentReport r)
    {
        static byte[] Text(string s) => new UTF8Encoding(false).GetBytes(s);
        var files = new List<(string, byte[])>
        {
            ("report.md", Text(Markdown(r))),
            ("spectrum.csv", Text(SpectrumCsv(r))),
            ("learning_curve.csv", Text(LearningCurveCsv(r))),
            ("kurtosis.csv", Text(KurtosisCsv(r))),
        };
        if (r.InputRidge is { } s) files.Add(("input_ridge.csv", Text(InputRidgeCsv(r, s))));
        foreach (var (name, figure) in ExperimentFigures.All(r))
        {
            files.Add(($"{name}.png", Png.Render(figure)));
            files.Add(($"{name}.svg", Text(Svg.Render(figure))));
        }
        return files;
    }

    /// <summary>report.md: settings, fits, Gaussianity, learning curves, exponents with premises, figures, σ²(x).</summary>
    internal static string Markdown(ExperimentReport r)
    {
        var sb = new StringBuilder();
        var o = r.Options;
        sb.AppendLine("# NNGP spectrum experiment").AppendLine();
        sb.AppendLine($"- Data: {r.Source}");
        sb.AppendLine($"- Kernel: {r.Kernel}");
        sb.AppendLine($"- N = {r.SampleCount} points in d = {r.FeatureCount}, centered and projected to the unit sphere; classes {string.Join(", ", r.Classes)}");
        sb.AppendLine($"- Targets: {r.TargetEncoding}");
        sb.AppendLine($"- Test: {r.TestCount} points, {r.TestSource}");
        sb.AppendLine($"- Ridge σ² = {G(o.Sigma2)}, threshold T = {G(o.Threshold)}, {o.Draws} draws (seed {o.Seed})");
        foreach (var line in ScaleLines(r)) sb.AppendLine($"- {line}");
        sb.AppendLine();
        sb.AppendLine("## Spectrum and label power").AppendLine();
        sb.AppendLine($"Power law λ_k ≈ A k^-(1+α) fitted over modes {r.Fit.FirstMode}..{r.Fit.LastMode}: A = {Pm(r.Fit.Law.Amplitude, r.Fit.AmplitudeStandardError)}, R² = {r.Fit.RSquared.ToString("F4", CultureInfo.InvariantCulture)}.");
        if (r.Alpha is { } alpha) sb.AppendLine($"α = {Exponent(alpha)}; per range: {Ranges(alpha)}.");
        if (r.Beta is { } beta) sb.AppendLine($"Label power Σ_(k>κ) y_k² ≈ B κ^-(β−1): β = {Exponent(beta)}; per range: {Ranges(beta)}.");
        sb.AppendLine("The error bars combine the OLS standard error of the primary range with the standard deviation over the fit ranges (docs/theory.md §7). Full spectrum: spectrum.csv.").AppendLine();
        sb.AppendLine("![spectrum](spectrum.png)").AppendLine();
        sb.AppendLine("## Mode Gaussianity").AppendLine();
        sb.AppendLine("A unit Gaussian feature has E φ³ = 0 and E φ⁴ − 3 = 0; independent Gaussian modes have U_qqkk = 0. Verdicts test the hypothesis \"Gaussian\": |z| < 3 with the standard errors a unit Gaussian implies, √(15/N) for E φ³, √(96/N) for E φ⁴ − 3 and √(8/N) for U_qqkk (the ± are the sample standard errors); " +
                      "a mode with variance 1 − (E φ̂)² < 0.1 is the constant mode.").AppendLine();
        sb.AppendLine("| mode k | λ̂_k | mean φ̂_k | E φ̂_k³ | E φ̂_k⁴ − 3 | verdict |").AppendLine("|---:|---:|---:|---:|---:|:---|");
        foreach (var m in r.Modes) sb.AppendLine($"| {m.Mode} | {G(m.Eigenvalue)} | {Pm(m.Mean)} | {Pm(m.Skewness)} | {Pm(m.ExcessKurtosis)} | {m.Verdict} |");
        sb.AppendLine().AppendLine("| k | q | E φ̂_k² φ̂_q² − 1 | U_qqkk |").AppendLine("|---:|---:|---:|---:|");
        foreach (var p in r.Pairs) sb.AppendLine($"| {p.First} | {p.Second} | {Pm(p.SquareCorrelation)} | {Pm(p.Cumulant)} |");
        if (r.Scatter is { } sc)
        {
            sb.AppendLine().AppendLine($"Figure modes {string.Join(", ", sc.Modes)} ({sc.Choice}): {string.Join("; ", sc.Marginals.Select(m => $"mode {m.Mode}: {m.Verdict}"))}. {Pairs(sc.Pairs)}.").AppendLine();
            sb.AppendLine("![modes](modes.png)").AppendLine();
        }
        sb.AppendLine("Excess kurtosis of every mode against k (kurtosis.csv):").AppendLine();
        sb.AppendLine("![kurtosis](kurtosis.png)");
        sb.AppendLine().AppendLine("## Learning curves").AppendLine();
        sb.AppendLine("Theory: the fitted power law, and separately the empirical spectrum λ̂_1 … λ̂_N, as the spectrum; the labels' mode powers y_k² = ((1/N) Σ_i φ̂_k(x_i) y_i)² as the target. " +
                      "Measured: kernel ridge regression on η random points, test MSE (mean ± standard error over draws).").AppendLine();
        sb.AppendLine("| η | κ* | σ_c²(κ*) | MSE RG | MSE SC | κ* (λ̂) | σ_c² (λ̂) | MSE RG (λ̂) | MSE SC (λ̂) | MSE measured |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Points)
        {
            var e = p.Empirical;
            string emp = e is { } x ? $"{G(x.KappaStar)} | {G(x.RunningRidge)} | {G(x.RgMse)} | {G(x.SelfConsistentMse)}" : " | | | ";
            sb.AppendLine($"| {p.Eta} | {G(p.KappaStar)} | {G(p.RunningRidge)} | {G(p.PredictedMse)} | {G(p.SelfConsistentMse)} | {emp}{(FiniteN(r, p) ? " *" : "")} | {Pm(p.MeasuredMse.Mean, p.MeasuredMse.StandardError)} |");
        }
        if (r.Points.Any(p => FiniteN(r, p)))
            sb.AppendLine().AppendLine($"\\* κ* on λ̂_k exceeds {ModesName(r)}/4 = {r.Eigenvalues.Length / 4}: the empirical spectrum has no modes beyond {ModesName(r)}, its theory is unreliable there.");
        sb.AppendLine().AppendLine("![learning curve](learning_curve.png)");
        sb.AppendLine().AppendLine("## Exponents").AppendLine();
        sb.AppendLine($"- Measured: {(r.Measured is { } me ? $"{Pm(me.Fit.Exponent, me.StandardError)} (standard error over draws)" : Exponent(r.MeasuredCurveFit))}");
        sb.AppendLine($"- Renormalized-EK curve over the grid: fitted law {Exponent(r.PredictedCurveFit)}, empirical spectrum {Exponent(r.EmpiricalCurveFit)}");
        if (r.Predictions is { } pr)
        {
            sb.AppendLine($"- Regime: {RegimeName(pr.Regime)}");
            foreach (var p in pr.Predictions)
                sb.AppendLine($"- {p.Name}: {p.Formula} = {Pm(p.Value, p.StandardError)}, premise {(p.PremiseMet ? "met" : "**not met**")}{Z(r, p)}. Premise: {p.Premise}.");
            sb.AppendLine("- All predictions assume noiseless labels and Gaussian features (docs/theory.md §3, §7).");
        }
        else sb.AppendLine($"- α/(1+α) = {G(r.PredictedExponent)} (needs y_k² ∝ λ_k); source/capacity not available: {r.PredictionsNote}");
        sb.AppendLine().AppendLine("## Input-dependent ridge").AppendLine();
        if (r.InputRidge is { } s)
        {
            sb.AppendLine($"σ²(x_i; κ) = σ² + Σ_(q>κ) λ̂_q m₂^(q)(x_i) at κ = {s.Cutoff} (input_ridge.csv). Premise: {InputRidgePremise(r, s)}.").AppendLine();
            sb.AppendLine($"- mean {Pm(s.Mean)} against σ² + c = {G(s.BareRidge + s.RidgeShift)} ({G(s.MeanRuleZ)} standard errors)");
            sb.AppendLine($"- standard deviation {G(s.StandardDeviation)}, range {G(s.Minimum)} … {G(s.Maximum)}");
            sb.AppendLine($"- quantiles {string.Join(", ", s.Quantiles.Select(q => $"{(q.P * 100).ToString("F0", CultureInfo.InvariantCulture)}%: {G(q.Value)}"))}");
            sb.AppendLine($"- correlation with the targets {string.Join(", ", s.LabelCorrelations.Select(c => Pm(c.Value, c.StandardError)))}, with |x − x̄| {Pm(s.NormCorrelation.Value, s.NormCorrelation.StandardError)}");
        }
        else sb.AppendLine($"Not available: {r.InputRidgeNote}");
        return sb.ToString();
    }

}
