using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace NngpRg.Core.Regression;

/// <summary>
/// The provider backed by the system LAPACKE (Debian: <c>liblapacke</c>, with OpenBLAS from
/// <c>libopenblas0-pthread</c> supplying LAPACK/BLAS), called through function pointers on
/// <c>LAPACKE_dpotrf</c>, <c>LAPACKE_dpotrs</c> and <c>LAPACKE_dsyevd</c> in row-major layout.
/// </summary>
public sealed unsafe class NativeLapackLinearAlgebra : ILinearAlgebra
{
    private const int RowMajor = 101;
    private const byte Lower = (byte)'L';
    private const byte Vectors = (byte)'V';

    /// <summary>Library names probed in order.</summary>
    public static readonly ImmutableArray<string> LibraryNames = ["liblapacke.so.3", "liblapacke.so", "lapacke"];

    /// <summary>The Debian packages that provide the library.</summary>
    public const string DebianPackages = "liblapacke libopenblas0-pthread";

    private readonly delegate* unmanaged[Cdecl]<int, byte, int, double*, int, int> _dpotrf;
    private readonly delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, int, int> _dpotrs;
    private readonly delegate* unmanaged[Cdecl]<int, byte, byte, int, double*, int, double*, int> _dsyevd;

    private NativeLapackLinearAlgebra(nint library, string libraryName)
    {
        LibraryName = libraryName;
        _dpotrf = (delegate* unmanaged[Cdecl]<int, byte, int, double*, int, int>)NativeLibrary.GetExport(library, "LAPACKE_dpotrf");
        _dpotrs = (delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, int, int>)NativeLibrary.GetExport(library, "LAPACKE_dpotrs");
        _dsyevd = (delegate* unmanaged[Cdecl]<int, byte, byte, int, double*, int, double*, int>)NativeLibrary.GetExport(library, "LAPACKE_dsyevd");
    }

    /// <summary>The library file that was loaded.</summary>
    public string LibraryName { get; }

    /// <inheritdoc />
    public string Name => "native";

    /// <summary>
    /// Loads LAPACKE and resolves the three entry points. On failure returns null and a reason naming the
    /// libraries tried and the Debian packages to install.
    /// </summary>
    public static NativeLapackLinearAlgebra? TryLoad(out string failure) => TryLoad(LibraryNames, out failure);

    internal static NativeLapackLinearAlgebra? TryLoad(IEnumerable<string> libraryNames, out string failure)
    {
        var reasons = new List<string>();
        foreach (var name in libraryNames)
        {
            if (!NativeLibrary.TryLoad(name, typeof(NativeLapackLinearAlgebra).Assembly, null, out var handle))
            {
                reasons.Add($"{name}: not found");
                continue;
            }
            try
            {
                var provider = new NativeLapackLinearAlgebra(handle, name);
                failure = "";
                return provider;
            }
            catch (EntryPointNotFoundException e)
            {
                reasons.Add($"{name}: {e.Message}");
            }
        }
        failure = $"native LAPACKE is not available ({string.Join("; ", reasons)}); install the Debian packages: apt-get install -y {DebianPackages}";
        return null;
    }

    /// <inheritdoc />
    public CholeskyFactor Cholesky(double[,] matrix)
    {
        MatrixChecks.Symmetric(matrix, "Cholesky (native)");
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        int info;
        fixed (double* p = a) info = _dpotrf(RowMajor, Lower, n, p, n);
        if (info > 0) throw MatrixChecks.NotPositiveDefinite(this, matrix);
        if (info < 0) throw new InvalidOperationException($"LAPACKE_dpotrf rejected argument {-info} (n = {n}).");
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                a[i, j] = 0;
        return new CholeskyFactor(a, Name);
    }

    /// <inheritdoc />
    public double[,] Solve(CholeskyFactor factor, double[,] rightHandSides)
    {
        MatrixChecks.RightHandSides(factor, rightHandSides);
        int n = factor.Size, m = rightHandSides.GetLength(1);
        var x = (double[,])rightHandSides.Clone();
        if (m == 0) return x;
        int info;
        fixed (double* l = factor.Lower)
        fixed (double* b = x)
            info = _dpotrs(RowMajor, Lower, n, m, l, n, b, m);
        if (info != 0) throw new InvalidOperationException($"LAPACKE_dpotrs returned info = {info} (n = {n}, nrhs = {m}).");
        return x;
    }

    /// <inheritdoc />
    public SymmetricEigen SymmetricEigen(double[,] matrix)
    {
        MatrixChecks.Symmetric(matrix, "Symmetric eigendecomposition (native)");
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var w = new double[n];
        int info;
        fixed (double* p = a)
        fixed (double* pw = w)
            info = _dsyevd(RowMajor, Vectors, Lower, n, p, n, pw);
        if (info != 0) throw new InvalidOperationException($"LAPACKE_dsyevd returned info = {info} (n = {n}): " + (info > 0 ? "the divide-and-conquer iteration did not converge." : $"argument {-info} rejected."));
        return new SymmetricEigen([.. w], a, Name);
    }
}
