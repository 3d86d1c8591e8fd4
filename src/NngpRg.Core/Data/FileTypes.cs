using System.Runtime.InteropServices;

namespace NngpRg.Core.Data;

/// <summary>
/// The type of a file-system entry. .NET's file attributes do not tell a device or a pipe from a regular file on Unix,
/// so the mode bits come from stat(2) through the runtime's own native shim (the same call <see cref="FileInfo"/> makes).
/// </summary>
public static class FileTypes
{
    /// <summary>The type of <paramref name="path"/>, following symbolic links unless <paramref name="followLinks"/> is false.</summary>
    public static FileType Of(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows()) return Portable(path);
        int rc = followLinks ? NativeStat(path, out var status) : NativeLStat(path, out status);
        if (rc != 0) return FileType.Missing;
        return (status.Mode & TypeMask) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0x1000 => FileType.Fifo,
            0xC000 => FileType.Socket,
            0xA000 => FileType.SymbolicLink,
            _ => FileType.Other,
        };
    }

    /// <summary>"a character device", "a directory", … for messages.</summary>
    public static string Describe(FileType type) => type switch
    {
        FileType.Missing => "nothing (no such file)",
        FileType.Regular => "a regular file",
        FileType.Directory => "a directory",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        FileType.Fifo => "a named pipe (FIFO)",
        FileType.Socket => "a socket",
        FileType.SymbolicLink => "a symbolic link",
        _ => "a special file",
    };

    private static FileType Portable(string path) =>
        Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.Regular : FileType.Missing;

    private const int TypeMask = 0xF000;

    // The leading fields of the runtime shim's FileStatus; the padding covers the rest of the struct on every platform.
    [StructLayout(LayoutKind.Sequential)]
    private struct Status
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, P12, P13, P14, P15;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int NativeStat(string path, out Status status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int NativeLStat(string path, out Status status);
}
