using System.Collections.Immutable;

namespace NngpRg.Core.Bayesian;

/// <summary>How the information cutoff of a compared shell was chosen.</summary>
public enum InformationCutoffRule
{
    /// <summary>Λ_I(k) = A²/(2σ_ε²(k² + m²)) from the large-box amplitude Fisher of the α = 1 net (Eq. 10.12).</summary>
    MomentumMap,
    /// <summary>The Λ_I that coarse-grains as many units as the momentum shell holds (α = 0, whose Fisher has no |w| map): the best any Fisher cutoff can do.</summary>
    CountMatched,
}

/// <summary>One momentum shell |w| &gt; k compared with its information shell F &lt; Λ_I.</summary>
/// <param name="Momentum">k.</param>
/// <param name="InformationCutoff">Λ_I.</param>
/// <param name="Rule">How Λ_I was chosen.</param>
/// <param name="InformationShellUnits">|{i: F_ii &lt; Λ_I}|.</param>
/// <param name="MomentumShellUnits">|{i: |w_i| &gt; k}|.</param>
/// <param name="SymmetricDifference">Units in exactly one of the two sets.</param>
/// <param name="Mismatch">SymmetricDifference / N.</param>
public readonly record struct ShellComparison(double Momentum, double InformationCutoff, InformationCutoffRule Rule, int InformationShellUnits,
    int MomentumShellUnits, int SymmetricDifference, double Mismatch);

/// <summary>
/// The amplitude Fisher of one cos-net on a Fisher sample, compared with momentum shells (docs/theory.md §10, Eq. 10.12).
/// </summary>
/// <param name="Net">The architecture.</param>
/// <param name="FisherSamples">n, inputs uniform on the box [−L/2, L/2]^d.</param>
/// <param name="Box">L.</param>
/// <param name="NoiseVariance">σ_ε² of the Gaussian likelihood.</param>
/// <param name="Seed">The seed of the network and of the inputs.</param>
/// <param name="Shells">One comparison per k.</param>
/// <param name="Correlation">Pearson correlation of F_ii with |w_i| over the units (≈ −0.9 for α = 1, ≈ 0 for α = 0).</param>
/// <param name="ZeroInformation">Whether the construction's Fisher carries no |w| information (α = 0: F_ii → A²/(2σ_ε²) for every unit).</param>
public sealed record InformationMomentumComparison(CosNet Net, int FisherSamples, double Box, double NoiseVariance, int Seed,
    ImmutableArray<ShellComparison> Shells, double Correlation, bool ZeroInformation);

/// <summary>
/// The per-parameter Fisher metric of a cos-net's amplitudes under a Gaussian likelihood y ~ N(φ(x), σ_ε²): with the
/// parameters θ_i = a_i/σ_a (so φ = A Σ θ_i g(w_i) cos(w_i·x + b_i), A = σ_a),
/// F_ii = (A²/σ_ε²) ⟨g(w_i)² cos²(w_i·x + b_i)⟩_x (Eq. 10.9, 10.12). For the α = 1 net g² = 1/(w² + m²), so on a wide box
/// F_ii → A²/(2σ_ε²(w_i² + m²)) decreases with |w|, and the information shell F &lt; Λ_I is the momentum shell |w| &gt; k(Λ_I).
/// For α = 0, g = 1 and F_ii → A²/(2σ_ε²) for every unit: the amplitude Fisher carries no |w| information.
/// </summary>
public static class CosNetFisher
{
    /// <summary>F_ii for each unit on the inputs (rows of length d).</summary>
    public static double[] Amplitude(CosNet net, IReadOnlyList<CosNeuron> units, IReadOnlyList<double[]> inputs, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException("CosNetFisher: the Fisher sample is empty.", nameof(inputs));
        if (!(double.IsFinite(noiseVariance) && noiseVariance > 0))
            throw new ArgumentOutOfRangeException(nameof(noiseVariance), noiseVariance, "CosNetFisher: the noise variance σ_ε² must be finite and > 0.");
        double scale = net.AmplitudeVariance / noiseVariance;
        var fisher = new double[units.Count];
        for (int i = 0; i < units.Count; i++)
        {
            var u = units[i];
            double sum = 0;
            foreach (var x in inputs)
            {
                double phase = u.W1 * x[0] + u.Phase + (x.Length > 1 ? u.W2 * x[1] + u.W3 * x[2] : 0);
                double c = Math.Cos(phase);
                sum += c * c;
            }
            double g = net.AmplitudeFactor(u.Norm);
            fisher[i] = scale * g * g * sum / inputs.Count;
        }
        return fisher;
    }

    /// <summary>Λ_I(k) = A²/(2σ_ε²(k² + m²)) (Eq. 10.12, α = 1).</summary>
    public static double InformationCutoff(CosNet net, double momentum, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(net);
        return net.AmplitudeVariance / (2 * noiseVariance * (momentum * momentum + net.Theory.Mass * net.Theory.Mass));
    }

    /// <summary>
    /// k(Λ_I) = √(A²/(2σ_ε²Λ_I) − m²), clamped: 0 when Λ_I ≥ A²/(2σ_ε²m²) (everything removed), R when
    /// Λ_I ≤ A²/(2σ_ε²(R² + m²)) (nothing removed).
    /// </summary>
    public static double MomentumOfCutoff(CosNet net, double informationCutoff, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(net);
        double m = net.Theory.Mass;
        double k2 = net.AmplitudeVariance / (2 * noiseVariance * informationCutoff) - m * m;
        return k2 <= 0 ? 0 : Math.Min(net.Theory.Cutoff, Math.Sqrt(k2));
    }

    /// <summary>
    /// Draws one network of <paramref name="net"/> and <paramref name="fisherSamples"/> inputs uniform on [−L/2, L/2]^d,
    /// computes the amplitude Fisher and compares each momentum shell |w| &gt; k with its information shell.
    /// </summary>
    /// <exception cref="ArgumentException">n &lt; 1, L ≤ 0, σ_ε² ≤ 0, a k outside (0, R), or more than 10¹⁰ cosine evaluations.</exception>
    public static InformationMomentumComparison Compare(CosNet net, int fisherSamples, double box, double noiseVariance,
        IReadOnlyList<double> momenta, int seed)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(momenta);
        if (fisherSamples < 1) throw new ArgumentOutOfRangeException(nameof(fisherSamples), fisherSamples, "CosNetFisher: the Fisher sample needs at least one input.");
        if (!(double.IsFinite(box) && box > 0)) throw new ArgumentOutOfRangeException(nameof(box), box, "CosNetFisher: the box side L must be finite and > 0.");
        if ((double)fisherSamples * net.Width > 1e10)
            throw new ArgumentException($"CosNetFisher: {fisherSamples} Fisher inputs × width {net.Width} exceeds 10¹⁰ cosine evaluations.");
        foreach (double k in momenta)
            if (!(k > 0 && k < net.Theory.Cutoff))
                throw new ArgumentException($"CosNetFisher: the momentum k = {k:R} must lie in (0, R = {net.Theory.Cutoff:R}).", nameof(momenta));

        var random = SeedStreams.Random(seed, 0);
        var units = new CosNeuron[net.Width];
        for (int i = 0; i < units.Length; i++) units[i] = net.SampleNeuron(random);
        int d = net.Theory.Dimension;
        var inputs = new double[fisherSamples][];
        for (int n = 0; n < fisherSamples; n++)
        {
            var x = new double[d];
            for (int c = 0; c < d; c++) x[c] = box * (random.NextDouble() - 0.5);
            inputs[n] = x;
        }
        var fisher = Amplitude(net, units, inputs, noiseVariance);
        bool zeroInformation = net.Construction == CosNetConstruction.PropagatorWeightedMomenta;
        var sorted = (double[])fisher.Clone();
        Array.Sort(sorted);

        var shells = ImmutableArray.CreateBuilder<ShellComparison>(momenta.Count);
        foreach (double k in momenta)
        {
            int momentumCount = units.Count(u => u.Norm > k);
            double cutoff;
            InformationCutoffRule rule;
            if (zeroInformation)
            {
                // The cutoff just above the momentumCount-th smallest F coarse-grains exactly that many units.
                rule = InformationCutoffRule.CountMatched;
                cutoff = momentumCount == 0 ? sorted[0] : momentumCount >= sorted.Length ? double.PositiveInfinity
                    : 0.5 * (sorted[momentumCount - 1] + sorted[momentumCount]);
            }
            else
            {
                rule = InformationCutoffRule.MomentumMap;
                cutoff = InformationCutoff(net, k, noiseVariance);
            }
            int informationCount = 0, difference = 0;
            for (int i = 0; i < units.Length; i++)
            {
                bool informationSloppy = fisher[i] < cutoff, momentumShell = units[i].Norm > k;
                if (informationSloppy) informationCount++;
                if (informationSloppy != momentumShell) difference++;
            }
            shells.Add(new ShellComparison(k, cutoff, rule, informationCount, momentumCount, difference, (double)difference / units.Length));
        }
        return new InformationMomentumComparison(net, fisherSamples, box, noiseVariance, seed, shells.MoveToImmutable(),
            Pearson(fisher, units.Select(u => u.Norm).ToArray()), zeroInformation);
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
