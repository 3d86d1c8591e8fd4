using NngpRg.Core.Kernels;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using Xunit;

namespace NngpRg.Core.Tests.Kernels;

/// <summary>
/// The layer maps near the diagonal, where rounding pushes cos θ an ulp past 1 (arccos and √(1 − cos²θ) were NaN there):
/// every kernel at depths 1 … 6 and σ_b² ∈ {0, 0.1, 1}, on the sphere and on the (|x|², |y|², x·y) form used on data, at
/// t = 1, 1 − ulp, 1 − 1e−12 and −1, against an independent double recursion written here (angles through Math.Acos, sines
/// through Math.Sin, and the NTK's K̇ = σ_w² E[φ′(u)φ′(v)] by Price's theorem instead of differentiation).
/// </summary>
public class KernelRoundingTests
{
    private static readonly double OneMinusUlp = Math.BitDecrement(1.0);
    private static readonly double[] Points = [1, OneMinusUlp, 1 - 1e-12, -1, 0.3, -0.7, 0.999];

    public static TheoryData<Activation, double> Cases()
    {
        var data = new TheoryData<Activation, double>();
        foreach (var a in Enum.GetValues<Activation>())
            foreach (double b in Activations.HasVariances(a) ? new[] { 0, 0.1, 1 } : [0.0])
                data.Add(a, b);
        return data;
    }

    private static double J(int n, double theta) => n switch
    {
        0 => Math.PI - theta,
        1 => Math.Sin(theta) + (Math.PI - theta) * Math.Cos(theta),
        _ => 3 * Math.Sin(theta) * Math.Cos(theta) + (Math.PI - theta) * (1 + 2 * Math.Cos(theta) * Math.Cos(theta)),
    };

    private static int Degree(Activation a) => a switch { Activation.ArcCos0 => 0, Activation.ArcCos2 => 2, _ => 1 };

    // One layer (K_xx, K_yy, K_xy) ↦ (K'_xx, K'_yy, K'_xy, K̇) in plain doubles.
    private static (double Xx, double Yy, double Xy, double Dot) Layer(Activation a, double w2, double b2, double p, double q, double r)
    {
        double Map(double xx, double yy, double xy)
        {
            double norm = Math.Sqrt(xx * yy), theta = Math.Acos(Math.Clamp(xy / norm, -1, 1));
            return a switch
            {
                Activation.Relu => b2 + w2 * norm * J(1, theta) / (2 * Math.PI),
                Activation.Erf => b2 + w2 * 2 / Math.PI * Math.Asin(2 * xy / Math.Sqrt((1 + 2 * xx) * (1 + 2 * yy))),
                Activation.Rbf => b2 + w2 * Math.Exp(-(xx + yy - 2 * xy) / 2),
                _ => Math.Pow(norm, Degree(a)) * J(Degree(a), theta) / Math.PI,
            };
        }
        double n = Math.Sqrt(p * q), th = Math.Acos(Math.Clamp(r / n, -1, 1));
        int m = Degree(a);
        double dot = a switch
        {
            Activation.Relu => w2 * (Math.PI - th) / (2 * Math.PI),
            Activation.Erf => w2 * 4 / Math.PI / Math.Sqrt((1 + 2 * p) * (1 + 2 * q) - 4 * r * r),
            Activation.Rbf => w2 * Math.Exp(-(p + q - 2 * r) / 2),
            // Cho–Saul: 2 E[φ′φ′] with φ′ = n Θ(u) u^(n−1): n² (1/π) norm^(n−1) J_(n−1)
            _ => m == 0 ? double.NaN : m * m * Math.Pow(n, m - 1) * J(m - 1, th) / Math.PI,
        };
        return (Map(p, p, p), Map(q, q, q), Math.Min(Map(p, q, r), Math.Sqrt(Map(p, p, p) * Map(q, q, q))), dot);
    }

    private static (double K, double Ntk) Reference(Activation a, int depth, double b2, double nx, double ny, double t)
    {
        double w2 = 1;
        double p = w2 * nx + b2, q = w2 * ny + b2, r = w2 * t + b2, ntk = r;
        for (int l = 0; l < depth; l++)
        {
            var next = Layer(a, w2, b2, p, q, r);
            ntk = next.Xy + next.Dot * ntk;
            (p, q, r) = (next.Xx, next.Yy, next.Xy);
        }
        return (r, ntk);
    }

    private static NngpKernel Kernel(Activation a, int depth, double b2) =>
        NngpKernel.Of(Activations.HasVariances(a) ? LayerMap.Of(a, 1, b2) : LayerMap.Of(a), depth);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sphere_kernels_are_finite_bounded_by_the_diagonal_monotone_near_one_and_match_the_reference(Activation a, double b2)
    {
        for (int depth = 1; depth <= 6; depth++)
        {
            var kernel = Kernel(a, depth, b2);
            var k = Compile.ToFunc1(kernel.DotProductKernel(), NngpKernel.Dot);
            double atOne = Evaluate.Constant(kernel.DotProductDiagonal());
            string where = $"{Activations.Name(a)} depth {depth} σ_b² = {b2}";
            foreach (double t in Points)
            {
                double v = k(t);
                Assert.True(double.IsFinite(v), $"{where}: K({t:R}) = {v:R}");
                Assert.True(v <= atOne && v >= -atOne, $"{where}: K({t:R}) = {v:R} exceeds K(1) = {atOne:R}");
                // arccos0 behaves like 1 − (1 − t)^(2^−L) near 1, infinitely steep: compare it away from t = ±1 only
                if (a == Activation.ArcCos0 && Math.Abs(t) > 0.99) continue;
                double reference = Reference(a, depth, b2, 1, 1, t).K;
                Assert.True(Math.Abs(v - reference) <= 1e-12 * atOne, $"{where}: K({t:R}) = {v:R}, reference {reference:R}");
            }
            Assert.Equal(atOne, k(1));
            double[] approach = [1 - 1e-6, 1 - 1e-9, 1 - 1e-12, OneMinusUlp, 1];
            for (int i = 1; i < approach.Length; i++)
                Assert.True(k(approach[i - 1]) <= k(approach[i]), $"{where}: K({approach[i - 1]:R}) = {k(approach[i - 1]):R} > K({approach[i]:R}) = {k(approach[i]):R}");
            Assert.True(k(1 - 1e-9) < k(1 - 1e-12), $"{where}: not increasing towards 1");
        }
    }

    /// <summary>The form used on data, K(|x|², |y|², x·y), with |x|² ≠ 1 and with x = y (where the old map returned NaN).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void General_form_is_finite_on_the_diagonal_and_matches_the_reference(Activation a, double b2)
    {
        foreach (int depth in new[] { 1, 3, 6 })
        {
            var kernel = Kernel(a, depth, b2);
            var k = Compile.ToFunc3(kernel.Kernel(), NngpKernel.NormX, NngpKernel.NormY, NngpKernel.Dot);
            // 2.5 and 0.9: t = √(2.5·0.9)·τ
            foreach (var (nx, ny) in new[] { (2.5, 2.5), (2.5, 0.9), (0.3, 0.3) })
                foreach (double tau in new[] { 1, OneMinusUlp, 1 - 1e-12, -1, 0.4 })
                {
                    double t = Math.Sqrt(nx * ny) * tau;
                    double v = k(nx, ny, t), reference = Reference(a, depth, b2, nx, ny, t).K;
                    double diagonal = Math.Sqrt(Reference(a, depth, b2, nx, nx, nx).K * Reference(a, depth, b2, ny, ny, ny).K);
                    string where = $"{Activations.Name(a)} depth {depth} σ_b² = {b2} at ({nx}, {ny}, {t:R})";
                    Assert.True(double.IsFinite(v) && Math.Abs(v) <= diagonal * (1 + 1e-14), $"{where}: {v:R} vs diagonal {diagonal:R}");
                    if (a == Activation.ArcCos0 && Math.Abs(tau) > 0.99) continue;
                    Assert.True(Math.Abs(v - reference) <= 1e-12 * diagonal, $"{where}: {v:R}, reference {reference:R}");
                }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ntk_is_finite_and_matches_the_price_theorem_reference(Activation a, double b2)
    {
        if (a == Activation.ArcCos0) return; // no NTK: asserted below
        for (int depth = 1; depth <= 6; depth++)
        {
            var kernel = Kernel(a, depth, b2);
            var ntk = Compile.ToFunc1(kernel.DotProductNtk(), NngpKernel.Dot);
            double atOne = Evaluate.Constant(kernel.DotProductNtkDiagonal());
            string where = $"{Activations.Name(a)} NTK depth {depth} σ_b² = {b2}";
            Assert.Equal(Reference(a, depth, b2, 1, 1, 1).Ntk, atOne, 1e-12 * atOne);
            foreach (double t in Points)
            {
                double v = ntk(t), reference = Reference(a, depth, b2, 1, 1, t).Ntk;
                Assert.True(double.IsFinite(v) && Math.Abs(v) <= atOne * (1 + 1e-12), $"{where}: Θ({t:R}) = {v:R}, Θ(1) = {atOne:R}");
                // K̇ ∝ π − θ with θ ≈ √(2(1 − t)) near t = ±1: a rounding δ of a cosine moves Θ by ≈ δ/√(1 − |t|) per layer
                double conditioning = depth * 1e-15 / Math.Sqrt(Math.Max(1 - Math.Abs(t), 1e-16));
                Assert.True(Math.Abs(v - reference) <= (1e-11 + conditioning) * atOne, $"{where}: Θ({t:R}) = {v:R}, reference {reference:R}");
            }
        }
    }

    /// <summary>Depth-1 ReLU on the sphere (σ_w² = 1, σ_b² = 0): Θ(t) = K(t) + t(π − arccos t)/(2π).</summary>
    [Fact]
    public void Depth_one_relu_ntk_has_the_closed_form()
    {
        var ntk = Compile.ToFunc1(NngpKernel.Of(LayerMap.Of(Activation.Relu), 1).DotProductNtk(), NngpKernel.Dot);
        foreach (double t in new[] { -1, -0.5, 0, 0.25, 0.9, 1 })
        {
            double k = (Math.Sqrt(1 - t * t) + (Math.PI - Math.Acos(t)) * t) / (2 * Math.PI);
            Assert.Equal(k + t * (Math.PI - Math.Acos(t)) / (2 * Math.PI), ntk(t), 14);
        }
    }

    [Fact]
    public void Arccos0_has_no_ntk()
    {
        var kernel = NngpKernel.Of(LayerMap.Of(Activation.ArcCos0), 2);
        Assert.False(kernel.HasNtk);
        Assert.Contains("δ(u)", Assert.Throws<InvalidOperationException>(() => kernel.DotProductNtk()).Message);
    }

    /// <summary>
    /// Exact diagonals whose size doubles per layer are bounded: the degree-2 Cho–Saul diagonal is 3^(2^L − 1), exact up to
    /// 256 bits (L = 7), rounded beyond, and a clear error once it leaves the double range (L = 10); a deep ReLU with
    /// σ_b² = 0.1 builds at depth 64 and stays exact (1/10 is read as a decimal).
    /// </summary>
    [Fact]
    public void Deep_exact_diagonals_stay_bounded()
    {
        var seven = NngpKernel.Of(LayerMap.Of(Activation.ArcCos2), 7).DotProductDiagonal();
        Assert.Equal(Number.Of(System.Numerics.BigInteger.Pow(3, 127)), seven);
        double nine = Evaluate.Constant(NngpKernel.Of(LayerMap.Of(Activation.ArcCos2), 9).DotProductDiagonal());
        Assert.Equal(1, nine / Math.Pow(3, 511), 14);
        var e = Assert.Throws<ArgumentException>(() => NngpKernel.Of(LayerMap.Of(Activation.ArcCos2), 10).DotProductKernel());
        Assert.Contains("layer 10", e.Message);
        var deep = NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, 0.1), 64);
        Assert.IsType<Number>(deep.DotProductDiagonal());
        Assert.Equal(Reference(Activation.Relu, 64, 0.1, 1, 1, 0.2).K, Compile.ToFunc1(deep.DotProductKernel(), NngpKernel.Dot)(0.2), 13);
        Assert.Contains("no weight or bias variance", Assert.Throws<ArgumentException>(() => LayerMap.Of(Activation.ArcCos2, 1, 0.1)).Message);
    }
}
