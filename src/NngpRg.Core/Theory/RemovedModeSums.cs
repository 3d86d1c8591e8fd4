using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>The power sums of the modes past a cutoff that the O(λ²) couplings need (docs/theory.md §8).</summary>
/// <param name="Lambda">Σ_{k&gt;κ} λ_k.</param>
/// <param name="LambdaSquared">Σ_{k&gt;κ} λ_k².</param>
/// <param name="TargetPower">Σ_{k&gt;κ} y_k².</param>
/// <param name="LambdaTargetPower">Σ_{k&gt;κ} λ_k y_k².</param>
/// <param name="LargestEigenvalue">λ_{κ+1}, the largest removed eigenvalue (0 when nothing is removed).</param>
public readonly record struct RemovedModeSums(double Lambda, double LambdaSquared, double TargetPower, double LambdaTargetPower, double LargestEigenvalue);

/// <summary>
/// Exact power sums over the removed modes of a spectrum: explicit levels with their multiplicities, then a power-law
/// tail λ_k = A k^{−(1+α)} in closed form, Σ_{k&gt;K} λ_k^p = A^p ζ(p(1+α), K + 1) (Hurwitz zeta).
/// </summary>
internal sealed class RemovedModeSumsOf
{
    private readonly Spectrum _spectrum;
    private readonly double[] _suffixSquares;  // Σ over levels ≥ i of m λ², plus the tail; length Levels.Length + 1
    private readonly PowerLaw? _law;

    public RemovedModeSumsOf(Spectrum spectrum)
    {
        _spectrum = spectrum;
        _law = spectrum.AnalyticTail switch
        {
            null => null,
            PowerLawTail p => p.Law,
            var other => throw new ArgumentException($"RemovedModeSums: analytic tail {other.GetType().Name} is not supported (power-law tails only).", nameof(spectrum)),
        };
        int n = spectrum.Levels.Length;
        _suffixSquares = new double[n + 1];
        var acc = new CompensatedSum();
        acc.Add(SquaresPast(spectrum.ExplicitModeCount));
        _suffixSquares[n] = acc.Value;
        for (int i = n - 1; i >= 0; i--)
        {
            var level = spectrum.Levels[i];
            acc.Add(level.Multiplicity * level.Eigenvalue * level.Eigenvalue);
            _suffixSquares[i] = acc.Value;
        }
    }

    // Σ_{k>κ} λ_k² over the analytic tail, κ ≥ K.
    private double SquaresPast(long kappa) =>
        _law is null ? 0 : _law.Amplitude * _law.Amplitude * Zeta.Hurwitz(2 * (1 + _law.Alpha), kappa + 1.0);

    /// <summary>Σ_{k&gt;κ} λ_k² for a cutoff κ ≥ 0 (a cutoff inside a level removes that level's modes past κ).</summary>
    public double LambdaSquaredBeyond(long kappa)
    {
        if (kappa < 0) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "RemovedModeSums: the cutoff κ must be ≥ 0.");
        if (kappa >= _spectrum.ExplicitModeCount) return SquaresPast(kappa);
        int level = _spectrum.LevelOfMode(kappa + 1);
        double lambda = _spectrum.Levels[level].Eigenvalue;
        return (_spectrum.ModesThroughLevel(level) - kappa) * lambda * lambda + _suffixSquares[level + 1];
    }

    /// <summary>The power sums of the modes k &gt; κ for the target's powers y_k².</summary>
    public RemovedModeSums Beyond(long kappa, TargetSpectrum target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (kappa < 0) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "RemovedModeSums: the cutoff κ must be ≥ 0.");
        long explicitModes = _spectrum.ExplicitModeCount, listed = target.ModePower.Length;
        var lambdaTarget = new CompensatedSum();
        if (kappa < explicitModes)
        {
            for (int i = _spectrum.LevelOfMode(kappa + 1); i < _spectrum.Levels.Length; i++)
            {
                long from = Math.Max(kappa, _spectrum.ModesThroughLevel(i - 1)), to = _spectrum.ModesThroughLevel(i);
                double lambda = _spectrum.Levels[i].Eigenvalue;
                double power = target.ListedPower(from, to);
                if (target.TailScale != 0 && to > listed) power += target.TailScale * lambda * (to - Math.Max(from, listed));
                lambdaTarget.Add(lambda * power);
            }
        }
        if (_law is not null)
        {
            long first = Math.Max(kappa, explicitModes);
            for (long k = first + 1; k <= listed; k++) lambdaTarget.Add(_law.Eigenvalue(k) * target.ModePower[(int)(k - 1)]);
            if (target.TailScale != 0) lambdaTarget.Add(target.TailScale * SquaresPast(Math.Max(first, listed)));
        }
        return new RemovedModeSums(_spectrum.Tail(kappa), LambdaSquaredBeyond(kappa), target.PowerBeyond(_spectrum, kappa),
            lambdaTarget.Value, _spectrum.Eigenvalue(kappa + 1));
    }
}
