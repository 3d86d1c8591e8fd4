using BenchmarkDotNet.Attributes;
using NngpRg.Core.Derivations;

namespace NngpRg.Bench;

/// <summary>
/// The six derivations of the RG flow (docs/theory.md §1–§4, §8), derived from scratch and rendered as LaTeX documents
/// (the O(λ²) step of next-order dominates), against deriving alone.
/// </summary>
[MemoryDiagnoser]
public class DerivationBench
{
    [Benchmark(Baseline = true, Description = "derive all six")]
    public int DeriveAll() => Derivations.DeriveAfresh().Sum(d => d.Steps.Length);

    [Benchmark(Description = "derive all six and render LaTeX")]
    public int DeriveAndRender() => Derivations.DeriveAfresh().Sum(d => DerivationDocument.Latex(d).Length);
}
