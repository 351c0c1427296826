using System.Runtime.InteropServices;
using AwsContainment.Connector;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// The files the runner keeps cannot be turned against its host: links are never followed or written through,
/// FIFOs and devices are never read (no hang, no endless read), big files are refused unread, and a written file is
/// created exclusively, owner-only, and replaced whole.
/// </summary>
public sealed class SafeFilesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("awsc-safe-files-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathIn(string name) => Path.Combine(_folder.FullName, name);

    /// <summary>A file outside the runner's business that a planted link points at: it must never change.</summary>
    private string Victim()
    {
        var victim = PathIn("victim-authorized_keys");
        File.WriteAllText(victim, "ssh-ed25519 AAAA... admin\n");
        return victim;
    }

    /// <summary>
    /// Plants <paramref name="kind"/> at <paramref name="path"/> (a link to <paramref name="linkTarget"/>, a folder, a
    /// FIFO) and returns the path to hand the runner; "device" is /dev/zero, "missing-folder" a path below a folder
    /// that does not exist; any other kind leaves <paramref name="path"/> as it is.
    /// </summary>
    internal static string Plant(string kind, string path, string linkTarget)
    {
        switch (kind)
        {
            case "link": File.CreateSymbolicLink(path, linkTarget); return path;
            case "folder": Directory.CreateDirectory(path); return path;
            case "fifo": return MakeFifo(path);
            case "device": return "/dev/zero";
            case "missing-folder": return Path.Combine(Path.GetDirectoryName(path)!, "no-such-folder", Path.GetFileName(path));
            default: return path;
        }
    }

    /// <summary>Makes an owner-only FIFO at <paramref name="path"/> through libc, which every Linux has (the mkfifo program need not be there).</summary>
    internal static string MakeFifo(string path)
    {
        Assert.True(MkFifo(path, 0b110_000_000) == 0, $"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [Fact]
    public void Each_kind_of_entry_is_told_apart_without_following_links()
    {
        var regular = PathIn("regular.json");
        File.WriteAllText(regular, "{}");
        var link = PathIn("link.json");
        File.CreateSymbolicLink(link, regular);

        Assert.Equal((FileKind.Regular, 2L), SafeFiles.Inspect(regular));
        Assert.Equal(FileKind.Symlink, SafeFiles.Inspect(link).Kind);
        Assert.Equal(FileKind.Fifo, SafeFiles.Inspect(MakeFifo(PathIn("fifo"))).Kind);
        Assert.Equal(FileKind.Device, SafeFiles.Inspect("/dev/null").Kind);
        Assert.Equal(FileKind.Directory, SafeFiles.Inspect(_folder.FullName).Kind);
        Assert.Equal(FileKind.Missing, SafeFiles.Inspect(PathIn("nothing-here")).Kind);
        Assert.Equal(FileKind.Missing, SafeFiles.Inspect(Path.Combine(regular, "below-a-file")).Kind);
    }

    [Fact]
    public void A_planted_link_is_neither_written_through_nor_followed()
    {
        var victim = Victim();
        var journal = PathIn("journal.json");
        File.CreateSymbolicLink(journal, victim);

        var error = Assert.Throws<IOException>(() => SafeFiles.Write(journal, "{\"journal_version\":1}"));

        Assert.Equal($"{journal} is a symbolic link: the runner neither follows nor writes through links", error.Message);
        Assert.Equal("ssh-ed25519 AAAA... admin\n", File.ReadAllText(victim));
        Assert.Equal(victim, new FileInfo(journal).LinkTarget);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_written_file_is_owner_only_replaces_the_old_one_whole_and_leaves_no_temporary_file()
    {
        var path = PathIn("recording.json");
        File.WriteAllText(path, "the previous recording");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // A link at the name the old code used for its temporary file catches nothing any more.
        File.CreateSymbolicLink(path + ".writing", Victim());

        SafeFiles.Write(path, "{\"exchanges\":[]}");

        Assert.Equal("{\"exchanges\":[]}", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("ssh-ed25519 AAAA... admin\n", File.ReadAllText(PathIn("victim-authorized_keys")));
        Assert.Equal(["recording.json", "recording.json.writing", "victim-authorized_keys"], _folder.GetFileSystemInfos().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("folder", "is a folder, not a file")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("device", "is a device, not a regular file")]
    [InlineData("missing-folder", "is in a folder that does not exist")]
    public void A_target_that_is_not_a_plain_file_is_refused_and_nothing_is_written(string kind, string refusal)
    {
        var path = Plant(kind, PathIn("out.json"), Victim());

        Assert.StartsWith(refusal, SafeFiles.RefusalToWrite(path), StringComparison.Ordinal);
        var error = Assert.Throws<IOException>(() => SafeFiles.Write(path, "x"));
        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder.EnumerateFiles(".*", SearchOption.AllDirectories), f => f.Name.EndsWith(".writing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_refuses_FIFOs_devices_links_and_big_files_without_waiting_or_reading_them()
    {
        var fifo = MakeFifo(PathIn("journal-fifo"));
        var link = PathIn("journal-link");
        File.CreateSymbolicLink(link, Victim());
        var big = PathIn("journal-big");
        using (var file = File.Create(big))
        {
            file.SetLength(SafeFiles.MaxReadBytes + 1); // sparse: no 4 MiB written, the size is what counts
        }

        // A FIFO with no writer blocks a plain open forever: the refusal must come at once.
        var reading = Task.Run(() => Assert.Throws<IOException>(() => SafeFiles.ReadText(fifo)));
        var fifoError = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.EndsWith("is a FIFO (named pipe), not a regular file", fifoError.Message, StringComparison.Ordinal);
        Assert.EndsWith("is a device, not a regular file", Assert.Throws<IOException>(() => SafeFiles.ReadText("/dev/zero")).Message, StringComparison.Ordinal);
        Assert.EndsWith("is a symbolic link: the runner neither follows nor writes through links", Assert.Throws<IOException>(() => SafeFiles.ReadText(link)).Message, StringComparison.Ordinal);
        Assert.EndsWith("is larger than 4 MiB (4194305 bytes)", Assert.Throws<IOException>(() => SafeFiles.ReadText(big)).Message, StringComparison.Ordinal);
        Assert.Null(SafeFiles.ReadText(PathIn("absent")));
        File.WriteAllText(PathIn("small"), "{\"a\":1}");
        Assert.Equal("{\"a\":1}", SafeFiles.ReadText(PathIn("small")));
    }
}
