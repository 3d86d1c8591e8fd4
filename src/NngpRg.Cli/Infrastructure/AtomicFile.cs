using NngpRg.Core.Data;

namespace NngpRg.Cli.Infrastructure;

/// <summary>
/// Writes output files atomically: a temporary file in the folder of the real target (links resolved), then a rename over
/// it; nothing is left behind when the write fails, and a directory, device or other special file is never replaced.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically, creating the folder if needed.</summary>
    /// <exception cref="UserError">When the target is not a regular file, or the folder cannot be created or written.</exception>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, creating the folder if needed.</summary>
    /// <exception cref="UserError">When the target is not a regular file, or the folder cannot be created or written.</exception>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var full = FilePaths.RealPath(path);
        var type = FileTypes.Of(full);
        if (type is not (FileType.Regular or FileType.Missing))
            throw new UserError($"cannot write '{path}': it is {FileTypes.Describe(type)}, not a regular file; refusing to replace it.");
        var dir = Path.GetDirectoryName(full) ?? ".";
        string? tmp = null;
        try
        {
            Directory.CreateDirectory(dir);
            tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, full, overwrite: true);
            tmp = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write '{path}': {e.Message}");
        }
        finally
        {
            if (tmp is not null) TryDelete(tmp);
        }
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
