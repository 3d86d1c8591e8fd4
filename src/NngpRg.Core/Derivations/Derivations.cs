using System.Collections.Immutable;

namespace NngpRg.Core.Derivations;

/// <summary>The registry of derivations, by command-line name, in the order of PHYSICS.md.</summary>
public static class Derivations
{
    private static readonly ImmutableArray<(string Name, Func<Derivation> Derive)> Registry =
    [
        (EquivalentKernel.Name, EquivalentKernel.Derive),
        (GaussianStep.Name, GaussianStep.Derive),
        (TargetPower.Name, TargetPower.Derive),
        (NonGaussianStep.Name, NonGaussianStep.Derive),
        (NextOrder.Name, NextOrder.Derive),
        (LinearSphere.Name, LinearSphere.Derive),
    ];

    /// <summary>The names, in order.</summary>
    public static ImmutableArray<string> Names { get; } = [.. Registry.Select(r => r.Name)];

    /// <summary>Every derivation, computed afresh, in order.</summary>
    public static ImmutableArray<Derivation> All() => [.. Registry.Select(r => r.Derive())];

    /// <summary>The derivation called <paramref name="name"/>, computed afresh.</summary>
    /// <exception cref="ArgumentException">When no derivation has that name; the message lists the names.</exception>
    public static Derivation ByName(string name)
    {
        foreach (var (n, derive) in Registry)
            if (n == name) return derive();
        throw new ArgumentException($"Unknown derivation '{name}'; the derivations are: {string.Join(", ", Names)}.", nameof(name));
    }
}
