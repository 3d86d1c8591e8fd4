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
using Spectre.Console;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg experiment</c>: the paper's experiment on a data file (PHYSICS.md §7), run by <see cref="SpectrumExperiment"/>;
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
        var kernel = new Option<string>("--kernel", "-k") { Description = "relu | arccos0 | arccos1 | arccos2 | erf | rbf", DefaultValueFactory = _ => "relu" };
        var depth = new Option<int>("--depth", "-L") { Description = "Hidden layers, 1 … 64.", DefaultValueFactory = _ => 1 };
        var n = new Option<int>("--n", "-n") { Description = "N: the first N (selected) rows are diagonalized and split into train/test pools.", DefaultValueFactory = _ => 1000 };
        var etaGrid = new Option<string>("--eta-grid") { Description = "Training-set sizes η, strictly increasing, max η < N.", DefaultValueFactory = _ => "100,200,400" };
        var sigma2 = new Option<double>("--sigma2", "-s") { Description = "Ridge σ² > 0.", DefaultValueFactory = _ => 0.01 };
        var threshold = new Option<double>("--threshold", "-T") { Description = "Learnability threshold T ∈ (0, 1).", DefaultValueFactory = _ => 0.5 };
        var draws = new Option<int>("--draws", "-r") { Description = "Random train/test splits R ≥ 2.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the splits.", DefaultValueFactory = _ => 1 };
        var test = new Option<int?>("--test", "-m") { Description = "Held-out test points per draw (default min(N − max η, 1000))." };
        var fitRange = new Option<string?>("--fit-range") { Description = "Modes of the power-law fit, e.g. 10,100 (default 10..N/10)." };
        var sigmaW2 = new Option<double>("--sigma-w2") { Description = "Weight variance σ_w² ≥ 0.", DefaultValueFactory = _ => 1.0 };
        var sigmaB2 = new Option<double>("--sigma-b2") { Description = "Bias variance σ_b² ≥ 0.", DefaultValueFactory = _ => 0.0 };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for report.md, spectrum.csv, learning_curve.csv, spectrum.svg and learning_curve.svg (must not contain the input files)." };
        var outputFormat = new Option<string>("--output-format") { Description = "Summary on stdout: table | json", DefaultValueFactory = _ => "table" };
        var cmd = new Command("experiment",
            "The NNGP spectrum experiment on real data: center and project inputs to the sphere, diagonalize the NNGP kernel matrix, " +
            "fit λ_k ≈ A k^-(1+α), test mode Gaussianity, predict the ridge flow's κ*(η) and the MSE exponent α/(1+α), and compare " +
            "with kernel ridge regression learning curves measured on held-out points.")
        {
            data, format, labels, labelColumn, header, classes, kernel, depth, n, etaGrid, sigma2, threshold, draws, seed, test, fitRange,
            sigmaW2, sigmaB2, outDir, outputFormat,
        };
        cmd.SetAction(parse =>
        {
            var summaryFormat = parse.GetValue(outputFormat)!.Trim().ToLowerInvariant();
            if (summaryFormat is not ("table" or "json")) throw new UserError($"--output-format: unknown format '{summaryFormat}'; use table or json.");
            var dataPaths = parse.GetValue(data)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var labelPath = parse.GetValue(labels);
            var inputs = labelPath is null ? dataPaths : [.. dataPaths, labelPath];
            var outPath = parse.GetValue(outDir);
            if (outPath is not null) RefuseInputsInside(outPath, inputs);
            var (first, last) = ParseRange(parse.GetValue(fitRange));
            var options = new ExperimentOptions(
                VerifyCommand.ParseActivation(parse.GetValue(kernel)!), parse.GetValue(depth), parse.GetValue(n), ParseInts("--eta-grid", parse.GetValue(etaGrid)!),
                parse.GetValue(sigma2), parse.GetValue(threshold), parse.GetValue(draws), parse.GetValue(seed), parse.GetValue(sigmaW2), parse.GetValue(sigmaB2),
                first, last, TestCount: parse.GetValue(test));
            try { SpectrumExperiment.Validate(options); }
            catch (ArgumentException e) { throw new UserError(e.Message.Replace(" (Parameter 'o')", "")); }
            var selection = parse.GetValue(classes) is { } c ? ParseInts("--classes", c) : (ImmutableArray<int>?)null;

            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var dataset = Read(parse.GetValue(format)!, dataPaths, labelPath, parse.GetValue(labelColumn), parse.GetValue(header), selection);
            error.WriteLine($"experiment: {dataset.Source}: {dataset.Count} rows × {dataset.FeatureCount} features");
            ExperimentReport report;
            try { report = RunWithProgress(dataset, options, error, clock); }
            catch (InvalidOperationException e) { throw new UserError(e.Message); }
            catch (KernelRidgeNotPositiveDefiniteException e) { throw new UserError($"{e.Message} Increase --sigma2."); }
            error.WriteLine($"experiment: done in {clock.Elapsed.TotalSeconds:F1} s");

            var output = parse.InvocationConfiguration.Output;
            if (summaryFormat == "json") output.WriteLine(JsonOut.Write(ToJson(report)));
            else output.Write(Summary(report));
            if (outPath is not null)
            {
                AtomicFile.WriteAllText(Path.Combine(outPath, "report.md"), Markdown(report));
                AtomicFile.WriteAllText(Path.Combine(outPath, "spectrum.csv"), SpectrumCsv(report));
                AtomicFile.WriteAllText(Path.Combine(outPath, "learning_curve.csv"), LearningCurveCsv(report));
                AtomicFile.WriteAllText(Path.Combine(outPath, "spectrum.svg"), Svg.Render(ExperimentFigures.Spectrum(report)));
                AtomicFile.WriteAllText(Path.Combine(outPath, "learning_curve.svg"), Svg.Render(ExperimentFigures.LearningCurve(report)));
                error.WriteLine($"experiment: wrote report.md, spectrum.csv, learning_curve.csv, spectrum.svg, learning_curve.svg to {outPath}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Refuses an output folder that holds one of the input files (the report must never replace data).</summary>
    internal static void RefuseInputsInside(string outDir, IEnumerable<string> inputs)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir)) + Path.DirectorySeparatorChar;
        foreach (var input in inputs)
            if (Path.GetFullPath(input).StartsWith(root, StringComparison.Ordinal))
                throw new UserError($"--out '{outDir}' contains the input file '{input}'; choose a folder without input data so no data file can be overwritten.");
    }

    private static Dataset Read(string format, string[] paths, string? labels, int labelColumn, bool header, ImmutableArray<int>? classes)
    {
        var options = new DatasetOptions(Classes: classes);
        var name = format.Trim().ToLowerInvariant();
        if (paths.Length == 0) throw new UserError("--data: no file given.");
        if (name != "cifar" && paths.Length > 1) throw new UserError($"--data: {paths.Length} files given; only --format cifar reads several (batches).");
        try
        {
            return name switch
            {
                "idx" => labels is null
                    ? throw new UserError("--format idx needs --labels (the IDX labels file): the learning curves regress the labels.")
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
    private static ExperimentReport RunWithProgress(Dataset dataset, ExperimentOptions options, TextWriter error, Stopwatch clock)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
            return SpectrumExperiment.Run(dataset, options, Progress(error, clock));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().Start(context =>
        {
            var bars = new Dictionary<ExperimentStage, ProgressTask>();
            return SpectrumExperiment.Run(dataset, options, (stage, done, total) =>
            {
                if (!bars.TryGetValue(stage, out var bar)) bars[stage] = bar = context.AddTask(StageName(stage), maxValue: total);
                bar.MaxValue = total;
                bar.Value = done;
            });
        });
    }

    private static string StageName(ExperimentStage stage) => stage switch
    {
        ExperimentStage.KernelMatrix => "kernel matrix",
        ExperimentStage.Diagonalization => "diagonalization",
        ExperimentStage.LearningCurve => "learning curves",
        _ => stage.ToString(),
    };

    private static Action<ExperimentStage, int, int> Progress(TextWriter error, Stopwatch clock) => (stage, done, total) =>
    {
        // About ten lines per stage: the start, every tenth of the work and the end.
        if (done != 0 && done != total && done % Math.Max(1, total / 10) != 0) return;
        error.WriteLine($"experiment: {StageName(stage)} {done}/{total} ({clock.Elapsed.TotalSeconds:F1} s)");
    };

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

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private static string Pm(double value, double se) => $"{G(value)} ± {G(se)}";

    /// <summary>The stdout summary.</summary>
    internal static string Summary(ExperimentReport r)
    {
        var sb = new StringBuilder();
        var fit = r.Fit;
        sb.AppendLine($"# {r.Source}");
        sb.AppendLine($"# {r.Kernel}; N = {r.SampleCount}, d = {r.FeatureCount}, classes {string.Join(",", r.Classes)}, targets {r.TargetEncoding}");
        sb.AppendLine($"power law λ_k ≈ A k^-(1+α) over modes {fit.FirstMode}..{fit.LastMode}: A = {Pm(fit.Law.Amplitude, fit.AmplitudeStandardError)}, α = {Pm(fit.Law.Alpha, fit.AlphaStandardError)}, R² = {fit.RSquared.ToString("F4", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"{"mode",6} {"λ̂_k",12} {"mean φ̂",20} {"E φ̂⁴ − 3",20}");
        foreach (var m in r.Modes)
            sb.AppendLine($"{m.Mode,6} {G(m.Eigenvalue),12} {Pm(m.Mean.Value, m.Mean.StandardError),20} {Pm(m.ExcessKurtosis.Value, m.ExcessKurtosis.StandardError),20}");
        sb.AppendLine($"{"pair",8} {"E φ̂_k²φ̂_q² − 1",22} {"U_qqkk",22}");
        foreach (var p in r.Pairs)
            sb.AppendLine($"{$"{p.First},{p.Second}",8} {Pm(p.SquareCorrelation.Value, p.SquareCorrelation.StandardError),22} {Pm(p.Cumulant.Value, p.Cumulant.StandardError),22}");
        sb.AppendLine($"{"η",6} {"κ*",10} {"σ_c²",12} {"MSE (RG)",12} {"MSE (SC)",12} {"MSE measured",22}");
        foreach (var p in r.Points)
            sb.AppendLine($"{p.Eta,6} {G(p.KappaStar),10} {G(p.RunningRidge),12} {G(p.PredictedMse),12} {G(p.SelfConsistentMse),12} {Pm(p.MeasuredMse.Mean, p.MeasuredMse.StandardError),22}");
        sb.AppendLine($"exponent: α/(1+α) = {G(r.PredictedExponent)}; RG curve over the grid {Exponent(r.PredictedCurveFit)}; measured {Exponent(r.MeasuredCurveFit)}");
        return sb.ToString();
    }

    private static string Exponent(Core.Theory.ScalingFit? f) => f is null ? "n/a (one η)" : $"{G(f.Exponent)} (R² = {f.RSquared.ToString("F3", CultureInfo.InvariantCulture)})";

    /// <summary>The report as JSON.</summary>
    internal static JsonObject ToJson(ExperimentReport r)
    {
        var modes = new JsonArray();
        foreach (var m in r.Modes)
            modes.Add(new JsonObject
            {
                ["mode"] = m.Mode, ["eigenvalue"] = JsonOut.Number(m.Eigenvalue),
                ["mean"] = JsonOut.Number(m.Mean.Value), ["meanStandardError"] = JsonOut.Number(m.Mean.StandardError),
                ["excessKurtosis"] = JsonOut.Number(m.ExcessKurtosis.Value), ["excessKurtosisStandardError"] = JsonOut.Number(m.ExcessKurtosis.StandardError),
            });
        var pairs = new JsonArray();
        foreach (var p in r.Pairs)
            pairs.Add(new JsonObject
            {
                ["k"] = p.First, ["q"] = p.Second,
                ["squareCorrelation"] = JsonOut.Number(p.SquareCorrelation.Value), ["squareCorrelationStandardError"] = JsonOut.Number(p.SquareCorrelation.StandardError),
                ["uqqkk"] = JsonOut.Number(p.Cumulant.Value), ["uqqkkStandardError"] = JsonOut.Number(p.Cumulant.StandardError),
            });
        var points = new JsonArray();
        foreach (var p in r.Points)
            points.Add(new JsonObject
            {
                ["eta"] = p.Eta, ["kappaStar"] = JsonOut.Number(p.KappaStar), ["runningRidge"] = JsonOut.Number(p.RunningRidge),
                ["predictedMse"] = JsonOut.Number(p.PredictedMse), ["selfConsistentMse"] = JsonOut.Number(p.SelfConsistentMse),
                ["measuredMse"] = JsonOut.Number(p.MeasuredMse.Mean), ["measuredMseStandardError"] = JsonOut.Number(p.MeasuredMse.StandardError),
            });
        return new JsonObject
        {
            ["source"] = r.Source,
            ["kernel"] = r.Kernel,
            ["n"] = r.SampleCount,
            ["dim"] = r.FeatureCount,
            ["classes"] = new JsonArray([.. r.Classes.Select(c => (JsonNode)c)]),
            ["targets"] = r.TargetEncoding,
            ["test"] = r.TestCount,
            ["sigma2"] = JsonOut.Number(r.Options.Sigma2),
            ["threshold"] = JsonOut.Number(r.Options.Threshold),
            ["draws"] = r.Options.Draws,
            ["fit"] = new JsonObject
            {
                ["amplitude"] = JsonOut.Number(r.Fit.Law.Amplitude), ["amplitudeStandardError"] = JsonOut.Number(r.Fit.AmplitudeStandardError),
                ["alpha"] = JsonOut.Number(r.Fit.Law.Alpha), ["alphaStandardError"] = JsonOut.Number(r.Fit.AlphaStandardError),
                ["rSquared"] = JsonOut.Number(r.Fit.RSquared), ["firstMode"] = r.Fit.FirstMode, ["lastMode"] = r.Fit.LastMode,
            },
            ["modes"] = modes,
            ["pairs"] = pairs,
            ["points"] = points,
            ["exponents"] = new JsonObject
            {
                ["predicted"] = JsonOut.Number(r.PredictedExponent),
                ["predictedCurve"] = r.PredictedCurveFit is { } pf ? JsonOut.Number(pf.Exponent) : null,
                ["measured"] = r.MeasuredCurveFit is { } mf ? JsonOut.Number(mf.Exponent) : null,
            },
        };
    }

    /// <summary>spectrum.csv: mode, λ̂_k, the fitted A k^-(1+α), the target power y_k².</summary>
    internal static string SpectrumCsv(ExperimentReport r)
    {
        var sb = new StringBuilder("k,eigenvalue,fitted,target_power\n");
        for (int k = 0; k < r.Eigenvalues.Length; k++)
            sb.Append(CultureInfo.InvariantCulture, $"{k + 1},{R(r.Eigenvalues[k])},{R(r.Fit.Law.Eigenvalue(k + 1))},{R(r.TargetPower[k])}\n");
        return sb.ToString();
    }

    /// <summary>learning_curve.csv: per η the flow's κ* and σ_c², predicted and measured MSEs.</summary>
    internal static string LearningCurveCsv(ExperimentReport r)
    {
        var sb = new StringBuilder("eta,kappa_star,running_ridge,predicted_mse,self_consistent_mse,measured_mse,measured_mse_se\n");
        foreach (var p in r.Points)
            sb.Append(CultureInfo.InvariantCulture, $"{p.Eta},{R(p.KappaStar)},{R(p.RunningRidge)},{R(p.PredictedMse)},{R(p.SelfConsistentMse)},{R(p.MeasuredMse.Mean)},{R(p.MeasuredMse.StandardError)}\n");
        return sb.ToString();
    }

    /// <summary>report.md: settings, fit, Gaussianity and learning-curve tables.</summary>
    internal static string Markdown(ExperimentReport r)
    {
        var sb = new StringBuilder();
        var o = r.Options;
        sb.AppendLine("# NNGP spectrum experiment").AppendLine();
        sb.AppendLine($"- Data: {r.Source}");
        sb.AppendLine($"- Kernel: {r.Kernel}");
        sb.AppendLine($"- N = {r.SampleCount} points in d = {r.FeatureCount}, centered and projected to the unit sphere; classes {string.Join(", ", r.Classes)}");
        sb.AppendLine($"- Targets: {r.TargetEncoding}");
        sb.AppendLine($"- Ridge σ² = {G(o.Sigma2)}, threshold T = {G(o.Threshold)}, {o.Draws} draws (seed {o.Seed}), {r.TestCount} held-out test points per draw").AppendLine();
        sb.AppendLine("## Spectrum").AppendLine();
        sb.AppendLine($"Power law λ_k ≈ A k^-(1+α) fitted over modes {r.Fit.FirstMode}..{r.Fit.LastMode}: A = {Pm(r.Fit.Law.Amplitude, r.Fit.AmplitudeStandardError)}, " +
                      $"α = {Pm(r.Fit.Law.Alpha, r.Fit.AlphaStandardError)}, R² = {r.Fit.RSquared.ToString("F4", CultureInfo.InvariantCulture)}. Full spectrum: spectrum.csv.").AppendLine();
        sb.AppendLine("![spectrum](spectrum.svg)").AppendLine();
        sb.AppendLine("## Mode Gaussianity").AppendLine();
        sb.AppendLine("A unit Gaussian feature has mean 0 and E φ⁴ − 3 = 0; independent Gaussian modes have U_qqkk = 0.").AppendLine();
        sb.AppendLine("| mode k | λ̂_k | mean φ̂_k | E φ̂_k⁴ − 3 |").AppendLine("|---:|---:|---:|---:|");
        foreach (var m in r.Modes) sb.AppendLine($"| {m.Mode} | {G(m.Eigenvalue)} | {Pm(m.Mean.Value, m.Mean.StandardError)} | {Pm(m.ExcessKurtosis.Value, m.ExcessKurtosis.StandardError)} |");
        sb.AppendLine().AppendLine("| k | q | E φ̂_k² φ̂_q² − 1 | U_qqkk |").AppendLine("|---:|---:|---:|---:|");
        foreach (var p in r.Pairs) sb.AppendLine($"| {p.First} | {p.Second} | {Pm(p.SquareCorrelation.Value, p.SquareCorrelation.StandardError)} | {Pm(p.Cumulant.Value, p.Cumulant.StandardError)} |");
        sb.AppendLine().AppendLine("## Learning curves").AppendLine();
        sb.AppendLine("Theory: the fitted power law as the spectrum, the labels' mode powers y_k² = ((1/N) Σ_i φ̂_k(x_i) y_i)² as the target. " +
                      "Measured: kernel ridge regression on η random points, test MSE on held-out points (mean ± standard error over draws).").AppendLine();
        sb.AppendLine("| η | κ* | σ_c²(κ*) | MSE renormalized EK | MSE self-consistent | MSE measured |").AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Points)
            sb.AppendLine($"| {p.Eta} | {G(p.KappaStar)} | {G(p.RunningRidge)} | {G(p.PredictedMse)} | {G(p.SelfConsistentMse)} | {Pm(p.MeasuredMse.Mean, p.MeasuredMse.StandardError)} |");
        sb.AppendLine().AppendLine("![learning curve](learning_curve.svg)");
        sb.AppendLine().AppendLine("## Exponents").AppendLine();
        sb.AppendLine($"- Ridge-dominated prediction α/(1+α) = {G(r.PredictedExponent)}");
        sb.AppendLine($"- Renormalized-EK curve over the grid: {Exponent(r.PredictedCurveFit)}");
        sb.AppendLine($"- Measured: {Exponent(r.MeasuredCurveFit)}");
        return sb.ToString();
    }
}
