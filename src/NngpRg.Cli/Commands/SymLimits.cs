using System.Diagnostics;
using NngpRg.Cli.Infrastructure;
using NngpRg.Symbolic.Expressions;
using Facade = NngpRg;

namespace NngpRg.Cli.Commands;

/// <summary>
/// Up-front bounds on the work of <c>sym</c>: the number of terms an expansion produces, and the size of repeated
/// derivatives, so that a short input such as "(x+1)^100000" is refused with its estimate instead of running for hours.
/// </summary>
internal static class SymLimits
{
    /// <summary>The most terms an expanded result may have.</summary>
    public const double MaxTerms = 100_000;

    /// <summary>The most decimal digits all coefficients of an expanded result may hold together.</summary>
    public const double MaxDigits = 20_000_000;

    /// <summary>The largest expression (in nodes) a derivative may reach in <c>sym diff</c>.</summary>
    public const int MaxDerivativeSize = 200_000;

    /// <summary>The longest <c>sym diff</c> run, in seconds, as extrapolated from the first derivatives.</summary>
    public const double MaxSeconds = 60;

    /// <summary>An upper estimate of the terms of the expanded <paramref name="e"/> and of the digits of their largest coefficient.</summary>
    public static (double Terms, double Digits) Expansion(Expr e) => e switch
    {
        Sum s => (s.Terms.Keys.Sum(k => Expansion(k).Terms) + (s.Constant.IsZero ? 0 : 1), s.Terms.Keys.Select(k => Expansion(k).Digits).DefaultIfEmpty(0).Max()),
        Product p => p.Factors.Aggregate((Terms: 1.0, Digits: 0.0), (acc, f) =>
        {
            var (t, d) = Expansion(f.Key);
            if (f.Value is Number { Value: { IsInteger: true } n } && n.Numerator.Sign > 0 && t > 1)
            {
                double power = (double)n.Numerator;
                // monomials of a t-term sum to the power n: C(n+t−1, t−1); the multinomial coefficients have ≤ n log10 t digits
                return (acc.Terms * Binomial(power + t - 1, t - 1), acc.Digits + power * (d + Math.Log10(t)));
            }
            return (acc.Terms * t, acc.Digits + d);
        }),
        _ => (1, 0),
    };

    private static double Binomial(double n, double k)
    {
        k = Math.Min(k, n - k);
        double log = 0;
        for (int i = 1; i <= k && log < 700; i++) log += Math.Log((n - k + i) / i);
        return Math.Exp(Math.Min(log, 700));
    }

    /// <summary>Refuses an expansion whose estimate is beyond the bounds, naming them.</summary>
    public static void CheckExpansion(Expr e, string verb)
    {
        var (terms, digits) = Expansion(e);
        if (terms > MaxTerms)
            throw new UserError($"sym {verb}: the expansion would have about {terms:G6} terms, more than the limit of {MaxTerms:G} (an integer power of a sum with t terms to the n has C(n+t−1, t−1)); lower the exponent.");
        if (terms * digits > MaxDigits)
            throw new UserError($"sym {verb}: the expansion's coefficients would hold about {terms * digits:G6} digits, more than the limit of {MaxDigits:G}; lower the exponent.");
    }

    /// <summary>
    /// The <paramref name="times"/>-th derivative, one at a time: stops early at 0, refuses a derivative that grows past
    /// <see cref="MaxDerivativeSize"/> nodes, refuses early a run whose time, extrapolated from the first derivatives (their
    /// size growing linearly, the time proportional to the nodes processed), exceeds <see cref="MaxSeconds"/>, and reports
    /// progress on stderr after two seconds.
    /// </summary>
    public static Expr Differentiate(Expr e, Symbol x, int times, TextWriter progress)
    {
        var clock = Stopwatch.StartNew();
        double lastReport = 0, work = 0, firstSeconds = 0, firstWork = 0;
        var d = e;
        for (int k = 1; k <= times; k++)
        {
            d = Facade.Sym.Differentiate(d, x);
            if (d is Number { Value.IsZero: true }) return d;
            int size = Structure.Size(d);
            if (size > MaxDerivativeSize)
                throw new UserError($"--times {times}: derivative {k} already has {size} nodes, more than the limit of {MaxDerivativeSize}; ask for fewer derivatives.");
            double seconds = clock.Elapsed.TotalSeconds;
            work += size;
            if (k == 1) { firstSeconds = seconds; firstWork = work; }
            if (seconds > 3 && k < times)
            {
                double growth = Math.Max(0, (size - Structure.Size(e)) / (double)k);
                double left = times - k;
                double remainingWork = left * size + growth * left * (left + 1) / 2;
                double estimate = seconds + (seconds - firstSeconds) / Math.Max(1, work - firstWork) * remainingWork;
                if (estimate > MaxSeconds)
                    throw new UserError($"--times {times}: the derivatives grow by about {growth:F0} nodes each, so {times} of them would take about {estimate:G3} s, more than the limit of {MaxSeconds:G} s; ask for fewer derivatives.");
            }
            if (seconds > 2 && seconds - lastReport >= 1)
            {
                progress.WriteLine($"sym diff: derivative {k}/{times}, {size} nodes ({seconds:F1} s)");
                lastReport = seconds;
            }
        }
        return d;
    }
}
