using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>A renormalized-EK prediction: the flow it used and the predicted test MSE.</summary>
/// <param name="Flow">The ridge flow and its stopping point κ*.</param>
/// <param name="Mse">Σ_{k≤κ*} (1 − L_k)² y_k² + Σ_{k&gt;κ*} y_k² + noise, L_k at the leading-order σ_c².</param>
public sealed record RenormalizedPrediction(FlowResult Flow, double Mse);

/// <summary>
/// The renormalized EK predictor of docs/theory.md §3: run the ridge flow to κ*, keep the modes k ≤ κ* with learnabilities
/// L_k = ηλ_k/(σ_c² + ηλ_k) and count the power of the removed modes as unlearned (it acts as label noise).
/// </summary>
public static class RenormalizedEk
{
    /// <summary>Runs the flow (<see cref="GaussianFlow.Run"/>) and evaluates the predicted test MSE for the target.</summary>
    public static RenormalizedPrediction Predict(Spectrum spectrum, TargetSpectrum target, double sigma2, double eta,
        double threshold = 0.5, FlowRhs? rhs = null, FlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(target);
        var flow = GaussianFlow.Run(spectrum, sigma2, eta, threshold, rhs, options);
        return Predict(new ModeSums(spectrum), target, flow);
    }

    internal static RenormalizedPrediction Predict(ModeSums sums, TargetSpectrum target, FlowResult flow)
    {
        long kept = flow.KeptModes;
        double removed = target.PowerBeyond(sums.Spectrum, kept);
        double mse = sums.ResidualPower(target, flow.Eta, flow.RunningRidge, kept) + removed + target.Noise;
        return new RenormalizedPrediction(flow, mse);
    }
}
