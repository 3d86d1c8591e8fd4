using NngpRg.Core.Data;

namespace NngpRg.Cli.Infrastructure;

/// <summary>
/// Input and output paths compared as the files they name: every symbolic link resolved (so a link to an input is the
/// input), and an output never replaces a directory, a device or another special file.
/// </summary>
public static class FilePaths
{
    private const int MaxLinks = 40;  // as the kernel's ELOOP limit

    /// <summary>
    /// The absolute path with every symbolic link resolved, like realpath(3), except that the trailing components need
    /// not exist (an output file to be created). ".." is applied after the link before it is resolved.
    /// </summary>
    public static string RealPath(string path)
    {
        int hops = 0;
        return Resolve(Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path), ref hops);
    }

    private static string Resolve(string absolute, ref int hops)
    {
        string root = Path.GetPathRoot(absolute) ?? "/";
        string current = root;
        foreach (var part in absolute[root.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? root; continue; }
            string next = Path.Combine(current, part);
            string? target = LinkTarget(next);
            if (target is null) { current = next; continue; }
            if (++hops > MaxLinks) throw new UserError($"'{absolute}': more than {MaxLinks} symbolic links (a loop?).");
            current = Resolve(Path.IsPathRooted(target) ? target : Path.Combine(current, target), ref hops);
        }
        return current;
    }

    private static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// Checks an output file: not empty, not a directory or special file, not one of <paramref name="inputs"/> (compared
    /// after resolving links). Returns the real path to write.
    /// </summary>
    public static string Output(string? path, string option, IEnumerable<(string Option, string Path)>? inputs = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError($"{option}: the file name is empty.");
        string real = RealPath(path);
        var type = FileTypes.Of(real);
        if (type == FileType.Directory) throw new UserError($"{option} '{path}' is a directory; give a file name.");
        if (type is not (FileType.Regular or FileType.Missing))
            throw new UserError($"{option} '{path}' is {FileTypes.Describe(type)}; refusing to replace it with a regular file.");
        foreach (var (input, file) in inputs ?? [])
            if (string.Equals(RealPath(file), real, StringComparison.Ordinal))
                throw new UserError($"{option} '{path}' names the {input} input file{(real != Path.GetFullPath(path) ? $" (through a link to {real})" : "")}; refusing to overwrite an input.");
        return real;
    }

    /// <summary>Checks an input file exists and is a regular file (a device such as /dev/zero never ends); returns its real path.</summary>
    public static string Input(string path, string option, string what = "file")
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError($"{option}: the file name is empty.");
        string real = RealPath(path);
        var type = FileTypes.Of(real);
        if (type == FileType.Missing) throw new UserError($"{option} '{path}': no such {what}.");
        if (type != FileType.Regular) throw new UserError($"{option} '{path}' is {FileTypes.Describe(type)}, not a regular {what}.");
        return real;
    }
}
