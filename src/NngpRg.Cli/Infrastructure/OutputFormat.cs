namespace NngpRg.Cli.Infrastructure;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>Plain infix text (parses back with the same tool).</summary>
    Infix,
    /// <summary>LaTeX.</summary>
    Latex,
    /// <summary>A JSON object.</summary>
    Json,
    /// <summary>A human-readable table.</summary>
    Table,
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,
    /// <summary>Markdown.</summary>
    Markdown,
}
