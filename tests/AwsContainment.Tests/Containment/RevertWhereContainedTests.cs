using System.Text.Json.Nodes;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Revert acts where containment did: in the journal's region and through the role contain recorded, without the
/// responder naming them again; a region, role or external id parameter that says otherwise is refused.
/// </summary>
public sealed class RevertWhereContainedTests
{
    private const string ResponseRole = "arn:aws:iam::123456789012:role/SecurityResponseRole";
    private const string ExternalId = "IR-responder-7f3a";
    private const string AssumedKey = "ASIAQNZGKIQY56JQ7WML";

    [Fact]
    public async Task A_containment_made_in_another_region_is_reverted_there_without_naming_it()
    {
        var journal = ContainmentFixtures.Journal(j => j["region"] = "eu-west-1");
        var recording = ContainmentFixtures.Bound(ContainmentFixtures.Load(ContainmentFixtures.Revert), journal);
        foreach (var exchange in ContainmentFixtures.Exchanges(recording))
        {
            exchange["request"]!["signing_region"] = "eu-west-1";
        }

        var output = await ContainmentFixtures.RevertAsync(recording, journal);

        Assert.True(output.ExitCode == 0, output.Stdout + output.Stderr);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("region=us-east-1", "Parameter region is us-east-1, but the journal says the containment of i-0a1b2c3d4e5f60718 was made with region eu-west-1, and it is reverted as it was made: leave region out; nothing was sent to AWS")]
    [InlineData("role_arn=arn:aws:iam::123456789012:role/OtherRole", "Parameter role_arn is arn:aws:iam::123456789012:role/OtherRole, but the journal says the containment of i-0a1b2c3d4e5f60718 was made with role_arn " + ResponseRole + ", and it is reverted as it was made: leave role_arn out; nothing was sent to AWS")]
    public async Task A_parameter_that_contradicts_where_the_journal_says_containment_was_made_is_refused_before_any_call(string parameter, string refusal)
    {
        var journal = ContainmentFixtures.Journal(j =>
        {
            j["region"] = "eu-west-1";
            j["role_arn"] = ResponseRole;
        });

        var message = await RunnerHarness.RefusedMessageAsync("revert containment", "journal=" + journal.ToJsonString(), parameter);

        Assert.Equal(refusal, message);
    }

    [Fact]
    public async Task Contain_records_the_role_it_acted_through()
    {
        var recording = ContainmentFixtures.Load(ContainmentFixtures.Contain);
        ThroughResponseRole(recording);
        var journal = ContainmentFixtures.Journal(j =>
        {
            j["role_arn"] = ResponseRole;
            j["external_id"] = ExternalId;
        });
        ContainmentFixtures.Exchange(recording, "CreateTags")["request"]!["form"]!["Tag.3.Value"] = ContainmentFixtures.Digest(journal);
        recording.Remove("expected");

        var output = await RunnerHarness.RunAsync("--replay", RunnerHarness.TempFile(recording.ToJsonString()), "--compact", "--param", $"role_arn={ResponseRole}", "--param", $"external_id={ExternalId}");

        Assert.True(output.ExitCode == 0, output.Stdout + output.Stderr);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.True(JsonNode.DeepEquals(journal, output.Result()["data"]![0]!["Journal"]), "the journal does not record the role containment acted through");
    }

    [Fact]
    public async Task Revert_acts_through_the_role_containment_recorded_without_naming_it()
    {
        var journal = ContainmentFixtures.Journal(j =>
        {
            j["role_arn"] = ResponseRole;
            j["external_id"] = ExternalId;
        });
        var recording = ContainmentFixtures.Bound(ContainmentFixtures.Load(ContainmentFixtures.Revert), journal);
        ThroughResponseRole(recording);

        var output = await ContainmentFixtures.RevertAsync(recording, journal);

        Assert.True(output.ExitCode == 0, output.Stdout + output.Stderr);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Makes every recorded call signed with the response role's credentials, which the recording first hands out.</summary>
    private static void ThroughResponseRole(JsonObject recording)
    {
        foreach (var exchange in ContainmentFixtures.Exchanges(recording))
        {
            exchange["request"]!["signed_with"] = AssumedKey;
        }
        recording["exchanges"]!.AsArray().Insert(0, new JsonObject
        {
            ["service"] = "sts",
            ["request"] = new JsonObject
            {
                ["method"] = "POST",
                ["path"] = "/",
                ["form"] = new JsonObject { ["Action"] = "AssumeRole", ["RoleArn"] = ResponseRole, ["RoleSessionName"] = "aws-containment", ["ExternalId"] = ExternalId },
            },
            ["response"] = new JsonObject
            {
                ["status"] = 200,
                ["headers"] = new JsonObject { ["content-type"] = "text/xml", ["date"] = "Tue, 24 Nov 2026 03:12:44 GMT" },
                ["body"] = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><AssumedRoleUser>"
                    + "<AssumedRoleId>AROAL24YKPC52COYW7BKE:aws-containment</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/SecurityResponseRole/aws-containment</Arn></AssumedRoleUser>"
                    + $"<Credentials><AccessKeyId>{AssumedKey}</AccessKeyId><SecretAccessKey>REDACTED</SecretAccessKey><SessionToken>REDACTED</SessionToken><Expiration>2099-12-31T23:59:59Z</Expiration></Credentials>"
                    + "</AssumeRoleResult><ResponseMetadata><RequestId>d74fd32c-7499-4605-b399-b37f5a9c000e</RequestId></ResponseMetadata></AssumeRoleResponse>",
            },
        });
    }
}
