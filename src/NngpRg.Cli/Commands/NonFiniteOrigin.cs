using System.Globalization;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Cli.Commands;

/// <summary>
/// Where an expression's value stops being finite: the smallest subexpression whose value is NaN or ±∞ while all of
/// its arguments are finite, for a message that names the operation (log of a negative number, a pole, an overflow).
/// </summary>
internal static class NonFiniteOrigin
{
    /// <summary>The innermost non-finite subexpression of <paramref name="e"/> at the given values, with its value and its arguments' values.</summary>
    public static (Expr At, double Value, IReadOnlyList<(Expr Argument, double Value)> Arguments) Find(Expr e, IReadOnlyDictionary<Symbol, double> values)
    {
        double value = Evaluate.At(e, values);
        while (true)
        {
            var arguments = Arguments(e).Select(a => (a, Evaluate.At(a, values))).ToList();
            int bad = arguments.FindIndex(a => !double.IsFinite(a.Item2));
            if (bad < 0) return (e, value, arguments);
            (e, value) = arguments[bad];
        }
    }

    /// <summary>A one-sentence account of why the value of <paramref name="e"/> is not finite.</summary>
    public static string Describe(Expr e, IReadOnlyDictionary<Symbol, double> values)
    {
        var (at, value, arguments) = Find(e, values);
        string args = arguments.Count == 0 ? "" :
            $" with {(arguments.Count == 1 ? "argument" : "arguments")} {string.Join(", ", arguments.Select(a => R(a.Value)))}";
        string why = double.IsNaN(value)
            ? "outside the real domain (NaN)"
            : $"{R(value)}: a pole, or a value beyond the double range ±1.8e308";
        return $"it first stops being finite at '{at}'{args}, which is {why}";
    }

    // the arguments as the interpreter sees them: a single power b^x has the base and the exponent
    private static IEnumerable<Expr> Arguments(Expr e) => e switch
    {
        Product { IsPower: true } p => [p.Factors.Keys.First(), p.Factors.Values.First()],
        _ => e.Children,
    };

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
