using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Host.Results;

namespace AwsContainment.Tests.Foundation;

/// <summary>How requests are flattened, errors read and endpoints chosen (answers: <see cref="ServiceModelTests"/>).</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Ec2_lists_are_numbered_directly_and_filters_nest()
    {
        var p = new QueryParameters(AwsProtocol.Ec2)
            .AddList("InstanceId", ["i-0abc1234def567890", "i-12345678"])
            .AddFilters(("attachment.instance-id", ["i-12345678"]))
            .Add("DryRun", true)
            .Add("MaxResults", 5L)
            .Add("NextToken", (string?)null);
        Assert.Equal(
            ["InstanceId.1=i-0abc1234def567890", "InstanceId.2=i-12345678", "Filter.1.Name=attachment.instance-id", "Filter.1.Value.1=i-12345678", "DryRun=true", "MaxResults=5"],
            p.Entries.Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Query_lists_of_structures_go_through_member()
    {
        var p = new QueryParameters(AwsProtocol.Query)
            .AddList("Targets", [("arn:aws:elasticloadbalancing:us-east-1:777777777777:targetgroup/web/73e2d6bc24d8a067", 80)], (t, target) => t.Add("Id", target.Item1).Add("Port", (long)target.Item2))
            .AddList("InstanceIds", ["i-12345678"]);
        Assert.Equal(
            ["Targets.member.1.Id=arn:aws:elasticloadbalancing:us-east-1:777777777777:targetgroup/web/73e2d6bc24d8a067", "Targets.member.1.Port=80", "InstanceIds.member.1=i-12345678"],
            p.Entries.Select(e => $"{e.Key}={e.Value}"));
    }

    [Theory]
    [InlineData("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>",
        "InvalidInstanceID.NotFound", "ea966190-f9aa-478e-9ede-example", "InvalidInstanceID.NotFound: The instance ID 'i-1a2b3c4d' does not exist (request id ea966190-f9aa-478e-9ede-example)")]
    [InlineData("<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name JaneDoe cannot be found.</Message></Error><RequestId>4c6a6a8c-1b3b-11e6-9bd4-example</RequestId></ErrorResponse>",
        "NoSuchEntity", "4c6a6a8c-1b3b-11e6-9bd4-example", "NoSuchEntity: The user with name JaneDoe cannot be found (request id 4c6a6a8c-1b3b-11e6-9bd4-example)")]
    [InlineData("{\"__type\":\"com.amazonaws.cloudtrail.v20131101#InvalidLookupAttributesException\",\"message\":\"Lookup attribute is invalid\"}",
        "InvalidLookupAttributesException", "hdr-request-id", "InvalidLookupAttributesException: Lookup attribute is invalid (request id hdr-request-id)")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "BadGateway", "hdr-request-id", "BadGateway: AWS answered HTTP 502 without a readable error (request id hdr-request-id)")]
    public void Errors_of_every_protocol_yield_code_message_and_request_id(string body, string code, string requestId, string sentence)
    {
        var status = body.StartsWith("<html", StringComparison.Ordinal) ? HttpStatusCode.BadGateway : HttpStatusCode.BadRequest;
        var error = AwsErrors.FromErrorBody(Encoding.UTF8.GetBytes(body), new Dictionary<string, string> { ["x-amzn-requestid"] = "hdr-request-id" }, null, status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(requestId, error.RequestId);
        Assert.Equal(sentence, AwsErrors.Describe(error));
    }

    [Theory]
    [InlineData("us-east-1", "ec2", "https://ec2.us-east-1.amazonaws.com/", "us-east-1")]
    [InlineData("eu-west-1", "iam", "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("cn-northwest-1", "ec2", "https://ec2.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1")]
    [InlineData("cn-northwest-1", "iam", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("us-gov-east-1", "iam", "https://iam.us-gov-west-1.amazonaws.com/", "us-gov-west-1")]
    [InlineData("ap-southeast-2", "elbv2", "https://elasticloadbalancing.ap-southeast-2.amazonaws.com/", "ap-southeast-2")]
    public void Services_reach_their_regional_or_global_endpoint(string region, string service, string endpoint, string signingRegion)
    {
        var descriptor = new[] { AwsService.Ec2, AwsService.Iam, AwsService.ElbV2 }.Single(s => s.Name == service);
        Assert.Equal(endpoint, descriptor.DefaultEndpoint(region).ToString());
        Assert.Equal(signingRegion, descriptor.SigningRegion(region));
    }

    [Fact]
    public void Data_paths_resolve_in_every_result_and_through_lists()
    {
        var envelope = JsonNode.Parse("""
            {"summary":{"total_objects":2},"action_results":[
              {"data":[{"ResponseMetadata":{"HTTPStatusCode":200}},{"ResponseMetadata":{"HTTPStatusCode":200}}]},
              {"data":[]}]}
            """)!.AsObject();
        Assert.Equal(2, DataPath.Resolve(envelope, "action_result.data.*.ResponseMetadata.HTTPStatusCode").Count);
        Assert.Equal(2, (int)DataPath.Resolve(envelope, "summary.total_objects").Single()!);
        Assert.Empty(DataPath.Resolve(envelope, "action_result.data.*.SnapshotId"));
    }
}
