namespace NngpRg.Core.Kernels;

/// <summary>
/// The kernels whose layer maps are known in closed form (docs/theory.md §6.1): three NNGPs with weight and bias variances
/// (relu, erf, rbf) and the three Cho–Saul arc-cosine kernels (arccos0, arccos1, arccos2), which have none.
/// </summary>
public enum Activation
{
    /// <summary>The ReLU NNGP: K' = σ_b² + σ_w² E[relu(u) relu(v)] = σ_b² + (σ_w²/2π) √(K_xx K_yy) J₁(θ), input layer σ_w² x·y + σ_b².</summary>
    Relu,
    /// <summary>The Cho–Saul arc-cosine kernel of degree 0: k' = (1/π) J₀(θ) = 1 − θ/π on the raw inputs (k⁰ = x·y, no σ_w², σ_b²).</summary>
    ArcCos0,
    /// <summary>The Cho–Saul arc-cosine kernel of degree 1: k' = (1/π) √(k_xx k_yy) J₁(θ), k⁰ = x·y (k₁(x, x) = |x|²; the ReLU NNGP at σ_w² = 2, σ_b² = 0 is 2k₁, its input layer being 2x·y).</summary>
    ArcCos1,
    /// <summary>The Cho–Saul arc-cosine kernel of degree 2: k' = (1/π) k_xx k_yy J₂(θ), k⁰ = x·y.</summary>
    ArcCos2,
    /// <summary>Error function (Williams 1997): E = (2/π) arcsin(2K_xy / √((1 + 2K_xx)(1 + 2K_yy))).</summary>
    Erf,
    /// <summary>Gauss-net / RBF: exp(−σ²_W0 |x − x'|²/2) with |x − x'|² = K_xx + K_yy − 2K_xy.</summary>
    Rbf,
}

/// <summary>Names of activations as the command line spells them.</summary>
public static class Activations
{
    /// <summary>Whether the kernel has weight and bias variances σ_w², σ_b² (the NNGPs relu, erf, rbf; not the Cho–Saul kernels).</summary>
    public static bool HasVariances(Activation a) => a is Activation.Relu or Activation.Erf or Activation.Rbf;

    /// <summary>One line saying what the kernel is (for help texts and reports).</summary>
    public static string Describe(Activation a) => a switch
    {
        Activation.Relu => "ReLU NNGP: K' = σ_b² + (σ_w²/2π) √(K_xx K_yy) J₁(θ), input layer σ_w² x·y + σ_b²",
        Activation.ArcCos0 => "Cho–Saul arc-cosine kernel of degree 0: k' = (1/π) J₀(θ), k⁰ = x·y",
        Activation.ArcCos1 => "Cho–Saul arc-cosine kernel of degree 1: k' = (1/π) √(k_xx k_yy) J₁(θ), k⁰ = x·y",
        Activation.ArcCos2 => "Cho–Saul arc-cosine kernel of degree 2: k' = (1/π) k_xx k_yy J₂(θ), k⁰ = x·y",
        Activation.Erf => "erf NNGP: K' = σ_b² + σ_w² (2/π) arcsin(2K_xy/√((1 + 2K_xx)(1 + 2K_yy)))",
        Activation.Rbf => "Gauss-net NNGP: K' = σ_b² + σ_w² exp(−(K_xx + K_yy − 2K_xy)/2)",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown activation"),
    };

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
