using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Tests.Generators;

/// <summary>The seed of a set of random evaluation points (<see cref="ExprGen.Points"/>), drawn uniformly from 0 … 100 000.</summary>
/// <param name="Value">The seed.</param>
public readonly record struct PointSeed(int Value);

/// <summary>
/// The arbitrary instances that <c>[Property(Arbitrary = [typeof(ExprArbitraries)])]</c> registers: an <see cref="Expr"/>
/// parameter is drawn from <see cref="ExprGen.Expressions"/> (shrinking to children), a <see cref="PointSeed"/> from
/// 0 … 100 000 (the default <c>int</c> generator stays within ±size, which would give only a few hundred point sets).
/// </summary>
public static class ExprArbitraries
{
    /// <summary>Canonical expressions of <see cref="ExprGen"/>.</summary>
    public static Arbitrary<Expr> Expressions() => ExprGen.Arbitrary;

    /// <summary>Seeds of evaluation points.</summary>
    public static Arbitrary<PointSeed> Seeds() => Arb.From(Gen.Choose(0, 100_000).Select(s => new PointSeed(s)));
}
