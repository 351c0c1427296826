using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>The containment recordings the tests reuse, and runs of them through the real command line.</summary>
internal static class ContainmentFixtures
{
    public static readonly string Contain = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "asg_and_load_balancers.json");

    public static readonly string AlreadyContained = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "already_contained.json");

    public static readonly string DryRun = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "dry_run_permitted.json");

    public static readonly string Revert = Path.Combine(TestEnvironment.FixturesDirectory, "revert_containment", "after_contain.json");

    public static readonly string ContainIpTargetGroup = Path.Combine(TestEnvironment.FixturesDirectory, "contain_instance", "ip_target_group.json");

    public static readonly string RevertIpTargetGroup = Path.Combine(TestEnvironment.FixturesDirectory, "revert_containment", "ip_target_group.json");

    public static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>A path in the temporary folder where no file is yet.</summary>
    public static string NewJournalPath() => Path.Combine(Path.GetTempPath(), "awsc-journal-" + Guid.NewGuid().ToString("N") + ".json");

    public static Task<RunnerOutput> ReplayAsync(string recording, params string[] parameters) =>
        RunnerHarness.RunAsync(["--replay", recording, "--compact", .. parameters.SelectMany(p => new[] { "--param", p })]);

    public static JsonArray Steps(RunnerOutput output) => (JsonArray)output.Result()["data"]![0]!["Steps"]!;

    public static JsonObject Step(RunnerOutput output, string name) =>
        Steps(output).OfType<JsonObject>().Single(s => (string?)s["step"] == name);
}
