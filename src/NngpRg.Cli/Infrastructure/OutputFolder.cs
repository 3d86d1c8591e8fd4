using NngpRg.Core.Data;

namespace NngpRg.Cli.Infrastructure;

/// <summary>
/// A folder of output files that is either all new or untouched: the files are written into a temporary folder beside
/// it, which is then renamed into place (an earlier run's folder is swapped out and removed only after the rename). On
/// any failure the temporary folder is removed and the target is as it was.
/// </summary>
public static class OutputFolder
{
    /// <summary>
    /// Refuses <paramref name="path"/> when it is not a folder, or when it exists and holds anything but files named in
    /// <paramref name="ownNames"/> (a folder of an earlier run may be replaced; a folder of the user's own files may not).
    /// Returns the real path.
    /// </summary>
    public static string Check(string? path, string option, IReadOnlySet<string> ownNames)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError($"{option}: the folder name is empty.");
        string real = FilePaths.RealPath(path);
        var type = FileTypes.Of(real);
        if (type == FileType.Missing) return real;
        if (type != FileType.Directory) throw new UserError($"{option} '{path}' is {FileTypes.Describe(type)}, not a folder.");
        var foreign = Directory.EnumerateFileSystemEntries(real).Select(Path.GetFileName).Where(n => !ownNames.Contains(n!)).Take(3).ToList();
        if (foreign.Count > 0)
            throw new UserError($"{option} '{path}' exists and holds files this command does not write ({string.Join(", ", foreign.Select(f => $"'{ErrorText.Escape(f!)}'"))}); " +
                                "choose a new folder or an earlier run's output folder, which is replaced as a whole.");
        return real;
    }

    /// <summary>Writes <paramref name="files"/> as the folder <paramref name="path"/>, all or nothing.</summary>
    /// <exception cref="UserError">When a folder cannot be created, written or renamed (nothing is left behind).</exception>
    public static void Write(string path, string option, IEnumerable<(string Name, byte[] Bytes)> files, IReadOnlySet<string> ownNames)
    {
        string real = Check(path, option, ownNames);
        string parent = Path.GetDirectoryName(real) ?? "/";
        string name = Path.GetFileName(real);
        string temp = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(temp);
            foreach (var (file, bytes) in files) File.WriteAllBytes(Path.Combine(temp, file), bytes);
            if (Directory.Exists(real))
            {
                string old = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.old");
                Directory.Move(real, old);
                try { Directory.Move(temp, real); }
                catch
                {
                    Directory.Move(old, real);
                    throw;
                }
                TryDelete(old);
            }
            else Directory.Move(temp, real);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write the folder {option} '{path}': {e.Message} (nothing was written)");
        }
        finally
        {
            if (Directory.Exists(temp)) TryDelete(temp);
        }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
