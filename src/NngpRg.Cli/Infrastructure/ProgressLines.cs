using System.Diagnostics;

namespace NngpRg.Cli.Infrastructure;

/// <summary>Progress of parallel Monte Carlo work as stderr lines, one per tenth done.</summary>
public static class ProgressLines
{
    /// <summary>
    /// A thread-safe (done, total) callback writing "what: done/total unit (t s)" to <paramref name="error"/> each time a
    /// further tenth of the work is done (workers report out of order, so a line is written only for a new tenth).
    /// </summary>
    public static Action<int, int> Tenths(TextWriter error, string what, Stopwatch clock, string unit = "")
    {
        int last = -1;
        object gate = new();
        string suffix = unit.Length == 0 ? "" : " " + unit;
        return (done, total) =>
        {
            int tenth = (int)(10L * done / total);
            lock (gate)
            {
                if (tenth <= last) return;
                last = tenth;
                error.WriteLine($"{what}: {done}/{total}{suffix} ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        };
    }
}
