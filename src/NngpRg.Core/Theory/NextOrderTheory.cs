using System.Collections.Immutable;
using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using Derived = NngpRg.Core.Derivations.FlowEquations;

namespace NngpRg.Core.Theory;

/// <summary>
/// The O(λ²) renormalization-group prediction of docs/theory.md §8, driven by the coefficients the engine derived
/// (derivation <c>next-order</c>, compiled in <see cref="Derivations.FlowEquations.NextOrderAt"/>).
/// </summary>
public static class NextOrderTheory
{
    /// <summary>Most fixed-point iterations of κ_eff before the prediction is refused.</summary>
    public const int MaxIterations = 200;

    /// <summary>
    /// Runs the leading-order flow to κ* (<see cref="GaussianFlow.Run"/>), sums the derived O(λ²) increments over the
    /// removed modes k &gt; κ* and solves the self-consistent theory on the kept modes, iterating κ_eff (the infrared ridge
    /// the increments depend on) to a fixed point, relative change ≤ 1e-13.
    /// </summary>
    /// <param name="spectrum">The spectrum (explicit levels and an optional power-law tail).</param>
    /// <param name="target">The target's power per mode and its label noise.</param>
    /// <param name="sigma2">The bare ridge σ² ≥ 0.</param>
    /// <param name="eta">The data size η &gt; 0.</param>
    /// <param name="threshold">The learnability threshold T of the stopping rule.</param>
    /// <param name="featureVariance">χ = Var_μ(φ_k²) of the removed features, ≥ 0 (0 for complete degenerate levels).</param>
    /// <param name="options">The flow method.</param>
    /// <exception cref="ArgumentOutOfRangeException">χ negative or not finite (and the ranges of <see cref="GaussianFlow.Run"/>).</exception>
    /// <exception cref="ArgumentException">The expansion is invalid, (η + χ)λ_{κ*+1} ≥ κ_eff, or E₀ would not be positive;
    /// or the fixed point of κ_eff was not reached.</exception>
    public static NextOrderPrediction Predict(Spectrum spectrum, TargetSpectrum target, double sigma2, double eta, double threshold = 0.5,
        double featureVariance = 0, FlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(target);
        if (!double.IsFinite(featureVariance) || featureVariance < 0)
            throw new ArgumentOutOfRangeException(nameof(featureVariance), featureVariance, $"NextOrderTheory: the feature variance χ = {featureVariance:R} must be finite and ≥ 0.");
        var flow = GaussianFlow.Run(spectrum, sigma2, eta, threshold, FlowEquations.Gaussian, options);
        return Predict(spectrum, target, flow, featureVariance);
    }

    internal static NextOrderPrediction Predict(Spectrum spectrum, TargetSpectrum target, FlowResult flow, double featureVariance)
    {
        double sigma2 = flow.BareRidge, eta = flow.Eta;
        long kept = flow.KeptModes;
        int keptLevels = KeptLevels(spectrum, kept);
        var keptSums = new ModeSums(Spectrum.Create(spectrum.Levels.Take(keptLevels)));
        var sums = new RemovedModeSumsOf(spectrum);
        var removed = sums.Beyond(kept, target);

        var leading = Solve(keptSums, target, flow.RunningRidge, eta, removed.TargetPower + target.Noise, 0);
        double kappaIr = leading.KappaEff;
        KeptModeTheory next = leading;
        double ridge = flow.RunningRidge, omega = 0, noise = removed.TargetPower;
        int iterations = 0;
        while (true)
        {
            var c = Derived.NextOrderAt(kappaIr, eta, featureVariance);
            if ((eta + featureVariance) * removed.LargestEigenvalue >= kappaIr)
                throw new ArgumentException($"NextOrderTheory: the O(λ²) expansion needs (η + χ)λ_k < κ_eff for every removed mode, but (η + χ)λ_{{κ*+1}} = {(eta + featureVariance) * removed.LargestEigenvalue:R} ≥ κ_eff = {kappaIr:R}; lower the threshold T so that fewer learnable modes are removed.");
            // Removing a mode changes each coupling by −(its derived dX/dκ): the increments summed over k > κ*.
            ridge = sigma2 - c.RidgeLambda * removed.Lambda - c.RidgeLambda2 * removed.LambdaSquared;
            noise = -(c.NoiseY2 * removed.TargetPower + c.NoiseLambdaY2 * removed.LambdaTargetPower);
            omega = -c.AmplificationLambda2 * removed.LambdaSquared;
            next = Solve(keptSums, target, ridge, eta, noise + target.Noise, omega);
            iterations++;
            bool converged = Math.Abs(next.KappaEff - kappaIr) <= 1e-13 * next.KappaEff;
            kappaIr = next.KappaEff;
            if (converged) break;
            if (iterations >= MaxIterations)
                throw new ArgumentException($"NextOrderTheory: κ_eff did not reach a fixed point in {MaxIterations} iterations (last {kappaIr:R}); the removed modes are too learnable for the O(λ²) expansion — lower the threshold T.");
        }

        var final = Derived.NextOrderAt(kappaIr, eta, featureVariance);
        var trajectory = ImmutableArray.CreateBuilder<NextOrderPoint>(flow.Trajectory.Length);
        foreach (var p in flow.Trajectory)
        {
            long at = (long)Math.Floor(p.Kappa + 1e-9);
            trajectory.Add(new NextOrderPoint(p.Kappa, p.Ridge, sigma2 - final.RidgeLambda * (p.Ridge - sigma2) - final.RidgeLambda2 * sums.LambdaSquaredBeyond(at)));
        }
        return new NextOrderPrediction(flow, featureVariance, removed, ridge, omega, noise, next, leading,
            eta * removed.LargestEigenvalue / kappaIr, iterations, trajectory.MoveToImmutable());
    }

    /// <summary>The number of explicit levels that hold the kept modes 1..κ (κ must be a level edge).</summary>
    private static int KeptLevels(Spectrum spectrum, long kept)
    {
        if (kept == 0) return 0;
        int level = spectrum.LevelOfMode(kept);
        if (spectrum.ModesThroughLevel(level) != kept)
            throw new ArgumentException($"NextOrderTheory: the flow kept {kept} modes, inside the degenerate level {level} (modes {spectrum.ModesThroughLevel(level - 1) + 1}..{spectrum.ModesThroughLevel(level)}); the kept-mode theory needs whole levels.", nameof(spectrum));
        return level + 1;
    }

    // The self-consistent theory on the kept modes at the given ridge, label noise and variance amplification ω.
    private static KeptModeTheory Solve(ModeSums kept, TargetSpectrum target, double ridge, double eta, double noise, double omega)
    {
        if (!(ridge > 0) || !double.IsFinite(ridge))
            throw new ArgumentException($"NextOrderTheory: the renormalized ridge {ridge:R} is not positive; the removed modes are too learnable for the O(λ²) expansion — lower the threshold T.");
        if (kept.Spectrum.Levels.Length == 0)
        {
            double e = 1 / (1 - omega);
            if (!(e > 0)) throw new ArgumentException($"NextOrderTheory: 1/E₀ = {1 - omega:R} is not positive.");
            return new KeptModeTheory(ridge, ridge, e, noise, e * noise);
        }
        var sc = SelfConsistentRidge.Solve(kept, ridge, eta);
        double inverseE0 = 1 - sc.SumLearnabilitySquared / eta - omega;
        if (!(inverseE0 > 0))
            throw new ArgumentException($"NextOrderTheory: 1/E₀ = {inverseE0:R} is not positive (variance amplification ω = {omega:R}); the O(λ²) expansion does not hold here — lower the threshold T.");
        double e0 = 1 / inverseE0;
        return new KeptModeTheory(ridge, sc.KappaEff, e0, noise, e0 * (kept.ResidualPower(target, eta, sc.KappaEff, long.MaxValue) + noise));
    }
}
