
namespace AwsContainment.Connector.Soar;

/// <summary>
/// Reads an input file (parameters, asset, test file, recording, bearer token) the way <see cref="SafeFiles"/>
/// reads a journal: only a regular file of a sane size, so a FIFO cannot hang the read nor <c>/dev/zero</c> fill the
/// memory. Unlike a journal, an input named by the caller may be a link, and the file it names is read. Every
/// refusal is an <see cref="InvalidDataException"/> naming the path.
/// </summary>
public static class InputFiles
{
    /// <summary>Far above any real parameter file, asset or recording; far below what would hurt the host.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    public static string Read(string path)
    {
        try
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            return SafeFiles.ReadText(target, MaxBytes, throughLinkedFolders: true) ?? throw new FileNotFoundException($"Could not find file '{path}'.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"cannot read {path}: {error.Message}", error);
        }
    }
}
