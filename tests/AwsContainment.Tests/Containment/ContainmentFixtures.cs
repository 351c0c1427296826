using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;

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

    /// <summary>Replays a recording changed in memory (a fault added, an answer replaced), written to a temporary file for the run.</summary>
    public static async Task<RunnerOutput> ReplayChangedAsync(JsonObject recording, params string[] arguments)
    {
        var path = RunnerHarness.TempFile(recording.ToJsonString());
        try
        {
            return await RunnerHarness.RunAsync(["--replay", path, "--compact", .. arguments]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static JsonArray Steps(RunnerOutput output) => (JsonArray)output.Result()["data"]![0]!["Steps"]!;

    public static JsonObject Step(RunnerOutput output, string name) =>
        Steps(output).OfType<JsonObject>().Single(s => (string?)s["step"] == name);

    public static IEnumerable<JsonObject> Exchanges(JsonObject recording) => recording["exchanges"]!.AsArray().OfType<JsonObject>();

    public static JsonObject Exchange(JsonObject recording, string action) => Exchanges(recording).Single(e => (string?)e["request"]!["form"]!["Action"] == action);

    /// <summary>The journal of the revert recording (the one contain writes for its recording), changed by <paramref name="change"/>.</summary>
    public static JsonObject Journal(Action<JsonObject> change)
    {
        var journal = JsonNode.Parse((string)Load(Revert)["parameters"]![0]!["journal"]!)!.AsObject();
        change(journal);
        return journal;
    }

    /// <summary>The digest containment tags the instance with for <paramref name="journal"/>.</summary>
    public static string Digest(JsonObject journal) => ContainmentJournal.Parse(journal.ToJsonString(), "journal", new ValueRules(_ => "a value", (_, _) => true)).Digest();

    /// <summary>The recording with the instance tagged, as containment would have, with <paramref name="journal"/>'s digest.</summary>
    public static JsonObject Bound(JsonObject recording, JsonObject journal)
    {
        var describe = Exchange(recording, "DescribeInstances");
        describe["response"]!["body"] = Regex.Replace((string)describe["response"]!["body"]!, "(<key>quarantine_journal</key>\\s*<value>)[0-9a-f]{64}", "${1}" + Digest(journal));
        return recording;
    }

    /// <summary>Runs revert containment with <paramref name="journal"/> against <paramref name="recording"/> and the given parameters.</summary>
    public static Task<RunnerOutput> RevertAsync(JsonObject recording, JsonObject journal, params string[] parameters)
    {
        recording["parameters"] = new JsonArray(new JsonObject { ["journal"] = journal.ToJsonString() });
        recording.Remove("expected");
        return RunnerHarness.RunAsync(["--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact", .. parameters.SelectMany(p => new[] { "--param", p })]);
    }
}
