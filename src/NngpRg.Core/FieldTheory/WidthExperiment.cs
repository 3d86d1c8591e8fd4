using System.Collections.Immutable;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// The experiment of Halverson–Maiti–Stoner (arXiv:2008.08601, §2; docs/theory.md §9.4): for each width N, M random
/// networks at fixed inputs, the normalized deviations m₂, m₄, m₆, m₆c from the GP with their background, and the slope
/// of log m against log N (−1 for m₄ and m₆, −2 for m₆c) fitted on the widths where the signal exceeds 3 × background.
/// </summary>
public sealed record WidthExperimentOptions
{
    /// <summary>The published widths.</summary>
    public static readonly ImmutableArray<int> PublishedWidths = [2, 3, 4, 5, 10, 20, 50, 100, 500, 1000];

    /// <summary>The architecture (default: ReLU, d = 1, σ_W = 1, σ_b = 0).</summary>
    public NetworkArchitecture Architecture { get; init; } = NetworkArchitecture.Of(NetworkKind.Relu);

    /// <summary>The widths N.</summary>
    public ImmutableArray<int> Widths { get; init; } = PublishedWidths;

    /// <summary>Networks M per width (published: 10⁶).</summary>
    public int Networks { get; init; } = 1_000_000;

    /// <summary>The input points (null: the published set of the architecture, <see cref="PublishedInputs"/>).</summary>
    public ImmutableArray<ImmutableArray<double>>? Points { get; init; }

    /// <summary>The seed; width i uses seed + i.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads (null: all cores); results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>The inputs used: <see cref="Points"/> or the published set.</summary>
    public ImmutableArray<ImmutableArray<double>> Inputs => Points ?? PublishedInputs(Architecture.Kind, Architecture.InputDimension);

    /// <summary>
    /// The published input sets: d = 1 Gauss 0.01·{−1, −0.6, −0.2, 0.2, 0.6, 1}, Erf {−1, …, 1}, ReLU {0.2, 0.4, …, 1.2};
    /// d = 2 {±1}² (×0.01 Gauss; {0.5, 1}² ReLU); d = 3 the four points (−1,−1,−1), (1,1,−1), (−1,1,1), (1,−1,1) (×0.01 Gauss; entries 0.2/1 for ReLU).
    /// </summary>
    /// <exception cref="ArgumentException">d &gt; 3 (give the points).</exception>
    public static ImmutableArray<ImmutableArray<double>> PublishedInputs(NetworkKind kind, int dimension)
    {
        double[] unit = [-1, -0.6, -0.2, 0.2, 0.6, 1];
        double[][] raw = dimension switch
        {
            1 => kind == NetworkKind.Relu ? [[0.2], [0.4], [0.6], [0.8], [1.0], [1.2]] : [.. unit.Select(v => new[] { v })],
            2 => kind == NetworkKind.Relu ? [[0.5, 0.5], [0.5, 1], [1, 0.5], [1, 1]] : [[-1, -1], [-1, 1], [1, -1], [1, 1]],
            3 => kind == NetworkKind.Relu ? [[0.2, 0.2, 0.2], [1, 1, 0.2], [0.2, 1, 1], [1, 0.2, 1]] : [[-1, -1, -1], [1, 1, -1], [-1, 1, 1], [1, -1, 1]],
            _ => throw new ArgumentException($"no published input set for d = {dimension}; give the points."),
        };
        double scale = kind == NetworkKind.Gauss ? 0.01 : 1;
        return [.. raw.Select(p => p.Select(v => scale * v).ToImmutableArray())];
    }
}

/// <summary>One width of the experiment.</summary>
/// <param name="Width">N.</param>
/// <param name="Analysis">The measurements at this width.</param>
/// <param name="Seconds">Wall time of the Monte Carlo.</param>
public sealed record WidthRow(int Width, EnsembleAnalysisResult Analysis, double Seconds);

/// <summary>A fitted slope of log₁₀ m against log₁₀ N.</summary>
/// <param name="Kind">Which deviation.</param>
/// <param name="Expected">The predicted slope (−1 for m₄, m₆; −2 for m₆c; null for m₂, which is noise).</param>
/// <param name="Fit">The least-squares line (slope with its standard error), or null when fewer than 3 widths are above background.</param>
/// <param name="Widths">The widths used (signal &gt; 3 × background).</param>
public sealed record SlopeFit(DeviationKind Kind, double? Expected, LineFit? Fit, ImmutableArray<int> Widths);

/// <summary>The experiment's result.</summary>
/// <param name="Options">The settings.</param>
/// <param name="Rows">Per width.</param>
/// <param name="Slopes">For m₄, m₆ and m₆c.</param>
/// <param name="Seconds">Total wall time.</param>
public sealed record WidthExperimentReport(WidthExperimentOptions Options, ImmutableArray<WidthRow> Rows, ImmutableArray<SlopeFit> Slopes, double Seconds);

/// <summary>Runs the <see cref="WidthExperimentOptions"/> experiment.</summary>
public static class WidthExperiment
{
    /// <summary>The fitted kinds with their predicted slopes.</summary>
    public static readonly ImmutableArray<(DeviationKind Kind, double Expected)> Predicted =
        [(DeviationKind.FourPoint, -1), (DeviationKind.SixPoint, -1), (DeviationKind.SixPointConnected, -2)];

    /// <summary>
    /// Runs every width; <paramref name="progress"/> receives (width index, widths, chunks done, chunks total).
    /// </summary>
    /// <exception cref="ArgumentException">No widths, a width &lt; 1, repeated widths, or the Monte Carlo's own errors.</exception>
    public static WidthExperimentReport Run(WidthExperimentOptions options, Action<int, int, int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Widths.IsDefaultOrEmpty) throw new ArgumentException("WidthExperiment: give at least one width.");
        if (options.Widths.Any(n => n < 1)) throw new ArgumentException("WidthExperiment: widths must be ≥ 1.");
        if (options.Widths.Distinct().Count() != options.Widths.Length) throw new ArgumentException("WidthExperiment: the widths repeat.");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var points = options.Inputs.Select(p => (IReadOnlyList<double>)p).ToList();
        var rows = ImmutableArray.CreateBuilder<WidthRow>();
        for (int i = 0; i < options.Widths.Length; i++)
        {
            var start = clock.Elapsed;
            int index = i;
            var ensemble = NetworkMonteCarlo.Run(options.Architecture, options.Widths[i], points, options.Networks, options.Seed + i, options.Threads,
                progress is null ? null : (done, total) => progress(index, options.Widths.Length, done, total));
            rows.Add(new WidthRow(options.Widths[i], EnsembleAnalysis.Analyze(ensemble), (clock.Elapsed - start).TotalSeconds));
        }
        var built = rows.ToImmutable();
        return new WidthExperimentReport(options, built, [.. Predicted.Select(p => Fit(built, p.Kind, p.Expected))], clock.Elapsed.TotalSeconds);
    }

    /// <summary>The slope fit of one kind over the rows above background.</summary>
    public static SlopeFit Fit(IReadOnlyList<WidthRow> rows, DeviationKind kind, double? expected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var used = rows.Where(r => r.Analysis.Of(kind) is { AboveBackground: true } m && m.Measured.Mean > 0).ToList();
        if (used.Count < 3) return new SlopeFit(kind, expected, null, [.. used.Select(r => r.Width)]);
        var fit = PowerLawFit.Line([.. used.Select(r => Math.Log10(r.Width))], [.. used.Select(r => Math.Log10(r.Analysis.Of(kind).Measured.Mean))]);
        return new SlopeFit(kind, expected, fit, [.. used.Select(r => r.Width)]);
    }
}
