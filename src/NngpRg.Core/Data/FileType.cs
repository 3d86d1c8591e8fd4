namespace NngpRg.Core.Data;

/// <summary>What a path names on the file system (after following symbolic links, unless asked not to).</summary>
public enum FileType
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A character device such as /dev/null or /dev/zero.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A named pipe (FIFO).</summary>
    Fifo,
    /// <summary>A Unix-domain socket.</summary>
    Socket,
    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,
    /// <summary>Anything else.</summary>
    Other,
}
