namespace NngpRg.Core.Regression;

/// <summary>
/// Kernel (Gram) matrices K(X, X) and cross-matrices K(Z, X) (docs/theory.md (1.4), posterior mean
/// f̄(x) = K(x, X)[K(X, X) + σ² I]⁻¹ y). Two kernel forms:
/// a general kernel k(|x|², |y|², x·y) of the squared norms and the inner product (NNGP kernels depend on exactly
/// these), and a dot-product kernel K(t), t = x·y, for unit-norm inputs (docs/theory.md §6.3). Rows are computed in
/// parallel (<see cref="Parallel.For(int, int, Action{int})"/>); results are deterministic.
/// </summary>
public static class KernelMatrix
{
    /// <summary>Inputs of a dot-product kernel must have |x|² within this of 1.</summary>
    public const double UnitNormTolerance = 1e-8;

    /// <summary>K(X, X)_ij = k(|x_i|², |x_j|², x_i·x_j): symmetric, the upper triangle mirrored from the lower.</summary>
    /// <exception cref="ArgumentException">No points, ragged or non-finite points, or a non-finite kernel value (named by i, j).</exception>
    public static double[,] Build(double[][] points, Func<double, double, double, double> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var norms = SquaredNorms(points, nameof(points));
        int n = points.Length;
        var k = new double[n, n];
        ForEachRow(n, i =>
        {
            for (int j = 0; j <= i; j++)
            {
                double v = kernel(norms[i], norms[j], Dot(points[i], points[j]));
                if (!double.IsFinite(v)) throw NonFinite(v, i, j, "K(X, X)");
                // Row i owns the entries (i, j ≤ i) and their mirrors (j, i): no two rows write one cell.
                k[i, j] = v;
                k[j, i] = v;
            }
        });
        return k;
    }

    /// <summary>K(X, X)_ij = K(x_i·x_j) for points on the unit sphere; t is clamped to [−1, 1] against rounding, and is 1 on the diagonal.</summary>
    /// <exception cref="ArgumentException">As <see cref="Build(double[][], Func{double, double, double, double})"/>, or a point with |x|² ≠ 1.</exception>
    public static double[,] Build(double[][] points, Func<double, double> dotKernel)
    {
        ArgumentNullException.ThrowIfNull(dotKernel);
        RequireUnitNorm(points, nameof(points));
        var k = Build(points, (_, _, t) => dotKernel(Math.Clamp(t, -1, 1)));
        // x_i·x_i is 1 on the sphere but 1 − ulp from rounding; kernels singular at t = 1 (every NTK, arccos0) would feel it.
        double diagonal = dotKernel(1);
        if (!double.IsFinite(diagonal)) throw NonFinite(diagonal, 0, 0, "K(X, X)");
        for (int i = 0; i < points.Length; i++) k[i, i] = diagonal;
        return k;
    }

    /// <summary>As <see cref="Build(double[][], Func{double, double, double, double})"/> with the points as the rows of a matrix.</summary>
    public static double[,] Build(double[,] points, Func<double, double, double, double> kernel) => Build(Rows(points), kernel);

    /// <summary>As <see cref="Build(double[][], Func{double, double})"/> with the points as the rows of a matrix.</summary>
    public static double[,] Build(double[,] points, Func<double, double> dotKernel) => Build(Rows(points), dotKernel);

    /// <summary>The m × n cross-matrix K(Z, X)_ij = k(|z_i|², |x_j|², z_i·x_j), test points Z by training points X.</summary>
    /// <exception cref="ArgumentException">Ragged or non-finite points, Z and X of different dimensions, a non-finite value.</exception>
    public static double[,] Cross(double[][] test, double[][] train, Func<double, double, double, double> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var zn = SquaredNorms(test, nameof(test));
        var xn = SquaredNorms(train, nameof(train));
        if (test[0].Length != train[0].Length)
            throw new ArgumentException($"KernelMatrix.Cross: test points have dimension {test[0].Length} but training points have dimension {train[0].Length}.", nameof(test));
        int m = test.Length, n = train.Length;
        var k = new double[m, n];
        ForEachRow(m, i =>
        {
            for (int j = 0; j < n; j++)
            {
                double v = kernel(zn[i], xn[j], Dot(test[i], train[j]));
                if (!double.IsFinite(v)) throw NonFinite(v, i, j, "K(Z, X)");
                k[i, j] = v;
            }
        });
        return k;
    }

    /// <summary>The m × n cross-matrix K(z_i·x_j) of a dot-product kernel on unit-norm points.</summary>
    public static double[,] Cross(double[][] test, double[][] train, Func<double, double> dotKernel)
    {
        ArgumentNullException.ThrowIfNull(dotKernel);
        RequireUnitNorm(test, nameof(test));
        RequireUnitNorm(train, nameof(train));
        return Cross(test, train, (_, _, t) => dotKernel(Math.Clamp(t, -1, 1)));
    }

    /// <summary>As <see cref="Cross(double[][], double[][], Func{double, double, double, double})"/> with points as matrix rows.</summary>
    public static double[,] Cross(double[,] test, double[,] train, Func<double, double, double, double> kernel) => Cross(Rows(test), Rows(train), kernel);

    /// <summary>As <see cref="Cross(double[][], double[][], Func{double, double})"/> with points as matrix rows.</summary>
    public static double[,] Cross(double[,] test, double[,] train, Func<double, double> dotKernel) => Cross(Rows(test), Rows(train), dotKernel);

    /// <summary>The diagonal k(|z_i|², |z_i|², |z_i|²), e.g. the prior variances for <see cref="KernelRidgeFit.PosteriorVariance"/>.</summary>
    public static double[] Diagonal(double[][] points, Func<double, double, double, double> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var norms = SquaredNorms(points, nameof(points));
        var d = new double[points.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = kernel(norms[i], norms[i], norms[i]);
            if (!double.IsFinite(d[i])) throw NonFinite(d[i], i, i, "diag K(Z, Z)");
        }
        return d;
    }

    /// <summary>Row panels of the BLAS pass and slices of the entrywise pass of <see cref="BuildDotProductInPlace"/> (progress units).</summary>
    internal const int Panels = 16;

    /// <summary>
    /// The N × N Gram matrix K(x_i·x_j) of a dot-product kernel on unit-norm points into the flat buffer <paramref name="into"/>
    /// (N², both triangles, so it reads the same row- or column-major): the inner products by BLAS in row panels (dsyrk on each
    /// diagonal block, dgemm left of it), then K(t) entry by entry with t clamped to [−1, 1] (t = 1 on the diagonal), in parallel over columns. The only
    /// other storage is the d × N copy of the points that BLAS reads. <paramref name="progress"/>(done, 2·<see cref="Panels"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Points not unit-norm, of different dimensions or not finite; a non-finite kernel value.</exception>
    internal static void BuildDotProductInPlace(double[][] points, Func<double, double> dotKernel, double[] into, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dotKernel);
        RequireUnitNorm(points, nameof(points));
        int n = points.Length, d = points[0].Length;
        if (into.LongLength != (long)n * n)
            throw new ArgumentException($"KernelMatrix: the buffer holds {into.LongLength} entries, not N² = {(long)n * n}.", nameof(into));
        var native = NativeDense.Instance;
        var a = new double[(long)d * n]; // column i = x_i
        for (int i = 0; i < n; i++) points[i].CopyTo(a, (long)i * d);
        int total = 2 * Panels, done = 0;
        progress?.Invoke(0, total);
        for (int p = 0; p < Panels; p++)
        {
            // equal areas of the lower triangle per panel: rows r0 … r1 with r ∝ √p
            int r0 = (int)(n * Math.Sqrt((double)p / Panels)), r1 = (int)(n * Math.Sqrt((double)(p + 1) / Panels));
            if (p == Panels - 1) r1 = n;
            int rows = r1 - r0;
            if (rows > 0)
            {
                native.SyrkLower(a, (long)r0 * d, d, rows, into, r0 + (long)r0 * n, n);
                if (r0 > 0) native.Gemm(true, false, rows, r0, d, 1, a, (long)r0 * d, d, a, 0, d, 0, into, r0, n);
            }
            progress?.Invoke(++done, total);
        }
        // K(t) on the lower triangle (column j owns rows i ≥ j) and its mirror (row j of the upper triangle): disjoint writes.
        int slice = (n + Panels - 1) / Panels;
        for (int p = 0; p < Panels; p++)
        {
            int j0 = Math.Min(n, p * slice), j1 = Math.Min(n, j0 + slice);
            ForEachRow(j1 - j0, c =>
            {
                int j = j0 + c;
                long column = (long)j * n;
                for (int i = j; i < n; i++)
                {
                    // the diagonal is t = 1 exactly (x_i·x_i is 1 − ulp from rounding, felt by kernels singular at t = 1)
                    double v = dotKernel(i == j ? 1 : Math.Clamp(into[column + i], -1, 1));
                    if (!double.IsFinite(v)) throw NonFinite(v, i, j, "K(X, X)");
                    into[column + i] = v;
                    into[j + (long)i * n] = v;
                }
            });
            progress?.Invoke(++done, total);
        }
    }

    /// <summary>The rows of a matrix as arrays.</summary>
    public static double[][] Rows(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0), d = matrix.GetLength(1);
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new double[d];
            for (int c = 0; c < d; c++) rows[i][c] = matrix[i, c];
        }
        return rows;
    }

    // Parallel.For wraps a body's exception in an AggregateException; callers get the precise one.
    private static void ForEachRow(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    internal static double Dot(double[] x, double[] y)
    {
        double s = 0;
        for (int c = 0; c < x.Length; c++) s += x[c] * y[c];
        return s;
    }

    private static double[] SquaredNorms(double[][] points, string name)
    {
        ArgumentNullException.ThrowIfNull(points, name);
        if (points.Length == 0) throw new ArgumentException("KernelMatrix: the point set is empty.", name);
        int d = points[0]?.Length ?? throw new ArgumentException("KernelMatrix: point 0 is null.", name);
        var norms = new double[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            var x = points[i] ?? throw new ArgumentException($"KernelMatrix: point {i} is null.", name);
            if (x.Length != d)
                throw new ArgumentException($"KernelMatrix: point {i} has dimension {x.Length} but point 0 has dimension {d}.", name);
            for (int c = 0; c < d; c++)
                if (!double.IsFinite(x[c]))
                    throw new ArgumentException($"KernelMatrix: point {i}, coordinate {c} is {x[c]:R}; points must be finite.", name);
            norms[i] = Dot(x, x);
        }
        return norms;
    }

    private static void RequireUnitNorm(double[][] points, string name)
    {
        var norms = SquaredNorms(points, name);
        for (int i = 0; i < norms.Length; i++)
            if (Math.Abs(norms[i] - 1) > UnitNormTolerance)
                throw new ArgumentException($"KernelMatrix: a dot-product kernel needs unit-norm inputs, but point {i} has |x|² = {norms[i]:R} " +
                                            $"(tolerance {UnitNormTolerance:G}); normalize the inputs or use the k(|x|², |y|², x·y) form.", name);
    }

    private static ArgumentException NonFinite(double value, int i, int j, string what) =>
        new($"KernelMatrix: the kernel returned {value:R} for {what} entry [{i}, {j}]; kernel values must be finite.", "kernel");
}
