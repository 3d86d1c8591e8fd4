using BenchmarkDotNet.Attributes;
using NngpRg.Core.Derivations;

namespace NngpRg.Bench;

/// <summary>
/// The six derivations of the RG flow (PHYSICS.md §1–4), derived from scratch and rendered as LaTeX documents
/// (target: under 1 s for all six), against deriving alone.
/// </summary>
[MemoryDiagnoser]
public class DerivationBench
{
    [Benchmark(Baseline = true, Description = "derive all six")]
    public int DeriveAll() => Derivations.All().Sum(d => d.Steps.Length);

    [Benchmark(Description = "derive all six and render LaTeX")]
    public int DeriveAndRender() => Derivations.All().Sum(d => DerivationDocument.Latex(d).Length);
}
