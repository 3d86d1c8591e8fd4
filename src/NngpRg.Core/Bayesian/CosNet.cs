using NngpRg.Core.Regression;

namespace NngpRg.Core.Bayesian;

/// <summary>One hidden unit of a cos-net: momentum w ∈ ℝ^d (components beyond d are 0), phase b, amplitude a.</summary>
/// <param name="W1">First momentum component (the axis along which the Monte Carlo places its points).</param>
/// <param name="W2">Second component (0 in d = 1).</param>
/// <param name="W3">Third component (0 in d = 1).</param>
/// <param name="Norm">|w|.</param>
/// <param name="Phase">b ~ U[−π, π].</param>
/// <param name="Amplitude">a ~ N(0, σ_a²/N).</param>
public readonly record struct CosNeuron(double W1, double W2, double W3, double Norm, double Phase, double Amplitude);

/// <summary>
/// A width-N cos-net φ(x) = Σ_i a_i g(w_i) cos(w_i·x + b_i) (docs/theory.md §10, Eqs. 10.1–10.3) whose Gaussian-process
/// limit is the free scalar <see cref="Theory"/>: E[φ(x)φ(y)] = G_R(x − y) at every width (the neurons are i.i.d. and
/// the phase average makes E φ = 0), with connected higher correlators O(1/N).
/// </summary>
public sealed record CosNet
{
    /// <summary>Creates the architecture; the theory needs a finite cutoff (the momentum law must be normalizable) and N ≥ 1.</summary>
    /// <exception cref="ArgumentException">No finite cutoff, or N &lt; 1.</exception>
    public CosNet(FreeScalar theory, CosNetConstruction construction, int width)
    {
        ArgumentNullException.ThrowIfNull(theory);
        if (!theory.HasCutoff)
            throw new ArgumentException("CosNet: the momentum law needs a finite UV cutoff R (a cos-net has no R = ∞ realization).", nameof(theory));
        if (width < 1)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"CosNet: the width N = {width} must be ≥ 1.");
        if (!Enum.IsDefined(construction))
            throw new ArgumentOutOfRangeException(nameof(construction), construction, "CosNet: unknown construction.");
        Theory = theory;
        Construction = construction;
        Width = width;
        AmplitudeVariance = 2 * (construction == CosNetConstruction.PropagatorWeightedMomenta
            ? CutoffPropagator.MomentumNormalization(theory)
            : CutoffPropagator.BallVolume(theory)) / CutoffPropagator.FourierMeasure(theory.Dimension);
    }

    /// <summary>The free theory of the Gaussian-process limit.</summary>
    public FreeScalar Theory { get; }

    /// <summary>α = 0 or α = 1.</summary>
    public CosNetConstruction Construction { get; }

    /// <summary>The width N (number of hidden units).</summary>
    public int Width { get; }

    /// <summary>σ_a² (Eq. 10.3): a_i ~ N(0, σ_a²/N).</summary>
    public double AmplitudeVariance { get; }

    /// <summary>The amplitude factor g(|w|): 1 (α = 0) or 1/√(w² + m²) (α = 1).</summary>
    public double AmplitudeFactor(double norm) => Construction == CosNetConstruction.PropagatorWeightedMomenta
        ? 1
        : 1 / Math.Sqrt(norm * norm + Theory.Mass * Theory.Mass);

    /// <summary>
    /// Probability that a unit's momentum lies inside |w| &lt; k: Z_k/Z_R (α = 0) or (k/R)^d (α = 1); the expected kept
    /// fraction after removing the shell k &lt; |w| &lt; R.
    /// </summary>
    public double InsideFraction(double k)
    {
        if (!(k > 0)) throw new ArgumentOutOfRangeException(nameof(k), k, "CosNet: the radius k must be > 0.");
        if (k >= Theory.Cutoff) return 1;
        return Construction == CosNetConstruction.PropagatorWeightedMomenta
            ? CutoffPropagator.MomentumNormalization(Theory.WithCutoff(k)) / CutoffPropagator.MomentumNormalization(Theory)
            : Math.Pow(k / Theory.Cutoff, Theory.Dimension);
    }

    /// <summary>Draws one unit from the architecture's prior with the caller's seeded generator.</summary>
    public CosNeuron SampleNeuron(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double norm = RadialAcceptance is { } acceptance && acceptance >= 0.25 ? SampleNormByRejection(random) : SampleNorm(random.NextDouble());
        double w1, w2 = 0, w3 = 0;
        if (Theory.Dimension == 1)
            w1 = random.NextDouble() < 0.5 ? -norm : norm;
        else
        {
            // Uniform direction on S²: cos θ uniform on [−1, 1] (Archimedes), azimuth uniform.
            double c = 2 * random.NextDouble() - 1, s = Math.Sqrt(Math.Max(0, 1 - c * c)), phi = 2 * Math.PI * random.NextDouble();
            w1 = norm * c;
            w2 = norm * s * Math.Cos(phi);
            w3 = norm * s * Math.Sin(phi);
        }
        double phase = Math.PI * (2 * random.NextDouble() - 1);
        double amplitude = Math.Sqrt(AmplitudeVariance / Width) * SphereSampler.StandardNormal(random);
        return new CosNeuron(w1, w2, w3, norm, phase, amplitude);
    }

    /// <summary>
    /// For α = 0 in d = 3: the acceptance rate (R − m arctan(R/m))/R of drawing |w| uniform on [0, R] and accepting with
    /// probability w²/(w² + m²), whose accepted draws have the radial density ∝ w²/(w² + m²); null otherwise.
    /// </summary>
    private double? RadialAcceptance => Construction == CosNetConstruction.PropagatorWeightedMomenta && Theory.Dimension == 3
        ? (Theory.Cutoff - Theory.Mass * Math.Atan(Theory.Cutoff / Theory.Mass)) / Theory.Cutoff
        : null;

    /// <summary>|w| for α = 0, d = 3 by rejection (no inverse function needed; used when the acceptance is ≥ 1/4).</summary>
    internal double SampleNormByRejection(Random random)
    {
        double R = Theory.Cutoff, m2 = Theory.Mass * Theory.Mass;
        while (true)
        {
            double p = R * random.NextDouble();
            if (random.NextDouble() * (p * p + m2) < p * p) return p;
        }
    }

    /// <summary>|w| from a uniform u ∈ [0, 1) by inverting the radial distribution function.</summary>
    internal double SampleNorm(double u)
    {
        double R = Theory.Cutoff, m = Theory.Mass;
        if (Construction == CosNetConstruction.UniformMomentaWithAmplitude)
            return Theory.Dimension == 1 ? R * u : R * Math.Cbrt(u);
        if (Theory.Dimension == 1)
            return m * Math.Tan(u * Math.Atan(R / m));  // F(p) = arctan(p/m)/arctan(R/m)
        // d = 3: radial density ∝ p²/(p² + m²), F(p) = (p − m arctan(p/m))/(R − m arctan(R/m)); safeguarded Newton.
        double target = u * (R - m * Math.Atan(R / m));
        double lo = 0, hi = R;
        double p = Math.Min(R, Math.Max(target, Math.Cbrt(3 * m * m * target)));
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double f = p - m * Math.Atan(p / m) - target;
            if (f > 0) hi = p; else lo = p;
            double slope = p * p / (p * p + m * m);
            double next = slope > 0 ? p - f / slope : 0.5 * (lo + hi);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - p) <= 1e-15 * Math.Max(1, p)) { p = next; break; }
            p = next;
        }
        return p;
    }
}
