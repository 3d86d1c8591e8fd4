namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// Thrown when an algebraic step would exceed its work limit (<see cref="WorkLimit"/>): the message names the step,
/// the limit and the expression, so that a caller can report it instead of waiting without bound.
/// </summary>
/// <param name="message">What exceeded which limit.</param>
public sealed class WorkLimitException(string message) : Exception(message);

/// <summary>
/// The work limit of the polynomial arithmetic behind the rational normal form: one unit is one product or
/// cancellation of a pair of terms with one-word coefficients (in products, divisions, pseudo-remainders and sums; a
/// pair of terms with coefficients of m and n 64-bit words counts m·n units). A normal form charges every
/// unit of work it does on its thread against one budget and stops with a <see cref="WorkLimitException"/> when the
/// budget is spent, so that every call terminates after bounded work.
/// </summary>
public static class WorkLimit
{
    /// <summary>The default budget of one normal form: 2·10⁷ term operations (a few seconds of work).</summary>
    public const long DefaultTermOperations = 20_000_000;

    [ThreadStatic] private static long _remaining;
    [ThreadStatic] private static int _depth;
    // the message of the exception that Charge throws, replaced by the full message where the budget was set
    private const string BudgetSpent = "the work budget is spent";

    /// <summary>
    /// Runs <paramref name="step"/> under a budget of <paramref name="termOperations"/>; a step nested inside another
    /// budgeted step shares the outer budget.
    /// </summary>
    /// <typeparam name="T">The step's result.</typeparam>
    /// <param name="what">The step and its input, for the message ("Rational normal form of 'x + 1'").</param>
    /// <param name="termOperations">The budget.</param>
    /// <param name="step">The work.</param>
    /// <exception cref="WorkLimitException">When the step spends more than the budget.</exception>
    public static T Run<T>(Func<string> what, long termOperations, Func<T> step)
    {
        if (_depth > 0) return step();
        _remaining = termOperations;
        _depth++;
        try { return step(); }
        catch (WorkLimitException ex) when (ex.Message == BudgetSpent)
        {
            throw new WorkLimitException($"{what()}: more than {termOperations:N0} polynomial term operations; the expression is too large to bring to normal form (expand it instead, or split it).");
        }
        finally { _depth--; }
    }

    /// <summary>The largest exponent of one variable in a polynomial, 10⁶.</summary>
    public const int MaxDegree = 1_000_000;

    // An integer exponent as a polynomial degree, refused beyond MaxDegree with a message naming what it is.
    internal static int Degree(System.Numerics.BigInteger k, Func<string> what)
    {
        if (System.Numerics.BigInteger.Abs(k) > MaxDegree)
            throw new WorkLimitException($"{what()}: the exponent {k} is beyond the largest polynomial degree {MaxDegree:N0}.");
        return (int)k;
    }

    // The size of a coefficient in 64-bit words (at least 1).
    internal static long Words(Expressions.Rational c) => 1 + (c.Numerator.GetBitLength() + c.Denominator.GetBitLength()) / 64;

    // Charges n units to the active budget (no-op outside of Run).
    internal static void Charge(long n)
    {
        if (_depth == 0) return;
        _remaining -= n;
        if (_remaining < 0) throw new WorkLimitException(BudgetSpent);
    }
}
