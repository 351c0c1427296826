using System.Text.Json.Nodes;
using AwsContainment.Tests.Serving;

namespace AwsContainment.Tests.Soar;

/// <summary>
/// The Splunk SOAR connector module (soar/splunk/awscontainment_connector.py), run as the platform's
/// <c>python3 module test.json</c> runs it: a platform-shaped action JSON (the platform's own keys in config,
/// context in each parameter set, environment settings), the platform's connector API stood in, the real runner
/// behind it, and recorded AWS served by <c>runner replay-server</c>.
/// </summary>
public sealed class SplunkConnectorTests
{
    private const string Secret = "soar-asset-secret-NEVER-printed-7f3a9c";
    private const string Module = "awscontainment_connector.py";

    [RequiresFact(Requirement.Python3)]
    public async Task A_read_action_runs_from_the_platforms_test_json_and_maps_onto_its_action_result()
    {
        var (output, result) = await RunAsync("describe_instance/success.json", "describe_instance", """{"instance": "i-0598c7d356eba48d7"}""");

        Assert.Equal("success", (string?)result["status"]);
        Assert.Equal("Instance i-0598c7d356eba48d7 is running in vpc-0e9801d129a5b4c3d: 2 volumes, 1 security group, 2 tags", (string?)result["message"]);
        Assert.Equal("i-0598c7d356eba48d7", (string?)result["data"]![0]!["Reservations"]![0]!["Instances"]![0]!["InstanceId"]);
        Assert.Equal(2, (int)result["summary"]!["total_volumes"]!);
        Assert.Contains("Running 'describe_instance' in the AWS Containment runner", output.Stdout, StringComparison.Ordinal);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task A_mutating_action_runs_from_the_platforms_test_json_and_maps_onto_its_action_result()
    {
        var (output, result) = await RunAsync("add_tag/success.json", "add_tag", """{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}""");

        Assert.Equal("success", (string?)result["status"]);
        Assert.Equal("Tagged i-0598c7d356eba48d7 with Quarantine=true", (string?)result["message"]);
        Assert.Equal("Quarantine", (string?)result["data"]![0]!["Key"]);
        Assert.Equal("55569b5a-7ba9-543e-b67d-dcd72cb21ec1", (string?)result["data"]![0]!["ResponseMetadata"]!["RequestId"]);
        Assert.Contains("Succeeded: Tagged i-0598c7d356eba48d7 with Quarantine=true", output.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("describe_instance/success.json", "describe_instance", """{"instance": "i-0598c7d356eba48d7"}""", "Instance i-0598c7d356eba48d7 is running in vpc-0e9801d129a5b4c3d: 2 volumes, 1 security group, 2 tags")]
    [InlineData("add_tag/success.json", "add_tag", """{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}""", "Tagged i-0598c7d356eba48d7 with Quarantine=true")]
    public async Task The_runner_runs_the_same_platform_test_JSON_itself(string fixture, string identifier, string parameters, string message)
    {
        using var server = await ServingCommand.StartAsync("replay-server", "--fixtures", Path.Combine(TestEnvironment.FixturesDirectory, fixture), "--port", "0");
        var testJson = RunnerHarness.TempFile(TestJson(identifier, server.Endpoint.ToString(), null, [parameters]));

        var output = await RunnerHarness.RunAsync(testJson);
        await server.StopAsync();

        Assert.True(output.ExitCode == 0, output.Stderr);
        Assert.Equal(message, (string?)JsonNode.Parse(output.Stdout)!["action_results"]![0]!["message"]);
        Assert.DoesNotContain(Secret, output.Stdout + output.Stderr, StringComparison.Ordinal);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task A_containment_reports_its_isolation_as_progress_before_its_result()
    {
        var (output, result) = await RunAsync("contain_instance/no_auto_scaling_group_or_load_balancer.json", "contain_instance", """{"instance": "i-0b2c3d4e5f6071829", "case_id": "IR-2026-0042"}""");

        Assert.Equal("success", (string?)result["status"]);
        var isolated = output.Stdout.IndexOf("1 of 1 isolated, 0 contained, 0 failed", StringComparison.Ordinal);
        Assert.True(isolated >= 0, output.Stdout);
        Assert.True(isolated < output.Stdout.IndexOf("Succeeded: Contained i-0b2c3d4e5f6071829", StringComparison.Ordinal), output.Stdout);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task An_AWS_refusal_fails_the_action_result_with_the_runners_sentence()
    {
        var (_, result) = await RunAsync("add_tag/access_denied.json", "add_tag", """{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}""");

        Assert.Equal("failed", (string?)result["status"]);
        Assert.StartsWith("UnauthorizedOperation: You are not authorized to perform this operation.", (string?)result["message"], StringComparison.Ordinal);
        Assert.Empty(result["data"]!.AsArray());
    }

    [RequiresFact(Requirement.Python3)]
    public async Task A_parameter_the_contract_refuses_fails_that_set_alone_before_any_AWS_call()
    {
        var (_, results) = await RunManyAsync("add_tag/success.json", "add_tag", null, null, null,
            """{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}""",
            """{"instance": "not-an-instance", "tag_key": "Quarantine", "tag_value": "true"}""");

        Assert.Equal(["success", "failed"], results.Select(r => (string?)r!["status"]));
        Assert.Contains("parameter 'instance'", (string?)results[1]!["message"], StringComparison.Ordinal);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task One_runner_serves_every_parameter_set_of_the_connector_process()
    {
        var starts = RunnerHarness.TempFile("", ".log");
        var runner = RunnerHarness.TempFile($"#!/bin/sh\necho started >> '{starts}'\nexec dotnet '{PythonScript.Runner}' \"$@\"\n", ".sh");
        Assert.Equal(0, (await Shell.RunAsync("chmod", ["u+x", runner])).ExitCode);
        var parameters = """{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}""";

        var (_, results) = await RunManyAsync("add_tag/success.json", "add_tag", null, new Dictionary<string, string> { ["AWS_CONTAINMENT_RUNNER"] = runner }, null, parameters, parameters, parameters);

        Assert.Equal(["success", "success", "success"], results.Select(r => (string?)r!["status"]));
        Assert.Equal(["started"], File.ReadAllLines(starts));
    }

    [RequiresFact(Requirement.Python3)]
    public async Task The_platforms_proxy_settings_reach_the_runner_for_every_endpoint_but_this_machines()
    {
        var closedProxy = """{"HTTPS_PROXY": {"type": "string", "value": "http://127.0.0.1:9"}, "HTTP_PROXY": {"type": "string", "value": "http://127.0.0.1:9"}}""";
        var parameters = """{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}""";

        // An endpoint elsewhere goes through the proxy (closed here, so nothing leaves this machine and the set fails
        // naming it); the replay server, on this machine, is reached directly though the proxy is set.
        var (_, throughProxy) = await RunManyAsync("add_tag/success.json", "add_tag", closedProxy, null, "https://ec2.us-east-1.amazonaws.com/", parameters);
        var (_, direct) = await RunManyAsync("add_tag/success.json", "add_tag", closedProxy, null, null, parameters);

        Assert.Equal("failed", (string?)throughProxy[0]!["status"]);
        Assert.Contains("127.0.0.1:9", (string?)throughProxy[0]!["message"], StringComparison.Ordinal);
        Assert.Equal("success", (string?)direct[0]!["status"]);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task A_missing_runner_fails_the_action_with_a_sentence_naming_it()
    {
        var package = PythonScript.Package($"soar/splunk/{Module}", "app.json");
        var missing = Path.Combine(package, "runner", "runner");
        var testJson = Path.Combine(package, "test.json");
        File.WriteAllText(testJson, TestJson("add_tag", "http://127.0.0.1:9/", null, ["""{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}"""]));

        var output = await PythonScript.RunAsync(Path.Combine(package, Module), [testJson], new Dictionary<string, string> { ["AWS_CONTAINMENT_RUNNER"] = "" });

        var result = JsonNode.Parse(output.Stdout[output.Stdout.IndexOf('{', StringComparison.Ordinal)..])!["action_results"]![0]!;
        Assert.Equal("failed", (string?)result["status"]);
        Assert.Equal($"Could not start the AWS Containment runner {missing}: No such file or directory", (string?)result["message"]);
        Assert.DoesNotContain("Traceback", output.Stderr, StringComparison.Ordinal);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task The_build_script_packs_an_app_whose_module_finds_the_runner_beside_itself()
    {
        var package = await PythonScript.BuildAsync("soar/splunk/build_app.sh");
        var extracted = PythonScript.Package();
        Assert.Equal(0, (await Shell.RunAsync("tar", ["-xzf", package, "-C", extracted])).ExitCode);
        var app = Path.Combine(extracted, "awscontainment");

        foreach (var file in new[] { "app.json", Module, "logo_awscontainment.svg", "logo_awscontainment_dark.svg", "runner/runner", "runner/app.json", "runner/app.rules.json" })
        {
            Assert.True(File.Exists(Path.Combine(app, file)), $"the package lacks {file}");
        }
        Assert.Empty(Directory.EnumerateFiles(app, "*.pdb", SearchOption.AllDirectories));
        using var server = await ServingCommand.StartAsync("replay-server", "--fixtures", Path.Combine(TestEnvironment.FixturesDirectory, "add_tag", "success.json"), "--port", "0");
        var testJson = Path.Combine(extracted, "test.json");
        File.WriteAllText(testJson, TestJson("add_tag", server.Endpoint.ToString(), null, ["""{"instance": "i-0598c7d356eba48d7", "tag_key": "Quarantine", "tag_value": "true"}"""]));
        var output = await PythonScript.RunAsync(Path.Combine(app, Module), [testJson], new Dictionary<string, string> { ["AWS_CONTAINMENT_RUNNER"] = "" });
        await server.StopAsync();

        Assert.Contains("Succeeded: Tagged i-0598c7d356eba48d7 with Quarantine=true", output.Stdout, StringComparison.Ordinal);
    }

    private static async Task<(RunnerOutput Output, JsonNode Result)> RunAsync(string fixture, string identifier, string parameters)
    {
        var (output, results) = await RunManyAsync(fixture, identifier, null, null, null, parameters);
        return (output, Assert.Single(results)!);
    }

    /// <summary>
    /// Serves <paramref name="fixture"/>'s recorded exchanges, runs the module on a platform test JSON (its asset's
    /// endpoint the server, or <paramref name="endpoint"/>) and returns its action results, having checked that
    /// nothing it printed holds the asset's secret.
    /// </summary>
    private static async Task<(RunnerOutput Output, JsonArray Results)> RunManyAsync(string fixture, string identifier, string? environment, IReadOnlyDictionary<string, string>? processEnvironment, string? endpoint, params string[] parameterSets)
    {
        using var server = await ServingCommand.StartAsync("replay-server", "--fixtures", Path.Combine(TestEnvironment.FixturesDirectory, fixture), "--port", "0");
        try
        {
            var package = PythonScript.Package($"soar/splunk/{Module}", "app.json");
            var testJson = Path.Combine(package, "test.json");
            File.WriteAllText(testJson, TestJson(identifier, endpoint ?? server.Endpoint.ToString(), environment, parameterSets));

            var output = await PythonScript.RunAsync(Path.Combine(package, Module), [testJson], processEnvironment);

            Assert.True(output.ExitCode == 0, output.Stderr);
            Assert.DoesNotContain(Secret, output.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, output.Stderr, StringComparison.Ordinal);
            var printed = JsonNode.Parse(output.Stdout[output.Stdout.IndexOf("\n{", StringComparison.Ordinal)..])!;
            return (output, printed["action_results"]!.AsArray());
        }
        finally
        {
            await server.StopAsync();
        }
    }

    /// <summary>An action JSON as the platform writes it (the SOAR SDK's InputSpecification): its own keys beside the asset's.</summary>
    internal static string TestJson(string identifier, string endpoint, string? environment, IReadOnlyList<string> parameterSets)
    {
        var parameters = parameterSets.Select((set, index) =>
        {
            var parameter = JsonNode.Parse(set)!.AsObject();
            parameter["context"] = new JsonObject { ["artifact_id"] = 40 + index, ["guid"] = $"7c1f3f0e-93f1-4a8e-9b1e-0f5d{index:D8}", ["parent_action_run"] = new JsonArray() };
            return parameter;
        });
        return new JsonObject
        {
            ["action"] = identifier.Replace('_', ' '),
            ["identifier"] = identifier,
            ["action_run_id"] = 1207,
            ["app_config"] = null,
            ["asset_id"] = "14",
            ["connector_run_id"] = 3311,
            ["container_id"] = 88,
            ["debug_level"] = 3,
            ["dec_key"] = "14",
            ["user_session_token"] = "",
            ["environment_variables"] = environment is null ? new JsonObject() : JsonNode.Parse(environment),
            ["config"] = new JsonObject
            {
                ["app_version"] = "1.0.0",
                ["appname"] = "-",
                ["directory"] = "/opt/phantom/apps/awscontainment_6f1b3a52-8c3e-4d0b-9a57-2e6f0c4d9b11",
                ["main_module"] = Module,
                ["ingest"] = new JsonObject { ["container_label"] = "events" },
                ["region"] = "us-east-1",
                ["aws_access_key_id"] = "AKIAIOSFODNN7EXAMPLE",
                ["aws_secret_access_key"] = Secret,
                ["endpoint_url"] = endpoint,
            },
            ["parameters"] = new JsonArray([.. parameters]),
        }.ToJsonString();
    }
}
