namespace NngpRg.Symbolic.Expressions;

/// <summary>The built-in functions. Square roots are powers with exponent ½.</summary>
public enum Function
{
    /// <summary>Exponential.</summary>
    Exp,
    /// <summary>Natural logarithm.</summary>
    Log,
    /// <summary>Sine.</summary>
    Sin,
    /// <summary>Cosine.</summary>
    Cos,
    /// <summary>Tangent.</summary>
    Tan,
    /// <summary>Inverse sine.</summary>
    Arcsin,
    /// <summary>Inverse cosine.</summary>
    Arccos,
    /// <summary>Inverse tangent.</summary>
    Arctan,
    /// <summary>Two-argument inverse tangent atan2(y, x).</summary>
    Atan2,
    /// <summary>Error function.</summary>
    Erf,
    /// <summary>Absolute value.</summary>
    Abs,
    /// <summary>Euler's Gamma function.</summary>
    Gamma,
    /// <summary>
    /// clamp(x, a, b) = min(max(x, a), b) for a ≤ b: a guard against rounding that pushes a quantity which lies in [a, b]
    /// mathematically (a cosine, say) just outside it. Its derivative is taken on the interior a &lt; x &lt; b, where it is
    /// the identity: d clamp(u, a, b) = du. Series expand it as the identity when the argument's value at the expansion
    /// point lies strictly inside (a, b), and the complex interpreter continues it analytically, as the identity (which keeps a kernel analytic on circles beyond its bounds).
    /// </summary>
    Clamp,
}

/// <summary>Facts about the built-in functions: names, arity, parity.</summary>
public static class Functions
{
    /// <summary>The infix name of a function (what the parser reads).</summary>
    public static string Name(Function f) => f switch
    {
        Function.Exp => "exp",
        Function.Log => "log",
        Function.Sin => "sin",
        Function.Cos => "cos",
        Function.Tan => "tan",
        Function.Arcsin => "arcsin",
        Function.Arccos => "arccos",
        Function.Arctan => "arctan",
        Function.Atan2 => "atan2",
        Function.Erf => "erf",
        Function.Abs => "abs",
        Function.Gamma => "gamma",
        Function.Clamp => "clamp",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown function"),
    };

    /// <summary>The number of arguments.</summary>
    public static int Arity(Function f) => f switch
    {
        Function.Atan2 => 2,
        Function.Clamp => 3,
        _ => 1,
    };

    /// <summary>All built-in functions.</summary>
    public static IReadOnlyList<Function> All { get; } = Enum.GetValues<Function>();

    /// <summary>Looks a function up by its infix name (also accepts <c>ln</c>, <c>asin</c>, <c>acos</c>, <c>atan</c>).</summary>
    public static bool TryParse(string name, out Function f)
    {
        switch (name)
        {
            case "ln": f = Function.Log; return true;
            case "asin": f = Function.Arcsin; return true;
            case "acos": f = Function.Arccos; return true;
            case "atan": f = Function.Arctan; return true;
        }
        foreach (var g in All)
            if (Name(g) == name) { f = g; return true; }
        f = default;
        return false;
    }

    /// <summary>Odd functions: f(−x) = −f(x).</summary>
    public static bool IsOdd(Function f) => f is Function.Sin or Function.Tan or Function.Arcsin or Function.Arctan or Function.Erf;

    /// <summary>Even functions: f(−x) = f(x).</summary>
    public static bool IsEven(Function f) => f is Function.Cos or Function.Abs;
}
