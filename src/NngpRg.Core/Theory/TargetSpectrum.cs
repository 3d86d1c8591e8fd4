using System.Collections.Immutable;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>
/// The power of a regression target in the kernel eigenbasis, y_k² per mode k = 1, 2, … (docs/theory.md (1.3):
/// y(x) = Σ_k y_k φ_k(x)), plus label-noise variance. Modes 1..ModePower.Length take their listed power; every later
/// mode k takes TailScale·λ_k (so TailScale = 1 with an empty list is the GP-matched target y_k² = λ_k).
/// </summary>
public sealed record TargetSpectrum
{
    private readonly double[] _prefix;  // _prefix[k] = Σ_{j≤k} y_j² over the listed modes, compensated

    /// <summary>Creates a target; every power, the tail scale and the noise must be finite and ≥ 0.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite entry (message names the mode).</exception>
    public TargetSpectrum(ImmutableArray<double> modePower, double tailScale = 0, double noise = 0)
    {
        if (modePower.IsDefault) modePower = [];
        for (int i = 0; i < modePower.Length; i++)
            if (!double.IsFinite(modePower[i]) || modePower[i] < 0)
                throw new ArgumentException($"TargetSpectrum: y_k² for mode k = {i + 1} is {modePower[i]:R}; target powers must be finite and ≥ 0.", nameof(modePower));
        if (!double.IsFinite(tailScale) || tailScale < 0)
            throw new ArgumentException($"TargetSpectrum: the tail scale {tailScale:R} must be finite and ≥ 0.", nameof(tailScale));
        if (!double.IsFinite(noise) || noise < 0)
            throw new ArgumentException($"TargetSpectrum: the label-noise variance {noise:R} must be finite and ≥ 0.", nameof(noise));
        ModePower = modePower;
        TailScale = tailScale;
        Noise = noise;
        _prefix = new double[modePower.Length + 1];
        var acc = new CompensatedSum();
        for (int i = 0; i < modePower.Length; i++)
        {
            acc.Add(modePower[i]);
            _prefix[i + 1] = acc.Value;
        }
    }

    /// <summary>y_k² for the listed modes k = 1..Length.</summary>
    public ImmutableArray<double> ModePower { get; }

    /// <summary>Modes past the list have y_k² = TailScale·λ_k.</summary>
    public double TailScale { get; }

    /// <summary>Label-noise variance added to every predicted test error.</summary>
    public double Noise { get; }

    /// <summary>The GP-matched target y_k² = scale·λ_k for every mode (a draw from the prior has this power on average).</summary>
    public static TargetSpectrum GpMatched(double scale = 1, double noise = 0) => new([], scale, noise);

    /// <summary>All power in one mode k (y_k² = power), nothing elsewhere.</summary>
    public static TargetSpectrum SingleMode(int mode, double power = 1, double noise = 0)
    {
        if (mode < 1) throw new ArgumentOutOfRangeException(nameof(mode), mode, "TargetSpectrum.SingleMode: modes are counted from 1.");
        var p = new double[mode];
        p[mode - 1] = power;
        return new TargetSpectrum(ImmutableArray.Create(p), 0, noise);
    }

    /// <summary>y_k² from a list (mode 1 first); no power past the list.</summary>
    public static TargetSpectrum FromList(IEnumerable<double> power, double noise = 0)
    {
        ArgumentNullException.ThrowIfNull(power);
        return new TargetSpectrum([.. power], 0, noise);
    }

    /// <summary>Σ of the listed powers over modes k with from &lt; k ≤ to (clipped to the list).</summary>
    internal double ListedPower(long from, long to)
    {
        long a = Math.Clamp(from, 0, ModePower.Length), b = Math.Clamp(to, 0, ModePower.Length);
        return b <= a ? 0 : _prefix[b] - _prefix[a];
    }

    /// <summary>y_k² of mode k given its eigenvalue.</summary>
    internal double PowerOf(long mode, double lambda) => mode <= ModePower.Length ? ModePower[(int)(mode - 1)] : TailScale * lambda;

    /// <summary>Σ_{k&gt;κ} y_k² for the given spectrum (the target power in removed modes, docs/theory.md §3.2).</summary>
    public double PowerBeyond(Spectrum spectrum, long kappa)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        if (kappa < 0) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "TargetSpectrum.PowerBeyond: κ must be ≥ 0.");
        double listed = ListedPower(kappa, ModePower.Length);
        return TailScale == 0 ? listed : listed + TailScale * spectrum.Tail(Math.Max(kappa, ModePower.Length));
    }

    /// <summary>Equality by value of the listed powers, the tail scale and the noise.</summary>
    public bool Equals(TargetSpectrum? other) =>
        other is not null && ModePower.SequenceEqual(other.ModePower) && TailScale == other.TailScale && Noise == other.Noise;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ModePower.Length, TailScale, Noise);
}
