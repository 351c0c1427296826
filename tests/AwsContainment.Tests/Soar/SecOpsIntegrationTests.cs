using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwsContainment.Tests.Serving;

namespace AwsContainment.Tests.Soar;

/// <summary>
/// The Google SecOps integration (soar/google_secops/aws_containment): each action script run as the platform runs
/// it, against a stand-in of the platform's action SDK (soar_sdk.SiemplifyAction and friends), the real runner
/// behind it and recorded AWS served by <c>runner replay-server</c>. What the tests read is what the script handed
/// the platform: output message, script result, execution state, JSON result and case-wall tables.
/// </summary>
public sealed partial class SecOpsIntegrationTests
{
    private const string Secret = "secops-integration-secret-NEVER-printed-41c2";
    private const int Completed = 0;
    private const int Failed = 2;

    private static readonly string Integration = Path.Combine(TestEnvironment.RepositoryRoot, "soar", "google_secops", "aws_containment");

    /// <summary>The actions of Google SecOps's AWS IAM integration, by name.</summary>
    public static readonly TheoryData<string> SeedActions = new(
        "Ping", "Create a User", "Add a User to a Group", "Remove a User from a Group", "List Users", "List Groups",
        "Create a Policy", "Create a Group", "List Policies", "Attach a Policy", "Disable User Access");

    [Theory]
    [MemberData(nameof(SeedActions))]
    public void Every_seed_action_has_a_definition_and_a_script_that_runs_it(string name)
    {
        var file = Regex.Replace(name.ToLowerInvariant(), @"\W+", "_");
        var definition = File.ReadAllText(Path.Combine(Integration, "actions", file + ".yaml"));
        Assert.StartsWith($"name: {name}\n", definition, StringComparison.Ordinal);
        Assert.Contains("integration_identifier: AWSContainment", definition, StringComparison.Ordinal);
        Assert.Contains("script_result_name: is_success", definition, StringComparison.Ordinal);
        foreach (var example in ExamplePath().Matches(definition).Select(m => m.Groups[1].Value))
        {
            _ = JsonNode.Parse(File.ReadAllText(Path.Combine(Integration, example)));
        }
        Assert.Contains($"main(\"{name}\")", File.ReadAllText(Path.Combine(Integration, "actions", file + ".py")), StringComparison.Ordinal);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task The_build_script_packs_the_integration_with_the_runner()
    {
        var package = await PythonScript.BuildAsync("soar/google_secops/build_integration.sh");

        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new[] { "definition.yaml", "core/aws_containment_runner.py", "actions/list_users.py", "actions/list_users.yaml", "resources/logo.svg", "runner/runner", "runner/app.json", "runner/app.rules.json" })
        {
            Assert.Contains($"aws_containment/{file}", entries);
        }
        Assert.DoesNotContain(entries, e => e.Contains("__pycache__", StringComparison.Ordinal) || e.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [RequiresFact(Requirement.Python3)]
    public async Task List_Users_returns_the_documents_message_JSON_result_and_CSV_table()
    {
        var output = await RunAsync("list_users", "list_users/list_success.json", new JsonObject());

        Assert.Equal((Completed, "true"), ((int)output["execution_state"]!, (string?)output["result_value"]));
        Assert.Equal("Successfully listed available users in AWS IAM", (string?)output["output_message"]);
        var users = output["json_result"]!.AsArray();
        Assert.Equal(["JorgeSouza", "ci-deployer"], users.Select(u => (string?)u!["UserName"]));
        Assert.Null(users[0]!["ResponseMetadata"]);
        Assert.Equal(
            ["Username,User ID,ARN,Creation Date", "JorgeSouza,AIDAD6MOTJQLINU6E4TYT,arn:aws:iam::777777777777:user/JorgeSouza,2024-10-07T02:43:54Z"],
            output["tables"]!["IAM Users"]!.AsArray().Take(2).Select(l => (string?)l));
    }

    [RequiresFact(Requirement.Python3)]
    public async Task Add_a_User_to_a_Group_with_a_missing_group_completes_with_the_documents_sentence()
    {
        var output = await RunAsync("add_a_user_to_a_group", "add_user_to_group/group_not_found.json", new JsonObject { ["Group Name"] = "Ghosts", ["User Name"] = "dev.alice,dev.bob" });

        Assert.Equal((Completed, "true"), ((int)output["execution_state"]!, (string?)output["result_value"]));
        Assert.Equal("Could not add dev.alice, dev.bob to Ghosts. The Group Ghosts cannot be found.", (string?)output["output_message"]);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task Create_a_Policy_returns_the_policy_as_one_JSON_object()
    {
        var output = await RunAsync("create_a_policy", "create_policy/success.json", new JsonObject
        {
            ["Policy Name"] = "S3-read-only-bucket",
            ["Policy Document"] = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::aws-s3-bucket", "arn:aws:s3:::aws-s3-bucket/*"]}]}""",
            ["Description"] = "Read-only access to the company bucket aws-s3-bucket",
        });

        Assert.Equal("S3-read-only-bucket policy was successfully created", (string?)output["output_message"]);
        Assert.Equal("ANPAT2RMWYWUEUBB2UBJQ", (string?)output["json_result"]!["PolicyId"]);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task Disable_User_Access_runs_on_the_alerts_User_entities_only()
    {
        var entities = new JsonArray(
            new JsonObject { ["identifier"] = "JorgeSouza", ["entity_type"] = "USERUNIQNAME" },
            new JsonObject { ["identifier"] = "web-01", ["entity_type"] = "HOSTNAME" },
            new JsonObject { ["identifier"] = "JaneDoe", ["entity_type"] = "USERUNIQNAME" });

        var output = await RunAsync("disable_user_access", "disable_user_access/success.json", new JsonObject(), entities);

        Assert.Equal((Completed, "true"), ((int)output["execution_state"]!, (string?)output["result_value"]));
        Assert.Equal("Successfully added deny policy to the following users in AWS IAM: JorgeSouza, JaneDoe", (string?)output["output_message"]);
        Assert.Equal(["JorgeSouza", "JaneDoe"], output["json_result"]!.AsArray().Select(u => (string?)u!["UserName"]));
    }

    [RequiresTheory(Requirement.Python3)]
    [InlineData("test_connectivity/success.json", Completed, "Successfully connected to the AWS IAM server with the provided connection parameters!")]
    [InlineData("test_connectivity/invalid_client_token.json", Failed, "Failed to connect to the AWS IAM server! Error is Test connectivity failed: could not confirm the credentials' identity. InvalidClientTokenId:")]
    public async Task Ping_words_its_outcome_as_the_document_does(string fixture, int state, string message)
    {
        var output = await RunAsync("ping", fixture, new JsonObject());

        Assert.Equal(state, (int)output["execution_state"]!);
        Assert.StartsWith(message, (string?)output["output_message"], StringComparison.Ordinal);
    }

    /// <summary>
    /// Serves <paramref name="fixture"/>'s exchanges and runs the action script <paramref name="script"/> with the
    /// integration's configuration, <paramref name="parameters"/> and <paramref name="entities"/>; returns what it
    /// handed the platform, having checked that nothing it printed holds the secret key.
    /// </summary>
    private static async Task<JsonNode> RunAsync(string script, string fixture, JsonObject parameters, JsonArray? entities = null)
    {
        using var server = await ServingCommand.StartAsync("replay-server", "--fixtures", Path.Combine(TestEnvironment.FixturesDirectory, fixture), "--port", "0");
        try
        {
            var context = new JsonObject
            {
                ["integration_config"] = new JsonObject
                {
                    ["AWS Access Key ID"] = "AKIAIOSFODNN7EXAMPLE",
                    ["AWS Secret Key"] = Secret,
                    ["AWS Region"] = "us-east-1",
                    ["Endpoint URL"] = server.Endpoint.ToString(),
                },
                ["parameters"] = parameters,
                ["target_entities"] = entities ?? [],
            };

            var output = await PythonScript.RunAsync(["-m", $"aws_containment.actions.{script}"], Path.GetDirectoryName(Integration)!, stdin: context.ToJsonString());

            Assert.True(output.ExitCode == 0, output.Stderr);
            Assert.DoesNotContain(Secret, output.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, output.Stderr, StringComparison.Ordinal);
            return JsonNode.Parse(output.Stdout)!;
        }
        finally
        {
            await server.StopAsync();
        }
    }

    [GeneratedRegex(@"result_example_path: (\S+)")]
    private static partial Regex ExamplePath();
}
