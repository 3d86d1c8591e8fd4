using System.Collections.Immutable;

namespace NngpRg.Core.Flows;

/// <summary>
/// The result of a <see cref="DormandPrince"/> integration: the accepted step points, the final state, the
/// located event (if a stopping condition was met), work statistics and, when dense output was kept, the
/// 4th-order continuous extension of every step, so y(t) can be sampled anywhere between the initial and final time.
/// Immutable after construction.
/// </summary>
public sealed class OdeSolution
{
    private readonly double[] _times;   // step boundaries t_0, t_1, …, t_m (t_m = FinalTime)
    private readonly double[] _states;  // y at the step boundaries, (m+1)·n
    private readonly double[]? _dense;  // per step, 5 blocks of n: the continuous-extension coefficients

    internal OdeSolution(int dimension, double[] times, double[] states, double[]? dense, OdeStatistics statistics, OdeEvent? stop)
    {
        Dimension = dimension;
        _times = times;
        _states = states;
        _dense = dense;
        Statistics = statistics;
        Event = stop;
    }

    /// <summary>Number of components of y.</summary>
    public int Dimension { get; }

    /// <summary>Where the integration started.</summary>
    public double InitialTime => _times[0];

    /// <summary>Where it ended: the requested end, or the event time when the stopping condition was met.</summary>
    public double FinalTime => _times[^1];

    /// <summary>y at <see cref="FinalTime"/>.</summary>
    public ImmutableArray<double> FinalState => StateAtStep(_times.Length - 1);

    /// <summary>The stopping event, or null when the integration reached its end time.</summary>
    public OdeEvent? Event { get; }

    /// <summary>Steps, rejections and right-hand-side evaluations.</summary>
    public OdeStatistics Statistics { get; }

    /// <summary>The step boundaries t_0 … t_m (the last one is <see cref="FinalTime"/>).</summary>
    public ImmutableArray<double> StepTimes => ImmutableArray.Create(_times);

    /// <summary>True when the continuous extension was kept (<see cref="OdeOptions.DenseOutput"/>).</summary>
    public bool HasDenseOutput => _dense is not null;

    /// <summary>y at the i-th step boundary.</summary>
    public ImmutableArray<double> StateAtStep(int step)
    {
        if (step < 0 || step >= _times.Length)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"OdeSolution.StateAtStep: step must lie in 0..{_times.Length - 1}.");
        return ImmutableArray.Create(_states, step * Dimension, Dimension);
    }

    /// <summary>y(t) from the continuous extension, for t between <see cref="InitialTime"/> and <see cref="FinalTime"/>.</summary>
    public ImmutableArray<double> At(double t)
    {
        var y = new double[Dimension];
        Evaluate(t, y);
        return ImmutableArray.Create(y);
    }

    /// <summary>Component <paramref name="component"/> of y(t).</summary>
    public double At(double t, int component)
    {
        if (component < 0 || component >= Dimension)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"OdeSolution.At: component must lie in 0..{Dimension - 1}.");
        int step = Locate(t, out double theta);
        return DenseComponent(step, theta, component);
    }

    /// <summary>Writes y(t) into <paramref name="y"/> (length <see cref="Dimension"/>).</summary>
    /// <exception cref="InvalidOperationException">Dense output was not kept.</exception>
    /// <exception cref="ArgumentOutOfRangeException">t outside the integrated interval.</exception>
    public void Evaluate(double t, Span<double> y)
    {
        if (y.Length != Dimension)
            throw new ArgumentException($"OdeSolution.Evaluate: the output has length {y.Length}, the system has dimension {Dimension}.", nameof(y));
        int step = Locate(t, out double theta);
        for (int i = 0; i < Dimension; i++) y[i] = DenseComponent(step, theta, i);
    }

    private int Locate(double t, out double theta)
    {
        if (_dense is null)
            throw new InvalidOperationException("OdeSolution: dense output was not kept (OdeOptions.DenseOutput = false); only step points are available.");
        double t0 = _times[0], t1 = _times[^1];
        double lo = Math.Min(t0, t1), hi = Math.Max(t0, t1);
        if (!(t >= lo && t <= hi))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"OdeSolution: t = {t:R} lies outside the integrated interval [{lo:R}, {hi:R}].");
        int steps = _times.Length - 1;
        if (steps == 0) { theta = 0; return -1; }
        bool forward = t1 >= t0;
        // Binary search for the step [t_s, t_{s+1}] holding t (times are monotone in the direction of integration).
        int a = 0, b = steps - 1;
        while (a < b)
        {
            int mid = (a + b) >>> 1;
            bool beyond = forward ? t > _times[mid + 1] : t < _times[mid + 1];
            if (beyond) a = mid + 1; else b = mid;
        }
        double h = _times[a + 1] - _times[a];
        theta = h == 0 ? 0 : (t - _times[a]) / h;
        return a;
    }

    private double DenseComponent(int step, double theta, int i)
    {
        if (step < 0) return _states[i];
        int n = Dimension, baseIndex = step * 5 * n;
        var d = _dense!;
        double theta1 = 1 - theta;
        // y(t_s + θh) = r1 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ) r5)))
        return d[baseIndex + i] + theta * (d[baseIndex + n + i] + theta1 * (d[baseIndex + 2 * n + i] + theta * (d[baseIndex + 3 * n + i] + theta1 * d[baseIndex + 4 * n + i])));
    }
}
