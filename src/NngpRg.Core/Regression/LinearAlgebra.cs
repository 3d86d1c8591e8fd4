namespace NngpRg.Core.Regression;

/// <summary>Choosing a linear-algebra provider: native LAPACK when it loads, managed otherwise.</summary>
public static class LinearAlgebra
{
    private static readonly Lazy<(NativeLapackLinearAlgebra? Provider, string Failure)> Probe = new(() =>
    {
        var provider = NativeLapackLinearAlgebra.TryLoad(out var failure);
        return (provider, failure);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The managed (MathNet.Numerics) provider.</summary>
    public static ILinearAlgebra Managed => ManagedLinearAlgebra.Instance;

    /// <summary>The native provider, or null when LAPACKE cannot be loaded (probed once, thread-safe).</summary>
    public static NativeLapackLinearAlgebra? Native => Probe.Value.Provider;

    /// <summary>Why the native provider is unavailable; empty when it loaded.</summary>
    public static string NativeFailure => Probe.Value.Failure;

    /// <summary>Native when available, else managed.</summary>
    public static ILinearAlgebra Default => (ILinearAlgebra?)Native ?? Managed;

    /// <summary>
    /// "managed", "native" or "auto" (= <see cref="Default"/>), case-insensitive.
    /// </summary>
    /// <exception cref="InvalidOperationException">"native" requested but LAPACKE does not load (names the Debian packages).</exception>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static ILinearAlgebra Select(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "managed" => Managed,
            "auto" => Default,
            "native" => Native ?? throw new InvalidOperationException($"Linear algebra provider 'native' was requested but {NativeFailure}."),
            _ => throw new ArgumentException($"Unknown linear algebra provider '{name}'; expected 'managed', 'native' or 'auto'.", nameof(name)),
        };
    }
}
