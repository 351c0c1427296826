using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.CloudTrail;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.S3;
using AwsContainment.Connector.Soar;
using Moq;

namespace AwsContainment.Tests.Credentials;

/// <summary>The decisions behind the credential actions that recordings alone do not pin down.</summary>
public sealed class CredentialLogicTests
{
    private const string Role = "arn:aws:iam::777777777777:role/SecurityBreakGlassRole";

    [Fact]
    public void Activity_is_tallied_most_frequent_first_with_ties_in_time_order()
    {
        var tables = ActivitySummary.Summarise(
        [
            Event("e3", "2021-07-24T02:22:50Z", "ListSecrets", readOnly: true, ip: "198.51.100.77"),
            Event("e2", "2021-07-24T02:22:45Z", "GetCallerIdentity", readOnly: true, ip: "198.51.100.77"),
            Event("e1", "2021-07-24T02:22:40Z", "CreateUser", readOnly: false, ip: "203.0.113.9", errorCode: "AccessDenied"),
            Event("e4", "2021-07-24T02:22:55Z", "GetCallerIdentity", readOnly: true, ip: "198.51.100.77"),
        ]);

        Assert.Equal(4, tables.EventCount);
        Assert.Equal(["GetCallerIdentity", "CreateUser", "ListSecrets"], tables.ApiCalls.Select(c => (string)c!["EventName"]!));
        Assert.Equal([2, 1, 1], tables.ApiCalls.Select(c => (int)c!["Count"]!));
        Assert.Equal("AccessDenied", (string?)tables.ApiCalls[1]!["ErrorCode"]);
        Assert.Equal(["198.51.100.77", "203.0.113.9"], tables.SourceAddresses.Select(s => (string)s!["SourceIPAddress"]!));
        Assert.Equal([3, 1], tables.SourceAddresses.Select(s => (int)s!["Count"]!));
        var write = Assert.Single(tables.WriteEvents);
        Assert.Equal("CreateUser", (string?)write!["EventName"]);
        Assert.Equal("Jane", (string?)write["RequestParameters"]!["userName"]);
    }

    [Fact]
    public void An_event_record_without_readOnly_or_eventTime_falls_back_to_the_lookup_fields()
    {
        var lookedUp = new JsonObject
        {
            ["EventId"] = "e9",
            ["EventName"] = "PutBucketPolicy",
            ["ReadOnly"] = "false",
            ["EventTime"] = "2021-07-24T02:22:56Z", // LookupEvents' epoch seconds as the CloudTrail model reads them
            ["EventSource"] = "s3.amazonaws.com",
            ["CloudTrailEvent"] = """{"eventName":"PutBucketPolicy","sourceIPAddress":"198.51.100.77"}""",
        };

        var tables = ActivitySummary.Summarise([lookedUp]);

        var write = Assert.Single(tables.WriteEvents);
        Assert.Equal("2021-07-24T02:22:56Z", (string?)write!["EventTime"]);
        Assert.Equal("s3.amazonaws.com", (string?)write["EventSource"]);
        Assert.False((bool)tables.ApiCalls[0]!["ReadOnly"]!);
    }

    [Fact]
    public void Containment_keeps_the_bucket_own_statements_and_replaces_an_earlier_containment()
    {
        var own = new JsonObject { ["Sid"] = "AllowCloudFrontRead", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "cloudfront.amazonaws.com" } };
        var earlier = BucketContainment.Statement("aws", "DOC-EXAMPLE-BUCKET", "arn:aws:iam::777777777777:role/Old");
        var policy = new JsonObject { ["Version"] = "2012-10-17", ["Id"] = "Kept", ["Statement"] = new JsonArray(own.DeepClone(), earlier) };
        var statement = BucketContainment.Statement("aws", "DOC-EXAMPLE-BUCKET", Role);

        var merged = BucketContainment.Merge(policy, statement);

        Assert.Equal("Kept", (string?)merged["Id"]);
        var statements = merged["Statement"]!.AsArray();
        Assert.Equal(2, statements.Count);
        Assert.True(JsonNode.DeepEquals(own, statements[0]));
        Assert.True(JsonNode.DeepEquals(statement, statements[1]));
        Assert.True(BucketContainment.Holds(merged, statement));
        Assert.False(BucketContainment.Holds(policy, statement));
        Assert.Equal(1, BucketContainment.OtherStatements(merged));
    }

    [Fact]
    public void A_policy_with_a_single_statement_object_or_none_at_all_is_merged_too()
    {
        var single = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonObject { ["Sid"] = "Only", ["Effect"] = "Allow" } };
        var statement = BucketContainment.Statement("aws-us-gov", "evidence", Role);

        Assert.Equal(2, BucketContainment.Merge(single, statement)["Statement"]!.AsArray().Count);
        var fresh = BucketContainment.Merge(null, statement);
        Assert.Equal("2012-10-17", (string?)fresh["Version"]);
        Assert.False(fresh.ContainsKey("Id"));
        Assert.Equal("arn:aws-us-gov:s3:::evidence/*", (string?)fresh["Statement"]![0]!["Resource"]![1]);
    }

    [Fact]
    public async Task Read_back_stops_at_the_first_read_that_shows_the_change()
    {
        var reads = new Queue<string>(["Active", "Inactive", "Inactive"]);

        var outcome = await new ReadBack(4, TimeSpan.Zero).UntilAsync(() => Task.FromResult(reads.Dequeue()), s => s == "Inactive", CancellationToken.None);

        Assert.True(outcome.Confirmed);
        Assert.Equal(2, outcome.Reads);
        Assert.Single(reads);
    }

    [Fact]
    public async Task Read_back_gives_up_after_its_reads_and_says_so()
    {
        var count = 0;

        var outcome = await new ReadBack(3, TimeSpan.Zero).UntilAsync(() => Task.FromResult(++count), _ => false, CancellationToken.None);

        Assert.False(outcome.Confirmed);
        Assert.Equal(3, outcome.Reads);
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task The_containment_policy_made_first_by_a_parallel_run_is_reused()
    {
        var iam = new Mock<IIamClient>(MockBehavior.Strict);
        iam.Setup(c => c.GetPolicyAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(AwsError("NoSuchEntity", HttpStatusCode.NotFound));
        iam.Setup(c => c.CreatePolicyAsync(ContainmentPolicy.Name, ContainmentPolicy.Document, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(AwsError("EntityAlreadyExists", HttpStatusCode.Conflict));

        var created = await ContainmentPolicy.EnsureAsync(iam.Object, "arn:aws:iam::777777777777:policy/iam-containment-policy", CancellationToken.None);

        Assert.False(created);
        iam.VerifyAll();
    }

    [Fact]
    public async Task A_policy_name_held_by_two_policies_is_refused_with_both_ARNs()
    {
        var iam = new Mock<IIamClient>(MockBehavior.Strict);
        iam.Setup(c => c.ListPoliciesAsync(PolicyScope.All, false, int.MaxValue, It.IsAny<CancellationToken>())).ReturnsAsync(new IamListing(
        [
            new JsonObject { ["PolicyName"] = "ReadOnlyAccess", ["Arn"] = "arn:aws:iam::aws:policy/ReadOnlyAccess" },
            new JsonObject { ["PolicyName"] = "AdministratorAccess", ["Arn"] = "arn:aws:iam::aws:policy/AdministratorAccess" },
            new JsonObject { ["PolicyName"] = "AdministratorAccess", ["Arn"] = "arn:aws:iam::777777777777:policy/AdministratorAccess" },
        ], HasMore: false));

        var refusal = await Assert.ThrowsAsync<ActionFailedException>(() => UserPolicies.ArnAsync(iam.Object, "AdministratorAccess", CancellationToken.None));

        Assert.Equal("Policy name AdministratorAccess is ambiguous (arn:aws:iam::aws:policy/AdministratorAccess, arn:aws:iam::777777777777:policy/AdministratorAccess); give the policy ARN instead", refusal.Message);
    }

    [Fact]
    public async Task Sessions_are_revoked_as_of_the_local_clock_when_AWS_sends_no_date()
    {
        var iam = new Mock<IIamClient>();
        iam.Setup(c => c.GetUserAsync("JaneDoe", It.IsAny<CancellationToken>())).ReturnsAsync(new JsonObject { ["User"] = new JsonObject() });
        string? written = null;
        iam.Setup(c => c.PutUserPolicyAsync("JaneDoe", SessionRevocation.PolicyName, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, string, CancellationToken>((_, _, document, _) => written = document)
            .ReturnsAsync(new AwsResponseMetadata("put", HttpStatusCode.OK, new Dictionary<string, string>(), 0));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var revocation = await SessionRevocation.RevokeAsync(iam.Object, "JaneDoe", CancellationToken.None);

        var cutoff = DateTimeOffset.Parse((string)revocation["RevokedBefore"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(cutoff, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Contains($"\"aws:TokenIssueTime\":\"{revocation["RevokedBefore"]}\"", written, StringComparison.Ordinal);
    }

    private static JsonObject Event(string id, string time, string name, bool readOnly, string ip, string? errorCode = null)
    {
        var record = new JsonObject
        {
            ["eventID"] = id,
            ["eventTime"] = time,
            ["eventSource"] = "iam.amazonaws.com",
            ["eventName"] = name,
            ["awsRegion"] = "us-east-1",
            ["readOnly"] = readOnly,
            ["sourceIPAddress"] = ip,
            ["userAgent"] = "aws-cli/2.2.1",
            ["errorCode"] = errorCode,
            ["userIdentity"] = new JsonObject { ["arn"] = "arn:aws:iam::777777777777:user/JorgeSouza", ["accessKeyId"] = "AKIAIOSFODNN7EXAMPLE" },
            ["requestParameters"] = readOnly ? null : new JsonObject { ["userName"] = "Jane" },
        };
        return new JsonObject { ["EventId"] = id, ["EventName"] = name, ["CloudTrailEvent"] = record.ToJsonString() };
    }

    private static AmazonServiceException AwsError(string code, HttpStatusCode status) =>
        new($"{code} for the test", ErrorType.Sender, code, "test-request", status);
}
