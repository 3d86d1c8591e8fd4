using BenchmarkDotNet.Attributes;
using NngpRg.Core.Bayesian;

namespace NngpRg.Bench;

/// <summary>
/// Monte Carlo of finite cos-nets (docs/theory.md §10): one thread, width N = 1000, the field at 5 points (0 and four
/// separations), full and with the shell |w| &gt; 5 removed, as <c>brg cosnet</c> runs it. Reported per network
/// (OperationsPerInvoke), so networks per second per core = 1/mean. Baseline: α = 1 in d = 1 (uniform momenta, the
/// cheapest sampler); α = 0 in d = 3 inverts the radial law by Newton steps.
/// </summary>
[MemoryDiagnoser]
public class CosNetBench
{
    private const int Networks = 256;
    private static readonly double[] Radii = [0.5, 1, 1.5, 2];

    private static CosNet Net(int d, CosNetConstruction c) => new(new FreeScalar(d, 1, 10), c, 1000);

    /// <summary>α = 1, d = 1 (baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Networks, Description = "cos-net MC, α=1, d=1, N=1000 (per network)")]
    public CosNetCovariance Alpha1D1() => CosNetMonteCarlo.Covariance(Net(1, CosNetConstruction.UniformMomentaWithAmplitude), Radii, Networks, 1, 5, threads: 1);

    /// <summary>α = 0, d = 1: |w| = m tan(u arctan(R/m)).</summary>
    [Benchmark(OperationsPerInvoke = Networks, Description = "cos-net MC, α=0, d=1, N=1000 (per network)")]
    public CosNetCovariance Alpha0D1() => CosNetMonteCarlo.Covariance(Net(1, CosNetConstruction.PropagatorWeightedMomenta), Radii, Networks, 1, 5, threads: 1);

    /// <summary>α = 1, d = 3: |w| = R u^{1/3}, uniform direction.</summary>
    [Benchmark(OperationsPerInvoke = Networks, Description = "cos-net MC, α=1, d=3, N=1000 (per network)")]
    public CosNetCovariance Alpha1D3() => CosNetMonteCarlo.Covariance(Net(3, CosNetConstruction.UniformMomentaWithAmplitude), Radii, Networks, 1, 5, threads: 1);

    /// <summary>α = 0, d = 3: Newton on p − m arctan(p/m).</summary>
    [Benchmark(OperationsPerInvoke = Networks, Description = "cos-net MC, α=0, d=3, N=1000 (per network)")]
    public CosNetCovariance Alpha0D3() => CosNetMonteCarlo.Covariance(Net(3, CosNetConstruction.PropagatorWeightedMomenta), Radii, Networks, 1, 5, threads: 1);
}

/// <summary>
/// One member of the Bayesian-RG experiment at the published size (2→10→10→2000, 200 training inputs, 1000 epochs of
/// per-sample SGD, 1000 Fisher inputs, 25 cutoffs), one thread: the readout trained by plain SGD (baseline) and by the
/// equal Gram-space iterates (the default solver).
/// </summary>
public class BrgMemberBench
{
    private static readonly BrgExperimentOptions Gram = new();
    private static readonly BrgExperimentOptions Sgd = new() { Solver = ReadoutSolver.Sgd };
    private BrgExperiment.Data _data = null!;

    /// <summary>The shared data sets of seed 1.</summary>
    [GlobalSetup]
    public void Setup() => _data = BrgExperiment.DrawData(Gram);

    /// <summary>Train + Fisher + coarse graining, plain SGD.</summary>
    [Benchmark(Baseline = true, Description = "experiment member, plain SGD")]
    public double PlainSgd() => Member(Sgd);

    /// <summary>The same with the Gram-space solver.</summary>
    [Benchmark(Description = "experiment member, Gram-space SGD")]
    public double GramSgd() => Member(Gram);

    private double Member(BrgExperimentOptions o)
    {
        var trained = BrgExperiment.Train(o, _data, 0);
        return BrgExperiment.CoarseGrain(o, trained, _data.TestTargets, new Random(1)).Mse[^1];
    }
}
