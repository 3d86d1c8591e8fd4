namespace NngpRg.Symbolic.Algebra;

/// <summary>
/// A monomial Π vᵢ^eᵢ over an ordered variable list, stored as its exponent vector. Inside a
/// <see cref="Polynomial"/> the exponents are non-negative; the expansion code also uses negative exponents
/// (Laurent monomials) internally. Immutable; equality and hashing are by exponent vector.
/// </summary>
public readonly struct Monomial : IEquatable<Monomial>
{
    private readonly int[]? _e;
    private readonly int _hash;

    internal Monomial(int[] exponents)
    {
        _e = exponents;
        var h = new HashCode();
        foreach (var x in exponents) h.Add(x);
        _hash = h.ToHashCode();
    }

    private int[] E => _e ?? [];

    /// <summary>The number of variables.</summary>
    public int Count => E.Length;

    /// <summary>The exponent of variable <paramref name="variable"/>.</summary>
    public int this[int variable] => E[variable];

    /// <summary>The exponent vector.</summary>
    public ReadOnlySpan<int> Exponents => E;

    /// <summary>The sum of the exponents.</summary>
    public int TotalDegree
    {
        get
        {
            int s = 0;
            foreach (var x in E) s += x;
            return s;
        }
    }

    /// <summary>True when every exponent is zero.</summary>
    public bool IsOne
    {
        get
        {
            foreach (var x in E) if (x != 0) return false;
            return true;
        }
    }

    /// <summary>The monomial 1 over <paramref name="count"/> variables.</summary>
    public static Monomial One(int count) => new(new int[count]);

    /// <summary>The single variable <paramref name="variable"/> raised to <paramref name="power"/>.</summary>
    public static Monomial Single(int count, int variable, int power)
    {
        var e = new int[count];
        e[variable] = power;
        return new Monomial(e);
    }

    /// <summary>The product (exponents add).</summary>
    public static Monomial operator *(Monomial a, Monomial b)
    {
        var x = a.E;
        var y = b.E;
        var r = new int[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = x[i] + y[i];
        return new Monomial(r);
    }

    /// <summary>The quotient (exponents subtract; may be negative).</summary>
    public static Monomial operator /(Monomial a, Monomial b)
    {
        var x = a.E;
        var y = b.E;
        var r = new int[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = x[i] - y[i];
        return new Monomial(r);
    }

    /// <summary>The power (exponents scale).</summary>
    public Monomial Pow(int n)
    {
        var x = E;
        var r = new int[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = x[i] * n;
        return new Monomial(r);
    }

    /// <summary>True when this monomial divides <paramref name="other"/> (every exponent is at most the other's).</summary>
    public bool Divides(Monomial other)
    {
        var x = E;
        var y = other.E;
        for (int i = 0; i < x.Length; i++) if (x[i] > y[i]) return false;
        return true;
    }

    /// <summary>The same monomial with the exponent of <paramref name="variable"/> replaced.</summary>
    public Monomial With(int variable, int exponent)
    {
        var r = (int[])E.Clone();
        r[variable] = exponent;
        return new Monomial(r);
    }

    /// <summary>
    /// The lexicographic order used by <see cref="Polynomial"/>: the exponent of variable 0 decides first, then
    /// variable 1, and so on; a larger exponent is a larger monomial. Positive when <paramref name="a"/> &gt; <paramref name="b"/>.
    /// </summary>
    public static int CompareLex(Monomial a, Monomial b)
    {
        var x = a.E;
        var y = b.E;
        for (int i = 0; i < x.Length; i++)
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        return 0;
    }

    /// <inheritdoc />
    public bool Equals(Monomial other) => _hash == other._hash && E.AsSpan().SequenceEqual(other.E);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Monomial m && Equals(m);
    /// <inheritdoc />
    public override int GetHashCode() => _hash;
    /// <summary>The exponent vector, e.g. "[2, 0, 1]".</summary>
    public override string ToString() => "[" + string.Join(", ", E) + "]";
}
