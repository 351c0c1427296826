using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector;

/// <summary>
/// Where the files a run writes go: evidence (capture console output's <c>path</c>) and journals (contain instance's
/// and revert containment's <c>journal_path</c>). The one-shot runner takes a parameter as a path, its caller being
/// the operator. A host anyone with access may call (<c>runner serve</c>) confines them: a parameter names a file
/// inside the folder the operator gave for its kind, so no request can write (or read) anywhere else on the host.
/// </summary>
public sealed class LocalFiles
{
    /// <summary>Long enough for any real name; short enough that the name, ".jpg" and a temporary suffix stay under 255 bytes.</summary>
    public const int MaxNameLength = 128;

    private readonly Folder? _evidence;
    private readonly Folder? _journals;

    private LocalFiles(Folder? evidence, Folder? journals)
    {
        _evidence = evidence;
        _journals = journals;
    }

    /// <summary>Parameters are paths, as the one-shot runner's caller gives them.</summary>
    public static LocalFiles AsGiven { get; } = new(null, null);

    /// <summary>Parameters name files inside these folders, which are created owner-only when first needed.</summary>
    public static LocalFiles Confined(string evidenceFolder, string journalFolder) =>
        new(new Folder("evidence", Path.GetFullPath(evidenceFolder)), new Folder("journal", Path.GetFullPath(journalFolder)));

    /// <summary>
    /// The folders <c>runner serve</c> uses when its operator names none: under the runner's user's state folder
    /// (<c>$XDG_STATE_HOME</c>, else <c>~/.local/state</c>), <c>awscontainment/evidence</c> and <c>awscontainment/journals</c>.
    /// </summary>
    public static (string Evidence, string Journals) DefaultFolders()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } named && Path.IsPathFullyQualified(named)
            ? named
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".local", "state");
        var root = Path.Combine(state, "awscontainment");
        return (Path.Combine(root, "evidence"), Path.Combine(root, "journals"));
    }

    /// <summary>Whether parameters name files in the operator's folders rather than paths.</summary>
    public bool IsConfined => _evidence is not null;

    /// <summary>The path evidence named by <paramref name="value"/> of <paramref name="parameter"/> goes to.</summary>
    /// <exception cref="ActionFailedException">A name that is not a plain file name, or a folder that cannot be used.</exception>
    public string Evidence(string parameter, string value) => Place(_evidence, parameter, value);

    /// <summary>The path of the journal named by <paramref name="value"/> of <paramref name="parameter"/>.</summary>
    /// <exception cref="ActionFailedException">A name that is not a plain file name, or a folder that cannot be used.</exception>
    public string Journal(string parameter, string value) => Place(_journals, parameter, value);

    /// <summary>Makes the operator's folders ready (created owner-only if missing) and says what is wrong with either, or null.</summary>
    public string? Prepare() => _evidence?.Prepare() ?? _journals?.Prepare();

    private static string Place(Folder? folder, string parameter, string value)
    {
        if (folder is null)
        {
            return value;
        }
        if (NameProblem(value) is { } problem)
        {
            throw ActionFailedException.InvalidParameters($"parameter '{parameter}' names a file in this host's {folder.Kind} folder ({folder.Path}): {problem}");
        }
        if (folder.Prepare() is { } refusal)
        {
            throw new ActionFailedException($"The {folder.Kind} folder {refusal}; nothing was sent to AWS");
        }
        return System.IO.Path.Combine(folder.Path, value);
    }

    private static string? NameProblem(string name) => name switch
    {
        _ when name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) => "give a file name without '/' (a path is not taken)",
        _ when name.Contains("..", StringComparison.Ordinal) => "give a file name without '..'",
        _ when name.StartsWith('.') => "give a file name that does not start with '.'",
        _ when name.Length > MaxNameLength => $"give a file name of at most {MaxNameLength} characters",
        _ when name.Any(char.IsControl) => "give a file name without control characters",
        _ => null,
    };

    /// <summary>
    /// Makes <paramref name="folder"/> ready to keep the runner's files (created owner-only when missing) and says
    /// why it cannot be trusted to (see <see cref="SafeFiles.RefusalOfFolder"/>), or null when it can.
    /// </summary>
    public static string? PrepareFolder(string folder)
    {
        try
        {
            if (SafeFiles.Inspect(folder).Kind == FileKind.Missing)
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"{folder} cannot be created: {error.Message}";
        }
        return SafeFiles.RefusalOfFolder(folder) is { } refusal ? $"{folder} {refusal}" : null;
    }

    /// <summary>One operator's folder, and what kind of file it keeps.</summary>
    private sealed record Folder(string Kind, string Path)
    {
        public string? Prepare() => PrepareFolder(Path);
    }
}
