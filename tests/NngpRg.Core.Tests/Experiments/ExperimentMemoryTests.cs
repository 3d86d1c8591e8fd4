using NngpRg.Core.Data;
using NngpRg.Core.Experiments;
using NngpRg.Core.Kernels;
using NngpRg.Core.Regression;
using Xunit;

namespace NngpRg.Core.Tests.Experiments;

/// <summary>The large-object heap is process-wide: these tests run alone so other tests' arrays do not enter the count.</summary>
[CollectionDefinition("Large-object heap", DisableParallelization = true)]
public sealed class LargeObjectHeapCollection;

[Collection("Large-object heap")]
public class ExperimentMemoryTests
{
    private static Dataset Data(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            for (int j = 0; j < d; j++) x[i, j] = SphereSampler.StandardNormal(random) / (j + 1) + (j == labels[i] ? 1 : 0);
        }
        return Dataset.Create(x, labels, "three clusters");
    }

    [Fact]
    public void At_most_two_N_by_N_buffers_are_alive_by_the_ledger_and_by_the_garbage_collector()
    {
        int n = 700;
        long matrix = 8L * n * n;
        var ledger = new MemoryLedger { VerifyWithGarbageCollector = true };
        var options = new ExperimentOptions(Activation.Relu, 1, n, [50, 100, 400], Draws: 2, Seed: 3);
        var report = SpectrumExperiment.RunAccounted(Data(900, 8, 1), options, null, null, null, ledger, null);
        // the ledger's account: K and V, then K and the factor in V's storage
        Assert.Equal(2 * matrix, ledger.PeakBytes);
        Assert.Equal(2.0, report.Memory!.TrackedPeakInMatrices);
        Assert.Contains(report.Memory.TrackedAtPeak, b => b.Name.StartsWith("kernel matrix", StringComparison.Ordinal));
        // the independent count: live bytes of the large-object heap after a full collection at every ledger event, which
        // sees every array of ≥ 85 000 bytes, tracked or not. A third N × N copy would add 3.9 MB to the 7.8 MB of two.
        Assert.True(ledger.PeakLargeObjectHeapBytes >= 2 * matrix, $"LOH peak {ledger.PeakLargeObjectHeapBytes} < 2·8N² = {2 * matrix}: the sampling missed a buffer");
        Assert.True(ledger.PeakLargeObjectHeapBytes < 2 * matrix + matrix / 2,
            $"LOH peak {ledger.PeakLargeObjectHeapBytes} bytes at '{ledger.PeakLargeObjectHeapEvent}' exceeds 2.5 × 8N² = {2.5 * matrix}");
        Assert.Equal(report.Memory.EstimatedPeakBytes, report.Memory.Estimate.Sum(i => i.Bytes));
        Assert.True(report.Memory.EstimatedPeakBytes >= ledger.PeakBytes);
    }

    [Fact]
    public void Top_k_holds_one_N_by_N_buffer_and_blocks()
    {
        int n = 700, k = 20;
        long matrix = 8L * n * n;
        var ledger = new MemoryLedger { VerifyWithGarbageCollector = true };
        var options = new ExperimentOptions(Activation.Relu, 1, n, [50, 100, 200], Draws: 2, Seed: 3, TopK: k);
        var report = SpectrumExperiment.RunAccounted(Data(900, 8, 2), options, null, null, null, ledger, null);
        long block = 8L * n * (2 * k + 10);
        Assert.Equal(matrix + 4 * block, ledger.PeakBytes);
        Assert.True(ledger.PeakLargeObjectHeapBytes < matrix + 4 * block + matrix / 2, $"LOH peak {ledger.PeakLargeObjectHeapBytes} at '{ledger.PeakLargeObjectHeapEvent}'");
        Assert.Equal(k, report.Eigenvalues.Length);
        Assert.Contains("--top-k", report.InputRidgeNote);
        Assert.True(report.Eigensolver!.Converged);
    }

    [Fact]
    public void An_N_too_large_for_the_memory_stops_up_front_with_the_need_and_the_remedies()
    {
        var options = new ExperimentOptions(Activation.Relu, 1, 400, [50, 100], Draws: 2);
        var ledger = new MemoryLedger();
        var e = Assert.Throws<InvalidOperationException>(() =>
            SpectrumExperiment.RunAccounted(Data(500, 8, 3), options, null, null, null, ledger, availableBytes: 2_000_000));
        // 8N² (K) + 8N² + 96·8N (V, workspace) + 4·8Nd (points, d = 8) = 2.56 + 0.31 + 0.10 = 2.97 MB
        Assert.StartsWith("experiment: N = 400 needs ≈ 3.0 MB (kernel matrix K (N × N) 1.3 MB", e.Message);
        Assert.Contains("this machine has 2.0 MB available", e.Message);
        Assert.Contains("--top-k", e.Message);
        Assert.Equal(0, ledger.PeakBytes); // nothing large was allocated
        // the suggested N fits: with all modes 16N² + 4·8Nd ≤ 2 MB
        var fits = System.Text.RegularExpressions.Regex.Match(e.Message, @"N ≤ (\d+) fits with all modes");
        long suggested = long.Parse(fits.Groups[1].Value);
        Assert.True(16 * suggested * suggested + 96 * 8 * suggested + 32 * suggested * 8 <= 2_000_000);
        Assert.True(16 * (suggested + 1) * (suggested + 1) + 96 * 8 * (suggested + 1) + 32 * (suggested + 1) * 8 > 2_000_000);
    }

    [Fact]
    public void The_estimate_names_the_arrays_limit()
    {
        var options = new ExperimentOptions(Activation.Relu, 1, 60000, [100], Draws: 2);
        var e = Assert.Throws<InvalidOperationException>(() => ExperimentMemoryEstimate.Check(options, 784, null, long.MaxValue));
        Assert.Contains("N must be ≤ 46340", e.Message);
        var ok = ExperimentMemoryEstimate.Check(options with { SampleCount = 20000, TopK = 100 }, 784, null, long.MaxValue);
        Assert.Equal(8L * 20000 * 20000 + 4 * 8L * 20000 * 784 + 4 * 8L * 20000 * 210, ok.EstimatedPeakBytes);
    }
}
