using System.Security.Cryptography;

namespace AwsContainment.Tests.Ec2;

/// <summary>
/// capture console output writes its evidence to the path a responder names, replayed from its recording: created
/// new and owner-only with the SHA-256 the result reports, kept as it is on a re-run, and never written through a
/// link nor over another file (the evidence then stays in the result data).
/// </summary>
public sealed class ConsoleEvidenceFileTests : IDisposable
{
    private static readonly string Recording = Path.Combine(TestEnvironment.FixturesDirectory, "capture_console_output", "success.json");

    private readonly string _folder = Directory.CreateTempSubdirectory("awsc-console-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Output_and_screenshot_are_written_owner_only_with_the_reported_sha256()
    {
        var path = Path.Combine(_folder, "console.txt");

        var output = await CaptureAsync(path);

        Assert.Equal(0, output.ExitCode);
        var item = output.Result()["data"]![0]!;
        Assert.Equal(path, (string?)item["OutputPath"]);
        Assert.Equal(path + ".jpg", (string?)item["ScreenshotPath"]);
        Assert.Equal((string?)item["OutputSha256"], Sha256(path));
        Assert.Equal((string?)item["ScreenshotSha256"], Sha256(path + ".jpg"));
        Assert.Equal((string?)item["Output"], File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + ".jpg"));
        }
        Assert.Contains($"saved to {path} and {path}.jpg", (string?)output.Result()["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerun_finds_the_same_evidence_there_and_keeps_it()
    {
        var path = Path.Combine(_folder, "console.txt");
        await CaptureAsync(path);
        var written = File.GetLastWriteTimeUtc(path);

        var again = await CaptureAsync(path);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"{path} and {path}.jpg already held this evidence, kept as it is", (string?)again.Result()["message"], StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task Another_file_at_the_path_is_left_as_it_is_and_the_evidence_stays_in_the_result()
    {
        var path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, "the responder's own notes");

        var output = await CaptureAsync(path);

        Assert.Equal(1, output.ExitCode);
        Assert.Equal("the responder's own notes", File.ReadAllText(path));
        Assert.Equal($"Could not write evidence to {path}: something else is already there, and it was left as it is; the evidence is in the result data", (string?)output.Result()["message"]);
        Assert.StartsWith("[    0.000000] Linux version", (string?)output.Result()["data"]![0]!["Output"], StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".jpg"));
    }

    [Fact]
    public async Task A_link_at_the_path_is_refused_before_anything_is_read()
    {
        var target = Path.Combine(_folder, "target.txt");
        File.WriteAllText(target, "not evidence");
        var link = Path.Combine(_folder, "console.txt");
        File.CreateSymbolicLink(link, target);

        var output = await CaptureAsync(link);

        Assert.Equal(1, output.ExitCode);
        Assert.Equal("not evidence", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal($"path {link} cannot take the evidence: it or its .jpg is a symbolic link: the runner neither follows nor writes through links; nothing was sent to AWS", (string?)output.Result()["message"]);
        Assert.False(output.CalledAws, output.Stderr);
    }

    private static Task<RunnerOutput> CaptureAsync(string path) =>
        RunnerHarness.RunAsync("--replay", Recording, "--compact", "--param", $"path={path}");

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
