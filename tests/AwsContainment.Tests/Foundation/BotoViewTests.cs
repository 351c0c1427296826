using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// The ways AWS answers once came out unlike boto3's view of them, each replayed through the real
/// runner from a recording whose answer carries fields current AWS sends: types, names and values as boto3 shows them.
/// </summary>
public sealed class BotoViewTests
{
    private const string NewInstanceFields = """
        <privateDnsNameOptions><hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord><enableResourceNameDnsAAAARecord>true</enableResourceNameDnsAAAARecord></privateDnsNameOptions>
        <stateReason><code>4242</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>
        <secondaryInterfaceSet><item><secondaryInterfaceId>si-0a1b2c3d4e5f60718</secondaryInterfaceId><privateIpAddressSet><item><privateIpAddress>10.0.9.4</privateIpAddress></item></privateIpAddressSet></item></secondaryInterfaceSet>
        """;

    private const string NewInterfaceFields = """
        <ipv4PrefixSet><item><ipv4Prefix>10.0.1.176/28</ipv4Prefix></item></ipv4PrefixSet>
        <ipv6PrefixSet/>
        <connectionTrackingConfiguration><tcpEstablishedTimeout>432000</tcpEstablishedTimeout><udpStreamTimeout>180</udpStreamTimeout><udpTimeout>30</udpTimeout></connectionTrackingConfiguration>
        """;

    [Fact]
    public async Task Instance_fields_the_old_tables_did_not_know_get_their_model_types_and_names()
    {
        var instance = (await DescribeInstanceAsync())["Reservations"]![0]!["Instances"]![0]!;

        Assert.False(instance["PrivateDnsNameOptions"]!["EnableResourceNameDnsARecord"]!.GetValue<bool>());
        Assert.True(instance["PrivateDnsNameOptions"]!["EnableResourceNameDnsAAAARecord"]!.GetValue<bool>());
        Assert.Equal(3, (long)instance["Placement"]!["PartitionNumber"]!);
        var attachment = instance["NetworkInterfaces"]![0]!["Attachment"]!;
        Assert.Equal(4, (long)attachment["EnaQueueCount"]!);
        Assert.Equal(1, (long)instance["BlockDeviceMappings"]![0]!["Ebs"]!["EbsCardIndex"]!);
        Assert.Equal(432000, (long)instance["NetworkInterfaces"]![0]!["ConnectionTrackingConfiguration"]!["TcpEstablishedTimeout"]!);
    }

    [Fact]
    public async Task Instance_members_keep_the_model_s_names_and_lists()
    {
        var instance = (await DescribeInstanceAsync())["Reservations"]![0]!["Instances"]![0]!.AsObject();
        var networkInterface = instance["NetworkInterfaces"]![0]!.AsObject();

        Assert.Equal("10.0.1.176/28", (string?)networkInterface["Ipv4Prefixes"]![0]!["Ipv4Prefix"]);
        Assert.Empty(networkInterface["Ipv6Prefixes"]!.AsArray());
        Assert.False(networkInterface.ContainsKey("Ipv4Prefixs"));
        Assert.Equal("10.0.9.4", (string?)instance["SecondaryInterfaces"]![0]!["PrivateIpAddresses"]![0]!["PrivateIpAddress"]);
    }

    [Fact]
    public async Task A_numeric_looking_string_stays_a_string()
    {
        var instance = (await DescribeInstanceAsync())["Reservations"]![0]!["Instances"]![0]!;

        Assert.Equal("4242", instance["StateReason"]!["Code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Snapshot_fields_keep_the_model_s_names_and_types()
    {
        var recording = Fixture("snapshot_volumes/success.json");
        EditBody(recording, "CreateSnapshot", body => body.Replace("</volumeSize>", "</volumeSize><statusMessage>throttled copy</statusMessage><completionDurationMinutes>12</completionDurationMinutes><fullSnapshotSizeInBytes>8589934592</fullSnapshotSizeInBytes>", StringComparison.Ordinal));
        var snapshot = (await RunAsync(recording)).Result()["data"]![0]!.AsObject();

        Assert.Equal("throttled copy", (string?)snapshot["StateMessage"]);
        Assert.False(snapshot.ContainsKey("StatusMessage"));
        Assert.Equal(12, (long)snapshot["CompletionDurationMinutes"]!);
        Assert.Equal(8589934592, (long)snapshot["FullSnapshotSizeInBytes"]!);
    }

    [Fact]
    public async Task Header_values_are_exactly_as_AWS_sent_them()
    {
        var headers = await HeadersAsync();

        Assert.Equal("text/xml;charset=UTF-8", (string?)headers["content-type"]);
    }

    [Fact]
    public async Task Replay_adds_no_header_the_recording_lacks()
    {
        var headers = await HeadersAsync();

        Assert.Equal("chunked", (string?)headers["transfer-encoding"]);
        Assert.False(headers.ContainsKey("content-length"), headers.ToJsonString());
    }

    [Fact]
    public async Task Termination_protection_reads_as_AWS_s_attribute_value()
    {
        var item = (await RunAsync(Fixture("disable_instance_termination/success.json"))).Result()["data"]![0]!;

        Assert.True((bool)item["DisableApiTermination"]!["Value"]!);
        Assert.False((bool)item["PreviousValue"]!);
    }

    [Fact]
    public async Task An_interface_s_groups_are_group_objects()
    {
        var item = (await RunAsync(Fixture("add_security_group/success.json"))).Result()["data"]![0]!;

        Assert.Equal("sg-0c2a6e8f4b1d3a5c7", (string?)item["Groups"]![0]!["GroupId"]);
        Assert.Equal("quarantine", (string?)item["Groups"]![0]!["GroupName"]);
    }

    [Fact]
    public async Task A_bucket_policy_is_the_JSON_string_S3_holds_and_S3_metadata_has_its_host_id()
    {
        var recording = Fixture("contain_bucket/existing_policy.json");
        var sent = (string)recording["exchanges"]![0]!["response"]!["body"]!;
        var item = (await RunAsync(recording)).Result()["data"]![0]!;

        Assert.Equal(sent, item["PreviousPolicy"]!.GetValue<string>());
        Assert.Contains("BucketPolicyForContainment", item["Policy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("27c4edd62e505485a97eb822ae578d14/EXAMPLE+host+id=", (string?)item["ResponseMetadata"]!["HostId"]);
    }

    private static async Task<JsonObject> HeadersAsync() =>
        (await RunAsync(Fixture("disable_instance_termination/success.json"))).Result()["data"]![0]!["ResponseMetadata"]!["HTTPHeaders"]!.AsObject();

    private static async Task<JsonObject> DescribeInstanceAsync()
    {
        var recording = Fixture("describe_instance/success.json");
        EditBody(recording, "DescribeInstances", body => body
            .Replace("<instanceId>i-0598c7d356eba48d7</instanceId>", "<instanceId>i-0598c7d356eba48d7</instanceId>" + NewInstanceFields, StringComparison.Ordinal)
            .Replace("<deleteOnTermination>true</deleteOnTermination>\n                            </ebs>", "<deleteOnTermination>true</deleteOnTermination><ebsCardIndex>1</ebsCardIndex></ebs>", StringComparison.Ordinal)
            .Replace("<tenancy>default</tenancy>", "<tenancy>default</tenancy><partitionNumber>3</partitionNumber>", StringComparison.Ordinal)
            .Replace("<networkCardIndex>0</networkCardIndex>", "<networkCardIndex>0</networkCardIndex><enaQueueCount>4</enaQueueCount>", StringComparison.Ordinal)
            .Replace("<interfaceType>interface</interfaceType>", "<interfaceType>interface</interfaceType>" + NewInterfaceFields, StringComparison.Ordinal));
        var output = await RunAsync(recording);
        return output.Result()["data"]![0]!.AsObject();
    }

    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.FixturesDirectory, name)))!.AsObject();

    private static void EditBody(JsonObject recording, string action, Func<string, string> edit)
    {
        foreach (var response in recording["exchanges"]!.AsArray().Where(e => (string?)e!["request"]!["form"]?["Action"] == action).Select(e => e!["response"]!))
        {
            var edited = edit((string)response["body"]!);
            Assert.NotEqual((string)response["body"]!, edited);
            response["body"] = edited;
        }
    }

    private static async Task<RunnerOutput> RunAsync(JsonObject recording)
    {
        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact");
        Assert.True(output.ExitCode == 0, output.Stdout + output.Stderr);
        return output;
    }
}
