using System.Numerics;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// Training of the linear readout f(x) = v·h(x) by per-sample SGD on the loss (f(x_i) − y_i)², samples in order, each
/// step v ← v − 2 lr (v·h_i − y_i) h_i (docs/theory.md §10, Eq. 10.14), in two exactly equivalent ways
/// (<see cref="ReadoutSolver"/>; Eq. 10.18).
/// </summary>
internal static class ReadoutTraining
{
    /// <summary>The trained readout from <paramref name="initial"/> (not modified); <paramref name="features"/> is n × N row-major.</summary>
    public static double[] Train(ReadoutSolver solver, double[] features, double[] targets, double[] initial, double learningRate, int epochs) =>
        solver == ReadoutSolver.Sgd
            ? Sgd(features, targets, initial, learningRate, epochs)
            : GramSgd(features, targets, initial, learningRate, epochs);

    /// <summary>Plain per-sample SGD on the N readout weights.</summary>
    public static double[] Sgd(double[] features, double[] targets, double[] initial, double learningRate, int epochs)
    {
        int n = targets.Length, width = initial.Length;
        var v = (double[])initial.Clone();
        for (int epoch = 0; epoch < epochs; epoch++)
            for (int i = 0; i < n; i++)
            {
                var h = features.AsSpan(i * width, width);
                double step = 2 * learningRate * (Dot(v, h) - targets[i]);
                Axpy(-step, h, v);
            }
        return v;
    }

    /// <summary>
    /// The same iterates in the span of the training features: v_t = v₀ + Σ_i c_i h_i, so only the training predictions
    /// u = H v change inside the loop, by u ← u − step · (H Hᵀ)[:, i] with c_i ← c_i − step.
    /// </summary>
    public static double[] GramSgd(double[] features, double[] targets, double[] initial, double learningRate, int epochs)
    {
        int n = targets.Length, width = initial.Length;
        var gram = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var hi = features.AsSpan(i * width, width);
            for (int j = 0; j <= i; j++)
            {
                double g = Dot(hi, features.AsSpan(j * width, width));
                gram[i * n + j] = g;
                gram[j * n + i] = g;
            }
        }
        var u = new double[n];
        for (int i = 0; i < n; i++) u[i] = Dot(initial, features.AsSpan(i * width, width));
        var c = new double[n];
        for (int epoch = 0; epoch < epochs; epoch++)
            for (int i = 0; i < n; i++)
            {
                double step = 2 * learningRate * (u[i] - targets[i]);
                c[i] -= step;
                Axpy(-step, gram.AsSpan(i * n, n), u);  // the Gram matrix is symmetric: row i = column i
            }
        var v = (double[])initial.Clone();
        for (int i = 0; i < n; i++) Axpy(c[i], features.AsSpan(i * width, width), v);
        return v;
    }

    /// <summary>Σ a_k b_k, vectorized.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            int stop = a.Length - a.Length % Vector<double>.Count;
            for (; k < stop; k += Vector<double>.Count) acc += new Vector<double>(a[k..]) * new Vector<double>(b[k..]);
            sum = Vector.Sum(acc);
        }
        for (; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    /// <summary>y ← y + α x, vectorized.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * Vector<double>.Count)
        {
            var a = new Vector<double>(alpha);
            int stop = x.Length - x.Length % Vector<double>.Count;
            for (; k < stop; k += Vector<double>.Count) (new Vector<double>(y[k..]) + a * new Vector<double>(x[k..])).CopyTo(y[k..]);
        }
        for (; k < x.Length; k++) y[k] += alpha * x[k];
    }
}
