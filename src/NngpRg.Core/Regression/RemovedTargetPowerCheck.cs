using NngpRg.Core.Spectra;

namespace NngpRg.Core.Regression;

/// <summary>
/// Target power in removed modes acts as label noise and does not shift the mean predictor on kept modes
/// (docs/theory.md §3.2, (3.5): y_{k&gt;κ} produces a cross-replica term, quenched noise of variance Σ_{k&gt;κ} y_k²).
/// <para>
/// The check. Base target f₀(x) = Σ_{ℓ=0}^{L} √N(d, ℓ) P_ℓ^{(d)}(x·u_ℓ), one unit-power zonal harmonic per kept degree
/// (‖√N P_ℓ(x·u)‖²_μ = 1); extra component g(x) = √p √N(d, ℓₑ) P_ℓₑ^{(d)}(x·w) of power p at degree ℓₑ. Directions u_ℓ, w
/// and m test points Z are drawn once. Each draw r takes n fresh training points X and noise ε ~ N(0, σ²), fits KRR (kernel K,
/// ridge σ²) to y = f₀(X) + ε and to y + g(X), and records Δ_r(z) = P_{≤L}[f̄_{y+g} − f̄_y](z) = Σ_i δα_i K_{≤L}(z·x_i), the
/// change of the predictor's projection onto degrees ≤ L (exact, by Funk–Hecke, since f̄ = Σ_i α_i K(·, x_i)).
/// </para>
/// <para>
/// Why the mean shift vanishes: X is rotation invariant, so g ↦ E_X[f̄_g] commutes with rotations and (Schur) maps the degree-ℓₑ
/// harmonics into themselves; for ℓₑ &gt; L its kept projection is exactly zero at every n. Δ̄(z) = (1/R) Σ_r Δ_r(z) is then
/// pure Monte Carlo error: its rms over Z should be comparable to the rms of its standard error, while each Δ_r is not
/// small (the extra power is noise for the fit) and the test MSE grows by about p. With ℓₑ ≤ L (a kept mode) the mean
/// shift is of the order of √p and many standard errors: the control that shows the check can fail.
/// </para>
/// </summary>
public static class RemovedTargetPowerCheck
{
    /// <summary>Runs the check described on the class.</summary>
    /// <param name="kernel">Dot-product kernel K(t).</param>
    /// <param name="dimension">d ≥ 2.</param>
    /// <param name="trainCount">n ≥ 1.</param>
    /// <param name="testCount">m ≥ 1.</param>
    /// <param name="noiseVariance">σ² &gt; 0 (label noise and ridge).</param>
    /// <param name="cutoff">L ≥ 0, the kept degrees.</param>
    /// <param name="extraDegree">ℓₑ ≥ 0, degree of the extra component (&gt; L for the removed-mode statement).</param>
    /// <param name="extraPower">p ≥ 0.</param>
    /// <param name="draws">R ≥ 2.</param>
    /// <param name="seed">Seed of the single <see cref="Random"/>.</param>
    /// <param name="provider">Linear algebra; null for the default.</param>
    public static RemovedTargetPowerResult Run(Func<double, double> kernel, int dimension, int trainCount, int testCount, double noiseVariance,
                                               int cutoff, int extraDegree, double extraPower, int draws, int seed, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        FiniteSampleCheck.Require(trainCount >= 1, nameof(trainCount), trainCount, "RemovedTargetPowerCheck: n must be ≥ 1");
        FiniteSampleCheck.Require(testCount >= 1, nameof(testCount), testCount, "RemovedTargetPowerCheck: m must be ≥ 1");
        FiniteSampleCheck.Require(draws >= 2, nameof(draws), draws, "RemovedTargetPowerCheck: R must be ≥ 2 for a standard error");
        FiniteSampleCheck.Require(extraDegree >= 0, nameof(extraDegree), extraDegree, "RemovedTargetPowerCheck: the extra degree must be ≥ 0");
        if (!double.IsFinite(noiseVariance) || noiseVariance <= 0)
            throw new ArgumentOutOfRangeException(nameof(noiseVariance), noiseVariance, "RemovedTargetPowerCheck: σ² must be finite and > 0.");
        if (!double.IsFinite(extraPower) || extraPower < 0)
            throw new ArgumentOutOfRangeException(nameof(extraPower), extraPower, "RemovedTargetPowerCheck: the extra power p must be finite and ≥ 0.");
        provider ??= LinearAlgebra.Default;
        var split = TruncatedSphereKernel.Create(kernel, dimension, cutoff);
        var random = new Random(seed);
        var directions = SphereSampler.Uniform(dimension, cutoff + 1, random);
        var extraDirection = SphereSampler.Uniform(dimension, 1, random)[0];
        var test = SphereSampler.Uniform(dimension, testCount, random);

        double Base(double[] x)
        {
            double s = 0;
            for (int l = 0; l <= cutoff; l++)
                s += Math.Sqrt(FunkHecke.Multiplicity(dimension, l)) * Gegenbauer.Evaluate(dimension, l, Math.Clamp(KernelMatrix.Dot(x, directions[l]), -1, 1));
            return s;
        }
        double extraScale = Math.Sqrt(extraPower * FunkHecke.Multiplicity(dimension, extraDegree));
        double Extra(double[] x) => extraScale * Gegenbauer.Evaluate(dimension, extraDegree, Math.Clamp(KernelMatrix.Dot(x, extraDirection), -1, 1));

        var baseTest = test.Select(Base).ToArray();
        var withTest = test.Select(x => Base(x) + Extra(x)).ToArray();
        var shift = new double[testCount, draws];
        var kept = new double[testCount, draws];
        var perDraw = new double[draws];
        var mseWithout = new double[draws];
        var mseWith = new double[draws];
        double noise = Math.Sqrt(noiseVariance);
        for (int r = 0; r < draws; r++)
        {
            var train = SphereSampler.Uniform(dimension, trainCount, random);
            var y = train.Select(x => Base(x) + noise * SphereSampler.StandardNormal(random)).ToArray();
            var yWith = y.Select((v, i) => v + Extra(train[i])).ToArray();
            var gram = KernelMatrix.Build(train, kernel);
            var fitWithout = KernelRidge.Fit(gram, y, noiseVariance, provider);
            var fitWith = KernelRidge.Fit(gram, yWith, noiseVariance, provider);
            var cross = KernelMatrix.Cross(test, train, kernel);
            mseWithout[r] = FiniteSampleCheck.MeanSquaredDifference(fitWithout.Predict(cross), baseTest);
            mseWith[r] = FiniteSampleCheck.MeanSquaredDifference(fitWith.Predict(cross), withTest);

            var keptCross = KernelMatrix.Cross(test, train, split.Truncated);
            var keptWithout = fitWithout.Predict(keptCross);
            var keptWith = fitWith.Predict(keptCross);
            double ss = 0;
            for (int z = 0; z < testCount; z++)
            {
                shift[z, r] = keptWith[z] - keptWithout[z];
                kept[z, r] = keptWithout[z];
                ss += shift[z, r] * shift[z, r];
            }
            perDraw[r] = Math.Sqrt(ss / testCount);
        }

        double meanShift2 = 0, standardError2 = 0, signal2 = 0;
        var column = new double[draws];
        for (int z = 0; z < testCount; z++)
        {
            for (int r = 0; r < draws; r++) column[r] = shift[z, r];
            var e = Estimate.Of(column);
            meanShift2 += e.Mean * e.Mean;
            standardError2 += e.StandardError * e.StandardError;
            double keptMean = 0;
            for (int r = 0; r < draws; r++) keptMean += kept[z, r];
            keptMean /= draws;
            signal2 += keptMean * keptMean;
        }
        return new RemovedTargetPowerResult(
            Math.Sqrt(meanShift2 / testCount), Math.Sqrt(standardError2 / testCount), Estimate.Of(perDraw), Math.Sqrt(signal2 / testCount),
            Estimate.Of(mseWithout), Estimate.Of(mseWith), extraPower, extraDegree, cutoff);
    }
}
