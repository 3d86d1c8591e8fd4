using System.CommandLine;
using NngpRg.Cli.Commands;
using NngpRg.Cli.Infrastructure;

namespace NngpRg.Cli;

/// <summary>Builds the command tree and runs it with the given output streams (tests call this directly).</summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"error: {ErrorText.Clean(error.Message)}");
            stderr.WriteLine("Run 'nngp-rg --help' (or '<command> --help') for usage.");
            return ExitCodes.BadInput;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
        catch (UserError e)
        {
            stderr.WriteLine($"error: {ResultGuard.WithOptions(ErrorText.Clean(e.Message), parse, extremeOnly: true)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or FormatException)
        {
            // a library's argument or arithmetic error: its own message, with the options that led to it
            stderr.WriteLine($"error: {ResultGuard.WithOptions(ErrorText.Clean(e.Message), parse)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error ({e.GetType().Name}): {ErrorText.Clean(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The command tree, every numeric option read in the invariant culture.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "nngp-rg: Wilsonian renormalization group of neural-network Gaussian processes.\n" +
            "Derives RG flow equations symbolically, exports them as LaTeX, integrates them for NNGP kernels and\n" +
            "checks them against exact Gaussian-process regression. Run 'nngp-rg <command> --help' for details.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        InvariantNumbers.Apply(root);

        return root;
    }

    private static IEnumerable<Command> Commands() =>
    [
        DemoCommand.Build(), SymCommand.Build(), DeriveCommand.Build(), SpectrumCommand.Build(), FlowCommand.Build(),
        CurveCommand.Build(), VerifyCommand.Build(), ExperimentCommand.Build(),
        BrgCommand.Build(), NnqftCommand.Build(),
    ];
}
