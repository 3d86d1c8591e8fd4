using System.Collections.Immutable;
using NngpRg.Core.Regression;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// Monte Carlo estimate of a cos-net's two-point function from M independent finite networks: the mean of
/// φ(0) φ(r e₁) over the networks (E φ = 0 exactly, so no mean is subtracted) with its standard error s/√M, for the full
/// network and, when a shell radius k is given, for the network with the units of the momentum shell k ≤ |w| &lt; R
/// removed (whose Gaussian-process limit is G_k; docs/theory.md §10, Eq. 10.6).
/// </summary>
/// <param name="Net">The architecture sampled.</param>
/// <param name="Radii">The separations r (points 0 and r e₁).</param>
/// <param name="ShellInner">The shell's inner radius k, or null when no shell was removed.</param>
/// <param name="Networks">M, the number of networks.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Full">E[φ(0) φ(r)] per radius, full network (compare with G_R(r)).</param>
/// <param name="Kept">The same with the shell removed (compare with G_k(r)); empty without a shell.</param>
/// <param name="KeptUnits">Fraction of units kept per network (compare with <see cref="CosNet.InsideFraction"/>); 1 without a shell.</param>
public sealed record CosNetCovariance(
    CosNet Net,
    ImmutableArray<double> Radii,
    double? ShellInner,
    int Networks,
    int Seed,
    ImmutableArray<Estimate> Full,
    ImmutableArray<Estimate> Kept,
    Estimate KeptUnits);

/// <summary>Runs <see cref="CosNetCovariance"/> estimates: parallel over fixed chunks of networks, seeded per chunk.</summary>
public static class CosNetMonteCarlo
{
    /// <summary>Networks per chunk (one random stream each).</summary>
    public const int ChunkSize = 64;

    /// <summary>Most unit evaluations (M × N × (radii + 1)) one call may do.</summary>
    public const double MaxWork = 5e10;

    /// <summary>
    /// Samples <paramref name="networks"/> cos-nets of <paramref name="net"/> and estimates their covariance at the
    /// <paramref name="radii"/>. <paramref name="threads"/> caps the parallelism (null: all cores); results do not
    /// depend on it. <paramref name="progress"/> receives (chunks done, chunks total), possibly from several threads.
    /// </summary>
    /// <exception cref="ArgumentException">M &lt; 2, no radii, a negative or non-finite radius, k outside (0, R), or more than <see cref="MaxWork"/> unit evaluations.</exception>
    public static CosNetCovariance Covariance(CosNet net, IReadOnlyList<double> radii, int networks, int seed, double? shellInner = null,
        int? threads = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(radii);
        if (networks < 2) throw new ArgumentOutOfRangeException(nameof(networks), networks, "CosNetMonteCarlo: at least 2 networks are needed for a standard error.");
        if (radii.Count == 0) throw new ArgumentException("CosNetMonteCarlo: give at least one separation r.", nameof(radii));
        for (int i = 0; i < radii.Count; i++)
            if (!double.IsFinite(radii[i]) || radii[i] < 0)
                throw new ArgumentException($"CosNetMonteCarlo: separation r[{i}] = {radii[i]:R} must be finite and ≥ 0.", nameof(radii));
        if (shellInner is { } k0 && !(k0 > 0 && k0 < net.Theory.Cutoff))
            throw new ArgumentException($"CosNetMonteCarlo: the shell's inner radius k = {k0:R} must lie in (0, R = {net.Theory.Cutoff:R}).", nameof(shellInner));
        double work = (double)networks * net.Width * (radii.Count + 1);
        if (work > MaxWork)
            throw new ArgumentException($"CosNetMonteCarlo: {networks} networks × width {net.Width} × {radii.Count + 1} points = {work:E2} unit evaluations exceeds the bound {MaxWork:E0}.");

        int points = radii.Count;
        int chunks = (networks + ChunkSize - 1) / ChunkSize;
        // Per chunk: Σ and Σ² of the products for the full and the kept network, and of the kept fraction.
        var sums = new double[chunks][];
        int done = 0;
        var radiusArray = radii.ToArray();
        double k = shellInner ?? double.PositiveInfinity;
        bool shell = shellInner is not null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        Parallel.For(0, chunks, parallel, c =>
        {
            var random = SeedStreams.Random(seed, c);
            int count = Math.Min(ChunkSize, networks - c * ChunkSize);
            var acc = new double[4 * points + 2];
            var full = new double[points + 1];
            var kept = new double[points + 1];
            for (int n = 0; n < count; n++)
            {
                Array.Clear(full);
                Array.Clear(kept);
                int inside = 0;
                for (int i = 0; i < net.Width; i++)
                {
                    var unit = net.SampleNeuron(random);
                    double ag = unit.Amplitude * net.AmplitudeFactor(unit.Norm);
                    bool keep = unit.Norm < k;
                    double v0 = ag * Math.Cos(unit.Phase);
                    full[0] += v0;
                    if (keep) { kept[0] += v0; inside++; }
                    for (int j = 0; j < points; j++)
                    {
                        double v = ag * Math.Cos(unit.W1 * radiusArray[j] + unit.Phase);
                        full[j + 1] += v;
                        if (keep) kept[j + 1] += v;
                    }
                }
                for (int j = 0; j < points; j++)
                {
                    double pf = full[0] * full[j + 1], pk = kept[0] * kept[j + 1];
                    acc[4 * j] += pf;
                    acc[4 * j + 1] += pf * pf;
                    acc[4 * j + 2] += pk;
                    acc[4 * j + 3] += pk * pk;
                }
                double fraction = (double)inside / net.Width;
                acc[4 * points] += fraction;
                acc[4 * points + 1] += fraction * fraction;
            }
            sums[c] = acc;
            progress?.Invoke(Interlocked.Increment(ref done), chunks);
        });

        var total = new double[4 * points + 2];
        foreach (var acc in sums)
            for (int i = 0; i < total.Length; i++) total[i] += acc[i];
        Estimate Of(double sum, double sumSquares)
        {
            double mean = sum / networks;
            double variance = Math.Max(0, (sumSquares - networks * mean * mean) / (networks - 1));
            return new Estimate(mean, Math.Sqrt(variance / networks), networks);
        }
        var fullEstimates = ImmutableArray.CreateBuilder<Estimate>(points);
        var keptEstimates = ImmutableArray.CreateBuilder<Estimate>(points);
        for (int j = 0; j < points; j++)
        {
            fullEstimates.Add(Of(total[4 * j], total[4 * j + 1]));
            if (shell) keptEstimates.Add(Of(total[4 * j + 2], total[4 * j + 3]));
        }
        var keptUnits = shell ? Of(total[4 * points], total[4 * points + 1]) : new Estimate(1, 0, networks);
        return new CosNetCovariance(net, [.. radii], shellInner, networks, seed, fullEstimates.MoveToImmutable(),
            shell ? keptEstimates.MoveToImmutable() : [], keptUnits);
    }
}
