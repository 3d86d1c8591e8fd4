using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// A one-hidden-layer network f(x) = Σ_{j=1}^{N} W¹_j h_j(x) + b¹, h_j(x) = σ(W⁰_j·x + b⁰_j), x ∈ ℝ^d, with
/// W⁰ ~ N(0, σ_W²/d), b⁰ ~ N(0, σ_b²), W¹ ~ N(0, σ_W²/N), b¹ ~ N(0, σ_b²): the same σ_W, σ_b in both layers
/// (Halverson–Maiti–Stoner, arXiv:2008.08601; docs/theory.md (9.1)). The width N is not part of the architecture: every
/// finite-width quantity carries it explicitly.
/// </summary>
/// <param name="Kind">The hidden activation.</param>
/// <param name="InputDimension">d ≥ 1.</param>
/// <param name="SigmaW">σ_W &gt; 0.</param>
/// <param name="SigmaB">σ_b ≥ 0.</param>
public sealed record NetworkArchitecture(NetworkKind Kind, int InputDimension, double SigmaW, double SigmaB)
{
    /// <summary>Most input dimensions accepted.</summary>
    public const int MaxInputDimension = 64;

    /// <summary>A validated architecture.</summary>
    /// <exception cref="ArgumentException">d outside 1 … 64, σ_W not finite and &gt; 0, σ_b not finite and ≥ 0.</exception>
    public static NetworkArchitecture Of(NetworkKind kind, int inputDimension = 1, double sigmaW = 1, double? sigmaB = null)
    {
        double sb = sigmaB ?? DefaultSigmaB(kind);
        if (inputDimension is < 1 or > MaxInputDimension)
            throw new ArgumentException($"the input dimension d must lie in 1 … {MaxInputDimension}, got {inputDimension}.");
        if (!double.IsFinite(sigmaW) || sigmaW <= 0) throw new ArgumentException($"σ_W must be finite and > 0, got {sigmaW:R}.");
        if (!double.IsFinite(sb) || sb < 0) throw new ArgumentException($"σ_b must be finite and ≥ 0, got {sb:R}.");
        return new NetworkArchitecture(kind, inputDimension, sigmaW, sb);
    }

    /// <summary>The published default σ_b: 0 for ReLU, 1 otherwise.</summary>
    public static double DefaultSigmaB(NetworkKind kind) => kind == NetworkKind.Relu ? 0 : 1;

    /// <summary>σ_W².</summary>
    public double SigmaW2 => SigmaW * SigmaW;

    /// <summary>σ_b².</summary>
    public double SigmaB2 => SigmaB * SigmaB;

    /// <summary>The input-layer kernel K⁰(x, y) = σ_b² + σ_W² x·y/d, the covariance of the pre-activations.</summary>
    public double InputKernel(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x);
        Check(y);
        double dot = 0;
        for (int k = 0; k < x.Length; k++) dot += x[k] * y[k];
        return SigmaB2 + SigmaW2 * dot / InputDimension;
    }

    /// <summary>
    /// K̃(x, y) = E[h(x) h(y)] of one hidden unit (docs/theory.md (9.3)): Gauss e^{−σ_W²|x−y|²/(2d)}; ReLU
    /// (1/2π)√(K⁰_xx K⁰_yy)(sin θ + (π − θ) cos θ) with cos θ = K⁰_xy/√(K⁰_xx K⁰_yy); Erf (2/π) arcsin(2K⁰_xy/√((1 + 2K⁰_xx)(1 + 2K⁰_yy))).
    /// </summary>
    public double NeuronKernel(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x);
        Check(y);
        switch (Kind)
        {
            case NetworkKind.Gauss:
                double d2 = 0;
                for (int k = 0; k < x.Length; k++) d2 += (x[k] - y[k]) * (x[k] - y[k]);
                return Math.Exp(-SigmaW2 * d2 / (2 * InputDimension));
            case NetworkKind.Relu:
                double kxx = InputKernel(x, x), kyy = InputKernel(y, y), kxy = InputKernel(x, y);
                double norm = Math.Sqrt(kxx * kyy);
                if (norm == 0) return 0;
                double c = Math.Clamp(kxy / norm, -1, 1);
                double theta = Math.Acos(c);
                return norm * (Math.Sqrt(Math.Max(0, 1 - c * c)) + (Math.PI - theta) * c) / (2 * Math.PI);
            case NetworkKind.Erf:
                double ax = InputKernel(x, x), ay = InputKernel(y, y), axy = InputKernel(x, y);
                return 2 / Math.PI * Math.Asin(Math.Clamp(2 * axy / Math.Sqrt((1 + 2 * ax) * (1 + 2 * ay)), -1, 1));
            default:
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown network kind");
        }
    }

    /// <summary>The GP kernel K(x, y) = σ_b² + σ_W² K̃(x, y), the exact two-point function at every width (docs/theory.md (9.2)).</summary>
    public double Kernel(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => SigmaB2 + SigmaW2 * NeuronKernel(x, y);

    /// <summary>The EFT propagator K_EFT = K − σ_b² = σ_W² K̃: the kernel without the output bias (docs/theory.md (9.8)).</summary>
    public double EftPropagator(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => SigmaW2 * NeuronKernel(x, y);

    /// <summary>The hidden unit's value at pre-activation u for an input of squared norm <paramref name="squaredNorm"/>.</summary>
    public double Activation(double u, double squaredNorm) => Kind switch
    {
        NetworkKind.Gauss => Math.Exp(u - (SigmaB2 + SigmaW2 * squaredNorm / InputDimension)),
        NetworkKind.Relu => u > 0 ? u : 0,
        NetworkKind.Erf => SpecialFunctions.Erf(u),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown network kind"),
    };

    private void Check(ReadOnlySpan<double> x)
    {
        if (x.Length != InputDimension)
            throw new ArgumentException($"an input has {x.Length} coordinates; the network has d = {InputDimension}.");
    }

    /// <summary>A one-line description with the parameters.</summary>
    public string Describe() =>
        $"{NetworkKinds.Describe(Kind)}, d = {InputDimension}, σ_W = {SigmaW.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, σ_b = {SigmaB.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}";
}
