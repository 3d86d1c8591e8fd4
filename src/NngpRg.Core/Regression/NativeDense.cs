using System.Runtime.InteropServices;

namespace NngpRg.Core.Regression;

/// <summary>
/// In-place dense kernels on flat column-major buffers for the large matrices of the experiment, through the system BLAS
/// (<c>cblas_dsyrk</c>, <c>cblas_dgemm</c> from OpenBLAS) and LAPACKE (<c>dsyevr</c>, <c>dpotrf</c>, <c>dpotrs</c>, <c>dgeqrf</c>,
/// <c>dorgqr</c>). Column-major is used throughout because LAPACKE's row-major wrappers transpose into a temporary copy of the
/// whole matrix, which the memory bound of the experiment (two N × N buffers) does not allow; a symmetric matrix is the same
/// buffer in either layout.
/// </summary>
internal sealed unsafe class NativeDense
{
    private const int ColMajor = 102;
    private const int CblasColMajor = 102, CblasNoTrans = 111, CblasTrans = 112, CblasLower = 122;

    /// <summary>BLAS libraries probed in order (OpenBLAS exports the CBLAS interface; so does Debian's libblas.so.3).</summary>
    public static readonly string[] BlasNames = ["libopenblas.so.0", "libblas.so.3", "libopenblas.so", "libblas.so"];

    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, double, double*, int, double, double*, int, void> _dsyrk;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemm;
    private readonly delegate* unmanaged[Cdecl]<int, byte, byte, byte, int, double*, int, double, double, int, int, double, int*, double*, double*, int, int*, int> _dsyevr;
    private readonly delegate* unmanaged[Cdecl]<int, byte, int, double*, int, double*, double*, double*, int> _dsytrd;
    private readonly delegate* unmanaged[Cdecl]<int, byte, byte, int, double*, double*, double, double, int, int, int*, double*, double*, int, int, int*, int*, int> _dstemr;
    private readonly delegate* unmanaged[Cdecl]<int, byte, byte, byte, int, int, double*, int, double*, double*, int, int> _dormtr;
    private readonly delegate* unmanaged[Cdecl]<int, byte, int, double*, int, int> _dpotrf;
    private readonly delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, int, int> _dpotrs;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, double*, int, double*, int> _dgeqrf;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, double*, int, double*, int> _dorgqr;

    private static readonly Lazy<(NativeDense? Value, string Failure)> Probe = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private NativeDense(nint blas, nint lapacke)
    {
        _dsyrk = (delegate* unmanaged[Cdecl]<int, int, int, int, int, double, double*, int, double, double*, int, void>)NativeLibrary.GetExport(blas, "cblas_dsyrk");
        _dgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(blas, "cblas_dgemm");
        _dsyevr = (delegate* unmanaged[Cdecl]<int, byte, byte, byte, int, double*, int, double, double, int, int, double, int*, double*, double*, int, int*, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dsyevr");
        _dsytrd = (delegate* unmanaged[Cdecl]<int, byte, int, double*, int, double*, double*, double*, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dsytrd");
        _dstemr = (delegate* unmanaged[Cdecl]<int, byte, byte, int, double*, double*, double, double, int, int, int*, double*, double*, int, int, int*, int*, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dstemr");
        _dormtr = (delegate* unmanaged[Cdecl]<int, byte, byte, byte, int, int, double*, int, double*, double*, int, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dormtr");
        _dpotrf = (delegate* unmanaged[Cdecl]<int, byte, int, double*, int, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dpotrf");
        _dpotrs = (delegate* unmanaged[Cdecl]<int, byte, int, int, double*, int, double*, int, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dpotrs");
        _dgeqrf = (delegate* unmanaged[Cdecl]<int, int, int, double*, int, double*, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dgeqrf");
        _dorgqr = (delegate* unmanaged[Cdecl]<int, int, int, int, double*, int, double*, int>)NativeLibrary.GetExport(lapacke, "LAPACKE_dorgqr");
    }

    /// <summary>The loaded kernels.</summary>
    /// <exception cref="InvalidOperationException">BLAS or LAPACKE does not load (the message names the Debian packages).</exception>
    public static NativeDense Instance => Probe.Value.Value ?? throw new InvalidOperationException(Probe.Value.Failure);

    private static (NativeDense?, string) Load()
    {
        var reasons = new List<string>();
        nint lapacke = 0, blas = 0;
        foreach (var name in NativeLapackLinearAlgebra.LibraryNames)
            if (NativeLibrary.TryLoad(name, typeof(NativeDense).Assembly, null, out lapacke)) break;
            else reasons.Add($"{name}: not found");
        foreach (var name in BlasNames)
            if (NativeLibrary.TryLoad(name, typeof(NativeDense).Assembly, null, out blas)) break;
            else reasons.Add($"{name}: not found");
        if (lapacke != 0 && blas != 0)
        {
            try { return (new NativeDense(blas, lapacke), ""); }
            catch (EntryPointNotFoundException e) { reasons.Add(e.Message); }
        }
        return (null, $"the experiment's N × N linear algebra needs native BLAS and LAPACKE ({string.Join("; ", reasons)}); " +
                      $"install the Debian packages: apt-get install -y {NativeLapackLinearAlgebra.DebianPackages}");
    }

    /// <summary>
    /// The lower triangle of the n × n block of C at <paramref name="cOffset"/> (leading dimension ldc) becomes AᵀA, for A the
    /// k × n column-major block of <paramref name="a"/> at <paramref name="aOffset"/> (leading dimension k; columns are points).
    /// </summary>
    public void SyrkLower(double[] a, long aOffset, int k, int n, double[] c, long cOffset, int ldc)
    {
        fixed (double* pa = a)
        fixed (double* pc = c)
            _dsyrk(CblasColMajor, CblasLower, CblasTrans, n, k, 1.0, pa + aOffset, k, 0.0, pc + cOffset, ldc);
    }

    /// <summary>C = α op(A) op(B) + β C on column-major buffers with the given leading dimensions and element offsets.</summary>
    public void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, double[] a, long aOffset, int lda,
        double[] b, long bOffset, int ldb, double beta, double[] c, long cOffset, int ldc)
    {
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
            _dgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, alpha,
                pa + aOffset, lda, pb + bOffset, ldb, beta, pc + cOffset, ldc);
    }

    /// <summary>
    /// Eigenpairs il … iu (1-based, ascending) of the symmetric n × n matrix in <paramref name="a"/> by MRRR (dsyevr), reading
    /// the upper triangle of the row-major view (the lower of the column-major one). Only that triangle and the diagonal are
    /// overwritten; the strict other triangle is left intact, so the caller can restore A from it and the saved diagonal.
    /// Eigenvalues go to <paramref name="w"/> (ascending), eigenvectors to the columns of the n × (iu − il + 1) buffer z.
    /// </summary>
    public void SymmetricEigenRange(double[] a, int n, int il, int iu, double[] w, double[] z)
    {
        int count = iu - il + 1, found = 0;
        var support = new int[2 * Math.Max(1, count)];
        int info;
        fixed (double* pa = a)
        fixed (double* pw = w)
        fixed (double* pz = z)
        fixed (int* ps = support)
            info = _dsyevr(ColMajor, (byte)'V', count == n ? (byte)'A' : (byte)'I', (byte)'L', n, pa, n, 0, 0, il, iu, 0.0, &found, pw, pz, n, ps);
        if (info != 0) throw new InvalidOperationException($"LAPACKE_dsyevr returned info = {info} (n = {n}): " + (info > 0 ? "the MRRR iteration failed." : $"argument {-info} rejected."));
        if (found != count) throw new InvalidOperationException($"LAPACKE_dsyevr found {found} eigenpairs of the {count} requested (n = {n}).");
    }

    /// <summary>
    /// The three phases of dsyevr for all eigenpairs, called one by one so that a caller can report progress between them:
    /// (1) dsytrd reduces A to tridiagonal form Qᵀ A Q = T, writing the Householder vectors into the lower triangle of the
    /// column-major buffer (the upper one and so K's other copy stay intact; the diagonal is overwritten); (2) dstemr finds
    /// T's eigenpairs by MRRR into z; (3) dormtr applies Q, z ← Q z. Eigenvalues ascending in w.
    /// </summary>
    public void SymmetricEigenInPhases(double[] a, int n, double[] w, double[] z, Action<int>? phaseDone)
    {
        var d = new double[n];
        var e = new double[n];
        var tau = new double[Math.Max(1, n - 1)];
        var support = new int[2 * n];
        int info, found = 0, tryrac = 1;
        fixed (double* pa = a)
        fixed (double* pd = d)
        fixed (double* pe = e)
        fixed (double* pt = tau)
        fixed (double* pw = w)
        fixed (double* pz = z)
        fixed (int* ps = support)
        {
            info = _dsytrd(ColMajor, (byte)'L', n, pa, n, pd, pe, pt);
            if (info != 0) throw new InvalidOperationException($"LAPACKE_dsytrd returned info = {info} (n = {n}).");
            phaseDone?.Invoke(1);
            info = _dstemr(ColMajor, (byte)'V', (byte)'A', n, pd, pe, 0, 0, 0, 0, &found, pw, pz, n, n, ps, &tryrac);
            if (info != 0) throw new InvalidOperationException($"LAPACKE_dstemr returned info = {info} (n = {n}): the MRRR iteration failed.");
            if (found != n) throw new InvalidOperationException($"LAPACKE_dstemr found {found} of {n} eigenpairs.");
            phaseDone?.Invoke(2);
            if (n > 1)
            {
                info = _dormtr(ColMajor, (byte)'L', (byte)'L', (byte)'N', n, n, pa, n, pt, pz, n);
                if (info != 0) throw new InvalidOperationException($"LAPACKE_dormtr returned info = {info} (n = {n}).");
            }
            phaseDone?.Invoke(3);
        }
    }

    /// <summary>In-place Cholesky of the leading n × n block (lower triangle, leading dimension lda); returns LAPACK's info (0 = success, k &gt; 0 = leading minor k not positive).</summary>
    public int CholeskyInPlace(double[] a, int n, int lda)
    {
        int info;
        fixed (double* p = a) info = _dpotrf(ColMajor, (byte)'L', n, p, lda);
        if (info < 0) throw new InvalidOperationException($"LAPACKE_dpotrf rejected argument {-info} (n = {n}).");
        return info;
    }

    /// <summary>Solves (L Lᵀ) X = B in place for the factor in the leading n × n block of <paramref name="factor"/> (leading dimension lda); B is n × nrhs, leading dimension n.</summary>
    public void CholeskySolve(double[] factor, int n, int lda, double[] b, int nrhs)
    {
        int info;
        fixed (double* l = factor)
        fixed (double* pb = b)
            info = _dpotrs(ColMajor, (byte)'L', n, nrhs, l, lda, pb, n);
        if (info != 0) throw new InvalidOperationException($"LAPACKE_dpotrs returned info = {info} (n = {n}, nrhs = {nrhs}).");
    }

    /// <summary>Replaces the m × k column-major block by an orthonormal basis Q of its column space (dgeqrf + dorgqr).</summary>
    public void Orthonormalize(double[] a, int m, int k)
    {
        var tau = new double[k];
        int info;
        fixed (double* p = a)
        fixed (double* t = tau)
        {
            info = _dgeqrf(ColMajor, m, k, p, m, t);
            if (info != 0) throw new InvalidOperationException($"LAPACKE_dgeqrf returned info = {info} ({m} × {k}).");
            info = _dorgqr(ColMajor, m, k, k, p, m, t);
        }
        if (info != 0) throw new InvalidOperationException($"LAPACKE_dorgqr returned info = {info} ({m} × {k}).");
    }
}
