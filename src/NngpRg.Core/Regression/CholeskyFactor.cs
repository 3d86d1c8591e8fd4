namespace NngpRg.Core.Regression;

/// <summary>
/// The lower-triangular Cholesky factor L of A = L Lᵀ (row-major, zeros above the diagonal). The factor is
/// copied in and never exposed mutably.
/// </summary>
public sealed record CholeskyFactor
{
    private readonly double[,] _lower;

    internal CholeskyFactor(double[,] lower, string provider)
    {
        _lower = lower;
        Provider = provider;
        double log = 0;
        for (int i = 0; i < lower.GetLength(0); i++) log += Math.Log(lower[i, i]);
        LogDeterminant = 2 * log;
    }

    /// <summary>Order n of the factored matrix.</summary>
    public int Size => _lower.GetLength(0);

    /// <summary>Name of the provider that computed the factor.</summary>
    public string Provider { get; }

    /// <summary>ln det A = 2 Σ ln L_ii.</summary>
    public double LogDeterminant { get; }

    /// <summary>L_ij (0 for j &gt; i).</summary>
    public double this[int i, int j] => _lower[i, j];

    /// <summary>A copy of L.</summary>
    public double[,] ToArray() => (double[,])_lower.Clone();

    internal double[,] Lower => _lower;
}
