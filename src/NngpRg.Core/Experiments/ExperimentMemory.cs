using System.Collections.Immutable;
using System.Globalization;

namespace NngpRg.Core.Experiments;

/// <summary>One large buffer of the experiment and its size in bytes.</summary>
/// <param name="Name">What the buffer holds.</param>
/// <param name="Bytes">Its size.</param>
public sealed record MemoryItem(string Name, long Bytes);

/// <summary>
/// The memory of one experiment: the estimate of its peak made before any large buffer is allocated (the items alive at the
/// worst phase), the memory the machine had available then, and the accounting of the run: the peak of the large buffers
/// actually alive (each allocated, handed on and released through one ledger) and the process's peak resident set.
/// </summary>
/// <param name="Estimate">The buffers of the worst phase, as estimated.</param>
/// <param name="EstimatedPeakBytes">Their sum.</param>
/// <param name="AvailableBytes">Memory available when the run started (Linux MemAvailable, bounded by the runtime's memory limit).</param>
public sealed record ExperimentMemory(ImmutableArray<MemoryItem> Estimate, long EstimatedPeakBytes, long AvailableBytes)
{
    /// <summary>Peak of the tracked large buffers alive at one time.</summary>
    public long TrackedPeakBytes { get; init; }

    /// <summary>The tracked buffers alive at that peak.</summary>
    public ImmutableArray<MemoryItem> TrackedAtPeak { get; init; } = [];

    /// <summary>The tracked peak in units of one N × N matrix of doubles (8N² bytes): at most 2 by construction.</summary>
    public double TrackedPeakInMatrices { get; init; }

    /// <summary>The process's peak resident set (VmHWM) at the end of the run; null where /proc is not readable.</summary>
    public long? PeakResidentBytes { get; init; }

    /// <summary>"57.6 GB" style, two or three significant digits.</summary>
    public static string Format(long bytes) => bytes >= 1_000_000_000
        ? (bytes / 1e9).ToString(bytes >= 10_000_000_000 ? "F1" : "F2", CultureInfo.InvariantCulture) + " GB"
        : (bytes / 1e6).ToString(bytes >= 10_000_000 ? "F0" : "F1", CultureInfo.InvariantCulture) + " MB";
}

/// <summary>
/// The up-front memory estimate of <see cref="SpectrumExperiment.Run"/> and the check against the memory available, so that an
/// N too large for the machine stops with a message naming the need, the memory available and what to change, instead of an
/// out-of-memory failure deep inside a step.
/// </summary>
public static class ExperimentMemoryEstimate
{
    /// <summary>The largest element count of one .NET array (a flat N × N buffer needs N² ≤ this, N ≤ 46 340).</summary>
    public static long MaxArrayLength => Array.MaxLength;

    /// <summary>
    /// The buffers alive at the worst phase: the kernel matrix K (8N²), the eigenvectors (8N² for all modes; four N × b blocks,
    /// b = min(N, 2K + 10), for the top K), the points (four N × d copies: the subsample, its projection, the rows, and the
    /// d × N block BLAS reads), and with a separate test set its m × N cross-kernel. The learning curves need K and one
    /// η_max × η_max Cholesky factor, which reuses the eigenvector buffer when all modes were computed.
    /// </summary>
    public static ImmutableArray<MemoryItem> Estimate(ExperimentOptions options, int featureCount, int? testRows)
    {
        ArgumentNullException.ThrowIfNull(options);
        long n = options.SampleCount, d = featureCount;
        var items = new List<MemoryItem>
        {
            new("kernel matrix K (N × N)", 8 * n * n),
            new("points (4 × N × d)", 4 * 8 * n * d),
        };
        if (testRows is int rows) items.Add(new MemoryItem("test cross-kernel (m × N)", 8 * options.TestCountFrom(rows) * n));
        long etaMax = options.EtaGrid.IsDefaultOrEmpty ? 0 : options.EtaGrid.Max();
        long eigen, krr;
        string eigenName;
        if (options.TopK is int k)
        {
            long b = Math.Min(n, 2L * k + 10);
            eigen = 4 * 8 * n * b;
            eigenName = $"subspace blocks (4 × N × {b})";
            krr = 8 * etaMax * etaMax;
        }
        else
        {
            eigen = 8 * n * n + 8 * 96 * n; // V and the LAPACK workspaces (dstemr 18N, dormtr 64N, d, e, τ, supports)
            eigenName = "eigenvectors V (N × N) and workspace";
            krr = 0; // the factor reuses V
        }
        if (eigen >= krr) items.Add(new MemoryItem(eigenName, eigen));
        else items.Add(new MemoryItem("Cholesky factor (η_max × η_max)", krr));
        return [.. items];
    }

    /// <summary>
    /// Memory available now: Linux's MemAvailable (free memory plus reclaimable cache), bounded by the runtime's limit
    /// (physical memory or a container limit) less what the process already holds.
    /// </summary>
    public static long AvailableBytes()
    {
        var info = GC.GetGCMemoryInfo();
        long runtime = info.TotalAvailableMemoryBytes - GC.GetTotalMemory(false);
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return Math.Min(runtime, kb * 1024);
                }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return runtime;
    }

    /// <summary>The process's peak resident set size (VmHWM of /proc/self/status), or null.</summary>
    public static long? PeakResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }

    /// <summary>
    /// The estimate, checked: throws when a flat N × N buffer exceeds the .NET array limit or the estimated peak exceeds
    /// <paramref name="availableBytes"/>, naming the need, the memory available, and the largest N that fits with all modes and
    /// with --top-k.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run cannot fit (the message starts with "experiment:").</exception>
    public static ExperimentMemory Check(ExperimentOptions options, int featureCount, int? testRows, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        long n = options.SampleCount;
        if (n * n > MaxArrayLength)
            throw new InvalidOperationException($"experiment: N = {n}: the N × N kernel matrix has {n * n:N0} entries, more than one array can hold ({MaxArrayLength:N0}); N must be ≤ {(long)Math.Sqrt(MaxArrayLength)}.".Replace(',', ' '));
        var items = Estimate(options, featureCount, testRows);
        long peak = items.Sum(i => i.Bytes);
        if (peak > availableBytes)
        {
            string list = string.Join(", ", items.Select(i => $"{i.Name} {ExperimentMemory.Format(i.Bytes)}"));
            int k = options.TopK ?? Math.Min(200, (int)n - 1);
            long full = Largest(availableBytes, options with { TopK = null }, featureCount, testRows);
            long topPeak = Estimate(options with { TopK = k }, featureCount, testRows).Sum(i => i.Bytes);
            string top = topPeak <= availableBytes
                ? $"with K = {k}, N = {n} needs ≈ {ExperimentMemory.Format(topPeak)}"
                : $"N ≤ {Largest(availableBytes, options with { TopK = k }, featureCount, testRows)} fits with K = {k}";
            throw new InvalidOperationException(
                $"experiment: N = {n} needs ≈ {ExperimentMemory.Format(peak)} ({list}), this machine has {ExperimentMemory.Format(availableBytes)} available; " +
                $"use a smaller --n (N ≤ {full} fits with all modes) or --top-k K ({top}).");
        }
        return new ExperimentMemory(items, peak, availableBytes);
    }

    // the largest N whose estimate fits, by bisection on N (the estimate grows with N)
    private static long Largest(long available, ExperimentOptions options, int featureCount, int? testRows)
    {
        long lo = 0, hi = (long)Math.Sqrt(MaxArrayLength);
        while (lo < hi)
        {
            long mid = (lo + hi + 1) / 2;
            var o = options with { SampleCount = (int)mid, TopK = options.TopK is int k ? (int)Math.Min(k, mid - 1) : null };
            if (Estimate(o, featureCount, testRows).Sum(i => i.Bytes) <= available) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
