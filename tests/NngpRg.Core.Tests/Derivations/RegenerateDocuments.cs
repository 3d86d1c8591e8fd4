using NngpRg.Core.Derivations;
using Xunit;

namespace NngpRg.Core.Tests.Derivations;

/// <summary>Regenerates derivations/*.tex when the environment variable NNGPRG_REGENERATE_DERIVATIONS is set to the repository root.</summary>
public sealed class RegenerateDerivationDocuments
{
    [Fact]
    public void Regenerate_when_asked()
    {
        var root = Environment.GetEnvironmentVariable("NNGPRG_REGENERATE_DERIVATIONS");
        if (string.IsNullOrEmpty(root)) return;
        Assert.Equal(8, DerivationDocument.WriteAll(Path.Combine(root, "derivations")).Count);
    }
}
