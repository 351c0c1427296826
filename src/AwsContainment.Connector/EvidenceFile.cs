using System.Security.Cryptography;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector;

/// <summary>An evidence file as written: where, its SHA-256 (hex), and whether this run wrote it or found it already there.</summary>
public sealed record EvidenceCopy(string Path, string Sha256, bool Written);

/// <summary>
/// Writes evidence to a file a responder named. The file is created new, owner-only (0600), and never through a
/// symbolic link (O_CREAT|O_EXCL fails on any entry already there, a link included). Nothing already at the path
/// is ever replaced: the same bytes there are this evidence saved by an earlier run; anything else is refused.
/// (<see cref="SafeFiles.Write"/> replaces a file whole, as a journal may be; evidence never is.)
/// </summary>
public static class EvidenceFile
{
    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static EvidenceCopy Write(string path, byte[] content)
    {
        var sha256 = Sha256(content);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && SafeFiles.LinkedFolder(folder) is { } link)
        {
            throw new ActionFailedException($"Could not write evidence to {path}: its folder is reached through a symbolic link ({link}), which the runner does not follow; the evidence is in the result data");
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        FileStream file;
        try
        {
            file = new FileStream(path, options);
        }
        catch (IOException) when (IsSameEvidence(path, content.Length, sha256))
        {
            return new EvidenceCopy(path, sha256, Written: false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ActionFailedException($"Could not write evidence to {path}: {(SafeFiles.Inspect(path).Kind != FileKind.Missing ? "something else is already there, and it was left as it is" : error.Message)}; the evidence is in the result data");
        }
        try
        {
            using (file)
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException error)
        {
            File.Delete(path); // no half-written evidence left under the responder's name
            throw new ActionFailedException($"Could not write evidence to {path}: {error.Message}; the evidence is in the result data");
        }
        return new EvidenceCopy(path, sha256, Written: true);
    }

    /// <summary>
    /// A regular file (never a link, FIFO or device: <see cref="SafeFiles.Inspect"/> looks without following or
    /// opening it) of the evidence's size, holding exactly this evidence.
    /// </summary>
    private static bool IsSameEvidence(string path, long length, string sha256)
    {
        if (SafeFiles.Inspect(path) != (FileKind.Regular, length))
        {
            return false;
        }
        using var existing = new FileStream(path, FileMode.Open, FileAccess.Read);
        return Convert.ToHexStringLower(SHA256.HashData(existing)) == sha256;
    }
}
