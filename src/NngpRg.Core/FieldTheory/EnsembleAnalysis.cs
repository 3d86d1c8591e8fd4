using System.Collections.Immutable;
using NngpRg.Core.Regression;

namespace NngpRg.Core.FieldTheory;

/// <summary>Which deviation from the GP a measurement is: the full n-point deviation (n = 2, 4, 6) or the connected six-point function.</summary>
public enum DeviationKind
{
    /// <summary>m₂: |Ḡ₂ − K|/K (exactly 0 at every width: pure noise).</summary>
    TwoPoint,
    /// <summary>m₄: |Ḡ₄ − G₄^GP|/G₄^GP (slope −1).</summary>
    FourPoint,
    /// <summary>m₆: |Ḡ₆ − G₆^GP|/G₆^GP (slope −1).</summary>
    SixPoint,
    /// <summary>m₆c: |Ḡ₆ − Σ₁₅ Ḡ₄K + 2G₆^GP|/G₆^GP, the connected six-point function (slope −2).</summary>
    SixPointConnected,
}

/// <summary>
/// One measured deviation of an ensemble (docs/theory.md (9.7)): m = mean over tuples of |measured − GP|/GP, its standard
/// error (the spread of the same mean over the sub-ensembles, divided by √groups), the background (mean over tuples of the
/// sub-ensemble spread of the measured function, relative to the GP) and, where exact moments exist, the exact m.
/// </summary>
/// <param name="Kind">Which deviation.</param>
/// <param name="Measured">m with its standard error.</param>
/// <param name="Background">The noise floor of the sub-ensembles.</param>
/// <param name="Exact">m of the exact correlators at this width, or null (no exact moments for this architecture).</param>
public sealed record DeviationMeasurement(DeviationKind Kind, Estimate Measured, double Background, double? Exact)
{
    /// <summary>Whether the signal is above three times the background (the widths a slope fit uses).</summary>
    public bool AboveBackground => Measured.Mean > 3 * Background;
}

/// <summary>Per tuple: the measured deviation from the GP with its standard error and the exact deviation.</summary>
/// <param name="Tuple">The point indices.</param>
/// <param name="Gp">G_n^GP.</param>
/// <param name="Measured">Ḡ_n − G_n^GP with the standard error of Ḡ_n.</param>
/// <param name="Exact">G_n − G_n^GP exactly, or null.</param>
public sealed record TupleDeviation(ImmutableArray<int> Tuple, double Gp, Estimate Measured, double? Exact)
{
    /// <summary>(measured − exact)/s.e., or null without an exact value.</summary>
    public double? Z => Exact is { } e && Measured.StandardError > 0 ? (Measured.Mean - e) / Measured.StandardError : null;
}

/// <summary>The analysis of an ensemble against the GP and the exact correlators.</summary>
/// <param name="Ensemble">The Monte Carlo.</param>
/// <param name="Measurements">m₂, m₄, m₆, m₆c.</param>
/// <param name="Tuples">Per n = 2, 4, 6: the tuple deviations.</param>
public sealed record EnsembleAnalysisResult(NetworkEnsemble Ensemble, ImmutableArray<DeviationMeasurement> Measurements, ImmutableArray<ImmutableArray<TupleDeviation>> Tuples)
{
    /// <summary>The measurement of one kind.</summary>
    public DeviationMeasurement Of(DeviationKind kind) => Measurements.Single(m => m.Kind == kind);
}

/// <summary>Compares a <see cref="NetworkEnsemble"/> with the GP and the exact correlators (docs/theory.md §9.4).</summary>
public static class EnsembleAnalysis
{
    /// <summary>The measurements and per-tuple deviations; the exact side when <see cref="NeuronMoments.Available"/>.</summary>
    public static EnsembleAnalysisResult Analyze(NetworkEnsemble e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var a = e.Architecture;
        var points = e.Points.Select(p => (IReadOnlyList<double>)p).ToList();
        var moments = NeuronMoments.Available(a) ? NeuronMoments.For(a, points) : null;
        int groups = e.GroupMeans[0].Length;
        double K(int i, int j) => a.Kernel(e.Points[i].AsSpan(), e.Points[j].AsSpan());

        var exact = new ImmutableArray<CorrelatorPoint>?[3];
        var gp = new double[3][];
        for (int o = 0; o < 3; o++)
        {
            var tuples = e.Tuples[o];
            if (moments is not null)
            {
                var list = new CorrelatorPoint[tuples.Length];
                Parallel.For(0, tuples.Length, t => list[t] = Correlators.At(moments, tuples[t]));
                exact[o] = [.. list];
                gp[o] = [.. list.Select(c => c.Gp)];
            }
            else
            {
                var spare = NeuronMomentsFree(a, e.Points);
                gp[o] = [.. tuples.Select(t => spare(t))];
            }
        }

        // connected six-point per tuple: Ḡ₆ − Σ₁₅ Ḡ₄(abcd) K(ef) + 2 G₆^GP, for the full ensemble and each group
        var fourIndex = new Dictionary<string, int>();
        for (int t = 0; t < e.Tuples[1].Length; t++) fourIndex[string.Join(",", e.Tuples[1][t])] = t;
        var splits = NngpRg.Symbolic.Probability.SetPartitions.WithBlockSizes([4, 2])
            .Select(p => p[0].Length == 4 ? (Four: p[0], Two: p[1]) : (Four: p[1], Two: p[0])).ToArray();
        var sixSplits = e.Tuples[2].Select(t => splits.Select(s =>
            (Four: fourIndex[string.Join(",", s.Four.Select(i => t[i]).Order())], Kef: K(t[s.Two[0]], t[s.Two[1]]))).ToArray()).ToArray();
        double Connected(IReadOnlyList<double> six, IReadOnlyList<double> four, int t)
        {
            double v = six[t] + 2 * gp[2][t];
            foreach (var (f, kef) in sixSplits[t]) v -= four[f] * kef;
            return v;
        }

        var measurements = ImmutableArray.CreateBuilder<DeviationMeasurement>();
        var tupleRows = ImmutableArray.CreateBuilder<ImmutableArray<TupleDeviation>>();
        for (int o = 0; o < 3; o++)
        {
            var means = e.Means[o];
            int len = means.Length;
            double MeanAbs(Func<int, double> value) => Enumerable.Range(0, len).Average(t => Math.Abs(value(t) - gp[o][t]) / gp[o][t]);
            double full = MeanAbs(t => means[t].Mean);
            var perGroup = Enumerable.Range(0, groups).Select(g => MeanAbs(t => e.GroupMeans[o][g][t])).ToArray();
            double background = Enumerable.Range(0, len).Average(t => Std(Enumerable.Range(0, groups).Select(g => e.GroupMeans[o][g][t])) / gp[o][t]);
            int width = e.Width;
            double? exactM = exact[o] is { } ex ? ex.Average(c => Math.Abs(c.RelativeDeviation(width))) : null;
            var kind = o switch { 0 => DeviationKind.TwoPoint, 1 => DeviationKind.FourPoint, _ => DeviationKind.SixPoint };
            measurements.Add(new DeviationMeasurement(kind, new Estimate(full, Std(perGroup) / Math.Sqrt(groups), groups), background, exactM));
            tupleRows.Add([.. Enumerable.Range(0, len).Select(t => new TupleDeviation(e.Tuples[o][t], gp[o][t],
                new Estimate(means[t].Mean - gp[o][t], means[t].StandardError, means[t].Draws), exact[o] is { } x ? x[t].Deviation(width) : null))]);
        }
        {
            int len = e.Tuples[2].Length;
            var fullSix = e.Means[2].Select(m => m.Mean).ToArray();
            var fullFour = e.Means[1].Select(m => m.Mean).ToArray();
            double MeanAbs(IReadOnlyList<double> six, IReadOnlyList<double> four) => Enumerable.Range(0, len).Average(t => Math.Abs(Connected(six, four, t)) / gp[2][t]);
            double full = MeanAbs(fullSix, fullFour);
            var perGroup = Enumerable.Range(0, groups).Select(g => MeanAbs(e.GroupMeans[2][g], e.GroupMeans[1][g])).ToArray();
            double background = Enumerable.Range(0, len).Average(t =>
                Std(Enumerable.Range(0, groups).Select(g => Connected(e.GroupMeans[2][g], e.GroupMeans[1][g], t))) / gp[2][t]);
            double? exactM = exact[2] is { } ex ? ex.Average(c => Math.Abs(c.RelativeConnected(e.Width))) : null;
            measurements.Add(new DeviationMeasurement(DeviationKind.SixPointConnected, new Estimate(full, Std(perGroup) / Math.Sqrt(groups), groups), background, exactM));
        }
        return new EnsembleAnalysisResult(e, measurements.ToImmutable(), tupleRows.ToImmutable());
    }

    // G_n^GP from the kernel alone (no moments needed).
    private static Func<ImmutableArray<int>, double> NeuronMomentsFree(NetworkArchitecture a, ImmutableArray<ImmutableArray<double>> points)
    {
        var pair4 = NngpRg.Symbolic.Probability.Wick.Pairings(4).ToArray();
        var pair6 = NngpRg.Symbolic.Probability.Wick.Pairings(6).ToArray();
        return t =>
        {
            double K(int i, int j) => a.Kernel(points[t[i]].AsSpan(), points[t[j]].AsSpan());
            if (t.Length == 2) return K(0, 1);
            var pairings = t.Length == 4 ? pair4 : pair6;
            return pairings.Sum(p => p.Aggregate(1.0, (acc, q) => acc * K(q.First, q.Second)));
        };
    }

    private static double Std(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
