using System.Collections.Immutable;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The registry of derivations, by command-line name, in the order of docs/theory.md. Each derivation is computed once,
/// on first use, and shared: a <see cref="Derivation"/> is immutable, so the cache is invisible in the results.
/// </summary>
public static class Derivations
{
    private static readonly ImmutableArray<(string Name, Lazy<Derivation> Derive)> Registry =
    [
        (EquivalentKernel.Name, new(EquivalentKernel.Derive)),
        (GaussianStep.Name, new(GaussianStep.Derive)),
        (TargetPower.Name, new(TargetPower.Derive)),
        (NonGaussianStep.Name, new(NonGaussianStep.Derive)),
        (NextOrder.Name, new(() => NextOrder.CachedDerivation)),
        (LinearSphere.Name, new(LinearSphere.Derive)),
        (NnqftCorrelators.Name, new(() => NnqftCorrelators.CachedDerivation)),
        (NnqftCouplings.Name, new(() => NnqftCouplings.CachedDerivation)),
    ];

    /// <summary>The names, in order.</summary>
    public static ImmutableArray<string> Names { get; } = [.. Registry.Select(r => r.Name)];

    /// <summary>Every derivation, in order.</summary>
    public static ImmutableArray<Derivation> All() => [.. Registry.Select(r => r.Derive.Value)];

    /// <summary>Every derivation computed from scratch, bypassing the cache (for benchmarks of the engine).</summary>
    public static ImmutableArray<Derivation> DeriveAfresh() =>
        [EquivalentKernel.Derive(), GaussianStep.Derive(), TargetPower.Derive(), NonGaussianStep.Derive(), NextOrder.Derive(), LinearSphere.Derive(), NnqftCorrelators.Derive(), NnqftCouplings.Derive()];

    /// <summary>The derivation called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">When no derivation has that name; the message lists the names.</exception>
    public static Derivation ByName(string name)
    {
        foreach (var (n, derive) in Registry)
            if (n == name) return derive.Value;
        throw new ArgumentException($"Unknown derivation '{name}'; the derivations are: {string.Join(", ", Names)}.", nameof(name));
    }
}
