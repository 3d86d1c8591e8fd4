namespace NngpRg.Core.Flows;

/// <summary>
/// Settings of the adaptive <see cref="DormandPrince"/> integrator. The local error of a step is accepted when
/// ‖err_i / (AbsoluteTolerance + RelativeTolerance · max(|y_i|, |y_i,new|))‖_RMS ≤ 1.
/// </summary>
public sealed record OdeOptions
{
    /// <summary>Relative tolerance per component (default 1e-9).</summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>Absolute tolerance per component (default 1e-12).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-12;

    /// <summary>Safety factor multiplying the optimal step-size ratio (default 0.9, in (0, 1)).</summary>
    public double Safety { get; init; } = 0.9;

    /// <summary>Smallest allowed ratio new step / old step (default 0.2).</summary>
    public double MinFactor { get; init; } = 0.2;

    /// <summary>Largest allowed ratio new step / old step (default 10).</summary>
    public double MaxFactor { get; init; } = 10;

    /// <summary>First trial step magnitude; null chooses it from the derivative scale (Hairer–Nørsett–Wanner heuristic).</summary>
    public double? InitialStep { get; init; }

    /// <summary>Largest step magnitude (default unbounded).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Limit on accepted plus rejected steps (default 1,000,000).</summary>
    public int MaxSteps { get; init; } = 1_000_000;

    /// <summary>Keep the continuous extension of every step so the solution can be sampled anywhere (default true).</summary>
    public bool DenseOutput { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static OdeOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(RelativeTolerance >= 0) || !double.IsFinite(RelativeTolerance))
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "OdeOptions: RelativeTolerance must be finite and ≥ 0.");
        if (!(AbsoluteTolerance >= 0) || !double.IsFinite(AbsoluteTolerance))
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, "OdeOptions: AbsoluteTolerance must be finite and ≥ 0.");
        if (RelativeTolerance == 0 && AbsoluteTolerance == 0)
            throw new ArgumentException("OdeOptions: RelativeTolerance and AbsoluteTolerance cannot both be 0.");
        if (!(Safety > 0 && Safety < 1))
            throw new ArgumentOutOfRangeException(nameof(Safety), Safety, "OdeOptions: Safety must lie in (0, 1).");
        if (!(MinFactor > 0 && MinFactor < 1))
            throw new ArgumentOutOfRangeException(nameof(MinFactor), MinFactor, "OdeOptions: MinFactor must lie in (0, 1).");
        if (!(MaxFactor > 1) || double.IsNaN(MaxFactor))
            throw new ArgumentOutOfRangeException(nameof(MaxFactor), MaxFactor, "OdeOptions: MaxFactor must be > 1.");
        if (InitialStep is { } h0 && !(h0 > 0 && double.IsFinite(h0)))
            throw new ArgumentOutOfRangeException(nameof(InitialStep), h0, "OdeOptions: InitialStep must be finite and > 0 (its sign follows the direction of integration).");
        if (!(MaxStep > 0))
            throw new ArgumentOutOfRangeException(nameof(MaxStep), MaxStep, "OdeOptions: MaxStep must be > 0.");
        if (MaxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "OdeOptions: MaxSteps must be ≥ 1.");
    }
}

/// <summary>Work done by one integration.</summary>
/// <param name="AcceptedSteps">Steps whose error estimate passed the tolerance.</param>
/// <param name="RejectedSteps">Steps retried with a smaller step (error too large or a non-finite stage).</param>
/// <param name="RhsEvaluations">Calls of the right-hand side, including the initial-step heuristic.</param>
public readonly record struct OdeStatistics(int AcceptedSteps, int RejectedSteps, long RhsEvaluations);

/// <summary>Where a stopping condition g(t, y) = 0 was met.</summary>
/// <param name="Time">The located root t of g(t, y(t)) on the dense output.</param>
/// <param name="State">y at that time, from the dense output.</param>
public sealed record OdeEvent(double Time, System.Collections.Immutable.ImmutableArray<double> State);

/// <summary>The integration could not continue; the message says where (t, component, value) and why.</summary>
public sealed class OdeIntegrationException : ArithmeticException
{
    /// <summary>Creates the exception with its message.</summary>
    public OdeIntegrationException(string message) : base(message) { }
}
