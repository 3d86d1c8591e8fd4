using System.Collections.Immutable;

namespace NngpRg.Symbolic.Calculus;

/// <summary>
/// A monomial ε₁^{a₁}…εₙ^{aₙ} of a <see cref="Series"/>, stored as its exponent vector (one non-negative integer per
/// expansion variable, in the order of <see cref="Series.Variables"/>). Equality and hashing are by value; the order is
/// graded lexicographic (total degree first, then exponents from the first variable on).
/// </summary>
public sealed record Monomial : IComparable<Monomial>
{
    private readonly int _hash;

    private Monomial(ImmutableArray<int> exponents)
    {
        Exponents = exponents;
        Degree = exponents.Sum();
        var h = new HashCode();
        foreach (var a in exponents) h.Add(a);
        _hash = h.ToHashCode();
    }

    /// <summary>The exponent of each variable.</summary>
    public ImmutableArray<int> Exponents { get; }
    /// <summary>The total degree Σ aᵢ.</summary>
    public int Degree { get; }

    /// <summary>The monomial with the given exponents.</summary>
    /// <exception cref="ArgumentException">When an exponent is negative.</exception>
    public static Monomial Of(params int[] exponents)
    {
        for (int i = 0; i < exponents.Length; i++)
            if (exponents[i] < 0)
                throw new ArgumentException($"Monomial: exponent {exponents[i]} of variable #{i} is negative; a power series has non-negative exponents.", nameof(exponents));
        return new Monomial([.. exponents]);
    }

    /// <summary>The constant monomial 1 in <paramref name="variableCount"/> variables.</summary>
    public static Monomial One(int variableCount) => new(ImmutableArray.Create(new int[variableCount]));

    /// <summary>The monomial εᵢ.</summary>
    public static Monomial Unit(int variableCount, int i)
    {
        var a = new int[variableCount];
        a[i] = 1;
        return new Monomial([.. a]);
    }

    /// <summary>The product (exponents add).</summary>
    public Monomial Times(Monomial other)
    {
        CheckArity(other);
        var a = new int[Exponents.Length];
        for (int i = 0; i < a.Length; i++) a[i] = Exponents[i] + other.Exponents[i];
        return new Monomial([.. a]);
    }

    /// <summary>True when <paramref name="divisor"/> divides this monomial (every exponent at least the divisor's).</summary>
    public bool IsDivisibleBy(Monomial divisor)
    {
        CheckArity(divisor);
        for (int i = 0; i < Exponents.Length; i++) if (Exponents[i] < divisor.Exponents[i]) return false;
        return true;
    }

    /// <summary>The quotient by a divisor.</summary>
    /// <exception cref="ArgumentException">When <paramref name="divisor"/> does not divide this monomial.</exception>
    public Monomial DividedBy(Monomial divisor)
    {
        if (!IsDivisibleBy(divisor)) throw new ArgumentException($"Monomial {this} is not divisible by {divisor}.", nameof(divisor));
        var a = new int[Exponents.Length];
        for (int i = 0; i < a.Length; i++) a[i] = Exponents[i] - divisor.Exponents[i];
        return new Monomial([.. a]);
    }

    private void CheckArity(Monomial other)
    {
        if (other.Exponents.Length != Exponents.Length)
            throw new ArgumentException($"Monomials in {Exponents.Length} and {other.Exponents.Length} variables cannot be combined.");
    }

    /// <inheritdoc />
    public bool Equals(Monomial? other) =>
        other is not null && _hash == other._hash && Exponents.AsSpan().SequenceEqual(other.Exponents.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public int CompareTo(Monomial? other)
    {
        if (other is null) return 1;
        int c = Degree.CompareTo(other.Degree);
        if (c != 0) return c;
        for (int i = 0; i < Math.Min(Exponents.Length, other.Exponents.Length); i++)
        {
            c = other.Exponents[i].CompareTo(Exponents[i]);
            if (c != 0) return c;
        }
        return Exponents.Length.CompareTo(other.Exponents.Length);
    }

    /// <summary>The exponent vector, e.g. "(2,0,1)".</summary>
    public override string ToString() => $"({string.Join(",", Exponents)})";
}
