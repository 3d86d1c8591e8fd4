namespace NngpRg.Cli.Infrastructure;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug or an environment problem); the message says what failed.</summary>
    public const int Failure = 1;
    /// <summary>Bad input: unparsable expression, invalid option, malformed file.</summary>
    public const int BadInput = 2;
}
