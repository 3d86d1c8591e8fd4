namespace NngpRg.Core.Regression;

/// <summary>
/// Points drawn i.i.d. from the uniform (rotation-invariant probability) measure μ on S^{d−1} (docs/theory.md §1.2, §3.5):
/// a standard Gaussian vector divided by its norm. All draws come from the caller's seeded <see cref="Random"/>,
/// so a seed reproduces the points exactly.
/// </summary>
public static class SphereSampler
{
    /// <summary><paramref name="count"/> points on S^{d−1} ⊂ ℝ^d, each a new array of length d.</summary>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 1 or count &lt; 0.</exception>
    public static double[][] Uniform(int dimension, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "SphereSampler: the ambient dimension d must be ≥ 1.");
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "SphereSampler: the number of points must be ≥ 0.");
        var points = new double[count][];
        for (int i = 0; i < count; i++)
        {
            var x = new double[dimension];
            double norm2;
            do
            {
                norm2 = 0;
                for (int c = 0; c < dimension; c++)
                {
                    x[c] = StandardNormal(random);
                    norm2 += x[c] * x[c];
                }
            }
            while (norm2 == 0); // measure zero, but a zero vector has no direction
            double inverse = 1 / Math.Sqrt(norm2);
            for (int c = 0; c < dimension; c++) x[c] *= inverse;
            points[i] = x;
        }
        return points;
    }

    /// <summary>One N(0, 1) variate by the Box–Muller transform (1 − U keeps the logarithm finite).</summary>
    public static double StandardNormal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
