using NngpRg.Core.Regression;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// The frozen part of the experiment's network (docs/theory.md §10, Eq. 10.14): x ∈ ℝ² → W₁x (linear, width n₁) →
/// ReLU(W₂·) (width n₂) → h(x) = ReLU(W₃·) (width N), no biases, every weight N(0, 1) without fan-in scaling.
/// </summary>
internal sealed class FrozenNetwork
{
    private readonly double[] _w1, _w2, _w3;  // row-major: [out, in]
    private readonly int _n1, _n2;

    private FrozenNetwork(int n1, int n2, int width, double[] w1, double[] w2, double[] w3)
    {
        _n1 = n1; _n2 = n2; Width = width;
        _w1 = w1; _w2 = w2; _w3 = w3;
    }

    /// <summary>The number of features N.</summary>
    public int Width { get; }

    /// <summary>Draws the three weight matrices from N(0, 1), in the order W₁, W₂, W₃, row by row.</summary>
    public static FrozenNetwork Sample(int n1, int n2, int width, Random random)
    {
        static double[] Draw(int count, Random r)
        {
            var a = new double[count];
            for (int i = 0; i < count; i++) a[i] = SphereSampler.StandardNormal(r);
            return a;
        }
        var w1 = Draw(n1 * 2, random);
        var w2 = Draw(n2 * n1, random);
        var w3 = Draw(width * n2, random);
        return new FrozenNetwork(n1, n2, width, w1, w2, w3);
    }

    /// <summary>h(x) into <paramref name="features"/> (length N).</summary>
    public void Features(ReadOnlySpan<double> x, Span<double> features)
    {
        Span<double> a = stackalloc double[_n1];
        Span<double> b = stackalloc double[_n2];
        for (int i = 0; i < _n1; i++) a[i] = _w1[2 * i] * x[0] + _w1[2 * i + 1] * x[1];
        for (int i = 0; i < _n2; i++)
        {
            double s = 0;
            for (int j = 0; j < _n1; j++) s += _w2[i * _n1 + j] * a[j];
            b[i] = Math.Max(0, s);
        }
        for (int i = 0; i < Width; i++)
        {
            double s = 0;
            int row = i * _n2;
            for (int j = 0; j < _n2; j++) s += _w3[row + j] * b[j];
            features[i] = Math.Max(0, s);
        }
    }

    /// <summary>The feature matrix of the inputs: row i = h(x_i), flattened (n × N).</summary>
    public double[] Features(double[][] inputs)
    {
        var h = new double[inputs.Length * Width];
        for (int i = 0; i < inputs.Length; i++) Features(inputs[i], h.AsSpan(i * Width, Width));
        return h;
    }
}
