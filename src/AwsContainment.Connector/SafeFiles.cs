using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AwsContainment.Connector;

/// <summary>What is at a path itself, a symbolic link never followed.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Symlink,
    Fifo,
    Device,
    Socket,
}

/// <summary>
/// Reads and writes the files the runner keeps (contain instance's journals, <c>--record</c> recordings) so that a
/// planted path cannot turn them against the host: a symbolic link is never followed nor written through, only a
/// regular file is read (never a FIFO, which would hang the read, nor a device such as /dev/zero, which never ends),
/// and only up to a size; a file is written whole through a temporary file created exclusively (owner-only) beside
/// it and renamed over it, which replaces a link rather than writing where it points.
/// </summary>
public static partial class SafeFiles
{
    /// <summary>The largest file the runner reads: a journal is a few kilobytes.</summary>
    public const long MaxReadBytes = 4 * 1024 * 1024;

    /// <summary>What is at <paramref name="path"/> and its size, without following a link there.</summary>
    public static (FileKind Kind, long Size) Inspect(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var status = Statx(AtCurrentDirectory, path, AtSymlinkNoFollow);
            return (status.Kind, status.Size);
        }
        // Elsewhere .NET tells links and folders apart but not FIFOs or devices from files.
        var entry = new FileInfo(path);
        return entry switch
        {
            { LinkTarget: not null } => (FileKind.Symlink, 0),
            { Attributes: var attributes } when (int)attributes != -1 && attributes.HasFlag(FileAttributes.Directory) => (FileKind.Directory, 0),
            { Exists: true } => (FileKind.Regular, entry.Length),
            _ => (FileKind.Missing, 0),
        };
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be written, in a few words ("is a symbolic link"); null when it can: its
    /// folder exists and nothing is there yet, or a regular file is.
    /// </summary>
    public static string? RefusalToWrite(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (Path.GetFileName(path).Length == 0 || folder is null)
        {
            return "names a folder, not a file";
        }
        if (!Directory.Exists(folder))
        {
            return $"is in a folder that does not exist ({folder})";
        }
        if (ThroughLink(folder) is { } linked)
        {
            return linked;
        }
        return Inspect(path).Kind switch
        {
            FileKind.Missing or FileKind.Regular => null,
            var kind => Describe(kind),
        };
    }

    /// <summary>
    /// The first folder on the way to <paramref name="folder"/> (itself included) that is a symbolic link, or null:
    /// a link planted above the file would send it elsewhere however the file itself is opened.
    /// </summary>
    public static string? LinkedFolder(string folder)
    {
        for (var step = new DirectoryInfo(Path.GetFullPath(folder)); step is not null; step = step.Parent)
        {
            if (Inspect(step.FullName).Kind == FileKind.Symlink)
            {
                return step.FullName;
            }
        }
        return null;
    }

    private static string? ThroughLink(string folder) =>
        LinkedFolder(folder) is { } link ? $"is in a folder reached through a symbolic link ({link}): the runner does not follow links" : null;

    /// <summary>
    /// Why <paramref name="folder"/> cannot be trusted to keep what the runner writes there, in a few words; null
    /// when it can: a folder reached through no link, owned by the runner's user, that no other user may write to
    /// (one who could would swap a journal or plant a file under an evidence name).
    /// </summary>
    public static string? RefusalOfFolder(string folder)
    {
        if (ThroughLink(folder) is { } linked)
        {
            return linked;
        }
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(folder) ? null : Describe(FileKind.Missing);
        }
        var status = Statx(AtCurrentDirectory, folder, AtSymlinkNoFollow);
        return status switch
        {
            { Kind: not FileKind.Directory } => Describe(status.Kind),
            _ when status.Owner != EffectiveUser() => "belongs to another user than the one the runner runs as",
            _ when (status.Mode & GroupOrOthersWrite) != 0 => "may be written by other users (chmod go-w fixes it)",
            _ => null,
        };
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> whole or not at all: a crash mid-write leaves the
    /// file as it was, and the new file is readable by its owner only.
    /// </summary>
    /// <exception cref="IOException">The path is refused (see <see cref="RefusalToWrite"/>) or cannot be written.</exception>
    public static void Write(string path, string text)
    {
        if (RefusalToWrite(path) is { } refusal)
        {
            throw new IOException($"{path} {refusal}");
        }
        var full = Path.GetFullPath(path);
        // A fresh random name, created exclusively (O_CREAT|O_EXCL): a link or file planted at a guessable name
        // makes the creation fail instead of being written through.
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.writing");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(Encoding.UTF8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }
            // rename(2): replaces whatever entry is at the path (a link included) and never follows it.
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// The text of the regular file at <paramref name="path"/>, or null when nothing is there. Refuses a link, a
    /// FIFO, a device or a folder, and a file over <paramref name="maxBytes"/>, without waiting on it or reading it;
    /// and, unless <paramref name="throughLinkedFolders"/>, a file in a folder reached through a link.
    /// </summary>
    /// <exception cref="IOException">The path is refused or cannot be read.</exception>
    public static string? ReadText(string path, long maxBytes = MaxReadBytes, bool throughLinkedFolders = false)
    {
        var (kind, size) = Inspect(path);
        if (kind == FileKind.Missing)
        {
            return null;
        }
        if (!throughLinkedFolders && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && ThroughLink(folder) is { } linked)
        {
            throw new IOException($"{path} {linked}");
        }
        Refuse(path, kind, size, maxBytes);
        using var handle = OpenForReading(path);
        if (OperatingSystem.IsLinux())
        {
            // The entry may have been swapped (for a link, say) between the look and the open: what was opened
            // must be the very file that was looked at.
            var looked = Statx(AtCurrentDirectory, path, AtSymlinkNoFollow);
            var opened = Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath);
            Refuse(path, opened.Kind, opened.Size, maxBytes);
            if (looked.Identity != opened.Identity)
            {
                throw new IOException($"{path} was replaced while it was being opened");
            }
        }
        using var file = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        var buffer = new byte[Math.Min(size, maxBytes) + 1];
        var read = 0;
        int last;
        while (read < buffer.Length && (last = file.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += last;
        }
        if (read > maxBytes)
        {
            throw new IOException($"{path} is larger than {maxBytes / 1024 / 1024} MiB");
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static void Refuse(string path, FileKind kind, long size, long maxBytes)
    {
        if (kind != FileKind.Regular)
        {
            throw new IOException($"{path} {Describe(kind)}");
        }
        if (size > maxBytes)
        {
            throw new IOException($"{path} is larger than {maxBytes / 1024 / 1024} MiB ({size} bytes)");
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "is a folder, not a file",
        FileKind.Symlink => "is a symbolic link: the runner neither follows nor writes through links",
        FileKind.Fifo => "is a FIFO (named pipe), not a regular file",
        FileKind.Device => "is a device, not a regular file",
        FileKind.Socket => "is a socket, not a regular file",
        FileKind.Missing => "does not exist",
        _ => "is not a regular file",
    };

    // O_NONBLOCK: should a FIFO have been put at the path after it was looked at, the open returns at once instead
    // of waiting for a writer, and the check on the opened file refuses it.
    private static SafeFileHandle OpenForReading(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        var descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>What <c>statx</c> tells of an entry: its kind, size, identity (device and inode), owner and permission bits.</summary>
    private readonly record struct EntryStatus(FileKind Kind, long Size, (uint, uint, ulong) Identity, uint Owner, int Mode);

    private static EntryStatus Statx(int directory, string path, int flags)
    {
        if (StatxCall(directory, path, flags, StatxType | StatxMode | StatxOwner | StatxSize | StatxInode, out var status) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is NoEntry or NotDirectory
                ? new EntryStatus(FileKind.Missing, 0, default, 0, 0)
                : throw new IOException($"cannot look at {path}: {Marshal.GetPInvokeErrorMessage(error)}");
        }
        var kind = (status.Mode & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            0x1000 => FileKind.Fifo,
            0x2000 or 0x6000 => FileKind.Device,
            _ => FileKind.Socket,
        };
        return new EntryStatus(kind, (long)status.Size, (status.DeviceMajor, status.DeviceMinor, status.Inode), status.Owner, status.Mode & ~TypeMask);
    }

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxOwner = 0x8;
    private const uint StatxInode = 0x100;
    private const uint StatxSize = 0x200;
    private const int TypeMask = 0xF000;
    private const int GroupOrOthersWrite = 0b000_010_010;
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;

    /// <summary>Linux's <c>struct statx</c>: the same layout on every architecture, unlike <c>struct stat</c>.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)] public uint Owner;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxCall(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint EffectiveUser();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
