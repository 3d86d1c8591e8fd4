using System.Collections.Immutable;

namespace NngpRg.Core.Flows;

/// <summary>
/// The adaptive explicit Runge–Kutta pair of Dormand and Prince, order 5 with an embedded order-4 error estimate,
/// used to integrate the continuum RG flows (docs/theory.md §3: dσ²/dκ = −λ_κ, dσ²/dt = κλ_κ). Features: per-component
/// relative/absolute tolerances, step-size control err^{−1/5} with a safety factor and bounded growth/shrink,
/// FSAL (the last stage of an accepted step is the first of the next, so 6 evaluations per step), the standard
/// 4th-order continuous extension for dense output, location of a stopping condition g(t, y) = 0 on the dense
/// output by Brent's method, and either direction of integration (t_end &lt; t_0 integrates backwards).
/// Non-finite stage values make the step be retried smaller; a non-finite accepted state, a step-size underflow,
/// or the step limit raise <see cref="OdeIntegrationException"/> naming t, the component and the value.
/// </summary>
public static class DormandPrince
{
    // Butcher tableau (nodes c, matrix a, 5th-order weights b = a7·) and error weights e = b − b̂.
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784, A76 = 11.0 / 84;
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;
    // Coefficients of the 4th-order continuous extension (Hairer–Nørsett–Wanner, Solving ODEs I, §II.6).
    private const double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0, D4 = -10690763975.0 / 1880347072.0,
        D5 = 701980252875.0 / 199316789632.0, D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;

    /// <summary>
    /// Integrates the scalar equation dy/dt = f(t, y) from (t0, y0) to tEnd, or until g(t, y) changes sign.
    /// </summary>
    public static OdeSolution Solve(Func<double, double, double> rhs, double t0, double y0, double tEnd,
        OdeOptions? options = null, Func<double, double, double>? stopWhen = null)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        Action<double, double[], double[]> system = (t, y, dy) => dy[0] = rhs(t, y[0]);
        Func<double, double[], double>? g = stopWhen is null ? null : (t, y) => stopWhen(t, y[0]);
        return Solve(system, t0, [y0], tEnd, options, g);
    }

    /// <summary>
    /// Integrates dy/dt = f(t, y) for a vector y: <paramref name="rhs"/>(t, y, dydt) writes the derivative into dydt
    /// (and must not keep or modify y). Stops at <paramref name="tEnd"/>, or at the first t where
    /// <paramref name="stopWhen"/>(t, y) crosses zero (an exact zero at t0 stops immediately).
    /// </summary>
    /// <exception cref="ArgumentException">Empty or non-finite initial state, non-finite times, bad options.</exception>
    /// <exception cref="OdeIntegrationException">Non-finite derivative at the initial point or state after a step, step-size underflow, or too many steps.</exception>
    public static OdeSolution Solve(Action<double, double[], double[]> rhs, double t0, double[] y0, double tEnd,
        OdeOptions? options = null, Func<double, double[], double>? stopWhen = null)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        ArgumentNullException.ThrowIfNull(y0);
        var opt = options ?? OdeOptions.Default;
        opt.Validate();
        if (y0.Length == 0) throw new ArgumentException("DormandPrince: the initial state is empty; a system needs at least one component.", nameof(y0));
        if (!double.IsFinite(t0) || !double.IsFinite(tEnd))
            throw new ArgumentException($"DormandPrince: the times must be finite (t0 = {t0:R}, tEnd = {tEnd:R}).");
        for (int i = 0; i < y0.Length; i++)
            if (!double.IsFinite(y0[i]))
                throw new ArgumentException($"DormandPrince: initial state component {i} is {y0[i]:R}; it must be finite.", nameof(y0));

        int n = y0.Length;
        var y = (double[])y0.Clone();
        double t = t0;
        double direction = tEnd >= t0 ? 1 : -1;
        var k1 = new double[n]; var k2 = new double[n]; var k3 = new double[n]; var k4 = new double[n];
        var k5 = new double[n]; var k6 = new double[n]; var k7 = new double[n];
        var stage = new double[n]; var yNew = new double[n];
        long evaluations = 0;
        int accepted = 0, rejected = 0;

        var times = new Buffer(64); times.Add(t);
        var states = new Buffer(64 * n); states.AddRange(y);
        Buffer? dense = opt.DenseOutput ? new Buffer(64 * 5 * n) : null;

        rhs(t, y, k1); evaluations++;
        CheckFinite(k1, t, "the right-hand side at the initial point");

        double gOld = 0;
        if (stopWhen is not null)
        {
            gOld = stopWhen(t, y);
            if (!double.IsFinite(gOld))
                throw new OdeIntegrationException($"DormandPrince: the stopping condition is {gOld:R} at t = {t:R}; it must be finite.");
            if (gOld == 0)
                return new OdeSolution(n, times.ToArray(), states.ToArray(), dense?.ToArray(),
                    new OdeStatistics(0, 0, evaluations), new OdeEvent(t, ImmutableArray.Create(y)));
        }

        double span = Math.Abs(tEnd - t0);
        if (span == 0)
            return new OdeSolution(n, times.ToArray(), states.ToArray(), dense?.ToArray(), new OdeStatistics(0, 0, evaluations), null);

        double h = opt.InitialStep ?? InitialStep(rhs, t, y, k1, direction, opt, stage, yNew, ref evaluations);
        h = Math.Min(Math.Min(h, opt.MaxStep), span);
        bool lastRejected = false;
        OdeEvent? stop = null;

        while (direction * (tEnd - t) > 0)
        {
            if (accepted + rejected >= opt.MaxSteps)
                throw new OdeIntegrationException($"DormandPrince: more than {opt.MaxSteps} steps without reaching tEnd = {tEnd:R} (stopped at t = {t:R}, step {h:R}); raise MaxSteps or loosen the tolerances.");
            if (h < 10 * Math.Max(Math.Abs(t), Math.Abs(tEnd)) * 2.220446049250313e-16 || h < double.Epsilon * 1e10)
                throw new OdeIntegrationException($"DormandPrince: step size underflow at t = {t:R} (h = {h:R}); the solution is singular or too stiff for an explicit method.");
            double remaining = Math.Abs(tEnd - t);
            bool reachesEnd = h >= remaining * (1 - 1e-14);
            double hs = reachesEnd ? direction * remaining : direction * h;

            // Stages 2–7; k7 is f(t + h, y_new), the first stage of the next step (FSAL).
            for (int i = 0; i < n; i++) stage[i] = y[i] + hs * A21 * k1[i];
            rhs(t + C2 * hs, stage, k2);
            for (int i = 0; i < n; i++) stage[i] = y[i] + hs * (A31 * k1[i] + A32 * k2[i]);
            rhs(t + C3 * hs, stage, k3);
            for (int i = 0; i < n; i++) stage[i] = y[i] + hs * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
            rhs(t + C4 * hs, stage, k4);
            for (int i = 0; i < n; i++) stage[i] = y[i] + hs * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            rhs(t + C5 * hs, stage, k5);
            for (int i = 0; i < n; i++) stage[i] = y[i] + hs * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            double tNew = reachesEnd ? tEnd : t + hs;
            rhs(tNew, stage, k6);
            for (int i = 0; i < n; i++) yNew[i] = y[i] + hs * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
            rhs(tNew, yNew, k7);
            evaluations += 6;

            double sumSq = 0;
            for (int i = 0; i < n; i++)
            {
                double errI = hs * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                double scale = opt.AbsoluteTolerance + opt.RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i]));
                double r = errI / scale;
                sumSq += r * r;
            }
            double err = Math.Sqrt(sumSq / n);

            if (!double.IsFinite(err))
            {
                // A stage left the domain of f (or overflowed): retry with a much smaller step.
                rejected++;
                lastRejected = true;
                h *= opt.MinFactor;
                continue;
            }
            if (err > 1)
            {
                rejected++;
                lastRejected = true;
                h *= Math.Max(opt.MinFactor, opt.Safety * Math.Pow(err, -0.2));
                continue;
            }

            for (int i = 0; i < n; i++)
                if (!double.IsFinite(yNew[i]))
                    throw new OdeIntegrationException($"DormandPrince: state component {i} became {yNew[i]:R} at t = {tNew:R}; the solution blew up.");

            if (dense is not null)
            {
                // Continuous extension: r1 = y, r2 = Δy, r3 = h k1 − Δy, r4 = Δy − h k7 − r3, r5 = h Σ d_j k_j.
                for (int i = 0; i < n; i++) dense.Add(y[i]);
                for (int i = 0; i < n; i++) dense.Add(yNew[i] - y[i]);
                for (int i = 0; i < n; i++) dense.Add(hs * k1[i] - (yNew[i] - y[i]));
                for (int i = 0; i < n; i++) dense.Add((yNew[i] - y[i]) - hs * k7[i] - (hs * k1[i] - (yNew[i] - y[i])));
                for (int i = 0; i < n; i++) dense.Add(hs * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]));
            }
            double tOld = t;
            t = tNew;
            (y, yNew) = (yNew, y);
            (k1, k7) = (k7, k1);
            accepted++;
            times.Add(t);
            states.AddRange(y);

            if (stopWhen is not null)
            {
                double gNew = stopWhen(t, y);
                if (!double.IsFinite(gNew))
                    throw new OdeIntegrationException($"DormandPrince: the stopping condition is {gNew:R} at t = {t:R}; it must be finite.");
                if (gNew == 0 || (gNew > 0) != (gOld > 0))
                {
                    stop = LocateEvent(stopWhen, n, tOld, t, gOld, gNew, times, states, dense, y);
                    break;
                }
                gOld = gNew;
            }

            double factor = err == 0 ? opt.MaxFactor : Math.Min(opt.MaxFactor, Math.Max(opt.MinFactor, opt.Safety * Math.Pow(err, -0.2)));
            if (lastRejected) factor = Math.Min(1, factor);  // no growth right after a rejection
            lastRejected = false;
            h = Math.Min(Math.Abs(hs) * factor, opt.MaxStep);
        }

        return new OdeSolution(n, times.ToArray(), states.ToArray(), dense?.ToArray(),
            new OdeStatistics(accepted, rejected, evaluations), stop);
    }

    /// <summary>Finds the root of g on the last step; rewrites the last step boundary to the event time.</summary>
    private static OdeEvent LocateEvent(Func<double, double[], double> g, int n, double tOld, double tNew, double gOld, double gNew,
        Buffer times, Buffer states, Buffer? dense, double[] yNew)
    {
        var yAt = new double[n];
        int step = times.Count - 2;
        double h = tNew - tOld;
        void Fill(double tau)
        {
            if (dense is null) return;
            double theta = (tau - tOld) / h, theta1 = 1 - theta;
            int b = step * 5 * n;
            for (int i = 0; i < n; i++)
                yAt[i] = dense[b + i] + theta * (dense[b + n + i] + theta1 * (dense[b + 2 * n + i] + theta * (dense[b + 3 * n + i] + theta1 * dense[b + 4 * n + i])));
        }
        double tStar;
        if (gNew == 0) tStar = tNew;
        else if (dense is null)
            tStar = tOld + h * gOld / (gOld - gNew);  // without dense output: linear interpolation of g
        else
            tStar = Bracketing.Brent(tau => { Fill(tau); return g(tau, yAt); }, tOld, tNew, gOld, gNew, 0, 1e-15);
        if (dense is null)
        {
            double w = (tStar - tOld) / h;
            int b0 = (times.Count - 2) * n, b1 = (times.Count - 1) * n;
            for (int i = 0; i < n; i++) yAt[i] = (1 - w) * states[b0 + i] + w * states[b1 + i];
        }
        else Fill(tStar);
        if (tStar != tNew)
        {
            // The dense coefficients of the last step stay valid on the shortened step: rescale them to [tOld, tStar].
            times[times.Count - 1] = tStar;
            if (dense is not null) Rescale(dense, step, n, (tStar - tOld) / h);
            for (int i = 0; i < n; i++) states[(times.Count - 1) * n + i] = yAt[i];
        }
        for (int i = 0; i < n; i++) yNew[i] = yAt[i];
        return new OdeEvent(tStar, ImmutableArray.Create(yAt));
    }

    /// <summary>
    /// Re-expresses the step's interpolant p(θ), θ ∈ [0, 1], on θ' = θ/s (s ≤ 1) in the same nested form, so that
    /// the stored step ends at the event. p is a quartic in θ: converted to monomials, rescaled, converted back.
    /// </summary>
    private static void Rescale(Buffer dense, int step, int n, double s)
    {
        int b = step * 5 * n;
        for (int i = 0; i < n; i++)
        {
            double r1 = dense[b + i], r2 = dense[b + n + i], r3 = dense[b + 2 * n + i], r4 = dense[b + 3 * n + i], r5 = dense[b + 4 * n + i];
            // p(θ) = r1 + θ r2 + θ(1−θ) r3 + θ²(1−θ) r4 + θ²(1−θ)² r5 = Σ m_j θ^j
            double m0 = r1, m1 = r2 + r3, m2 = -r3 + r4 + r5, m3 = -r4 - 2 * r5, m4 = r5;
            // q(θ') = p(sθ'): monomial coefficients m_j s^j
            double q0 = m0, q1 = m1 * s, q2 = m2 * s * s, q3 = m3 * s * s * s, q4 = m4 * s * s * s * s;
            // back to the nested form: r5' = q4, r4' = −q3 − 2 q4, r3' = r4' + r5' − q2, r2' = q1 − r3', r1' = q0
            double n5 = q4, n4 = -q3 - 2 * q4, n3 = n4 + n5 - q2, n2 = q1 - n3;
            dense[b + i] = q0; dense[b + n + i] = n2; dense[b + 2 * n + i] = n3; dense[b + 3 * n + i] = n4; dense[b + 4 * n + i] = n5;
        }
    }

    /// <summary>Initial step from the scales of y, f and a finite-difference estimate of f' (Hairer–Nørsett–Wanner II.4).</summary>
    private static double InitialStep(Action<double, double[], double[]> rhs, double t, double[] y, double[] f0, double direction,
        OdeOptions opt, double[] y1, double[] f1, ref long evaluations)
    {
        int n = y.Length;
        double d0 = 0, d1 = 0;
        for (int i = 0; i < n; i++)
        {
            double sc = opt.AbsoluteTolerance + opt.RelativeTolerance * Math.Abs(y[i]);
            d0 += (y[i] / sc) * (y[i] / sc);
            d1 += (f0[i] / sc) * (f0[i] / sc);
        }
        d0 = Math.Sqrt(d0 / n); d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        for (int i = 0; i < n; i++) y1[i] = y[i] + direction * h0 * f0[i];
        rhs(t + direction * h0, y1, f1); evaluations++;
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            double sc = opt.AbsoluteTolerance + opt.RelativeTolerance * Math.Abs(y[i]);
            double r = (f1[i] - f0[i]) / sc;
            d2 += r * r;
        }
        d2 = Math.Sqrt(d2 / n) / h0;
        if (!double.IsFinite(d2)) return h0;
        double dMax = Math.Max(d1, d2);
        double h1 = dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 0.2);
        return Math.Min(100 * h0, h1);
    }

    private static void CheckFinite(double[] v, double t, string what)
    {
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i]))
                throw new OdeIntegrationException($"DormandPrince: {what} has component {i} = {v[i]:R} at t = {t:R}; it must be finite.");
    }

    /// <summary>A growable array of doubles (amortized doubling), for step data of unknown length.</summary>
    private sealed class Buffer(int capacity)
    {
        private double[] _items = new double[Math.Max(4, capacity)];
        public int Count { get; private set; }
        public double this[int i] { get => _items[i]; set => _items[i] = value; }
        public void Add(double x)
        {
            if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            _items[Count++] = x;
        }
        public void AddRange(double[] xs)
        {
            foreach (var x in xs) Add(x);
        }
        public double[] ToArray() => _items.AsSpan(0, Count).ToArray();
    }
}
