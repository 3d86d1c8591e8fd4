using System.Collections.Immutable;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Flows;

/// <summary>
/// The universal ridge flow for Gaussian features (docs/theory.md §3), σ_c²(κ) = σ² + c(κ), with the stopping rule:
/// integrate modes out from the UV down while η λ_κ/(σ_c²(κ) + η λ_κ) &lt; T; stop at the first mode κ* that is
/// learnable with the running ridge.
/// <para>Start of the flow: κ₀ = the number of explicit modes of the spectrum. A spectrum with an analytic tail
/// starts from σ²(κ₀) = σ² + Tail(κ₀), the exact sum over all tail modes folded in at once (they are all
/// removed before any explicit mode); a finite spectrum starts from σ². If the first tail mode κ₀ + 1 is already
/// learnable with ridge σ² + Tail(κ₀ + 1), the stopping point lies in the tail and the run is refused (make more
/// modes explicit).</para>
/// <para>Within a degenerate level every mode has the same λ while the ridge only grows, so a level is either kept
/// whole or removed whole: κ* is always a level boundary, per mode, per block, and for the continuum methods, which check
/// the rule at the level edges of the integrated ridge when the spectrum has degenerate levels
/// (<see cref="StoppingRule.LevelEdge"/>; <see cref="FlowResult.Rule"/> says which rule applied).</para>
/// </summary>
public static class GaussianFlow
{
    /// <summary>
    /// Runs the flow for <paramref name="spectrum"/> from bare ridge <paramref name="sigma2"/> at data size
    /// <paramref name="eta"/>, stopping at learnability <paramref name="threshold"/>. <paramref name="rhs"/> supplies the
    /// increment per removed mode (default <see cref="FlowEquations.Gaussian"/>: σ² ← σ² + λ).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">σ² &lt; 0 or not finite, η ≤ 0 or not finite, T outside (0, 1), fewer than 2 trajectory points.</exception>
    /// <exception cref="ArgumentException">The stopping point lies in the analytic tail; the spectrum has no explicit modes for a continuum run; the continuum does not cover [·, κ₀].</exception>
    /// <exception cref="ArithmeticException">The right-hand side returned a negative or non-finite increment.</exception>
    public static FlowResult Run(Spectrum spectrum, double sigma2, double eta, double threshold = 0.5, FlowRhs? rhs = null, FlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Validate(sigma2, eta, threshold);
        var opt = options ?? FlowOptions.Default;
        if (opt.TrajectoryPoints < 2)
            throw new ArgumentOutOfRangeException(nameof(options), opt.TrajectoryPoints, "GaussianFlow: TrajectoryPoints must be ≥ 2.");
        var equations = rhs ?? FlowEquations.Gaussian;

        long kappa0 = spectrum.ExplicitModeCount;
        double shift0 = spectrum.Tail(kappa0);
        if (spectrum.AnalyticTail is { } tail)
        {
            double lambda = tail.Eigenvalue(kappa0 + 1);
            double ridge = sigma2 + spectrum.Tail(kappa0 + 1);
            double learnability = Learnability(eta, lambda, ridge);
            if (learnability >= threshold)
                throw new ArgumentException(
                    $"GaussianFlow: the first tail mode k = {kappa0 + 1} is already learnable (η λ/(σ_c² + η λ) = {learnability:R} ≥ T = {threshold:R}); the stopping point lies in the analytic tail. Make more modes explicit (κ₀ = {kappa0}).",
                    nameof(spectrum));
        }

        return opt.Method switch
        {
            FlowMethod.DiscreteModes => Discrete(spectrum, sigma2, eta, threshold, equations, opt, kappa0, shift0, perMode: true),
            FlowMethod.DiscreteLevels => Discrete(spectrum, sigma2, eta, threshold, equations, opt, kappa0, shift0, perMode: false),
            FlowMethod.ContinuumModeIndex => Continuum(spectrum, sigma2, eta, threshold, equations, opt, kappa0, shift0, rgTime: false),
            FlowMethod.ContinuumRgTime => Continuum(spectrum, sigma2, eta, threshold, equations, opt, kappa0, shift0, rgTime: true),
            _ => throw new ArgumentOutOfRangeException(nameof(options), opt.Method, "GaussianFlow: unknown flow method."),
        };
    }

    // The EK learnability as derived by the engine (derivation "equivalent-kernel"), compiled once.
    private static readonly Lazy<Func<double, double, double, double>> DerivedLearnability =
        new(() => Derivations.FlowEquations.EquivalentKernelLearnability);

    /// <summary>
    /// Learnability L = η λ/(σ² + η λ) of a mode with eigenvalue λ at ridge σ² (docs/theory.md §1), evaluated through the
    /// engine's compiled result of the equivalent-kernel derivation; 0 when ηλ = 0.
    /// </summary>
    public static double Learnability(double eta, double lambda, double ridge) =>
        eta * lambda == 0 ? 0 : DerivedLearnability.Value(lambda, ridge, eta);

    private static void Validate(double sigma2, double eta, double threshold)
    {
        if (!double.IsFinite(sigma2) || sigma2 < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma2), sigma2, $"GaussianFlow: the bare ridge σ² = {sigma2:R} must be finite and ≥ 0.");
        if (!double.IsFinite(eta) || eta <= 0)
            throw new ArgumentOutOfRangeException(nameof(eta), eta, $"GaussianFlow: η = {eta:R} must be finite and > 0.");
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"GaussianFlow: the learnability threshold T = {threshold:R} must lie in (0, 1).");
    }

    private static double Increment(Func<double, double, double> f, double lambda, double ridge)
    {
        double d = f(lambda, ridge);
        if (!double.IsFinite(d) || d < 0)
            throw new ArithmeticException($"GaussianFlow: the right-hand side returned {d:R} for λ = {lambda:R}, σ² = {ridge:R}; a removed mode must shift the ridge by a finite amount ≥ 0.");
        return d;
    }

    private static FlowResult Discrete(Spectrum spectrum, double sigma2, double eta, double threshold, FlowRhs rhs, FlowOptions opt,
        long kappa0, double shift0, bool perMode)
    {
        var levels = spectrum.Levels;
        int count = levels.Length;
        Func<double, double, double> leading = rhs.Leading;  // bound once: no delegate allocation per shell
        var c = new CompensatedSum();
        c.Add(shift0);
        // Ridge at each level boundary κ = ModesThroughLevel(i − 1), filled from the top down as the flow passes.
        var ridgeAt = new double[count + 1];
        ridgeAt[count] = sigma2 + shift0;
        int stopLevel = -1;  // the flow stops at boundary index stopLevel + 1 (κ* = ModesThroughLevel(stopLevel))
        for (int i = count - 1; i >= 0; i--)
        {
            double lambda = levels[i].Eigenvalue;
            double ridge = sigma2 + c.Value;
            if (Learnability(eta, lambda, ridge) >= threshold) { stopLevel = i; break; }
            long m = levels[i].Multiplicity;
            if (perMode)
                for (long j = 0; j < m; j++) c.Add(Increment(leading, lambda, sigma2 + c.Value));
            else
                c.Add(m * Increment(leading, lambda, ridge));
            ridgeAt[i] = sigma2 + c.Value;
        }
        int stopBoundary = stopLevel + 1;
        long kappaStar = spectrum.ModesThroughLevel(stopLevel);
        double ridgeStar = ridgeAt[stopBoundary];
        double lambdaStar = stopLevel >= 0 ? levels[stopLevel].Eigenvalue : 0;

        // Thinned trajectory: the level boundaries nearest to log-spaced κ between max(κ*, 1) and κ₀.
        var points = ImmutableArray.CreateBuilder<FlowPoint>();
        double lo = Math.Max(kappaStar, 1), hi = Math.Max(kappa0, 1);
        int lastBoundary = -1;
        for (int p = 0; p < opt.TrajectoryPoints; p++)
        {
            double target = hi * Math.Pow(lo / hi, p / (opt.TrajectoryPoints - 1.0));
            int boundary = NearestBoundary(spectrum, target, stopBoundary, count);
            if (boundary == lastBoundary) continue;
            lastBoundary = boundary;
            points.Add(Point(spectrum, boundary, eta, ridgeAt[boundary]));
        }
        if (lastBoundary != stopBoundary)
            points.Add(Point(spectrum, stopBoundary, eta, ridgeAt[stopBoundary]));

        return new FlowResult(perMode ? FlowMethod.DiscreteModes : FlowMethod.DiscreteLevels, sigma2, eta, threshold, kappa0, shift0,
            kappaStar, kappaStar, ridgeStar - sigma2, ridgeStar,
            Learnability(eta, lambdaStar, ridgeStar), points.ToImmutable(), null, Degenerate(spectrum) ? StoppingRule.LevelEdge : StoppingRule.ModeEdge);
    }

    /// <summary>True when some explicit level holds more than one mode.</summary>
    internal static bool Degenerate(Spectrum spectrum) => spectrum.Levels.Any(l => l.Multiplicity > 1);

    private static FlowPoint Point(Spectrum spectrum, int boundary, double eta, double ridge)
    {
        long kappa = spectrum.ModesThroughLevel(boundary - 1);
        double lambda = boundary >= 1 ? spectrum.Levels[boundary - 1].Eigenvalue : 0;
        return new FlowPoint(kappa, ridge, Learnability(eta, lambda, ridge));
    }

    /// <summary>The level boundary in [stop, count] whose mode count is nearest to <paramref name="target"/> (in log).</summary>
    private static int NearestBoundary(Spectrum spectrum, double target, int stop, int count)
    {
        int a = stop, b = count;
        while (a < b)
        {
            int mid = (a + b) >>> 1;
            if (spectrum.ModesThroughLevel(mid - 1) < target) a = mid + 1; else b = mid;
        }
        if (a > stop)
        {
            double below = spectrum.ModesThroughLevel(a - 2), above = spectrum.ModesThroughLevel(a - 1);
            if (below > 0 && Math.Abs(Math.Log(target / below)) < Math.Abs(Math.Log(above / target))) return a - 1;
        }
        return a;
    }

    private static FlowResult Continuum(Spectrum spectrum, double sigma2, double eta, double threshold, FlowRhs rhs, FlowOptions opt,
        long kappa0, double shift0, bool rgTime)
    {
        if (kappa0 == 0)
            throw new ArgumentException("GaussianFlow: a continuum flow needs explicit modes (κ₀ = 0).", nameof(spectrum));
        var continuum = opt.Continuum ?? ContinuousSpectrum.FromSpectrum(spectrum);
        if (continuum.KappaMax < kappa0)
            throw new ArgumentException($"GaussianFlow: the continuum λ(κ) covers [{continuum.KappaMin:R}, {continuum.KappaMax:R}], not the start κ₀ = {kappa0}.", nameof(opt.Continuum));
        // Degenerate levels are learnable or not as a whole: the stopping rule is checked at their edges (docs/theory.md §8.5).
        bool levelEdges = Degenerate(spectrum);
        double start = sigma2 + shift0;
        double[] y0 = [start];
        var ode = opt.Ode ?? new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-14 * (sigma2 + spectrum.TotalTrace) + 1e-300 };
        if (levelEdges && !ode.DenseOutput) ode = ode with { DenseOutput = true };

        // In RG time the end must be finite: down to KappaMin, or 1/1024 of the first mode when the continuum reaches κ = 0.
        double kappaEnd = rgTime && continuum.KappaMin <= 0 ? Math.Min(1.0, kappa0) / 1024 : continuum.KappaMin;
        double KappaOf(double s) => rgTime ? kappa0 * Math.Exp(-s) : s;
        double TimeOf(double kappa) => rgTime ? Math.Log(kappa0 / Math.Max(kappa, kappaEnd)) : kappa;
        double sEnd = rgTime ? Math.Log(kappa0 / kappaEnd) : kappaEnd;
        double s0 = rgTime ? 0 : kappa0;
        var leading = rhs.Leading;

        void System(double s, double[] y, double[] dy)
        {
            double kappa = Math.Clamp(KappaOf(s), continuum.KappaMin, continuum.KappaMax);
            double lambda = continuum.Eigenvalue(kappa);
            double jacobian = rgTime ? kappa : -1;  // dσ²/dt = κ·step, dσ²/dκ = −step
            dy[0] = jacobian * leading(lambda, y[0]);
        }
        double Stop(double s, double[] y)
        {
            double kappa = Math.Clamp(KappaOf(s), continuum.KappaMin, continuum.KappaMax);
            return Learnability(eta, continuum.Eigenvalue(kappa), y[0]) - threshold;
        }

        OdeSolution solution;
        double kappaStar, ridgeStar, lambdaStar;
        if (levelEdges)
        {
            // Integrate the whole range, then walk the level edges from the top: the first level learnable with the ridge at
            // its upper edge is kept, and κ* is that edge.
            solution = DormandPrince.Solve(System, s0, y0, sEnd, ode);
            int stopLevel = -1;
            for (int i = spectrum.Levels.Length - 1; i >= 0; i--)
            {
                double edge = spectrum.ModesThroughLevel(i);
                double ridge = edge >= kappa0 ? start : solution.At(TimeOf(edge), 0);
                if (Learnability(eta, spectrum.Levels[i].Eigenvalue, ridge) >= threshold) { stopLevel = i; break; }
            }
            kappaStar = spectrum.ModesThroughLevel(stopLevel);
            ridgeStar = kappaStar >= kappa0 ? start : solution.At(TimeOf(kappaStar), 0);
            lambdaStar = stopLevel >= 0 ? spectrum.Levels[stopLevel].Eigenvalue : 0;
        }
        else
        {
            if (Stop(s0, y0) >= 0)
                solution = DormandPrince.Solve(System, s0, y0, s0, ode);  // the UV mode is already learnable: nothing flows
            else
                solution = DormandPrince.Solve(System, s0, y0, sEnd, ode, Stop);
            kappaStar = solution.Event is { } e ? KappaOf(e.Time) : KappaOf(solution.FinalTime);
            ridgeStar = solution.FinalState[0];
            lambdaStar = continuum.Eigenvalue(Math.Clamp(kappaStar, continuum.KappaMin, continuum.KappaMax));
        }

        var points = ImmutableArray.CreateBuilder<FlowPoint>(opt.TrajectoryPoints);
        double lo = Math.Max(kappaStar, kappaEnd > 0 ? kappaEnd : 1e-300), hi = kappa0;
        for (int p = 0; p < opt.TrajectoryPoints; p++)
        {
            double kappa = p == opt.TrajectoryPoints - 1 ? kappaStar : hi * Math.Pow(lo / hi, p / (opt.TrajectoryPoints - 1.0));
            if (!solution.HasDenseOutput && p != 0 && p != opt.TrajectoryPoints - 1) continue;
            double ridge = p == 0 ? start : p == opt.TrajectoryPoints - 1 ? ridgeStar : solution.At(TimeOf(kappa), 0);
            double lambda = p == opt.TrajectoryPoints - 1 ? lambdaStar : continuum.Eigenvalue(Math.Clamp(kappa, continuum.KappaMin, continuum.KappaMax));
            points.Add(new FlowPoint(kappa, ridge, Learnability(eta, lambda, ridge)));
        }
        return new FlowResult(rgTime ? FlowMethod.ContinuumRgTime : FlowMethod.ContinuumModeIndex, sigma2, eta, threshold, kappa0, shift0,
            kappaStar, (long)Math.Floor(kappaStar + 1e-9), ridgeStar - sigma2, ridgeStar,
            Learnability(eta, lambdaStar, ridgeStar), points.ToImmutable(), solution.Statistics, levelEdges ? StoppingRule.LevelEdge : StoppingRule.Crossing);
    }
}
