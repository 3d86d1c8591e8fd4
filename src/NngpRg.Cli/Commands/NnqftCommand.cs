using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Derivations;
using NngpRg.Core.FieldTheory;
using NngpRg.Core.Plotting;
using NngpRg.Core.Regression;

namespace NngpRg.Cli.Commands;

/// <summary>
/// <c>nngp-rg nnqft …</c>: finite-width networks as non-Gaussian processes (docs/theory.md §9; Halverson–Maiti–Stoner,
/// arXiv:2008.08601): exact correlators (<c>correlators</c>), the tree-level couplings and their running (<c>lambda</c>), the
/// Monte Carlo of random networks against the exact correlators (<c>mc</c>) and the deviation-against-width experiment
/// (<c>experiment</c>).
/// </summary>
public static class NnqftCommand
{
    /// <summary>The <c>nnqft</c> command with its four subcommands.</summary>
    public static Command Build()
    {
        var cmd = new Command("nnqft",
            "Finite-width neural networks as non-Gaussian processes (docs/theory.md §9; arXiv:2008.08601): correlators (exact 2-, 4-, 6-point " +
            "functions and their 1/N, 1/N² parts), lambda (tree-level couplings λ(Λ), their running, the momentum cutoff, the tadpole and κ), " +
            "mc (Monte Carlo of random networks against the exact correlators), experiment (normalized deviation from the GP against the width, with the fitted 1/N slopes).");
        cmd.Subcommands.Add(CorrelatorsCommand());
        cmd.Subcommands.Add(LambdaCommand());
        cmd.Subcommands.Add(McCommand());
        cmd.Subcommands.Add(ExperimentCommand());
        return cmd;
    }

    // ---------------------------------------------------------------- shared options

    private sealed record NetOptions(Option<string> Net, Option<int> Dim, Option<double> SigmaW, Option<double?> SigmaB, Option<string?> Inputs)
    {
        public IEnumerable<Option> All => [Net, Dim, SigmaW, SigmaB, Inputs];
    }

    private static NetOptions NetworkOptions() => new(
        new Option<string>("--net") { Description = "Hidden activation: relu | erf | gauss (the Gauss-net h = exp(w·x + b)/exp(σ_b² + σ_W²|x|²/d)).", DefaultValueFactory = _ => "relu" },
        new Option<int>("--dim", "-d") { Description = "Input dimension d, 1 … 64 (exact correlators and couplings: d = 1, the ReLU-net at σ_b = 0 in d = 2, or the Gauss-net in every d).", DefaultValueFactory = _ => 1 },
        new Option<double>("--sw") { Description = "σ_W > 0: weights W⁰ ~ N(0, σ_W²/d), W¹ ~ N(0, σ_W²/N).", DefaultValueFactory = _ => 1.0 },
        new Option<double?>("--sb") { Description = "σ_b ≥ 0 of both biases (default: 0 for relu, 1 for erf and gauss, as published)." },
        new Option<string?>("--inputs", "-x") { Description = "Input points, ';'-separated, coordinates ','-separated (d = 1: a plain comma list); 1 … 10 points, |coordinate| ≤ 1e3. Default: the published set of the net and d (relu 0.2 … 1.2; erf −1 … 1; gauss 0.01·(−1 … 1))." });

    private static Option<string> FormatOption() => new("--format", "-f") { Description = "table | json.", DefaultValueFactory = _ => "table" };
    private static Option<string?> OutOption() => new("--out", "-o") { Description = "Also write the output (as formatted) to this file, atomically." };
    private static Option<int> WidthOption(int value) => new("--width", "-N") { Description = "Network width N, 1 … 1e6.", DefaultValueFactory = _ => value };
    private static Option<int> SeedOption() => new("--seed") { Description = "Random seed, any integer (results do not depend on the number of threads).", DefaultValueFactory = _ => 1 };
    private static Option<int?> ThreadsOption() => new("--threads") { Description = "Threads, 1 … 256 (default: all cores); the results do not depend on it." };

    private static (NetworkArchitecture Net, ImmutableArray<ImmutableArray<double>> Points) Parse(ParseResult parse, NetOptions o)
    {
        NetworkKind kind;
        try { kind = NetworkKinds.Parse(parse.GetValue(o.Net)!); }
        catch (ArgumentException e) { throw new UserError($"--net: {e.Message}"); }
        int d = parse.GetValue(o.Dim);
        if (d is < 1 or > NetworkArchitecture.MaxInputDimension) throw new UserError($"--dim must lie in 1 … {NetworkArchitecture.MaxInputDimension}, got {d}.");
        double sw = parse.GetValue(o.SigmaW);
        if (!double.IsFinite(sw) || sw <= 0 || sw > 100) throw new UserError($"--sw must lie in (0, 100], got {R(sw)}.");
        double? sb = parse.GetValue(o.SigmaB);
        if (sb is { } b && (!double.IsFinite(b) || b < 0 || b > 100)) throw new UserError($"--sb must lie in [0, 100], got {R(b)}.");
        var net = NetworkArchitecture.Of(kind, d, sw, sb);
        var text = parse.GetValue(o.Inputs);
        ImmutableArray<ImmutableArray<double>> points;
        if (text is null)
        {
            if (d > 3) throw new UserError($"--inputs: there is no published input set for d = {d}; give the points.");
            points = WidthExperimentOptions.PublishedInputs(kind, d);
        }
        else points = Points(text, d);
        return (net, points);
    }

    /// <summary>Parses "x;y;…" points of dimension d (d = 1: also "a,b,c").</summary>
    internal static ImmutableArray<ImmutableArray<double>> Points(string text, int d)
    {
        var groups = d == 1 && !text.Contains(';') ? text.Split(',', StringSplitOptions.TrimEntries) : text.Split(';', StringSplitOptions.TrimEntries);
        if (groups.Length is 0 or > NetworkMonteCarlo.MaxPoints) throw new UserError($"--inputs: give 1 … {NetworkMonteCarlo.MaxPoints} points, got {groups.Length}.");
        var result = ImmutableArray.CreateBuilder<ImmutableArray<double>>();
        for (int i = 0; i < groups.Length; i++)
        {
            var fields = groups[i].Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != d) throw new UserError($"--inputs: point {i + 1} '{groups[i]}' has {fields.Length} coordinate(s); --dim is {d}.");
            var p = ImmutableArray.CreateBuilder<double>(d);
            foreach (var f in fields)
            {
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || Math.Abs(v) > 1e3)
                    throw new UserError($"--inputs: point {i + 1}: '{f}' is not a finite number with |x| ≤ 1e3.");
                p.Add(v);
            }
            result.Add(p.MoveToImmutable());
        }
        return result.ToImmutable();
    }

    private static string Format(ParseResult parse, Option<string> format)
    {
        var f = parse.GetValue(format)!.Trim().ToLowerInvariant();
        return f is "table" or "json" ? f : throw new UserError($"--format: unknown format '{parse.GetValue(format)}'; use table or json.");
    }

    private static int Width(ParseResult parse, Option<int> width, string option = "--width")
    {
        int n = parse.GetValue(width);
        return n is >= 1 and <= 1_000_000 ? n : throw new UserError($"{option} must lie in 1 … 1000000, got {n}.");
    }

    private static void CheckOut(string? path, string option)
    {
        // empty, a directory, a device or a pipe is refused before any work (links resolved)
        if (path is not null) FilePaths.Output(path, option);
    }

    private static int Emit(ParseResult parse, string format, Func<JsonObject> json, Func<string> table, string? outPath)
    {
        var result = json();
        ResultGuard.RequireFinite(result, parse, "cutoff");  // Λ = inf is a cutoff the user asks for
        string text = format == "json" ? JsonOut.Write(result) + "\n" : table();
        parse.InvocationConfiguration.Output.Write(text);
        if (outPath is not null) AtomicFile.WriteAllText(outPath, text);
        return ExitCodes.Ok;
    }

    private static T Guard<T>(Func<T> run)
    {
        try { return run(); }
        catch (ArgumentException e) { throw new UserError(ErrorText.Clean(e.Message)); }
    }

    private static JsonObject Net(NetworkArchitecture a, ImmutableArray<ImmutableArray<double>> points) => new()
    {
        ["net"] = NetworkKinds.Name(a.Kind),
        ["dim"] = a.InputDimension,
        ["sigmaW"] = JsonOut.Number(a.SigmaW),
        ["sigmaB"] = JsonOut.Number(a.SigmaB),
        ["inputs"] = new JsonArray([.. points.Select(p => (JsonNode)new JsonArray([.. p.Select(v => JsonOut.Number(v))]))]),
    };

    private static JsonArray Tuple(IEnumerable<int> t) => new([.. t.Select(i => (JsonNode)JsonValue.Create(i + 1))]);
    private static JsonObject Pair(Estimate e) => new() { ["mean"] = JsonOut.Number(e.Mean), ["standardError"] = JsonOut.Number(e.StandardError) };

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
    private static string G4(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string PointsText(ImmutableArray<ImmutableArray<double>> points) =>
        string.Join("; ", points.Select((p, i) => $"x{i + 1} = {(p.Length == 1 ? G(p[0]) : "(" + string.Join(", ", p.Select(G)) + ")")}"));

    // ---------------------------------------------------------------- nnqft correlators

    private static Command CorrelatorsCommand()
    {
        var net = NetworkOptions();
        var width = WidthOption(20);
        var order = new Option<string>("--order", "-n") { Description = "Which n-point functions: 2, 4, 6 or all.", DefaultValueFactory = _ => "all" };
        var format = FormatOption();
        var output = OutOption();
        var cmd = new Command("correlators",
            "Exact n-point functions of width-N networks at every sorted tuple of the inputs (docs/theory.md §9.2): G₂ = K (no 1/N correction), " +
            "G₄ − G₄^GP = G₄c = (σ_W⁴/N)[3μ₄ − Σ K̃K̃], G₆ − G₆^GP = A/N + B/N² with the connected part B/N². One-neuron moments μ_n in closed form " +
            "(Gauss-net) or by quadrature (ReLU: polar, exact; Erf: Gauss–Hermite 160²); needs d = 1 except for the Gauss-net (any d) and the ReLU-net at σ_b = 0 (d = 2).");
        foreach (var o in net.All) cmd.Options.Add(o);
        cmd.Options.Add(width);
        cmd.Options.Add(order);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse, format);
            var (a, points) = Parse(parse, net);
            int n = Width(parse, width);
            var orders = parse.GetValue(order)!.Trim().ToLowerInvariant() switch
            {
                "2" => new[] { 2 },
                "4" => [4],
                "6" => [6],
                "all" => [2, 4, 6],
                var other => throw new UserError($"--order: '{other}' is not 2, 4, 6 or all."),
            };
            var outPath = parse.GetValue(output);
            CheckOut(outPath, "--out");
            var moments = Guard(() => NeuronMoments.For(a, [.. points.Select(p => (IReadOnlyList<double>)p)]));
            var tables = orders.Select(k => (Order: k, Points: Correlators.All(moments, k))).ToArray();
            return Emit(parse, fmt, () => CorrelatorsJson(a, points, n, moments, tables), () => CorrelatorsTable(a, points, n, moments, tables), outPath);
        });
        return cmd;
    }

    private static string MethodText(MomentMethod m) => m switch
    {
        MomentMethod.ClosedForm => "closed form (Gaussian integral)",
        MomentMethod.PolarQuadrature => "polar quadrature (exact to rounding)",
        _ => $"Gauss–Hermite {NeuronMoments.HermiteNodes}² quadrature",
    };

    private static string CorrelatorsTable(NetworkArchitecture a, ImmutableArray<ImmutableArray<double>> points, int n, NeuronMoments m, (int Order, ImmutableArray<CorrelatorPoint> Points)[] tables)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# exact correlators (docs/theory.md §9.2), {a.Describe()}, width N = {n}; μ_n by {MethodText(m.Method)}");
        sb.AppendLine($"# {PointsText(points)}");
        sb.AppendLine("# premise: one hidden layer of N i.i.d. units with Gaussian weights and biases (the network itself, no approximation)");
        foreach (var (k, rows) in tables)
        {
            sb.AppendLine();
            if (k == 2)
            {
                sb.AppendLine($"## G₂ = K exactly at every width ({rows.Length} tuples)");
                sb.AppendLine($"{"tuple",14} {"K",14}");
                foreach (var p in rows) sb.AppendLine($"{Tuples.Format(p.Tuple),14} {G(p.Gp),14}");
                continue;
            }
            sb.AppendLine(k == 4
                ? $"## four-point: (G₄ − G₄^GP)/G₄^GP = A/N, A = N G₄c/G₄^GP ({rows.Length} tuples)"
                : $"## six-point: (G₆ − G₆^GP)/G₆^GP = A/N + B/N², connected G₆c/G₆^GP = B/N² ({rows.Length} tuples)");
            sb.AppendLine(k == 4 ? $"{"tuple",16} {"G^GP",12} {"A",12} {$"ΔG/G^GP (N={n})",16}" : $"{"tuple",18} {"G^GP",12} {"A",12} {"B",12} {$"ΔG/G^GP (N={n})",16} {"G6c/G^GP",12}");
            foreach (var p in rows)
                sb.AppendLine(k == 4
                    ? $"{Tuples.Format(p.Tuple),16} {G(p.Gp),12} {G(p.FirstOrder),12} {G(p.RelativeDeviation(n)),16}"
                    : $"{Tuples.Format(p.Tuple),18} {G(p.Gp),12} {G(p.FirstOrder),12} {G(p.SecondOrder),12} {G(p.RelativeDeviation(n)),16} {G(p.RelativeConnected(n)),12}");
            sb.AppendLine($"mean over tuples: |A| = {G(rows.Average(p => Math.Abs(p.FirstOrder)))}" + (k == 6 ? $", B = {G(rows.Average(p => p.SecondOrder))}" : "") +
                $"; m{k}(N = {n}) = {G(rows.Average(p => Math.Abs(p.RelativeDeviation(n))))}" + (k == 6 ? $", m6c = {G(rows.Average(p => Math.Abs(p.RelativeConnected(n))))}" : ""));
        }
        return sb.ToString();
    }

    private static JsonObject CorrelatorsJson(NetworkArchitecture a, ImmutableArray<ImmutableArray<double>> points, int n, NeuronMoments m, (int Order, ImmutableArray<CorrelatorPoint> Points)[] tables)
    {
        var root = Net(a, points);
        root["width"] = n;
        root["momentMethod"] = m.Method.ToString();
        root["premise"] = "one hidden layer of N i.i.d. units with Gaussian weights and biases";
        var orders = new JsonArray();
        foreach (var (k, rows) in tables)
            orders.Add(new JsonObject
            {
                ["n"] = k,
                ["meanAbsFirstOrder"] = JsonOut.Number(rows.Average(p => Math.Abs(p.FirstOrder))),
                ["meanSecondOrder"] = JsonOut.Number(rows.Average(p => p.SecondOrder)),
                ["meanRelativeDeviation"] = JsonOut.Number(rows.Average(p => Math.Abs(p.RelativeDeviation(n)))),
                ["meanRelativeConnected"] = JsonOut.Number(rows.Average(p => Math.Abs(p.RelativeConnected(n)))),
                ["tuples"] = new JsonArray([.. rows.Select(p => (JsonNode)new JsonObject
                {
                    ["tuple"] = Tuple(p.Tuple),
                    ["gp"] = JsonOut.Number(p.Gp),
                    ["firstOrder"] = JsonOut.Number(p.FirstOrder),
                    ["secondOrder"] = JsonOut.Number(p.SecondOrder),
                    ["relativeDeviation"] = JsonOut.Number(p.RelativeDeviation(n)),
                    ["relativeConnected"] = JsonOut.Number(p.RelativeConnected(n)),
                })]),
            });
        root["orders"] = orders;
        return root;
    }

    // ---------------------------------------------------------------- nnqft lambda

    /// <summary>The published ReLU cutoff grid of the running.</summary>
    public static readonly ImmutableArray<double> PublishedCutoffs = [7, 10, 15, 20, 30, 40, 50, 70, 100, 200, 500, 1e3, 2e3, 5e3, 7e3, 1e4, 2e4, 4e4, 6e4, 8e4, 1e5];

    private static Command LambdaCommand()
    {
        var net = NetworkOptions();
        var width = WidthOption(20);
        var cutoffs = new Option<string>("--cutoffs", "-L") { Description = "Position-box cutoffs Λ in (0, 1e7], comma-separated, 'inf' (Gauss-net only: the vertex integral converges) or 'published' (7 … 1e5). Default: published for relu and erf, '0.25,0.5,1,2,4,inf' for gauss.", };
        var tuple = new Option<string?>("--tuple") { Description = "One 4-tuple of input indices (1-based, e.g. 1,2,3,4); default: every sorted 4-tuple of the inputs." };
        var momentum = new Option<string?>("--momentum") { Description = "Gauss-net, d = 1: also λ with the propagators cut at |p| < L, for these L in (0.05, 50], comma-separated." };
        var kappa = new Option<bool>("--kappa") { Description = "Also the sextic coupling κ(Λ) at the first six-tuple (1,…,6) (needs 6 inputs, d = 1, finite Λ), with λ the mean matched λ of its 4-subtuples." };
        var format = FormatOption();
        var output = OutOption();
        var cmd = new Command("lambda",
            "Tree-level couplings of the effective action S = ½∫∫fK⁻¹f + ∫(λf⁴ + κf⁶) (docs/theory.md §9.5–9.6): λ(Λ) = −G₄c/(24∫_Λ Π K_EFT) on the " +
            "box [−Λ, Λ]^d with K_EFT = K − σ_b², its running d ln|λ|/d ln Λ (ReLU σ_b = 0: exactly −(d+4), λ = −25/(2Nσ_W⁸Λ⁵); Erf → −d; Gauss → 0, " +
            "λ freezes), the one-loop tadpole δG₂/K of the matched λ, the momentum cutoff of the Gauss-net and κ(Λ).");
        foreach (var o in net.All) cmd.Options.Add(o);
        foreach (var o in new Option[] { width, cutoffs, tuple, momentum, kappa, format, output }) cmd.Options.Add(o);
        cutoffs.DefaultValueFactory = _ => "default";
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse, format);
            var (a, points) = Parse(parse, net);
            int n = Width(parse, width);
            var lambdas = Cutoffs(parse.GetValue(cutoffs)!, a.Kind);
            var outPath = parse.GetValue(output);
            CheckOut(outPath, "--out");
            var moments = Guard(() => NeuronMoments.For(a, [.. points.Select(p => (IReadOnlyList<double>)p)]));
            var tuples = parse.GetValue(tuple) is { } t ? [TupleOf(t, points.Length)] : Tuples.Sorted(points.Length, 4);
            var running = Guard(() => TreeLevelCouplings.Running(moments, n, tuples, lambdas));
            var mom = parse.GetValue(momentum) is { } mt ? BrgCommand.Doubles("--momentum", mt) : [];
            var momentumRows = Guard(() => mom.Select(l => TreeLevelCouplings.MomentumQuartics(moments, n, tuples, l)).ToImmutableArray());
            var finite = lambdas.Where(double.IsFinite).ToArray();
            var tadpoles = finite.Length == 0 || tuples[0].Length < 2 ? [] : Guard(() => finite.Select(l =>
            {
                double mean = running.Points[lambdas.IndexOf(l)].Average(q => q.Lambda);
                return (Cutoff: l, Lambda: mean, Ratio: TreeLevelCouplings.TadpoleRatio(moments, tuples[0][0], tuples[0][1], l, mean));
            }).ToImmutableArray());
            ImmutableArray<SexticCoupling> sextic = [];
            if (parse.GetValue(kappa))
            {
                if (points.Length < 6) throw new UserError($"--kappa needs six inputs, got {points.Length}.");
                if (finite.Length == 0) throw new UserError("--kappa needs a finite cutoff.");
                ImmutableArray<int> six = [0, 1, 2, 3, 4, 5];
                sextic = Guard(() => finite.Select(l =>
                {
                    var subs = Tuples.Sorted(6, 4).Where(s => s.Distinct().Count() == 4).ToList();
                    double mean = subs.Average(s => TreeLevelCouplings.Quartic(moments, n, s, l).Lambda);
                    return TreeLevelCouplings.Sextic(moments, n, six, l, mean);
                }).ToImmutableArray());
            }
            return Emit(parse, fmt, () => LambdaJson(a, points, n, lambdas, running, mom, momentumRows, tadpoles, sextic),
                () => LambdaTable(a, points, n, lambdas, running, mom, momentumRows, tadpoles, sextic), outPath);
        });
        return cmd;
    }

    private static ImmutableArray<double> Cutoffs(string text, NetworkKind kind)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "default") return kind == NetworkKind.Gauss ? [0.25, 0.5, 1, 2, 4, double.PositiveInfinity] : PublishedCutoffs;
        if (t == "published") return PublishedCutoffs;
        var fields = t.Split(',', StringSplitOptions.TrimEntries);
        var values = ImmutableArray.CreateBuilder<double>();
        for (int i = 0; i < fields.Length; i++)
        {
            if (fields[i] is "inf" or "infinity" or "∞") { values.Add(double.PositiveInfinity); continue; }
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v <= 0 || v > TreeLevelCouplings.MaxCutoff)
                throw new UserError($"--cutoffs: field {i + 1} '{fields[i]}' is not a cutoff in (0, {TreeLevelCouplings.MaxCutoff:E0}] or 'inf'.");
            values.Add(v);
        }
        return values.ToImmutable();
    }

    private static ImmutableArray<int> TupleOf(string text, int points)
    {
        var fields = text.Split(',', StringSplitOptions.TrimEntries);
        if (fields.Length != 4) throw new UserError($"--tuple: give four indices, got {fields.Length} in '{text}'.");
        var result = new int[4];
        for (int i = 0; i < 4; i++)
        {
            if (!int.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1 || k > points)
                throw new UserError($"--tuple: index {i + 1} '{fields[i]}' must be an input number 1 … {points}.");
            result[i] = k - 1;
        }
        Array.Sort(result);
        return [.. result];
    }

    private static string LambdaTable(NetworkArchitecture a, ImmutableArray<ImmutableArray<double>> points, int n, ImmutableArray<double> cutoffs, CouplingRunning running,
        ImmutableArray<double> momentum, ImmutableArray<ImmutableArray<QuarticCoupling>> momentumRows, ImmutableArray<(double Cutoff, double Lambda, double Ratio)> tadpoles, ImmutableArray<SexticCoupling> sextic)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# tree-level λ(Λ) = −G₄c/(24 I₄), I₄ = ∫_[−Λ,Λ]^d Π K_EFT(x_i, y) (docs/theory.md §9.5), {a.Describe()}, N = {n}");
        sb.AppendLine($"# {PointsText(points)}; {running.Points[0].Length} four-tuple(s)");
        sb.AppendLine("# premise: S = ½∫∫fK⁻¹f + ∫λf⁴ with a local coupling matched at tree level; the cutoff is a position box on the vertex integral");
        sb.AppendLine($"{"Λ",10} {"mean λ",14} {"min λ",14} {"max λ",14} {"N Λ^(d+4) λ̄",14} {"I₄ by",12}");
        for (int c = 0; c < cutoffs.Length; c++)
        {
            var q = running.Points[c];
            double mean = q.Average(p => p.Lambda);
            string scaled = double.IsFinite(cutoffs[c]) ? G(n * Math.Pow(cutoffs[c], a.InputDimension + 4) * mean) : "—";
            sb.AppendLine($"{(double.IsFinite(cutoffs[c]) ? G(cutoffs[c]) : "∞"),10} {G(mean),14} {G(q.Min(p => p.Lambda)),14} {G(q.Max(p => p.Lambda)),14} {scaled,14} {(q[0].Method == VertexMethod.ClosedForm ? "closed form" : "quadrature"),12}");
        }
        if (running.Slope is { } s)
            sb.AppendLine($"running: d ln|λ̄|/d ln Λ fitted over the finite cutoffs = {s.Slope:F6} ± {s.SlopeStandardError:G3} (R² = {s.RSquared:F6}); local slopes {string.Join(", ", running.LocalSlopes.Select(G4))}");
        sb.AppendLine(a.Kind switch
        {
            NetworkKind.Relu when a.SigmaB == 0 && a.InputDimension == 1 => "expected (derivation nnqft-couplings): λ = −25/(2Nσ_W⁸Λ⁵) at positive inputs, slope −5 exactly",
            NetworkKind.Relu when a.SigmaB == 0 => $"expected: K_EFT is homogeneous of degree 1 at σ_b = 0, so N Λ^(d+4) λ is Λ-independent and the slope is −(d+4) = {-(a.InputDimension + 4)} exactly",
            NetworkKind.Relu => $"expected: slope → −(d+4) = {-(a.InputDimension + 4)} as Λ → ∞ (σ_b sets a scale)",
            NetworkKind.Erf => $"expected: slope → −d = {-a.InputDimension} (K_EFT tends to a constant)",
            _ => "expected: λ(Λ) → λ(∞), the coupling freezes (the vertex integral converges)",
        });
        for (int k = 0; k < momentum.Length; k++)
            sb.AppendLine($"momentum cutoff |p| < {G(momentum[k])}: mean λ_mom = {G(momentumRows[k].Average(q => q.Lambda))}");
        foreach (var t in tadpoles)
            sb.AppendLine($"tadpole at Λ = {G(t.Cutoff)} with constant λ = {G(t.Lambda)}: δG₂/K = {G(t.Ratio)} (the network has δG₂ = 0; normal ordering λ:f⁴: removes it)");
        foreach (var k in sextic)
            sb.AppendLine($"κ(Λ = {G(k.Cutoff)}) at (1,…,6) with constant λ = {G(k.Lambda)}: κ = {G(k.Kappa)}  (G₆c = {G(k.ConnectedSixPoint)}, exchange {G(k.Exchange)}, I₆ = {G(k.VertexIntegral)})");
        return sb.ToString();
    }

    private static JsonObject LambdaJson(NetworkArchitecture a, ImmutableArray<ImmutableArray<double>> points, int n, ImmutableArray<double> cutoffs, CouplingRunning running,
        ImmutableArray<double> momentum, ImmutableArray<ImmutableArray<QuarticCoupling>> momentumRows, ImmutableArray<(double Cutoff, double Lambda, double Ratio)> tadpoles, ImmutableArray<SexticCoupling> sextic)
    {
        var root = Net(a, points);
        root["width"] = n;
        root["contractions"] = new JsonObject
        {
            ["quartic"] = NnqftCouplings.ContractionCounts.Quartic,
            ["tadpole"] = NnqftCouplings.ContractionCounts.Tadpole,
            ["exchange"] = NnqftCouplings.ContractionCounts.Exchange,
            ["sextic"] = NnqftCouplings.ContractionCounts.Sextic,
        };
        root["premise"] = "local couplings matched at tree level; position-box cutoff on the vertex integrals";
        root["cutoffs"] = new JsonArray([.. cutoffs.Select((c, i) => (JsonNode)new JsonObject
        {
            ["cutoff"] = JsonOut.Number(c),
            ["meanLambda"] = JsonOut.Number(running.Points[i].Average(q => q.Lambda)),
            ["points"] = new JsonArray([.. running.Points[i].Select(q => (JsonNode)new JsonObject
            {
                ["tuple"] = Tuple(q.Tuple),
                ["connectedFourPoint"] = JsonOut.Number(q.ConnectedFourPoint),
                ["vertexIntegral"] = JsonOut.Number(q.VertexIntegral),
                ["lambda"] = JsonOut.Number(q.Lambda),
                ["method"] = q.Method == VertexMethod.ClosedForm ? "closedForm" : "quadrature",
            })]),
        })]);
        root["running"] = running.Slope is { } s ? new JsonObject { ["slope"] = JsonOut.Number(s.Slope), ["standardError"] = JsonOut.Number(s.SlopeStandardError), ["rSquared"] = JsonOut.Number(s.RSquared) } : null;
        root["localSlopes"] = new JsonArray([.. running.LocalSlopes.Select(v => JsonOut.Number(v))]);
        root["momentum"] = new JsonArray([.. momentum.Select((l, k) => (JsonNode)new JsonObject { ["cutoff"] = JsonOut.Number(l), ["meanLambda"] = JsonOut.Number(momentumRows[k].Average(q => q.Lambda)) })]);
        root["tadpole"] = new JsonArray([.. tadpoles.Select(t => (JsonNode)new JsonObject { ["cutoff"] = JsonOut.Number(t.Cutoff), ["lambda"] = JsonOut.Number(t.Lambda), ["ratio"] = JsonOut.Number(t.Ratio) })]);
        root["kappa"] = new JsonArray([.. sextic.Select(k => (JsonNode)new JsonObject
        {
            ["cutoff"] = JsonOut.Number(k.Cutoff), ["lambda"] = JsonOut.Number(k.Lambda), ["kappa"] = JsonOut.Number(k.Kappa),
            ["connectedSixPoint"] = JsonOut.Number(k.ConnectedSixPoint), ["exchange"] = JsonOut.Number(k.Exchange), ["vertexIntegral"] = JsonOut.Number(k.VertexIntegral),
        })]);
        return root;
    }

    // ---------------------------------------------------------------- nnqft mc

    private static Command McCommand()
    {
        var net = NetworkOptions();
        var width = WidthOption(5);
        var networks = new Option<int>("--networks", "-M") { Description = "Networks M, 20 … 1e8 (networks × width × inputs ≤ 2e11).", DefaultValueFactory = _ => 100_000 };
        var seed = SeedOption();
        var threads = ThreadsOption();
        var format = FormatOption();
        var output = OutOption();
        var cmd = new Command("mc",
            "Monte Carlo of M random networks of width N (docs/theory.md §9.4): the 2-, 4-, 6-point functions at every sorted tuple with standard " +
            "errors, against the GP and the exact correlators (z-scores), and m₂, m₄, m₆, m₆c with the background of 10 sub-ensembles. Seeded and parallel.");
        foreach (var o in net.All) cmd.Options.Add(o);
        foreach (var o in new Option[] { width, networks, seed, threads, format, output }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse, format);
            var (a, points) = Parse(parse, net);
            int n = Width(parse, width);
            int m = parse.GetValue(networks);
            if (m is < 20 or > 100_000_000) throw new UserError($"--networks must lie in 20 … 100000000, got {m}.");
            int? t = parse.GetValue(threads);
            if (t is < 1 or > 256) throw new UserError($"--threads must lie in 1 … 256, got {t}.");
            var outPath = parse.GetValue(output);
            CheckOut(outPath, "--out");
            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            string what = $"nnqft mc: {m} networks of width {n}";
            error.WriteLine($"{what} ...");
            var ensemble = Guard(() => NetworkMonteCarlo.Run(a, n, [.. points.Select(p => (IReadOnlyList<double>)p)], m, parse.GetValue(seed), t, ProgressLines.Tenths(error, what, clock, "chunks")));
            double seconds = clock.Elapsed.TotalSeconds;
            var analysis = EnsembleAnalysis.Analyze(ensemble);
            error.WriteLine($"nnqft mc: done in {clock.Elapsed.TotalSeconds:F1} s ({m / Math.Max(seconds, 1e-9):G3} networks/s)");
            return Emit(parse, fmt, () => McJson(analysis, seconds), () => McTable(analysis, seconds), outPath);
        });
        return cmd;
    }

    private static double WorstZ(EnsembleAnalysisResult r) =>
        r.Tuples.SelectMany(t => t).Select(t => t.Z is { } z ? Math.Abs(z) : 0).DefaultIfEmpty(0).Max();

    private static string McTable(EnsembleAnalysisResult r, double seconds)
    {
        var e = r.Ensemble;
        var sb = new StringBuilder();
        sb.AppendLine($"# Monte Carlo (docs/theory.md §9.4): {e.Networks} networks of width N = {e.Width}, {e.Architecture.Describe()}, seed {e.Seed}, {seconds:F1} s");
        sb.AppendLine($"# {PointsText(e.Points)}");
        sb.AppendLine($"{"",6} {"measured",12} {"± s.e.",10} {"background",12} {"exact",12}");
        foreach (var m in r.Measurements)
            sb.AppendLine($"{FieldTheoryFigures.Symbol(m.Kind),6} {G4(m.Measured.Mean),12} {G4(m.Measured.StandardError),10} {G4(m.Background),12} {(m.Exact is { } x ? G4(x) : "n/a"),12}");
        foreach (var (rows, k) in r.Tuples.Select((t, i) => (t, 2 * i + 2)))
        {
            sb.AppendLine();
            sb.AppendLine($"## {k}-point: Ḡ − G^GP per tuple ({rows.Length})");
            sb.AppendLine($"{"tuple",18} {"G^GP",12} {"Ḡ − G^GP",12} {"± s.e.",10} {"exact",12} {"z",7}");
            foreach (var t in rows)
                sb.AppendLine($"{Tuples.Format(t.Tuple),18} {G4(t.Gp),12} {G4(t.Measured.Mean),12} {G4(t.Measured.StandardError),10} {(t.Exact is { } x ? G4(x) : "n/a"),12} {(t.Z is { } z ? z.ToString("F2", CultureInfo.InvariantCulture) : ""),7}");
        }
        int count = r.Tuples.Sum(t => t.Length);
        sb.AppendLine(r.Tuples[1].Any(t => t.Exact is not null)
            ? $"verdict: largest |z| = {WorstZ(r):F2} over {count} tuples (about {count * 0.0027:F1} beyond 3σ expected by chance)"
            : "verdict: no exact correlators for this architecture in this dimension; deviations are measured against the GP only");
        return sb.ToString();
    }

    private static JsonObject Measurement(DeviationMeasurement m) => new()
    {
        ["kind"] = FieldTheoryFigures.Symbol(m.Kind),
        ["measured"] = Pair(m.Measured),
        ["background"] = JsonOut.Number(m.Background),
        ["exact"] = m.Exact is { } x ? JsonOut.Number(x) : null,
        ["aboveBackground"] = m.AboveBackground,
    };

    private static JsonObject McJson(EnsembleAnalysisResult r, double seconds)
    {
        var e = r.Ensemble;
        var root = Net(e.Architecture, e.Points);
        root["width"] = e.Width;
        root["networks"] = e.Networks;
        root["seed"] = e.Seed;
        root["seconds"] = JsonOut.Number(seconds);
        root["measurements"] = new JsonArray([.. r.Measurements.Select(m => (JsonNode)Measurement(m))]);
        root["orders"] = new JsonArray([.. r.Tuples.Select((rows, i) => (JsonNode)new JsonObject
        {
            ["n"] = 2 * i + 2,
            ["tuples"] = new JsonArray([.. rows.Select(t => (JsonNode)new JsonObject
            {
                ["tuple"] = Tuple(t.Tuple),
                ["gp"] = JsonOut.Number(t.Gp),
                ["deviation"] = Pair(t.Measured),
                ["exact"] = t.Exact is { } x ? JsonOut.Number(x) : null,
                ["z"] = t.Z is { } z ? JsonOut.Number(z) : null,
            })]),
        })]);
        root["worstZ"] = JsonOut.Number(WorstZ(r));
        return root;
    }

    // ---------------------------------------------------------------- nnqft experiment

    private static Command ExperimentCommand()
    {
        var net = NetworkOptions();
        var widths = new Option<string>("--widths") { Description = "Widths N, comma-separated integers 1 … 1e6, or 'published' (2,3,4,5,10,20,50,100,500,1000).", DefaultValueFactory = _ => "published" };
        var networks = new Option<int>("--networks", "-M") { Description = "Networks per width, 20 … 1e8 (published: 1e6).", DefaultValueFactory = _ => 1_000_000 };
        var seed = SeedOption();
        var threads = ThreadsOption();
        var format = FormatOption();
        var output = OutOption();
        var plot = new Option<string?>("--plot") { Description = "Write the figure (log m against log N) to this file, atomically: .svg or .png." };
        var cmd = new Command("experiment",
            "The experiment of arXiv:2008.08601 (docs/theory.md §9.4): for each width, M networks at the inputs; m_n = mean over tuples of |Ḡ_n − G_n^GP|/G_n^GP " +
            "for n = 2, 4, 6 and the connected six-point m₆c, with the background of 10 sub-ensembles and the exact values; the slope of log m against log N " +
            "(expected −1 for m₄, m₆ and −2 for m₆c) fitted over the widths where the signal exceeds 3 × background, with its standard error.");
        foreach (var o in net.All) cmd.Options.Add(o);
        foreach (var o in new Option[] { widths, networks, seed, threads, format, output, plot }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var fmt = Format(parse, format);
            var (a, points) = Parse(parse, net);
            var text = parse.GetValue(widths)!.Trim();
            ImmutableArray<int> ns;
            if (text.Equals("published", StringComparison.OrdinalIgnoreCase)) ns = WidthExperimentOptions.PublishedWidths;
            else
            {
                var fields = text.Split(',', StringSplitOptions.TrimEntries);
                var list = ImmutableArray.CreateBuilder<int>();
                for (int i = 0; i < fields.Length; i++)
                {
                    if (!int.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int w) || w < 1 || w > 1_000_000)
                        throw new UserError($"--widths: field {i + 1} '{fields[i]}' is not an integer in 1 … 1000000.");
                    if (list.Contains(w)) throw new UserError($"--widths: {w} is repeated.");
                    list.Add(w);
                }
                ns = list.ToImmutable();
            }
            int m = parse.GetValue(networks);
            if (m is < 20 or > 100_000_000) throw new UserError($"--networks must lie in 20 … 100000000, got {m}.");
            int? t = parse.GetValue(threads);
            if (t is < 1 or > 256) throw new UserError($"--threads must lie in 1 … 256, got {t}.");
            var outPath = parse.GetValue(output);
            var plotPath = parse.GetValue(plot);
            CheckOut(outPath, "--out");
            CheckOut(plotPath, "--plot");
            if (plotPath is not null && Path.GetExtension(plotPath).ToLowerInvariant() is not (".svg" or ".png"))
                throw new UserError($"--plot: '{plotPath}' must end in .svg or .png.");
            if (plotPath is not null && outPath is not null && FilePaths.RealPath(plotPath) == FilePaths.RealPath(outPath))
                throw new UserError("--plot and --out name the same file.");
            double work = (double)m * ns.Sum(x => (double)x) * points.Length;
            if (ns.Any(x => (double)m * x * points.Length > NetworkMonteCarlo.MaxWork))
                throw new UserError($"--networks {m} at the largest width exceeds {NetworkMonteCarlo.MaxWork:E0} unit evaluations; lower --networks or the widths.");
            var options = new WidthExperimentOptions { Architecture = a, Widths = ns, Networks = m, Points = points, Seed = parse.GetValue(seed), Threads = t };
            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            error.WriteLine($"nnqft experiment: {ns.Length} widths × {m} networks ({work:E2} unit evaluations) ...");
            int lastWidth = -1;
            object gate = new();
            var report = Guard(() => WidthExperiment.Run(options, (i, total, done, chunks) =>
            {
                lock (gate)
                {
                    if (done != chunks || i <= lastWidth) return;
                    lastWidth = i;
                    error.WriteLine($"nnqft experiment: width {ns[i]} done ({i + 1}/{total}, {clock.Elapsed.TotalSeconds:F1} s)");
                }
            }));
            error.WriteLine($"nnqft experiment: done in {report.Seconds:F1} s");
            int code = Emit(parse, fmt, () => ExperimentJson(report), () => ExperimentTable(report), outPath);
            if (plotPath is not null)
            {
                var figure = FieldTheoryFigures.Deviations(report);
                if (Path.GetExtension(plotPath).Equals(".png", StringComparison.OrdinalIgnoreCase)) AtomicFile.WriteAllBytes(plotPath, Png.Render(figure));
                else AtomicFile.WriteAllText(plotPath, Svg.Render(figure));
            }
            return code;
        });
        return cmd;
    }

    private static string ExperimentTable(WidthExperimentReport r)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        sb.AppendLine($"# deviation from the GP against the width (docs/theory.md §9.4): {o.Architecture.Describe()}, {o.Networks} networks per width, seed {o.Seed}, {r.Seconds:F1} s");
        sb.AppendLine($"# {PointsText(o.Inputs)}");
        sb.AppendLine("# m = mean over tuples |Ḡ − G^GP|/G^GP ± s.e. over 10 sub-ensembles; bg = background (sub-ensemble spread); exact from the exact correlators");
        var kinds = new[] { DeviationKind.TwoPoint, DeviationKind.FourPoint, DeviationKind.SixPoint, DeviationKind.SixPointConnected };
        sb.AppendLine($"{"N",6} " + string.Join(" ", kinds.Select(k => $"{FieldTheoryFigures.Symbol(k),10} {"± s.e.",9} {"bg",9} {"exact",10}")));
        foreach (var row in r.Rows)
            sb.AppendLine($"{row.Width,6} " + string.Join(" ", kinds.Select(k =>
            {
                var m = row.Analysis.Of(k);
                return $"{G4(m.Measured.Mean),10} {G4(m.Measured.StandardError),9} {G4(m.Background),9} {(m.Exact is { } x ? G4(x) : "n/a"),10}";
            })));
        foreach (var s in r.Slopes)
            sb.AppendLine(s.Fit is { } f
                ? $"slope of log {FieldTheoryFigures.Symbol(s.Kind)} vs log N: {f.Slope:F3} ± {f.SlopeStandardError:F3} (expected {s.Expected:F0}; widths {string.Join(",", s.Widths)})"
                : $"slope of log {FieldTheoryFigures.Symbol(s.Kind)}: not fitted ({s.Widths.Length} width(s) above 3 × background; 3 needed)");
        return sb.ToString();
    }

    private static JsonObject ExperimentJson(WidthExperimentReport r)
    {
        var o = r.Options;
        var root = Net(o.Architecture, o.Inputs);
        root["networks"] = o.Networks;
        root["seed"] = o.Seed;
        root["seconds"] = JsonOut.Number(r.Seconds);
        root["rows"] = new JsonArray([.. r.Rows.Select(row => (JsonNode)new JsonObject
        {
            ["width"] = row.Width,
            ["seconds"] = JsonOut.Number(row.Seconds),
            ["measurements"] = new JsonArray([.. row.Analysis.Measurements.Select(m => (JsonNode)Measurement(m))]),
        })]);
        root["slopes"] = new JsonArray([.. r.Slopes.Select(s => (JsonNode)new JsonObject
        {
            ["kind"] = FieldTheoryFigures.Symbol(s.Kind),
            ["expected"] = s.Expected is { } e ? JsonOut.Number(e) : null,
            ["slope"] = s.Fit is { } f ? JsonOut.Number(f.Slope) : null,
            ["standardError"] = s.Fit is { } g ? JsonOut.Number(g.SlopeStandardError) : null,
            ["widths"] = new JsonArray([.. s.Widths.Select(w => (JsonNode)JsonValue.Create(w))]),
        })]);
        return root;
    }
}
