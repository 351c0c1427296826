namespace AwsContainment.Connector.Soar;

/// <summary>
/// Reads an input file (parameters, asset, test file, recording, journal) whole, as bytes, only when it is a
/// regular file of a sane size: a FIFO would hang the read, <c>/dev/zero</c> would fill the memory. Every
/// refusal is an <see cref="InvalidDataException"/> naming the path.
/// </summary>
public static class InputFiles
{
    /// <summary>Far above any real parameter file, asset, journal or recording; far below what would hurt the host.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    public static byte[] Read(string path)
    {
        try
        {
            var file = new FileInfo(path);
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            if (Directory.Exists(path))
            {
                throw new InvalidDataException($"cannot read {path}: it is a directory, not a file");
            }
            if (target is null || !target.Exists)
            {
                throw new FileNotFoundException($"Could not find file '{path}'.");
            }
            // Devices, FIFOs and /proc files all report a length of 0, which no JSON input can have either.
            if (target.Length == 0)
            {
                throw new InvalidDataException($"cannot read {path}: it is empty or not a regular file (a device, a FIFO)");
            }
            if (target.Length > MaxBytes)
            {
                throw new InvalidDataException($"cannot read {path}: it is {target.Length} bytes, more than the {MaxBytes / (1024 * 1024)} MB an input may hold");
            }
            using var stream = new FileStream(target.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            return ReadBounded(stream, path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"cannot read {path}: {error.Message}", error);
        }
    }

    /// <summary>A stream read to its end, refused once it passes <see cref="MaxBytes"/> (a file that grows, a pipe).</summary>
    public static byte[] ReadBounded(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                throw new InvalidDataException($"cannot read {source}: it holds more than the {MaxBytes / (1024 * 1024)} MB an input may hold");
            }
        }
        return buffer.ToArray();
    }
}
