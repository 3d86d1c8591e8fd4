using System.Globalization;

namespace NngpRg.Core.Regression;

/// <summary>What a finite-sample check supports.</summary>
public enum VerdictKind
{
    /// <summary>The renormalized truncated predictor is closer to the full one: the ratio exceeds 1 by more than two standard errors.</summary>
    Better,
    /// <summary>It is farther: the ratio is below 1 by more than two standard errors.</summary>
    Worse,
    /// <summary>The ratio is within two standard errors of 1: no difference is resolved.</summary>
    Indistinguishable,
    /// <summary>The premise (removed modes unlearnable) fails: no verdict.</summary>
    PremiseFails,
}

/// <summary>
/// The verdict of <see cref="FiniteSampleCheck"/>, conditional on its premise and on the ratio's standard error: the ratio
/// rms_bare/rms_renormalized must differ from 1 by more than <see cref="StandardErrors"/> standard errors, and the removed
/// modes must not be learnable (<see cref="FiniteSamplePremise"/>).
/// </summary>
public static class FiniteSampleVerdict
{
    /// <summary>How many standard errors a ratio must be from 1 to count as resolved.</summary>
    public const double StandardErrors = 2;

    /// <summary>The kind of verdict.</summary>
    public static VerdictKind Kind(FiniteSampleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Premise.Status == PremiseStatus.Fails) return VerdictKind.PremiseFails;
        var r = result.Improvement;
        if (r.Mean - 1 > StandardErrors * r.StandardError) return VerdictKind.Better;
        if (1 - r.Mean > StandardErrors * r.StandardError) return VerdictKind.Worse;
        return VerdictKind.Indistinguishable;
    }

    /// <summary>One sentence with the ratio, its standard error and the premise.</summary>
    public static string Text(FiniteSampleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Improvement;
        var p = result.Premise;
        string ratio = $"{G(r.Mean)} ± {G(r.StandardError)}";
        string rms = $"rms {G(result.RmsRenormalized.Mean)} vs {G(result.RmsBare.Mean)}";
        string premise = $"max_(ℓ>L) nλ_ℓ/σ² = {G(p.MaxRemovedSignal)} at ℓ = {p.MaxRemovedDegree}";
        string caveat = p.Status == PremiseStatus.Marginal ? $"; premise only marginal ({premise} > {G(FiniteSamplePremise.HoldsAtMost)}: removed modes partly learnable)" : "";
        return Kind(result) switch
        {
            VerdictKind.PremiseFails =>
                $"no verdict: the premise fails ({premise} > {G(FiniteSamplePremise.FailsAbove)}: removed modes are learnable, not unlearnable); measured ratio rms_bare/rms_renormalized = {ratio} ({rms})",
            VerdictKind.Better => $"truncated kernel at σ²+c tracks the full kernel {ratio} times better than at bare σ² ({rms}){caveat}",
            VerdictKind.Worse => $"truncated kernel at σ²+c tracks the full kernel WORSE than at bare σ²: ratio {ratio} ({rms}){caveat}",
            _ => $"no resolved difference: ratio rms_bare/rms_renormalized = {ratio} is within {G(StandardErrors)} standard errors of 1 ({rms}){caveat}",
        };
    }

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
