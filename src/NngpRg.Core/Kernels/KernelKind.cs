namespace NngpRg.Core.Kernels;

/// <summary>Which kernel of a network: its NNGP kernel K or its neural tangent kernel Θ (docs/theory.md §6.1–§6.2).</summary>
public enum KernelKind
{
    /// <summary>The NNGP kernel K: the prior covariance of the infinitely wide network.</summary>
    Nngp,
    /// <summary>The NTK Θ⁰ = K⁰, Θ^{l+1} = K^{l+1} + K̇^{l+1} Θ^l: the kernel of gradient-descent training at infinite width.</summary>
    Ntk,
}

/// <summary>Names of kernel kinds as the command line spells them.</summary>
public static class KernelKinds
{
    /// <summary>"nngp" or "ntk".</summary>
    public static string Name(KernelKind k) => k switch
    {
        KernelKind.Nngp => "nngp",
        KernelKind.Ntk => "ntk",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "unknown kernel kind"),
    };

    /// <summary>Reads "nngp" or "ntk" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Naming the accepted values.</exception>
    public static KernelKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "nngp" => KernelKind.Nngp,
            "ntk" => KernelKind.Ntk,
            _ => throw new ArgumentException($"Unknown kernel kind '{name}': use nngp or ntk.", nameof(name)),
        };
    }
}
