namespace NngpRg.Core.Regression;

/// <summary>
/// The noiseless target f(x) of a regression experiment on the sphere; labels are y = f(x) + ε with ε ~ N(0, σ²)
/// added by the experiment. Closed hierarchy: a Gaussian-process draw or a fixed function.
/// </summary>
public abstract record RegressionTarget
{
    private RegressionTarget() { }

    /// <summary>
    /// f drawn from the prior GP(0, K) with dot-product kernel K(t), jointly on the training and test points of each draw
    /// (Cholesky of K(P, P) + jitter I, jitter 10⁻¹⁰ K(1), raised to the provider's required jitter if that fails).
    /// With the model's own kernel this is the "GP-matched" target of docs/theory.md §1.1 with y_k² ∝ λ_k on average.
    /// </summary>
    /// <param name="Kernel">The target's dot-product kernel (may differ from the model's).</param>
    public sealed record GaussianProcess(Func<double, double> Kernel) : RegressionTarget;

    /// <summary>A fixed function of the point x ∈ S^{d−1}.</summary>
    /// <param name="Value">f(x); must be finite.</param>
    /// <param name="Description">A name for reports.</param>
    public sealed record Function(Func<double[], double> Value, string Description) : RegressionTarget;

    /// <summary>f at each point, using <paramref name="random"/> for a GP draw.</summary>
    /// <exception cref="ArgumentException">A non-finite target value.</exception>
    public double[] Sample(double[][] points, Random random, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(random);
        var values = this switch
        {
            GaussianProcess gp => DrawGaussianProcess(gp.Kernel, points, random, provider ?? LinearAlgebra.Default),
            Function f => [.. points.Select(f.Value)],
            _ => throw new InvalidOperationException($"Unknown target {GetType().Name}."),
        };
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"RegressionTarget: f(x_{i}) = {values[i]:R} is not finite.", nameof(points));
        return values;
    }

    private static double[] DrawGaussianProcess(Func<double, double> kernel, double[][] points, Random random, ILinearAlgebra provider)
    {
        int n = points.Length;
        var k = KernelMatrix.Build(points, kernel);
        double jitter = 1e-10 * Math.Abs(kernel(1));
        CholeskyFactor factor;
        try
        {
            factor = provider.Cholesky(Shift(k, jitter));
        }
        catch (NotPositiveDefiniteException e)
        {
            // Rounding can leave tiny negative eigenvalues in a smooth kernel's Gram matrix; twice the needed jitter is enough.
            factor = provider.Cholesky(Shift(k, jitter + 2 * e.RequiredJitter));
        }
        var z = new double[n];
        for (int i = 0; i < n; i++) z[i] = SphereSampler.StandardNormal(random);
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j <= i; j++) s += factor[i, j] * z[j];
            f[i] = s;
        }
        return f;
    }

    private static double[,] Shift(double[,] k, double jitter)
    {
        var a = (double[,])k.Clone();
        for (int i = 0; i < a.GetLength(0); i++) a[i, i] += jitter;
        return a;
    }
}
