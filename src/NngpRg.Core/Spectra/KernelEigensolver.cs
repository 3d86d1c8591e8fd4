using System.Collections.Immutable;
using System.Diagnostics;
using NngpRg.Core.Regression;

namespace NngpRg.Core.Spectra;

/// <summary>How an empirical spectrum was computed and how well: the method, the iterations and ‖K v − λ v‖ of the modes checked.</summary>
/// <param name="Method">"full" (every eigenpair, LAPACK MRRR) or "top-K" (randomized block subspace iteration with Rayleigh–Ritz).</param>
/// <param name="ModeCount">Eigenpairs computed.</param>
/// <param name="Iterations">Subspace iterations (0 for the full solver).</param>
/// <param name="BlockSize">Columns of the iterated block (0 for the full solver).</param>
/// <param name="Residuals">‖(K/N) v_k − λ̂_k v_k‖ for unit v_k, leading modes first: every computed mode of a top-K solve, the
/// leading min(N, 32) of a full one (checked with one extra N × N × 32 product).</param>
/// <param name="Tolerance">The top-K stopping rule max_k ‖(K/N) v_k − λ̂_k v_k‖ ≤ Tolerance · λ̂_1 (0 for the full solver).</param>
/// <param name="Converged">Whether the stopping rule was met (always true for the full solver).</param>
/// <param name="Seconds">Wall time of the solve.</param>
public sealed record EigensolverSummary(string Method, int ModeCount, int Iterations, int BlockSize, ImmutableArray<double> Residuals,
    double Tolerance, bool Converged, double Seconds)
{
    /// <summary>max_k ‖(K/N) v_k − λ̂_k v_k‖.</summary>
    public double MaxResidual => Residuals.IsDefaultOrEmpty ? 0 : Residuals.Max();
}

/// <summary>
/// The empirical Mercer decomposition (docs/theory.md §6) of an N × N kernel matrix held in one flat symmetric buffer, in
/// place: the full solver (LAPACK dsytrd, dstemr (MRRR), dormtr: the phases of dsyevr) needs one more N × N buffer for the eigenvectors and gives K back intact; the
/// top-K solver (randomized block subspace iteration, Halko–Martinsson–Tropp, arXiv:0909.4061, with a Rayleigh–Ritz step per
/// iteration) needs four N × b blocks, b = min(N, 2K + 10), and costs 2N²b flops per iteration instead of O(N³).
/// Progress: percent of the full solve's flops after each LAPACK phase (and the current value once a second), (iteration,
/// maximum iterations) for top-K.
/// </summary>
internal static class KernelEigensolver
{
    /// <summary>Default top-K stopping rule: residuals ≤ 1e-6 λ̂_1.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Default bound on the subspace iterations.</summary>
    public const int DefaultMaxIterations = 300;

    private const int CheckedModes = 32;

    /// <summary>All N eigenpairs; <paramref name="kernel"/> (N × N, symmetric) is intact on return; the eigenvectors come from the ledger.</summary>
    public static (EmpiricalSpectrum Spectrum, EigensolverSummary Summary) Full(double[] kernel, int n, Func<string, long, double[]> allocate,
        Action<int, int>? progress)
    {
        var native = NativeDense.Instance;
        var clock = Stopwatch.StartNew();
        var diagonal = new double[n];
        double trace = 0;
        for (int i = 0; i < n; i++) trace += diagonal[i] = kernel[(long)i * n + i];
        var w = new double[n];
        var z = allocate("eigenvectors V (N × N)", (long)n * n);
        // Progress in percent of the flops: the reduction to tridiagonal form ≈ 4N³/3, MRRR O(N²), the back-transformation ≈ 2N³;
        // a beat once a second repeats the current value, so a caller sees the step alive within a phase.
        // The beat runs on a timer thread: one lock keeps the caller's callback from running on two threads at once.
        int percent = 0;
        var gate = new object();
        void Report() { lock (gate) progress?.Invoke(percent, 100); }
        Report();
        var beat = new Timer(_ => Report(), null, 1000, 1000);
        try
        {
            native.SymmetricEigenInPhases(kernel, n, w, z, phase =>
            {
                lock (gate) percent = phase switch { 1 => 40, 2 => 41, _ => 100 };
                Report();
            });
        }
        finally { WaitFor(beat); }
        // dsytrd overwrote the lower triangle (column-major) and the diagonal only: restore them from the upper triangle.
        RestoreLower(kernel, n, diagonal);
        // ascending → decreasing, by swapping columns in place
        var swap = new double[n];
        for (int a = 0, b = n - 1; a < b; a++, b--)
        {
            var ca = new Span<double>(z, a * n, n);
            var cb = new Span<double>(z, b * n, n);
            ca.CopyTo(swap);
            cb.CopyTo(ca);
            swap.CopyTo(cb);
            (w[a], w[b]) = (w[b], w[a]);
        }
        int check = Math.Min(n, CheckedModes);
        var residuals = Residuals(native, kernel, n, z, w, check);
        var spectrum = EmpiricalSpectrum.FromDecomposition(w, z, n, trace, "native (dsytrd, dstemr, dormtr)");
        return (spectrum, new EigensolverSummary("full", n, 0, 0, residuals, 0, true, clock.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// The leading <paramref name="count"/> eigenpairs by randomized block subspace iteration: Q ← orth(K Q), Rayleigh–Ritz on
    /// QᵀKQ each iteration, until max_k ‖K v_k − θ_k v_k‖ ≤ tol · θ_1 over the wanted k or <paramref name="maxIterations"/>.
    /// <paramref name="kernel"/> is only read.
    /// </summary>
    public static (EmpiricalSpectrum Spectrum, EigensolverSummary Summary) TopK(double[] kernel, int n, int count, int seed,
        Func<string, long, double[]> allocate, Action<string> release, Action<int, int>? progress,
        double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        if (count < 1 || count >= n) throw new ArgumentOutOfRangeException(nameof(count), count, $"top-K: K must lie in 1..N − 1 = {n - 1}.");
        var native = NativeDense.Instance;
        var clock = Stopwatch.StartNew();
        int b = Math.Min(n, 2 * count + 10);
        long block = (long)n * b;
        double trace = 0;
        for (int i = 0; i < n; i++) trace += kernel[(long)i * n + i];
        var q = allocate("subspace block Q (N × b)", block);
        var y = allocate("product block KQ (N × b)", block);
        var u = allocate("Ritz vectors U (N × b)", block);
        var r = allocate("K U (N × b)", block);
        var random = new Random(seed);
        for (long i = 0; i < block; i += 2)
        {
            // Box–Muller pairs of standard normals
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble(), radius = Math.Sqrt(-2 * Math.Log(u1));
            q[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < block) q[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
        }
        native.Orthonormalize(q, n, b);
        var theta = new double[b];
        var small = new double[(long)b * b];
        var ritz = new double[(long)b * b];
        var residuals = new double[count];
        int iteration = 0;
        bool converged = false;
        progress?.Invoke(0, maxIterations);
        while (iteration < maxIterations)
        {
            iteration++;
            native.Gemm(false, false, n, b, n, 1, kernel, 0, n, q, 0, n, 0, y, 0, n);        // Y = K Q
            native.Gemm(true, false, b, b, n, 1, q, 0, n, y, 0, n, 0, small, 0, b);          // B = Qᵀ K Q
            for (int i = 0; i < b; i++)
                for (int j = 0; j < i; j++)
                    small[i + (long)j * b] = small[j + (long)i * b] = 0.5 * (small[i + (long)j * b] + small[j + (long)i * b]);
            native.SymmetricEigenRange(small, b, 1, b, theta, ritz);
            Reverse(ritz, theta, b);
            native.Gemm(false, false, n, b, b, 1, q, 0, n, ritz, 0, b, 0, u, 0, n);          // U = Q W
            native.Gemm(false, false, n, b, b, 1, y, 0, n, ritz, 0, b, 0, r, 0, n);          // K U = Y W
            double worst = 0;
            for (int k = 0; k < count; k++)
            {
                double s = 0;
                long offset = (long)k * n;
                for (int i = 0; i < n; i++)
                {
                    double d = r[offset + i] - theta[k] * u[offset + i];
                    s += d * d;
                }
                residuals[k] = Math.Sqrt(s) / n;
                worst = Math.Max(worst, residuals[k]);
            }
            progress?.Invoke(iteration, maxIterations);
            if (worst <= tolerance * Math.Abs(theta[0]) / n)
            {
                converged = true;
                break;
            }
            Array.Copy(r, q, block);
            native.Orthonormalize(q, n, b);
        }
        release("subspace block Q (N × b)");
        release("product block KQ (N × b)");
        release("K U (N × b)");
        var values = theta[..count];
        // The spectrum keeps the leading K columns of U (the buffer stays tracked under its name).
        var spectrum = EmpiricalSpectrum.FromDecomposition(values, u, n, trace, "native (subspace iteration)");
        progress?.Invoke(maxIterations, maxIterations);
        return (spectrum, new EigensolverSummary("top-K", count, iteration, b, [.. residuals], tolerance, converged, clock.Elapsed.TotalSeconds));
    }

    // column-major lower entries (i > j) from the upper ones, and the saved diagonal
    internal static void RestoreLower(double[] a, int n, double[] diagonal)
    {
        Parallel.For(0, n, j =>
        {
            long column = (long)j * n;
            a[column + j] = diagonal[j];
            for (int i = j + 1; i < n; i++) a[column + i] = a[j + (long)i * n];
        });
    }

    // ‖K v_k − w_k v_k‖/N for the first 'count' (unit) columns of z, with K the n × n buffer
    private static ImmutableArray<double> Residuals(NativeDense native, double[] kernel, int n, double[] z, double[] w, int count)
    {
        var kv = new double[(long)n * count];
        native.Gemm(false, false, n, count, n, 1, kernel, 0, n, z, 0, n, 0, kv, 0, n);
        var result = new double[count];
        for (int k = 0; k < count; k++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double d = kv[(long)k * n + i] - w[k] * z[(long)k * n + i];
                s += d * d;
            }
            result[k] = Math.Sqrt(s) / n;
        }
        return [.. result];
    }

    // eigenpairs of dsyevr (ascending) → decreasing: reverse the values and the columns of the b × b matrix
    private static void Reverse(double[] vectors, double[] values, int b)
    {
        var swap = new double[b];
        for (int a = 0, c = b - 1; a < c; a++, c--)
        {
            var ca = new Span<double>(vectors, a * b, b);
            var cc = new Span<double>(vectors, c * b, b);
            ca.CopyTo(swap);
            cc.CopyTo(ca);
            swap.CopyTo(cc);
            (values[a], values[c]) = (values[c], values[a]);
        }
    }

    private static void WaitFor(Timer timer)
    {
        using var done = new ManualResetEvent(false);
        if (timer.Dispose(done)) done.WaitOne();
    }
}
