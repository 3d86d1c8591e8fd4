using System.Collections.Immutable;

namespace NngpRg.Core.Bayesian;

/// <summary>What happens to the sloppy parameters of an information shell (docs/theory.md §10, Eq. 10.11).</summary>
public enum CoarseGraining
{
    /// <summary>Redrawn from the prior (the numerics of the Bayesian RG; each parameter once, at the first cutoff that makes it sloppy).</summary>
    Resample,
    /// <summary>Set to zero: the unit is removed from the network (the momentum-shell picture for a cos-net).</summary>
    Remove,
}

/// <summary>
/// The information shell of the Bayesian RG (docs/theory.md §10, Eq. 10.10; the paper's Eq. (53)): with a diagonal
/// Fisher metric F_jj, the parameters with F_jj &lt; Λ are coarse-grained and those with F_jj ≥ Λ are kept. The set grows
/// with Λ, so coarse graining at increasing cutoffs is cumulative.
/// </summary>
public static class InformationShell
{
    /// <summary>Indices j with F_j &lt; Λ, increasing.</summary>
    /// <exception cref="ArgumentException">A Fisher entry negative or not finite, or Λ NaN.</exception>
    public static ImmutableArray<int> Sloppy(IReadOnlyList<double> fisher, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(fisher);
        if (double.IsNaN(cutoff)) throw new ArgumentException("InformationShell: the cutoff Λ is NaN.", nameof(cutoff));
        var sloppy = ImmutableArray.CreateBuilder<int>();
        for (int j = 0; j < fisher.Count; j++)
        {
            Check(fisher[j], j);
            if (fisher[j] < cutoff) sloppy.Add(j);
        }
        return sloppy.ToImmutable();
    }

    /// <summary>Σ_{F_j &lt; Λ} F_j, the information the shell carries (the rule of thumb of Eq. 10.17 uses it).</summary>
    public static double SloppyInformation(IReadOnlyList<double> fisher, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(fisher);
        double sum = 0;
        for (int j = 0; j < fisher.Count; j++)
        {
            Check(fisher[j], j);
            if (fisher[j] < cutoff) sum += fisher[j];
        }
        return sum;
    }

    private static void Check(double f, int j)
    {
        if (!double.IsFinite(f) || f < 0)
            throw new ArgumentException($"InformationShell: Fisher entry F[{j}] = {f:R}; a diagonal Fisher metric is finite and ≥ 0.");
    }

    /// <summary>"resample" or "remove".</summary>
    public static string Name(CoarseGraining c) => c == CoarseGraining.Resample ? "resample" : "remove";
}
