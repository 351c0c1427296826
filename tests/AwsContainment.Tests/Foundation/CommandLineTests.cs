namespace AwsContainment.Tests.Foundation;

/// <summary>The runner's command line: exit codes, stdout holding only the envelope, one-line usage errors, no AWS call on bad input.</summary>
public sealed class CommandLineTests
{
    private static readonly string Asset = RunnerHarness.TempFile("""{"region":"us-east-1"}""");
    private static readonly string Connectivity = Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json");

    [Fact]
    public async Task Unknown_action_is_a_usage_error()
    {
        var output = await RunnerHarness.RunAsync("--action", "reboot everything", "--asset", Asset, "--replay", RunnerHarness.EmptyRecording());
        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.Equal("runner: unknown action 'reboot everything' (runner actions lists them)", output.Stderr.Trim());
    }

    [Theory]
    [InlineData("contian instance", "contain instance")]
    [InlineData("snapshot_volume", "snapshot volumes")]
    [InlineData("Describe Instanse", "describe instance")]
    [InlineData("list user", "list users")]
    public async Task A_misspelt_action_is_a_usage_error_naming_the_nearest_one(string typed, string meant)
    {
        var output = await RunnerHarness.RunAsync("--action", typed, "--asset", Asset, "--replay", RunnerHarness.EmptyRecording());

        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.Equal($"runner: unknown action '{typed}' (did you mean '{meant}'? runner actions lists them)", output.Stderr.Trim());
    }

    [Theory]
    [InlineData("--dry-run", "runner: unknown option '--dry-run'; an action's parameter is given as --param dry_run=VALUE (see runner --help)")]
    [InlineData("--instance=i-0abc1234def567890", "runner: unknown option '--instance=i-0abc1234def567890'; an action's parameter is given as --param instance=VALUE (see runner --help)")]
    [InlineData("--frobnicate", "runner: unknown option '--frobnicate' (see runner --help)")]
    public async Task An_unknown_option_is_a_usage_error_naming_it_never_a_file_to_read(string option, string message)
    {
        var output = await RunnerHarness.RunAsync("--action", "add tag", "--asset", Asset, option, "--replay", RunnerHarness.EmptyRecording());

        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.Equal(message, output.Stderr.Trim());
    }

    [Fact]
    public async Task Unknown_parameter_fails_the_set_before_any_AWS_call()
    {
        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--param", "instance=i-12345678", "--asset", Asset, "--replay", RunnerHarness.EmptyRecording());
        Assert.Equal(1, output.ExitCode);
        Assert.False(output.CalledAws);
        Assert.Equal("Invalid parameters, nothing was sent to AWS: unknown parameter 'instance' (known: region, role_arn, external_id)", (string?)output.Result()["message"]);
        Assert.Equal("failed", (string?)output.Envelope["status"]);
    }

    [Theory]
    [InlineData("{\"region\": ", "is not valid JSON")]
    [InlineData("[\"us-east-1\"]", "must hold a JSON object")]
    [InlineData("{}", "invalid asset configuration: missing required asset field 'region' (AWS region, e.g. us-east-1)")]
    [InlineData("{\"region\":\"mars-1\"}", "asset field 'region': \"mars-1\" is not an AWS region name such as us-east-1")]
    [InlineData("{\"region\":\"us-east-1\",\"forensics_machine\":\"i-xyz\"}", "asset field 'forensics_machine': \"i-xyz\" is not an EC2 instance id")]
    [InlineData("{\"region\":\"us-east-1\",\"endpoint_url\":\"ftp://x\"}", "asset field 'endpoint_url': \"ftp://x\" is not an http(s) URL")]
    public async Task A_bad_asset_is_a_usage_error_with_one_line(string asset, string reason)
    {
        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", RunnerHarness.TempFile(asset), "--replay", RunnerHarness.EmptyRecording());
        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.Contains(reason, output.Stderr);
        Assert.Single(output.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("{\"instance\": ", "is not valid JSON")]
    [InlineData("\"i-0abc1234def567890\"", "must hold a JSON object or a list of objects (parameter sets), got string")]
    public async Task A_bad_params_file_is_a_usage_error(string parameters, string reason)
    {
        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--params", RunnerHarness.TempFile(parameters), "--asset", Asset, "--replay", RunnerHarness.EmptyRecording());
        Assert.Equal(2, output.ExitCode);
        Assert.Contains(reason, output.Stderr);
    }

    [Theory]
    [InlineData("--params")]
    [InlineData("--asset")]
    [InlineData("--replay")]
    public async Task A_missing_file_is_a_usage_error_naming_it(string option)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid().ToString("N") + ".json");
        string[] args = option == "--asset"
            ? ["--action", "test connectivity", "--asset", missing, "--replay", RunnerHarness.EmptyRecording()]
            : ["--action", "test connectivity", "--asset", Asset, option, missing];
        var output = await RunnerHarness.RunAsync(args);
        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.StartsWith($"runner: cannot read {missing}", output.Stderr);
    }

    [Fact]
    public async Task An_IAM_name_with_a_non_ASCII_letter_is_refused_before_any_AWS_call()
    {
        var output = await RunnerHarness.RunAsync("--action", "list access keys", "--param", "user_name=jöhn", "--asset", Asset, "--replay", RunnerHarness.EmptyRecording());
        Assert.Equal(1, output.ExitCode);
        Assert.False(output.CalledAws);
        Assert.Contains("parameter 'user_name': \"jöhn\" is not an IAM user name", (string?)output.Result()["message"]);
    }

    [Fact]
    public async Task A_recording_alone_runs_its_scenario_and_stdout_is_only_the_envelope()
    {
        var output = await RunnerHarness.RunAsync("--replay", Connectivity);
        Assert.Equal(0, output.ExitCode);
        Assert.Equal("success", (string?)output.Envelope["status"]);
        Assert.Equal("", output.Stderr);
    }

    [Fact]
    public async Task Parameter_sets_come_from_stdin_as_a_list_and_keep_their_order()
    {
        var output = await RunnerHarness.RunWithInputAsync("[{}, {\"bogus\": 1}]", "--action", "test_connectivity", "--params", "-", "--asset", Asset, "--replay", Connectivity);
        Assert.Equal(1, output.ExitCode);
        Assert.Equal(2, (int)output.Envelope["summary"]!["total_objects"]!);
        Assert.Equal(1, (int)output.Envelope["summary"]!["total_objects_successful"]!);
        Assert.Equal("success", (string?)output.Result(0)["status"]);
        Assert.Equal("failed", (string?)output.Result(1)["status"]);
        Assert.Equal("1 of 2 parameter sets succeeded", (string?)output.Envelope["message"]);
    }

    [Fact]
    public async Task Runs_a_Splunk_SOAR_test_file()
    {
        var test = RunnerHarness.TempFile("""{"action":"test connectivity","identifier":"test_connectivity","config":{"region":"us-east-1"},"parameters":[{}]}""");
        var output = await RunnerHarness.RunAsync(test, "--replay", Connectivity);
        Assert.Equal(0, output.ExitCode);
        Assert.Equal("test_connectivity", (string?)output.Envelope["identifier"]);
    }

    [Fact]
    public async Task A_test_file_as_Splunk_SOAR_writes_it_runs_with_the_platform_fields_ignored()
    {
        var test = RunnerHarness.TempFile("""
            {
              "action": "test connectivity", "identifier": "test_connectivity", "action_run_id": 311, "asset_id": "17",
              "connector_run_id": 988, "container_id": 41, "dec_key": "17", "debug_level": 3,
              "environment_variables": {}, "user_session_token": "session-of-the-platform",
              "config": {
                "region": "us-east-1", "appname": "-", "app_version": "1.0.0", "directory": "awscontainment-9e1a",
                "main_module": "awscontainment_connector.py", "ingest": {"container_label": "incident"}
              },
              "parameters": [{"context": {"artifact_id": 0, "guid": "8f4b6c1e-0d4e-4d3e-9a1b-2c3d4e5f6a7b", "parent_action_run": []}}]
            }
            """);

        var output = await RunnerHarness.RunAsync(test, "--replay", Connectivity);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("success", (string?)output.Envelope["status"]);
        Assert.Equal("{}", output.Result()["parameter"]!.ToJsonString());
    }

    [Fact]
    public async Task An_emulators_placeholder_keys_are_accepted_only_with_an_endpoint()
    {
        var emulator = RunnerHarness.TempFile("""{"region":"us-east-1","aws_access_key_id":"test","aws_secret_access_key":"test","endpoint_url":"http://127.0.0.1:4566"}""");

        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--asset", emulator, "--replay", Connectivity);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("success", (string?)output.Envelope["status"]);
    }

    [Theory]
    [InlineData("--action", "test connectivity", "--params", "/dev/zero")]
    [InlineData("--action", "test connectivity", "--timeout", "NaN")]
    [InlineData("serve", "--http", "--token-file", "/dev/null")]
    public async Task The_published_runner_answers_bad_input_with_exit_2_and_one_line(params string[] args)
    {
        var output = await RunnerHarness.RunProcessAsync(args);

        Assert.Equal(2, output.ExitCode);
        Assert.Equal("", output.Stdout);
        Assert.Single(output.Stderr.Trim().Split('\n'));
        Assert.StartsWith("runner: ", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_every_action_with_its_parameters()
    {
        var output = await RunnerHarness.RunAsync("actions");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("test connectivity (test_connectivity, test, read-only)", output.Stdout);
        Assert.Contains("--param region=…", output.Stdout); // every action takes the common region and role parameters
    }

    [Fact]
    public async Task Help_describes_the_options()
    {
        var output = await RunnerHarness.RunAsync("--help");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("--replay", output.Stdout);
        Assert.Contains("--record", output.Stdout);
        Assert.Contains("actions", output.Stdout);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var output = await RunnerHarness.RunAsync("--action", "test connectivity", "--bogus");
        Assert.Equal(2, output.ExitCode);
        Assert.StartsWith("runner: ", output.Stderr);
    }
}
