using System.Text.Json.Nodes;
using AwsContainment.Host.Cli;
using AwsContainment.Tests.Containment;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// The files <c>runner serve</c> writes go only into the folders its operator named: a request's <c>path</c> or
/// <c>journal_path</c> names a file there, never a path, so a caller cannot write an attacker's key line into
/// ~/.ssh/authorized_keys nor shell into ~/.bashrc. No run follows a symbolic link to a folder, and a refused
/// journal never shows what the file it named holds.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServeFilesTests : IDisposable
{
    private static readonly string Capture = Path.Combine(TestEnvironment.FixturesDirectory, "capture_console_output", "success.json");

    private readonly string _root = Directory.CreateTempSubdirectory("awsc-serve-files-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static string Request(string action, JsonObject parameters, JsonObject asset) =>
        new JsonObject { ["id"] = 1, ["action"] = action, ["parameters"] = new JsonArray(parameters), ["asset"] = asset }.ToJsonString();

    private async Task<JsonObject> ServeAsync(string recording, string action, JsonObject parameters, string evidence, string journals)
    {
        var asset = (JsonObject)ContainmentFixtures.Load(recording)["asset"]!.DeepClone();
        var output = await RunnerHarness.RunWithInputAsync(Request(action, parameters, asset) + "\n", "serve", "--replay", recording, "--evidence-dir", evidence, "--journal-dir", journals);
        Assert.Equal(0, output.ExitCode);
        return (JsonObject)JsonNode.Parse(output.Stdout)!;
    }

    private static JsonObject With(JsonNode parameters, string name, string value)
    {
        var changed = (JsonObject)parameters.DeepClone();
        changed[name] = value;
        return changed;
    }

    [Theory]
    [InlineData("authorized_keys-outside")]
    [InlineData("../authorized_keys-outside")]
    [InlineData("sub/authorized_keys-outside")]
    public async Task Evidence_named_with_a_path_is_refused_before_any_AWS_call_and_nothing_is_written_outside(string name)
    {
        var evidence = Folder("evidence");
        var outside = Path.Combine(_root, "authorized_keys-outside");
        var value = name == "authorized_keys-outside" ? outside : name;

        var reply = await ServeAsync(Capture, "capture console output", new JsonObject { ["instance"] = "i-0a4c2e6b8d1f3a5c7", ["path"] = value }, evidence, Folder("journals"));

        Assert.Equal(1, (int?)reply["exit_code"]);
        Assert.StartsWith($"Invalid parameters, nothing was sent to AWS: parameter 'path' names a file in this host's evidence folder ({evidence}): give a file name without ", (string?)reply["action_results"]![0]!["message"], StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
        Assert.Empty(Directory.EnumerateFileSystemEntries(evidence));
    }

    [Fact]
    public async Task Evidence_named_by_a_file_name_is_written_owner_only_in_the_evidence_folder()
    {
        var evidence = Folder("evidence");

        var reply = await ServeAsync(Capture, "capture console output", new JsonObject { ["instance"] = "i-0a4c2e6b8d1f3a5c7", ["path"] = "case-42-console.txt" }, evidence, Folder("journals"));

        Assert.Equal(0, (int?)reply["exit_code"]);
        var written = Path.Combine(evidence, "case-42-console.txt");
        Assert.Equal(written, (string?)reply["action_results"]![0]!["data"]![0]!["OutputPath"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(written));
        Assert.True(File.Exists(written + ".jpg"));
    }

    [Fact]
    public async Task A_journal_goes_into_the_journal_folder_by_name_and_an_outside_path_is_refused()
    {
        var journals = Folder("journals");
        var bashrc = Path.Combine(_root, ".bashrc");
        var parameters = ContainmentFixtures.Load(ContainmentFixtures.Contain)["parameters"]![0]!;

        var refused = await ServeAsync(ContainmentFixtures.Contain, "contain instance", With(parameters, "journal_path", bashrc), Folder("evidence"), journals);
        var kept = await ServeAsync(ContainmentFixtures.Contain, "contain instance", With(parameters, "journal_path", "IR-2026-0042.json"), Folder("evidence"), journals);

        Assert.Equal(1, (int?)refused["exit_code"]);
        Assert.Contains("parameter 'journal_path' names a file in this host's journal folder", (string?)refused["action_results"]![0]!["message"], StringComparison.Ordinal);
        Assert.False(File.Exists(bashrc));
        Assert.Equal(0, (int?)kept["exit_code"]);
        Assert.Equal(Path.Combine(journals, "IR-2026-0042.json"), Directory.EnumerateFiles(journals).Single());
    }

    [Theory]
    [InlineData("link")]
    [InlineData("group-writable")]
    [InlineData("file")]
    public async Task Serve_does_not_start_with_a_folder_it_cannot_trust(string kind)
    {
        var folder = Path.Combine(_root, "evidence");
        switch (kind)
        {
            case "link": Directory.CreateSymbolicLink(folder, Folder("elsewhere")); break;
            case "group-writable": File.SetUnixFileMode(Folder("evidence"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute); break;
            default: File.WriteAllText(folder, ""); break;
        }

        var output = await RunnerHarness.RunWithInputAsync("", "serve", "--replay", Capture, "--evidence-dir", folder, "--journal-dir", Folder("journals"));

        Assert.Equal(RunnerCli.Usage, output.ExitCode);
        Assert.StartsWith($"runner: --evidence-dir: the folder {folder} ", output.Stderr, StringComparison.Ordinal);
        Assert.Equal("", output.Stdout);
    }

    [Fact]
    public async Task A_named_folder_that_is_missing_is_made_owner_only()
    {
        var folder = Path.Combine(_root, "new", "evidence");

        var output = await RunnerHarness.RunWithInputAsync("", "serve", "--replay", Capture, "--evidence-dir", folder, "--journal-dir", Folder("journals"));

        Assert.Equal(0, output.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task The_one_shot_runner_follows_no_link_to_a_folder_for_a_journal_or_evidence()
    {
        var real = Folder("real");
        var linked = Path.Combine(_root, "linked");
        Directory.CreateSymbolicLink(linked, real);

        var journal = await RunnerHarness.RefusedMessageAsync("contain instance", "instance=i-0a1b2c3d4e5f60718", "case_id=IR-2026-0042", $"journal_path={Path.Combine(linked, "j.json")}");
        var evidence = await RunnerHarness.RefusedMessageAsync("capture console output", "instance=i-0a4c2e6b8d1f3a5c7", $"path={Path.Combine(linked, "console.txt")}");

        Assert.Contains($"is in a folder reached through a symbolic link ({linked}): the runner does not follow links", journal, StringComparison.Ordinal);
        Assert.Contains($"is in a folder reached through a symbolic link ({linked})", evidence, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(real));
    }

    [Theory]
    [InlineData("root:$6$saltsalt$hash:19000:0:99999:7:::\n", "root")]
    [InlineData("{\"aws_access_key_id\": \"AKIAIOSFODNN7EXAMPLE\", \"aws_secret_access_key\": \"x\"}", "aws_access_key_id")]
    [InlineData("{\"journal_version\": 1, \"shell\": \"rm -rf /\"}", "shell")]
    public async Task A_file_that_is_not_a_journal_is_refused_without_a_word_of_its_content(string content, string secret)
    {
        var file = Path.Combine(Folder("journals"), "not-a-journal");
        File.WriteAllText(file, content);

        var message = await RunnerHarness.RefusedMessageAsync("revert containment", $"journal_path={file}");

        Assert.Equal($"journal_path {file} does not hold a containment journal as contain instance writes them (what it holds is not shown); nothing was sent to AWS", message);
        Assert.DoesNotContain(secret, message.Replace(file, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain($"'{content[0]}'", message, StringComparison.Ordinal);
    }
}
