using System.Diagnostics;
using System.Text.Json.Nodes;
using AwsContainment.Tests.Foundation;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// Start-up work of a one-shot runner: an asset that gives keys is the whole configuration, so the SDK must never
/// open the profile files (nor probe the credential chain). The profile files here are named pipes with no writer:
/// opening one blocks forever, so a runner that reads them never finishes.
/// </summary>
public sealed class ColdStartTests
{
    [Fact]
    public async Task A_runner_given_keys_never_opens_the_AWS_profile_files()
    {
        var home = Directory.CreateTempSubdirectory("awsc-home-").FullName;
        var credentials = Path.Combine(home, "credentials");
        var config = Path.Combine(home, "config");
        SafeFilesTests.MakeFifo(credentials);
        SafeFilesTests.MakeFifo(config);
        await using var server = ReplayServerTests.StartServer();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "runner.dll"), "--action", "test connectivity", "--asset", ReplayServerTests.AssetFor(server), "--compact" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["HOME"] = home,
                ["AWS_CONFIG_FILE"] = config,
                ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
                ["AWS_ACCESS_KEY_ID"] = null,
                ["AWS_SECRET_ACCESS_KEY"] = null,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        };
        using var runner = Process.Start(start)!;
        var stdout = runner.StandardOutput.ReadToEndAsync();
        var stderr = runner.StandardError.ReadToEndAsync();
        try
        {
            await runner.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            runner.Kill();
            Assert.Fail("the runner hung opening a profile file although the asset gives keys");
        }

        Assert.True(runner.ExitCode == 0, await stderr);
        Assert.Equal("success", (string?)JsonNode.Parse(await stdout)!["status"]);
        Directory.Delete(home, recursive: true);
    }
}
