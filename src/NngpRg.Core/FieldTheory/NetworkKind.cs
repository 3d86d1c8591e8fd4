namespace NngpRg.Core.FieldTheory;

/// <summary>The hidden activation of a one-hidden-layer network of the neural-network field theory (docs/theory.md §9.1).</summary>
public enum NetworkKind
{
    /// <summary>Gauss-net: h(x) = e^{W⁰·x + b⁰} / √(e^{2(σ_b² + σ_W²|x|²/d)}), whose kernel is translation invariant.</summary>
    Gauss,
    /// <summary>ReLU-net: h = max(0, W⁰·x + b⁰).</summary>
    Relu,
    /// <summary>Erf-net: h = erf(W⁰·x + b⁰).</summary>
    Erf,
}

/// <summary>Names and descriptions of <see cref="NetworkKind"/>.</summary>
public static class NetworkKinds
{
    /// <summary>The command-line name: gauss, relu, erf.</summary>
    public static string Name(NetworkKind kind) => kind switch
    {
        NetworkKind.Gauss => "gauss",
        NetworkKind.Relu => "relu",
        NetworkKind.Erf => "erf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown network kind"),
    };

    /// <summary>The activation in words.</summary>
    public static string Describe(NetworkKind kind) => kind switch
    {
        NetworkKind.Gauss => "Gauss-net h = exp(W⁰·x + b⁰)/exp(σ_b² + σ_W²|x|²/d)",
        NetworkKind.Relu => "ReLU-net h = max(0, W⁰·x + b⁰)",
        NetworkKind.Erf => "Erf-net h = erf(W⁰·x + b⁰)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown network kind"),
    };

    /// <summary>The kind called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">For another name; the message lists the names.</exception>
    public static NetworkKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "gauss" or "gaussnet" or "gauss-net" => NetworkKind.Gauss,
        "relu" => NetworkKind.Relu,
        "erf" => NetworkKind.Erf,
        _ => throw new ArgumentException($"unknown network '{name}'; use gauss, relu or erf."),
    };
}
