namespace NngpRg.Cli.Infrastructure;

/// <summary>An error the user can fix (bad expression, bad option value, bad file): reported without a stack trace, exit code 2.</summary>
public sealed class UserError(string message) : Exception(message);
