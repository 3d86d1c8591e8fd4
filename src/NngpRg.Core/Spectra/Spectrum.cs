using System.Collections.Immutable;

namespace NngpRg.Core.Spectra;

/// <summary>
/// A kernel's Mercer spectrum (docs/theory.md (1.1), §3): eigenvalue levels with multiplicities, sorted by decreasing
/// eigenvalue, and an optional analytic tail continuing the mode ranking past the explicit levels.
/// Two views: the level view (<see cref="Levels"/>) and the mode-index view, in which k = 1, 2, … counts modes
/// and a level of multiplicity N occupies N consecutive indices. Tail sums c(κ) = Σ_{k&gt;κ} λ_k are exact
/// up to rounding: explicit parts by compensated suffix sums accumulated from the smallest eigenvalue up,
/// the analytic part in closed form (Hurwitz zeta for a power law).
/// </summary>
public sealed record Spectrum
{
    private readonly long[] _cumulativeModes;  // modes in levels 0..i
    private readonly double[] _suffix;         // Σ over levels ≥ i, plus the analytic tail; length Levels.Length + 1

    private Spectrum(ImmutableArray<SpectralLevel> levels, SpectralTail? tail, long[] cumulative, double[] suffix)
    {
        Levels = levels;
        AnalyticTail = tail;
        _cumulativeModes = cumulative;
        _suffix = suffix;
    }

    /// <summary>The explicit levels, by decreasing eigenvalue (ties keep their input order).</summary>
    public ImmutableArray<SpectralLevel> Levels { get; }

    /// <summary>The continuation past the explicit modes, or null for a finite spectrum.</summary>
    public SpectralTail? AnalyticTail { get; }

    /// <summary>Number of modes in the explicit levels, Σ multiplicities.</summary>
    public long ExplicitModeCount => _cumulativeModes.Length == 0 ? 0 : _cumulativeModes[^1];

    /// <summary>Σ_k λ_k over all modes, explicit and analytic (the trace identity (1.2) of docs/theory.md).</summary>
    public double TotalTrace => _suffix[0];

    /// <summary>
    /// Builds a spectrum from levels in any order. Each level must have a finite eigenvalue ≥ 0 and multiplicity ≥ 1.
    /// The levels are sorted by decreasing eigenvalue (stable, so degree labels stay with their values). A tail must
    /// not start above the smallest explicit eigenvalue, so that the mode ranking stays decreasing.
    /// </summary>
    /// <exception cref="ArgumentException">A level breaks a rule (message names the index, the value and the rule).</exception>
    public static Spectrum Create(IEnumerable<SpectralLevel> levels, SpectralTail? analyticTail = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var input = levels.ToArray();
        for (int i = 0; i < input.Length; i++)
        {
            var level = input[i];
            if (!double.IsFinite(level.Eigenvalue))
                throw new ArgumentException($"Spectrum: levels[{i}] (degree {level.Degree}) has eigenvalue {level.Eigenvalue:R}; eigenvalues must be finite.", nameof(levels));
            if (level.Eigenvalue < 0)
                throw new ArgumentException($"Spectrum: levels[{i}] (degree {level.Degree}) has eigenvalue {level.Eigenvalue:R}; eigenvalues of a positive semi-definite kernel must be ≥ 0.", nameof(levels));
            if (level.Multiplicity < 1)
                throw new ArgumentException($"Spectrum: levels[{i}] (degree {level.Degree}) has multiplicity {level.Multiplicity}; a level holds at least one mode.", nameof(levels));
        }
        // OrderByDescending is a stable sort.
        var sorted = input.OrderByDescending(l => l.Eigenvalue).ToImmutableArray();

        var cumulative = new long[sorted.Length];
        long count = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            try { count = checked(count + sorted[i].Multiplicity); }
            catch (OverflowException)
            {
                throw new ArgumentException($"Spectrum: the mode count overflows a 64-bit index at sorted level {i} (degree {sorted[i].Degree}, multiplicity {sorted[i].Multiplicity}); truncate the spectrum before this level.", nameof(levels));
            }
            cumulative[i] = count;
        }

        double tailTotal = 0;
        if (analyticTail is not null)
        {
            double first = analyticTail.Eigenvalue(count + 1);
            if (sorted.Length > 0 && first > sorted[^1].Eigenvalue)
                throw new ArgumentException($"Spectrum: the analytic tail starts at mode {count + 1} with eigenvalue {first:R}, above the smallest explicit eigenvalue {sorted[^1].Eigenvalue:R}; the ranking k ↦ λ_k must be non-increasing.", nameof(analyticTail));
            tailTotal = analyticTail.Sum(count);
        }

        // Suffix sums from the smallest eigenvalue up, compensated.
        var suffix = new double[sorted.Length + 1];
        suffix[sorted.Length] = tailTotal;
        var acc = new CompensatedSum();
        acc.Add(tailTotal);
        for (int i = sorted.Length - 1; i >= 0; i--)
        {
            acc.Add(sorted[i].Multiplicity * sorted[i].Eigenvalue);
            suffix[i] = acc.Value;
        }
        return new Spectrum(sorted, analyticTail, cumulative, suffix);
    }

    /// <summary>A spectrum of simple eigenvalues (multiplicity 1); each level's Degree is its position in the input.</summary>
    public static Spectrum FromEigenvalues(IEnumerable<double> eigenvalues, SpectralTail? analyticTail = null)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        return Create(eigenvalues.Select((v, i) => new SpectralLevel(v, 1, i)), analyticTail);
    }

    /// <summary>Index into <see cref="Levels"/> of the level holding mode k (1 ≤ k ≤ <see cref="ExplicitModeCount"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside the explicit modes.</exception>
    public int LevelOfMode(long modeIndex)
    {
        if (modeIndex < 1 || modeIndex > ExplicitModeCount)
            throw new ArgumentOutOfRangeException(nameof(modeIndex), modeIndex, $"Spectrum.LevelOfMode: mode index k = {modeIndex} must lie in the explicit modes 1..{ExplicitModeCount}.");
        // First level whose cumulative count reaches k.
        int lo = 0, hi = _cumulativeModes.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_cumulativeModes[mid] >= modeIndex) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>λ_k for mode index k ≥ 1 (mode view). Past the explicit modes: the analytic tail, or 0 without one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1.</exception>
    public double Eigenvalue(long modeIndex)
    {
        if (modeIndex < 1)
            throw new ArgumentOutOfRangeException(nameof(modeIndex), modeIndex, $"Spectrum.Eigenvalue: mode index k = {modeIndex} must be ≥ 1 (modes are counted from 1).");
        if (modeIndex <= ExplicitModeCount) return Levels[LevelOfMode(modeIndex)].Eigenvalue;
        return AnalyticTail?.Eigenvalue(modeIndex) ?? 0.0;
    }

    /// <summary>
    /// c(κ) = Σ_{k&gt;κ} λ_k, the ridge shift after integrating out the modes past the cutoff κ (docs/theory.md (3.2));
    /// κ = 0 gives <see cref="TotalTrace"/>. A cutoff inside a degenerate level removes only that level's modes past κ.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">κ &lt; 0.</exception>
    public double Tail(long kappa)
    {
        if (kappa < 0)
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, $"Spectrum.Tail: cutoff κ = {kappa} must be ≥ 0.");
        if (kappa >= ExplicitModeCount) return AnalyticTail?.Sum(kappa) ?? 0.0;
        int level = LevelOfMode(kappa + 1);
        long remaining = _cumulativeModes[level] - kappa;
        return remaining * Levels[level].Eigenvalue + _suffix[level + 1];
    }

    /// <summary>Σ over all modes of the levels after <paramref name="levelIndex"/> (and the analytic tail); −1 gives the trace.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Index outside −1..Levels.Length−1.</exception>
    public double LevelTail(int levelIndex)
    {
        if (levelIndex < -1 || levelIndex >= Levels.Length)
            throw new ArgumentOutOfRangeException(nameof(levelIndex), levelIndex, $"Spectrum.LevelTail: level index {levelIndex} must lie in −1..{Levels.Length - 1}.");
        return _suffix[levelIndex + 1];
    }

    /// <summary>Number of modes in levels 0..<paramref name="levelIndex"/>.</summary>
    public long ModesThroughLevel(int levelIndex)
    {
        if (levelIndex < -1 || levelIndex >= Levels.Length)
            throw new ArgumentOutOfRangeException(nameof(levelIndex), levelIndex, $"Spectrum.ModesThroughLevel: level index {levelIndex} must lie in −1..{Levels.Length - 1}.");
        return levelIndex < 0 ? 0 : _cumulativeModes[levelIndex];
    }

    /// <summary>Equality of the levels (in order) and of the analytic tail.</summary>
    public bool Equals(Spectrum? other) =>
        other is not null && Levels.SequenceEqual(other.Levels) && Equals(AnalyticTail, other.AnalyticTail);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var level in Levels) hash.Add(level);
        hash.Add(AnalyticTail);
        return hash.ToHashCode();
    }
}
