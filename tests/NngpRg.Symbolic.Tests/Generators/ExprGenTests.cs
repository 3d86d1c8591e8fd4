using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Xunit;

namespace NngpRg.Symbolic.Tests.Generators;

// The degree bound that keeps generated expressions below the normal form's work limit: exact on small cases, and not
// so tight that the generator stops producing large expressions.
public class ExprGenTests
{
    [Theory]
    [InlineData("x", 1)]
    [InlineData("((lambda_k + x + y + z)^2 + 1)^3", 6)]
    [InlineData("1/(x + 1) + 1/(y + 1)", 2)]
    [InlineData("x/(y^2 + 1/2)^2", 4)]
    [InlineData("sin(x^5*y) + 1", 6)]
    [InlineData("1/(1/(((lambda_k + x + y + z)^2 + 1)^3 + 1/2)^4 + 1/2)^2", 48)]
    public void The_degree_bound_of_a_normal_form(string expression, int degree) =>
        Assert.Equal(degree, ExprGen.NormalFormDegree(InfixParser.Parse(expression)));

    [Fact]
    public void The_generator_still_draws_deep_expressions_of_high_degree()
    {
        // 2000 draws at size 40 (the depth cap of 4 is reached at size 24); about 9 % reach degree 8 and 0.5 % exceed 24
        var sample = ExprGen.Expressions.Sample(2000, 40).ToList();
        Assert.All(sample, e => Assert.True(ExprGen.NormalFormDegree(e) <= ExprGen.MaxDegree, e.ToString()));
        Assert.True(sample.Count(e => ExprGen.NormalFormDegree(e) >= 8) >= 100, "fewer than 5 % of the expressions reach degree 8");
        Assert.True(sample.Count(e => ExprGen.NormalFormDegree(e) >= 16) >= 10, "fewer than 0.5 % of the expressions reach degree 16");
        // the properties discard a normal form refused by the work limit: that must stay rare (about 1 in 10⁴ when measured)
        int refused = sample.Take(500).Count(e =>
        {
            try { RationalNormalForm.Of(e); return false; }
            catch (WorkLimitException) { return true; }
        });
        Assert.True(refused <= 5, $"{refused} of 500 normal forms stopped at the work limit");
    }
}
