using NngpRg.Symbolic.Expressions;
using Xunit;

namespace NngpRg.Symbolic.Tests.Printing;

public class ReservedWordTests
{
    [Theory]
    [InlineData("pi", "the constant π")]
    [InlineData("inf", "+∞")]
    [InlineData("sum", "the indexed sum")]
    [InlineData("diff", "the derivative")]
    [InlineData("sqrt", "the square root")]
    [InlineData("exp", "the built-in function exp")]
    [InlineData("ln", "the built-in function log")]
    [InlineData("asin", "the built-in function arcsin")]
    [InlineData("gamma", "the built-in function gamma")]
    [InlineData("π", "the constant π")]
    public void Reserved_words_are_not_symbol_names(string name, string meaning)
    {
        var ex = Assert.Throws<ArgumentException>(() => Symbol.Of(name));
        Assert.Contains("is reserved", ex.Message);
        Assert.Contains(meaning, ex.Message);
        Assert.True(Symbol.IsReserved(GreekLetters.Latinize(name)));
    }

    [Theory]
    [InlineData("Gamma")]
    [InlineData("Pi")]
    [InlineData("e")]
    [InlineData("sums")]
    [InlineData("expo")]
    [InlineData("lambda")]
    public void Ordinary_names_are_accepted(string name)
    {
        Assert.False(Symbol.IsReserved(name));
        Assert.Equal(name, Symbol.Of(name).Name);
    }

    [Fact]
    public void Unicode_Greek_letters_are_their_Latin_names() =>
        Assert.Equal(Ex.Sym("lambda", Ex.Sym("kappa")), Ex.Sym("λ", Ex.Sym("κ")));
}
