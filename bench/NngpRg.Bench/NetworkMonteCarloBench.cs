using BenchmarkDotNet.Attributes;
using NngpRg.Core.FieldTheory;

namespace NngpRg.Bench;

/// <summary>
/// Monte Carlo of finite-width networks (docs/theory.md §9.4) as <c>nnqft mc</c> and <c>nnqft experiment</c> run it: one
/// thread, width N = 1000, the six published inputs of each net in d = 1, all 609 tuple products accumulated per network.
/// Reported per network (OperationsPerInvoke), so networks per second per core = 1/mean. Baseline: the ReLU-net at σ_b = 0
/// (two normals per unit); the Erf-net draws the bias too and evaluates the rational erf, the Gauss-net one exponential.
/// </summary>
[MemoryDiagnoser]
public class NetworkMonteCarloBench
{
    private const int Networks = 1000;
    private const int Width = 1000;

    private static IReadOnlyList<double>[] Inputs(NetworkKind kind) =>
        [.. WidthExperimentOptions.PublishedInputs(kind, 1).Select(p => (IReadOnlyList<double>)p.ToArray())];

    /// <summary>ReLU, σ_b = 0 (baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Networks, Description = "network MC, ReLU σ_b=0, N=1000, 6 inputs (per network)")]
    public NetworkEnsemble Relu() => NetworkMonteCarlo.Run(NetworkArchitecture.Of(NetworkKind.Relu), Width, Inputs(NetworkKind.Relu), Networks, 1, threads: 1);

    /// <summary>Erf, σ_b = 1.</summary>
    [Benchmark(OperationsPerInvoke = Networks, Description = "network MC, Erf σ_b=1, N=1000, 6 inputs (per network)")]
    public NetworkEnsemble Erf() => NetworkMonteCarlo.Run(NetworkArchitecture.Of(NetworkKind.Erf), Width, Inputs(NetworkKind.Erf), Networks, 1, threads: 1);

    /// <summary>Gauss-net, σ_b = 1.</summary>
    [Benchmark(OperationsPerInvoke = Networks, Description = "network MC, Gauss σ_b=1, N=1000, 6 inputs (per network)")]
    public NetworkEnsemble Gauss() => NetworkMonteCarlo.Run(NetworkArchitecture.Of(NetworkKind.Gauss), Width, Inputs(NetworkKind.Gauss), Networks, 1, threads: 1);
}
