using System.Collections.Immutable;
using NngpRg.Core.Regression;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// Monte Carlo n-point functions of M independent random networks of width N at fixed inputs (docs/theory.md §9.4): for
/// every sorted tuple of n = 2, 4, 6 points the mean of Π f(x_i) over the networks with its standard error, and the means
/// of <see cref="NetworkMonteCarlo.Groups"/> equal sub-ensembles (the "background" of the experiment).
/// </summary>
/// <param name="Architecture">The architecture sampled.</param>
/// <param name="Width">N.</param>
/// <param name="Points">The input points.</param>
/// <param name="Networks">M.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Tuples">The tuples, by n: index 0 for n = 2, 1 for n = 4, 2 for n = 6.</param>
/// <param name="Means">Per n, per tuple: the ensemble mean of Π f with its standard error over the networks.</param>
/// <param name="GroupMeans">Per n, per group, per tuple: the sub-ensemble mean.</param>
public sealed record NetworkEnsemble(
    NetworkArchitecture Architecture,
    int Width,
    ImmutableArray<ImmutableArray<double>> Points,
    int Networks,
    int Seed,
    ImmutableArray<ImmutableArray<ImmutableArray<int>>> Tuples,
    ImmutableArray<ImmutableArray<Estimate>> Means,
    ImmutableArray<ImmutableArray<ImmutableArray<double>>> GroupMeans);

/// <summary>
/// Samples finite-width networks: parallel over fixed chunks of networks, each with its own random stream
/// (<c>NormalStream</c>: xoshiro256** and a ziggurat), so a seed gives the same numbers whatever the number of threads.
/// Per hidden unit it draws w ∈ ℝ^d, b⁰ and W¹; the Erf-net uses the rational approximation of Abramowitz–Stegun 7.1.26
/// (absolute error ≤ 1.5·10⁻⁷, far below the statistical error).
/// </summary>
public static class NetworkMonteCarlo
{
    /// <summary>Networks per chunk (one random stream each).</summary>
    public const int ChunkSize = 500;

    /// <summary>Sub-ensembles for the background (the published experiment splits into 10).</summary>
    public const int Groups = 10;

    /// <summary>Most input points.</summary>
    public const int MaxPoints = 10;

    /// <summary>Most unit evaluations (M × N × points) one call may do.</summary>
    public const double MaxWork = 2e11;

    /// <summary>The orders n sampled: 2, 4, 6.</summary>
    public static readonly ImmutableArray<int> Orders = [2, 4, 6];

    /// <summary>
    /// Samples <paramref name="networks"/> networks of width <paramref name="width"/> and accumulates the n-point products.
    /// <paramref name="threads"/> caps the parallelism (null: all cores); results do not depend on it.
    /// <paramref name="progress"/> receives (chunks done, chunks total), possibly from several threads.
    /// </summary>
    /// <exception cref="ArgumentException">N &lt; 1, M &lt; <see cref="Groups"/> × 2, no points or more than <see cref="MaxPoints"/>, a point of the wrong
    /// dimension or not finite, or more than <see cref="MaxWork"/> unit evaluations.</exception>
    public static NetworkEnsemble Run(NetworkArchitecture architecture, int width, IReadOnlyList<IReadOnlyList<double>> points, int networks, int seed,
        int? threads = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(points);
        if (width < 1) throw new ArgumentException($"NetworkMonteCarlo: the width N must be ≥ 1, got {width}.");
        if (networks < 2 * Groups) throw new ArgumentException($"NetworkMonteCarlo: at least {2 * Groups} networks are needed ({Groups} sub-ensembles of ≥ 2), got {networks}.");
        if (points.Count is 0 or > MaxPoints) throw new ArgumentException($"NetworkMonteCarlo: give 1 … {MaxPoints} input points, got {points.Count}.");
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i].Count != architecture.InputDimension)
                throw new ArgumentException($"input point {i + 1} has {points[i].Count} coordinates; the network has d = {architecture.InputDimension}.");
            if (points[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"input point {i + 1} has a non-finite coordinate.");
        }
        double work = (double)networks * width * points.Count;
        if (work > MaxWork)
            throw new ArgumentException($"NetworkMonteCarlo: {networks} networks × width {width} × {points.Count} points = {work:E2} unit evaluations exceeds the bound {MaxWork:E0}.");

        int p = points.Count, d = architecture.InputDimension;
        var x = new double[p * d];
        var norm2 = new double[p];
        for (int i = 0; i < p; i++)
            for (int k = 0; k < d; k++) { x[i * d + k] = points[i][k]; norm2[i] += points[i][k] * points[i][k]; }
        var tuples = Orders.Select(n => FieldTheory.Tuples.Sorted(p, n)).ToImmutableArray();
        var layout = new Layout(p, tuples);
        var chunks = Chunks(networks);
        var sums = new double[chunks.Length][];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        Parallel.For(0, chunks.Length, parallel, c =>
        {
            var stream = new NormalStream(seed, c);
            sums[c] = Chunk(architecture, width, x, norm2, p, layout, chunks[c].Count, ref stream);
            progress?.Invoke(Interlocked.Increment(ref done), chunks.Length);
        });

        // Combine in chunk order (deterministic), per group and overall.
        int total = layout.Total;
        var groupSum = new double[Groups, total];
        var groupCount = new int[Groups];
        var all = new double[2 * total];
        for (int c = 0; c < chunks.Length; c++)
        {
            var (group, count) = chunks[c];
            groupCount[group] += count;
            for (int t = 0; t < total; t++) groupSum[group, t] += sums[c][t];
            for (int t = 0; t < 2 * total; t++) all[t] += sums[c][t];
        }
        var means = ImmutableArray.CreateBuilder<ImmutableArray<Estimate>>();
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<ImmutableArray<double>>>();
        for (int o = 0; o < Orders.Length; o++)
        {
            int offset = layout.Offsets[o], length = tuples[o].Length;
            var est = new Estimate[length];
            for (int t = 0; t < length; t++)
            {
                double mean = all[offset + t] / networks;
                double variance = Math.Max(0, (all[total + offset + t] - networks * mean * mean) / (networks - 1));
                est[t] = new Estimate(mean, Math.Sqrt(variance / networks), networks);
            }
            means.Add([.. est]);
            var g = ImmutableArray.CreateBuilder<ImmutableArray<double>>(Groups);
            for (int gr = 0; gr < Groups; gr++)
                g.Add([.. Enumerable.Range(0, length).Select(t => groupSum[gr, offset + t] / groupCount[gr])]);
            groups.Add(g.MoveToImmutable());
        }
        return new NetworkEnsemble(architecture, width, [.. points.Select(q => q.ToImmutableArray())], networks, seed, tuples, means.ToImmutable(), groups.ToImmutable());
    }

    // The networks split into Groups equal sub-ensembles, each cut into chunks of at most ChunkSize.
    private static (int Group, int Count)[] Chunks(int networks)
    {
        var list = new List<(int, int)>();
        for (int g = 0; g < Groups; g++)
        {
            int size = networks / Groups + (g < networks % Groups ? 1 : 0);
            for (int start = 0; start < size; start += ChunkSize) list.Add((g, Math.Min(ChunkSize, size - start)));
        }
        return [.. list];
    }

    // Where each order's tuples sit in the accumulator, and how a tuple's product is built from lower ones:
    // a 4-tuple is pair(i₀i₁)·pair(i₂i₃), a 6-tuple is four(i₀…i₃)·pair(i₄i₅).
    private sealed class Layout
    {
        public readonly int[] Offsets;
        public readonly int Total;
        public readonly int[] PairA, PairB, FourLeft, FourRight, SixLeft, SixRight;

        public Layout(int p, ImmutableArray<ImmutableArray<ImmutableArray<int>>> tuples)
        {
            Offsets = [0, tuples[0].Length, tuples[0].Length + tuples[1].Length];
            Total = tuples.Sum(t => t.Length);
            var pairIndex = new Dictionary<(int, int), int>();
            for (int t = 0; t < tuples[0].Length; t++) pairIndex[(tuples[0][t][0], tuples[0][t][1])] = t;
            var fourIndex = new Dictionary<(int, int, int, int), int>();
            for (int t = 0; t < tuples[1].Length; t++) fourIndex[(tuples[1][t][0], tuples[1][t][1], tuples[1][t][2], tuples[1][t][3])] = t;
            PairA = [.. tuples[0].Select(t => t[0])];
            PairB = [.. tuples[0].Select(t => t[1])];
            FourLeft = [.. tuples[1].Select(t => pairIndex[(t[0], t[1])])];
            FourRight = [.. tuples[1].Select(t => pairIndex[(t[2], t[3])])];
            SixLeft = [.. tuples[2].Select(t => fourIndex[(t[0], t[1], t[2], t[3])])];
            SixRight = [.. tuples[2].Select(t => pairIndex[(t[4], t[5])])];
        }
    }

    // Σ and Σ² of the tuple products over one chunk of networks.
    private static double[] Chunk(NetworkArchitecture a, int width, double[] x, double[] norm2, int p, Layout layout, int count, ref NormalStream rng)
    {
        int d = a.InputDimension, total = layout.Total;
        var acc = new double[2 * total];
        var f = new double[p];
        var pre = new double[p];
        var pair = new double[layout.PairA.Length];
        var four = new double[layout.FourLeft.Length];
        double sw = a.SigmaW / Math.Sqrt(d), sb = a.SigmaB, sOut = a.SigmaW / Math.Sqrt(width);
        var offsetGauss = new double[p];
        for (int i = 0; i < p; i++) offsetGauss[i] = a.SigmaB2 + a.SigmaW2 * norm2[i] / d;
        var w = new double[d];
        var kind = a.Kind;
        for (int n = 0; n < count; n++)
        {
            Array.Clear(f);
            if (d == 1) Units1(kind, width, sw, sb, sOut, x, offsetGauss, f, p, ref rng);
            else
                for (int j = 0; j < width; j++)
                {
                    for (int k = 0; k < d; k++) w[k] = sw * rng.Normal();
                    double b = sb > 0 ? sb * rng.Normal() : 0; // no draw for a zero bias: σ_b = 0 nets need one normal fewer per unit
                    double wOut = sOut * rng.Normal();
                    for (int i = 0; i < p; i++)
                    {
                        double u = b;
                        for (int k = 0; k < d; k++) u += w[k] * x[i * d + k];
                        pre[i] = u;
                    }
                    for (int i = 0; i < p; i++) f[i] += wOut * Unit(kind, pre[i], offsetGauss[i]);
                }
            double bOut = sb > 0 ? sb * rng.Normal() : 0;
            for (int i = 0; i < p; i++) f[i] += bOut;
            int o = 0;
            for (int t = 0; t < pair.Length; t++, o++)
            {
                double v = f[layout.PairA[t]] * f[layout.PairB[t]];
                pair[t] = v;
                acc[o] += v;
                acc[total + o] += v * v;
            }
            for (int t = 0; t < four.Length; t++, o++)
            {
                double v = pair[layout.FourLeft[t]] * pair[layout.FourRight[t]];
                four[t] = v;
                acc[o] += v;
                acc[total + o] += v * v;
            }
            for (int t = 0; t < layout.SixLeft.Length; t++, o++)
            {
                double v = four[layout.SixLeft[t]] * pair[layout.SixRight[t]];
                acc[o] += v;
                acc[total + o] += v * v;
            }
        }
        return acc;
    }

    private static double Unit(NetworkKind kind, double u, double offsetGauss) => kind switch
    {
        NetworkKind.Relu => u > 0 ? u : 0,
        NetworkKind.Erf => FastErf(u),
        _ => Math.Exp(u - offsetGauss),
    };

    // The hidden units of one network in d = 1, one loop per activation (the same draws in the same order as the general path).
    private static void Units1(NetworkKind kind, int width, double sw, double sb, double sOut, double[] x, double[] offsetGauss, double[] f, int p, ref NormalStream rng)
    {
        bool bias = sb > 0;
        switch (kind)
        {
            case NetworkKind.Relu:
                for (int j = 0; j < width; j++)
                {
                    double w = sw * rng.Normal();
                    double b = bias ? sb * rng.Normal() : 0;
                    double wOut = sOut * rng.Normal();
                    for (int i = 0; i < p; i++)
                    {
                        double u = w * x[i] + b;
                        if (u > 0) f[i] += wOut * u;
                    }
                }
                break;
            case NetworkKind.Erf:
                for (int j = 0; j < width; j++)
                {
                    double w = sw * rng.Normal();
                    double b = bias ? sb * rng.Normal() : 0;
                    double wOut = sOut * rng.Normal();
                    for (int i = 0; i < p; i++) f[i] += wOut * FastErf(w * x[i] + b);
                }
                break;
            default:
                for (int j = 0; j < width; j++)
                {
                    double w = sw * rng.Normal();
                    double b = bias ? sb * rng.Normal() : 0;
                    double wOut = sOut * rng.Normal();
                    for (int i = 0; i < p; i++) f[i] += wOut * Math.Exp(w * x[i] + b - offsetGauss[i]);
                }
                break;
        }
    }

    /// <summary>erf by Abramowitz–Stegun 7.1.26 (absolute error ≤ 1.5·10⁻⁷).</summary>
    internal static double FastErf(double x)
    {
        double ax = Math.Abs(x);
        double t = 1 / (1 + 0.3275911 * ax);
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-ax * ax);
        return x < 0 ? -y : y;
    }
}
