namespace NngpRg.Cli;

/// <summary>Entry point of the <c>nngp-rg</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the tool; the exit code is 0 on success, 2 on bad input, 1 on other failures.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
