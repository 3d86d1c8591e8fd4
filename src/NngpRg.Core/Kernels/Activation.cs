namespace NngpRg.Core.Kernels;

/// <summary>The activations whose NNGP layer maps are known in closed form (PHYSICS.md §6).</summary>
public enum Activation
{
    /// <summary>ReLU: the degree-1 arc-cosine map, E[relu(u) relu(v)] = (1/2π) √(K_xx K_yy) J₁(θ).</summary>
    Relu,
    /// <summary>Step function Θ(u): the degree-0 arc-cosine map, E = (π − θ)/(2π).</summary>
    ArcCos0,
    /// <summary>Θ(u)·u, the degree-1 arc-cosine map (same as ReLU).</summary>
    ArcCos1,
    /// <summary>Θ(u)·u², the degree-2 arc-cosine map, E = (1/2π) K_xx K_yy J₂(θ).</summary>
    ArcCos2,
    /// <summary>Error function (Williams 1997): E = (2/π) arcsin(2K_xy / √((1 + 2K_xx)(1 + 2K_yy))).</summary>
    Erf,
    /// <summary>Gauss-net / RBF: exp(−σ²_W0 |x − x'|²/2) with |x − x'|² = K_xx + K_yy − 2K_xy.</summary>
    Rbf,
}

/// <summary>Names of activations as the command line spells them.</summary>
public static class Activations
{
    /// <summary>The command-line name.</summary>
    public static string Name(Activation a) => a switch
    {
        Activation.Relu => "relu",
        Activation.ArcCos0 => "arccos0",
        Activation.ArcCos1 => "arccos1",
        Activation.ArcCos2 => "arccos2",
        Activation.Erf => "erf",
        Activation.Rbf => "rbf",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown activation"),
    };

    /// <summary>Reads a command-line name.</summary>
    /// <exception cref="ArgumentException">Naming the accepted values.</exception>
    public static Activation Parse(string name) =>
        Enum.GetValues<Activation>().FirstOrDefault(a => Name(a) == name.Trim().ToLowerInvariant(), (Activation)(-1)) is var a && Enum.IsDefined(a)
            ? a
            : throw new ArgumentException($"Unknown kernel '{name}': use one of {string.Join(", ", Enum.GetValues<Activation>().Select(Name))}.", nameof(name));
}
