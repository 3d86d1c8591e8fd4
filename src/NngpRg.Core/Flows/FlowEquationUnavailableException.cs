namespace NngpRg.Core.Flows;

/// <summary>A flow equation was asked for that has not been supplied (see <see cref="FlowEquations.For"/>).</summary>
public sealed class FlowEquationUnavailableException(string message) : InvalidOperationException(message);
