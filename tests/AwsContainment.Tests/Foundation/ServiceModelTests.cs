using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// How answers are read through AWS's models, rule by rule as botocore's parsers read them (the golden test holds
/// every recorded answer to botocore itself: <c>BotocoreGoldenTests</c/>).
/// </summary>
public sealed class ServiceModelTests
{
    [Fact]
    public void Ec2_answers_get_api_names_model_types_and_lists_and_lose_what_the_model_does_not_know()
    {
        var json = ServiceModel.For("ec2").ReadXml("DescribeInstances", """
            <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>8f7724cf-496f-496e-8fe3-a7f1d5f2a3b1</requestId>
              <reservationSet><item>
                <reservationId>r-1234567890abcdef0</reservationId>
                <groupSet/>
                <instancesSet><item>
                  <instanceId>i-1234567890abcdef0</instanceId>
                  <instanceState><code>16</code><name>running</name></instanceState>
                  <ebsOptimized>false</ebsOptimized>
                  <groupSet><item><groupId>sg-e4076980</groupId><groupName>SecurityGroup1</groupName></item></groupSet>
                  <tagSet><item><key>Quarantine</key><value>true</value></item></tagSet>
                  <notInAnyModel>kept out</notInAnyModel>
                </item></instancesSet>
              </item></reservationSet>
            </DescribeInstancesResponse>
            """);

        Assert.Equal(["Reservations"], json.Select(p => p.Key));
        var reservation = json["Reservations"]![0]!;
        Assert.Empty(reservation["Groups"]!.AsArray());
        var instance = reservation["Instances"]![0]!.AsObject();
        Assert.Equal(16L, instance["State"]!["Code"]!.GetValue<long>());
        Assert.False(instance["EbsOptimized"]!.GetValue<bool>());
        Assert.Equal("sg-e4076980", (string?)instance["SecurityGroups"]![0]!["GroupId"]);
        Assert.Equal("true", instance["Tags"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal(new[] { "EbsOptimized", "InstanceId", "SecurityGroups", "State", "Tags" }, instance.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Query_answers_are_read_from_their_result_wrapper()
    {
        var json = ServiceModel.For("iam").ReadXml("ListUsers", """
            <ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <ListUsersResult>
                <IsTruncated>true</IsTruncated><Marker>AAEC</Marker>
                <Users><member><UserName>JaneDoe</UserName><CreateDate>2026-11-20T09:14:03Z</CreateDate></member></Users>
              </ListUsersResult>
              <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
            </ListUsersResponse>
            """);

        Assert.True(json["IsTruncated"]!.GetValue<bool>());
        Assert.Equal("JaneDoe", (string?)json["Users"]![0]!["UserName"]);
        Assert.Equal("2026-11-20T09:14:03Z", (string?)json["Users"]![0]!["CreateDate"]);
        Assert.False(json.ContainsKey("ResponseMetadata"));
    }

    [Fact]
    public void Iam_policy_documents_are_decoded_as_boto3_decodes_them()
    {
        var json = ServiceModel.For("iam").ReadXml("GetUserPolicy", """
            <GetUserPolicyResponse><GetUserPolicyResult><UserName>JaneDoe</UserName><PolicyName>deny-all</PolicyName>
            <PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</PolicyDocument></GetUserPolicyResult></GetUserPolicyResponse>
            """);

        Assert.Equal("2012-10-17", (string?)json["PolicyDocument"]!["Version"]);
    }

    [Fact]
    public void Json_answers_keep_model_names_and_epoch_times_become_iso_8601()
    {
        var json = ServiceModel.For("cloudtrail").ReadJson("LookupEvents", JsonNode.Parse("""
            {"Events":[{"EventId":"f7ce263c","EventTime":1627093354.0,"ReadOnly":"false","Resources":[],"Unmodelled":1}],"NextToken":null}
            """));

        var lookedUp = json["Events"]![0]!.AsObject();
        Assert.Equal("2021-07-24T02:22:34Z", (string?)lookedUp["EventTime"]);
        Assert.Equal("false", lookedUp["ReadOnly"]!.GetValue<string>());
        Assert.Empty(lookedUp["Resources"]!.AsArray());
        Assert.False(lookedUp.ContainsKey("Unmodelled"));
        Assert.False(json.ContainsKey("NextToken"));
    }

    [Theory]
    [InlineData(1627093354.0, "2021-07-24T02:22:34Z")]
    [InlineData(1627093354.25, "2021-07-24T02:22:34.25Z")]
    public void Epoch_seconds_become_utc_iso_8601(double seconds, string iso) => Assert.Equal(iso, Timestamps.FromEpoch(seconds));

    [Fact]
    public void Text_a_number_type_cannot_hold_is_kept_rather_than_lost()
    {
        var json = ServiceModel.For("ec2").ReadXml("DescribeVolumes", """
            <DescribeVolumesResponse><volumeSet><item><volumeId>vol-049df61146c4d7901</volumeId><size>n/a</size><iops>3000</iops></item></volumeSet></DescribeVolumesResponse>
            """);

        Assert.Equal("n/a", json["Volumes"]![0]!["Size"]!.GetValue<string>());
        Assert.Equal(3000L, json["Volumes"]![0]!["Iops"]!.GetValue<long>());
    }

    [Fact]
    public void Flattened_lists_and_maps_are_read_from_their_repeated_elements()
    {
        var model = ServiceModel.Read("test", new MemoryStream(Encoding.UTF8.GetBytes("""
            {"operations":{"Get":{"output":"Out","wrapper":"GetResult"}},"shapes":{
              "Out":{"structure":{"Names":{"shape":"Names","wire":"Name","flattened":true},"Tags":{"shape":"Tags","wire":"Tag","flattened":true},"Counts":{"shape":"Counts"}}},
              "Names":{"list":"string"},
              "Tags":{"map":["string","string"],"entry":["Key","Value"]},
              "Counts":{"map":["string","integer"],"entry":["key","value"]}}}
            """)));

        var json = model.ReadXml("Get", """
            <GetResponse><GetResult><Name>a</Name><Name>b</Name><Tag><Key>k</Key><Value>v</Value></Tag>
            <Counts><entry><key>x</key><value>7</value></entry></Counts></GetResult></GetResponse>
            """);

        Assert.Equal(["a", "b"], json["Names"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("v", (string?)json["Tags"]!["k"]);
        Assert.Equal(7L, json["Counts"]!["x"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("ec2", "DescribeVolumes", "<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>8f7724cf-496f-496e-8fe3-a7f1d5f2a3b1</requestId><volumeSet/></DescribeVolumesResponse>", "8f7724cf-496f-496e-8fe3-a7f1d5f2a3b1")]
    [InlineData("iam", "ListUsers", "<ListUsersResponse><ListUsersResult><Users/></ListUsersResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></ListUsersResponse>", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")]
    public void The_request_id_is_read_beside_the_answer_where_each_protocol_puts_it(string service, string operation, string answer, string requestId)
    {
        ServiceModel.For(service).ReadXml(operation, new MemoryStream(Encoding.UTF8.GetBytes(answer)), out var read);

        Assert.Equal(requestId, read);
    }

    [Theory]
    [InlineData("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><DescribeVolumesResponse><volumeSet><item><volumeId>&b;</volumeId></item></volumeSet></DescribeVolumesResponse>")]
    [InlineData("<DescribeVolumesResponse><volumeSet><item><volumeId>vol-049df61146c4d7901</volumeId></item></volumeSet>")]
    [InlineData("<DescribeVolumesResponse/><DescribeVolumesResponse/>")]
    [InlineData("")]
    public void An_answer_with_a_dtd_or_that_is_not_one_whole_document_is_refused(string answer) =>
        Assert.ThrowsAny<XmlException>(() => ServiceModel.For("ec2").ReadXml("DescribeVolumes", new MemoryStream(Encoding.UTF8.GetBytes(answer)), out _));

    [Fact]
    public void A_model_where_two_members_read_one_element_is_refused_when_loaded()
    {
        var model = new MemoryStream(Encoding.UTF8.GetBytes("""
            {"operations":{"Get":{"output":"Out"}},"shapes":{"Out":{"structure":{"Name":{"shape":"string"},"Alias":{"shape":"string","wire":"Name"}}}}}
            """));

        var error = Assert.Throws<InvalidOperationException>(() => ServiceModel.Read("test", model));

        Assert.Contains("<Name>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_the_model_lacks_names_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServiceModel.For("ec2").ReadXml("TerminateInstances", "<TerminateInstancesResponse/>"));

        Assert.Contains("tools/models/operations.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kms", "text/html")]
    [InlineData("cloudtrail", "text/html; charset=utf-8")]
    [InlineData("iam", "application/json")]
    public async Task An_answer_is_read_by_its_service_protocol_whatever_its_content_type_says(string service, string contentType)
    {
        // Emulators label answers loosely (KMS's JSON as text/html); botocore reads by the protocol, and so does the runner.
        var recording = Recording.Load(Path.Combine(TestEnvironment.FixturesDirectory, "test_connectivity", "success.json"));
        recording.Exchanges.Single(e => e.Service == service).Headers["content-type"] = contentType;

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJson().ToJsonString()), "--compact");

        Assert.Equal(0, output.ExitCode);
        Assert.EndsWith("8 of 8 services permitted", (string?)output.Result()["message"], StringComparison.Ordinal);
    }
}
