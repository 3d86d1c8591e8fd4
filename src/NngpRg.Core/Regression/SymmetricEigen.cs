using System.Collections.Immutable;

namespace NngpRg.Core.Regression;

/// <summary>
/// A = V diag(λ) Vᵀ for symmetric A: eigenvalues ascending (LAPACK's order), eigenvector k in column k of V.
/// </summary>
public sealed record SymmetricEigen
{
    private readonly double[,] _vectors;

    internal SymmetricEigen(ImmutableArray<double> eigenvalues, double[,] vectors, string provider)
    {
        Eigenvalues = eigenvalues;
        _vectors = vectors;
        Provider = provider;
    }

    /// <summary>Eigenvalues in ascending order.</summary>
    public ImmutableArray<double> Eigenvalues { get; }

    /// <summary>Name of the provider that computed the decomposition.</summary>
    public string Provider { get; }

    /// <summary>Order n.</summary>
    public int Size => Eigenvalues.Length;

    /// <summary>Component i of eigenvector k, V_ik.</summary>
    public double this[int i, int k] => _vectors[i, k];

    /// <summary>Eigenvector k as a new array.</summary>
    public double[] Eigenvector(int k)
    {
        var v = new double[Size];
        for (int i = 0; i < v.Length; i++) v[i] = _vectors[i, k];
        return v;
    }

    /// <summary>A copy of V (columns are eigenvectors).</summary>
    public double[,] EigenvectorsToArray() => (double[,])_vectors.Clone();
}
