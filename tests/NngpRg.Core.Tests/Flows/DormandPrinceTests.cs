using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.OdeSolvers;
using NngpRg.Core.Flows;
using Xunit;

namespace NngpRg.Core.Tests.Flows;

public class DormandPrinceTests
{
    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-9)]
    [InlineData(1e-12)]
    public void Exponential_decay_meets_the_tolerance(double rtol)
    {
        var opt = new OdeOptions { RelativeTolerance = rtol, AbsoluteTolerance = rtol * 1e-3 };
        var sol = DormandPrince.Solve((t, y) => -2 * y, 0, 1.0, 5, opt);
        double exact = Math.Exp(-10);
        Assert.Equal(5, sol.FinalTime);
        // Global error stays within a modest multiple of the local tolerance.
        Assert.True(Math.Abs(sol.FinalState[0] - exact) < 50 * rtol * 1.0, $"error {Math.Abs(sol.FinalState[0] - exact)}");
        Assert.Equal(1 + 6L * (sol.Statistics.AcceptedSteps + sol.Statistics.RejectedSteps) + 1, sol.Statistics.RhsEvaluations);
    }

    [Fact]
    public void Tighter_tolerance_takes_more_steps_and_is_more_accurate()
    {
        double Err(double tol, out int steps)
        {
            var s = DormandPrince.Solve((t, y) => -y, 0, 1.0, 10, new OdeOptions { RelativeTolerance = tol, AbsoluteTolerance = tol });
            steps = s.Statistics.AcceptedSteps;
            return Math.Abs(s.FinalState[0] - Math.Exp(-10));
        }
        double loose = Err(1e-5, out int n1), tight = Err(1e-10, out int n2);
        Assert.True(tight < loose / 100);
        Assert.True(n2 > 3 * n1);
        // For a 5th-order pair, steps scale like tol^(−1/5): 10^5 in tol ⇒ about 10× steps.
        Assert.InRange(n2 / (double)n1, 5, 20);
    }

    [Fact]
    public void Harmonic_oscillator_over_ten_periods_and_dense_output()
    {
        Action<double, double[], double[]> f = (t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0]; };
        var sol = DormandPrince.Solve(f, 0, [1.0, 0.0], 20 * Math.PI, new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13 });
        Assert.Equal(1, sol.FinalState[0], 1e-8);
        Assert.Equal(0, sol.FinalState[1], 1e-8);
        // Dense output between steps: the continuous extension is 4th order, so error ~ tolerance^(4/5).
        double worst = 0;
        for (int i = 0; i <= 1000; i++)
        {
            double t = 20 * Math.PI * i / 1000;
            var y = sol.At(t);
            worst = Math.Max(worst, Math.Max(Math.Abs(y[0] - Math.Cos(t)), Math.Abs(y[1] + Math.Sin(t))));
        }
        Assert.True(worst < 1e-8, $"dense error {worst}");
        Assert.True(sol.StepTimes.Length > 20);
    }

    [Fact]
    public void Agrees_with_MathNet_fourth_order_Runge_Kutta_with_a_tiny_step()
    {
        // A nonlinear non-autonomous system without a closed form: a driven Van der Pol oscillator.
        static void F(double t, double[] y, double[] dy) { dy[0] = y[1]; dy[1] = 0.5 * (1 - y[0] * y[0]) * y[1] - y[0] + 0.3 * Math.Cos(1.1 * t); }
        var sol = DormandPrince.Solve(F, 0, [0.5, 0.0], 8, new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14 });
        var rk = RungeKutta.FourthOrder(Vector<double>.Build.Dense([0.5, 0.0]), 0, 8, 40_001, (t, v) =>
        {
            var dy = new double[2];
            F(t, v.ToArray(), dy);
            return Vector<double>.Build.Dense(dy);
        });
        var end = rk[^1];
        Assert.Equal(end[0], sol.FinalState[0], 1e-10);
        Assert.Equal(end[1], sol.FinalState[1], 1e-10);
        // Mid-trajectory through the dense output.
        var mid = rk[20_000];
        Assert.Equal(mid[0], sol.At(4, 0), 1e-9);
    }

    [Fact]
    public void Backward_integration_retraces_the_solution()
    {
        var fwd = DormandPrince.Solve((t, y) => Math.Cos(t) * y, 0, 1.0, 3);
        var back = DormandPrince.Solve((t, y) => Math.Cos(t) * y, 3, fwd.FinalState[0], 0);
        Assert.Equal(0, back.FinalTime);
        Assert.Equal(1.0, back.FinalState[0], 1e-8);
        Assert.Equal(Math.Exp(Math.Sin(1.5)), back.At(1.5, 0), 1e-7);
    }

    [Fact]
    public void Event_location_finds_the_crossing_on_the_dense_output()
    {
        // y' = −y, y(0) = 1: y = 1/4 at t = ln 4.
        var sol = DormandPrince.Solve((t, y) => -y, 0, 1.0, 10, new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14 },
            stopWhen: (t, y) => y - 0.25);
        Assert.NotNull(sol.Event);
        Assert.Equal(Math.Log(4), sol.Event!.Time, 1e-10);
        Assert.Equal(0.25, sol.Event.State[0], 1e-12);
        Assert.Equal(sol.Event.Time, sol.FinalTime);
        // The shortened last step still interpolates correctly.
        Assert.Equal(Math.Exp(-1.3), sol.At(1.3, 0), 1e-10);
        Assert.Equal(0.25, sol.At(sol.FinalTime, 0), 1e-12);

        // Oscillator: the first zero of x = cos t from a time-dependent condition.
        var osc = DormandPrince.Solve((t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0]; }, 0, [1.0, 0.0], 10,
            new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14 }, (t, y) => y[0]);
        Assert.Equal(Math.PI / 2, osc.Event!.Time, 1e-10);
    }

    [Fact]
    public void No_event_reaches_the_end()
    {
        var sol = DormandPrince.Solve((t, y) => -y, 0, 1.0, 1, stopWhen: (t, y) => y + 1);
        Assert.Null(sol.Event);
        Assert.Equal(1, sol.FinalTime);
    }

    [Fact]
    public void Non_finite_values_and_bad_input_give_precise_errors()
    {
        // Blow-up: y' = y², y(0) = 1 explodes at t = 1.
        var blow = Assert.Throws<OdeIntegrationException>(() => DormandPrince.Solve((t, y) => y * y, 0, 1.0, 2));
        Assert.Contains("t = ", blow.Message);
        var nanStart = Assert.Throws<OdeIntegrationException>(() => DormandPrince.Solve((t, y) => double.NaN, 0, 1.0, 1));
        Assert.Contains("initial point", nanStart.Message);
        Assert.Contains("component 0", nanStart.Message);
        Assert.Contains("component 1", Assert.Throws<ArgumentException>(() => DormandPrince.Solve((t, y, dy) => { }, 0, [1.0, double.NaN], 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DormandPrince.Solve((t, y) => y, 0, 1, 1, new OdeOptions { Safety = 1.5 }));
        Assert.Contains("MaxSteps", Assert.Throws<OdeIntegrationException>(() =>
            DormandPrince.Solve((t, y) => Math.Cos(100 * t), 0, 0.0, 100, new OdeOptions { MaxSteps = 10 })).Message);
    }

    [Fact]
    public void Brent_finds_roots_to_tolerance_and_rejects_bad_brackets()
    {
        Assert.Equal(Math.Sqrt(2), Bracketing.Brent(x => x * x - 2, 0, 2), 1e-15);
        Assert.Equal(Math.PI, Bracketing.Brent(Math.Sin, 3, 4), 1e-15);
        // A root near zero with a relative tolerance.
        Assert.Equal(1e-12, Bracketing.Brent(x => x - 1e-12, 0, 1, 0, 1e-14), 1e-25);
        Assert.Contains("same sign", Assert.Throws<ArgumentException>(() => Bracketing.Brent(x => x * x + 1, -1, 1)).Message);
    }
}
