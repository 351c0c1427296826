using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// A journal is a file or a parameter, which someone other than contain instance may have written. Revert acts
/// only on an instance tagged by containment of the journal's case with this very journal's digest, and puts back
/// only an instance profile containment took away; contain keeps a journal found at its journal_path only when the
/// instance names it. Each forgery below changes nothing.
/// </summary>
public sealed class ForgedJournalTests
{
    private const string Contained = "i-0a1b2c3d4e5f60718";
    private const string NeverContained = "i-0d9e8f7a6b5c4d3e2";
    private const string WebRole = "arn:aws:iam::123456789012:instance-profile/web-role";
    private const string AdminProfile = "arn:aws:iam::123456789012:instance-profile/AdminProfile";

    [Fact]
    public async Task A_journal_naming_an_instance_the_case_never_contained_changes_nothing()
    {
        var recording = CaptureOnly();
        foreach (var exchange in ContainmentFixtures.Exchanges(recording))
        {
            var form = exchange["request"]!["form"]!.AsObject();
            foreach (var (key, value) in form.ToList())
            {
                form[key] = ((string)value!).Replace(Contained, NeverContained, StringComparison.Ordinal);
            }
            var body = ((string)exchange["response"]!["body"]!).Replace(Contained, NeverContained, StringComparison.Ordinal);
            exchange["response"]!["body"] = WithoutProfile(Regex.Replace(body, @"\s*<item>\s*<key>quarantine[a-z_]*</key>\s*<value>[^<]*</value>\s*</item>", ""));
        }
        var forged = ContainmentFixtures.Journal(journal =>
        {
            journal["instance_id"] = NeverContained;
            journal["state"]!["instance"]!["InstanceId"] = NeverContained;
            journal["remove_instance_profile"] = true;
            journal["state"]!["instance_profile_arn"] = AdminProfile;
        });

        var output = await ContainmentFixtures.RevertAsync(recording, forged);

        Assert.Equal(1, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.Equal($"{NeverContained} has no quarantine tag, so containment of case IR-2026-0042 did not begin on it from this journal; nothing was changed", (string?)output.Result()["message"]);
    }

    [Fact]
    public async Task A_journal_changed_since_containment_changes_nothing()
    {
        var changed = ContainmentFixtures.Journal(journal =>
        {
            journal["remove_instance_profile"] = true;
            journal["state"]!["instance_profile_arn"] = AdminProfile;
        });

        var output = await ContainmentFixtures.RevertAsync(CaptureOnly(), changed);

        Assert.Equal(1, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.Equal($"{Contained} was contained for case IR-2026-0042 from another journal than this one (its quarantine_journal tag names another digest): revert with the journal containment began from, at its journal_path or in its first run's result data; nothing was changed", (string?)output.Result()["message"]);
    }

    [Fact]
    public async Task A_journal_planted_at_journal_path_before_containment_is_not_kept_and_revert_refuses_it()
    {
        var journalPath = ContainmentFixtures.NewJournalPath();
        var planted = ContainmentFixtures.Journal(journal =>
        {
            journal["remove_instance_profile"] = true;
            journal["state"]!["instance_profile_arn"] = AdminProfile;
        }).ToJsonString();
        File.WriteAllText(journalPath, planted);

        var contain = await ContainmentFixtures.ReplayAsync(ContainmentFixtures.Contain, $"journal_path={journalPath}");

        var save = ContainmentFixtures.Step(contain, "save_journal");
        Assert.Equal("failed", (string?)save["status"]);
        Assert.Equal($"{journalPath} holds a journal of {Contained} for case IR-2026-0042 that was not used because the instance's quarantine_journal tag does not name it, so no containment of this case began from it; it was left as it is and this run's journal is only in the result data", (string?)save["message"]);
        Assert.Equal(planted, File.ReadAllText(journalPath));
        Assert.Equal(WebRole, (string?)contain.Result()["data"]![0]!["Journal"]!["state"]!["instance_profile_arn"]);
        Assert.Equal("done", (string?)ContainmentFixtures.Step(contain, "tag_instance")["status"]);

        var revert = await ContainmentFixtures.ReplayAsync(ContainmentFixtures.Revert, $"journal_path={journalPath}", "journal=");

        Assert.Equal(1, revert.ExitCode);
        Assert.False(revert.CalledAws, revert.Stderr);
        Assert.StartsWith($"{Contained} was contained for case IR-2026-0042 from another journal than this one", (string?)revert.Result()["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null, "containment did not remove instance profile " + WebRole + ", so it was not associated again: the instance has none, changed since containment")]
    [InlineData(true, AdminProfile, "instance profile " + AdminProfile + " was associated since containment removed " + WebRole + ", so " + WebRole + " was not put back over it")]
    public async Task Only_a_profile_containment_removed_is_put_back_and_only_on_an_instance_without_one(bool removedByContainment, string? profileNow, string refusal)
    {
        var journal = ContainmentFixtures.Journal(j => j["remove_instance_profile"] = removedByContainment);
        var recording = WithProfile(ContainmentFixtures.Bound(ContainmentFixtures.Load(ContainmentFixtures.Revert), journal), profileNow);

        var output = await ContainmentFixtures.RevertAsync(recording, journal);

        Assert.Equal(1, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        var step = ContainmentFixtures.Step(output, "restore_instance_profile");
        Assert.Equal("failed", (string?)step["status"]);
        Assert.Equal(refusal, (string?)step["message"]);
    }

    [Fact]
    public async Task The_profile_containment_removed_is_associated_again()
    {
        var journal = ContainmentFixtures.Journal(j => j["remove_instance_profile"] = true);
        var recording = WithProfile(ContainmentFixtures.Bound(ContainmentFixtures.Load(ContainmentFixtures.Revert), journal), null);
        recording["exchanges"]!.AsArray().Add(new JsonObject
        {
            ["service"] = "ec2",
            ["request"] = new JsonObject
            {
                ["method"] = "POST",
                ["path"] = "/",
                ["form"] = new JsonObject { ["Action"] = "AssociateIamInstanceProfile", ["IamInstanceProfile.Arn"] = WebRole, ["InstanceId"] = Contained },
            },
            ["response"] = new JsonObject
            {
                ["status"] = 200,
                ["headers"] = new JsonObject { ["content-type"] = "text/xml;charset=UTF-8", ["date"] = "Tue, 24 Nov 2026 03:12:46 GMT" },
                ["body"] = "<AssociateIamInstanceProfileResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>4f3c1a2b-5d6e-4f70-8a9b-0c1d2e3f4a5b</requestId>"
                    + $"<iamInstanceProfileAssociation><associationId>iip-assoc-0e7736511a163c209</associationId><instanceId>{Contained}</instanceId>"
                    + $"<iamInstanceProfile><arn>{WebRole}</arn><id>AIPAJQABLZS4A3QDU576Q</id></iamInstanceProfile><state>associating</state></iamInstanceProfileAssociation></AssociateIamInstanceProfileResponse>",
            },
        });

        var output = await ContainmentFixtures.RevertAsync(recording, journal);

        Assert.Equal(0, output.ExitCode);
        Assert.False(output.CalledAws, output.Stderr);
        Assert.DoesNotContain("never requested", output.Stderr, StringComparison.Ordinal);
        Assert.Equal($"instance profile none → {WebRole}", (string?)ContainmentFixtures.Step(output, "restore_instance_profile")["message"]);
    }

    /// <summary>The revert recording's reads of the current state, without the calls that restore it.</summary>
    private static JsonObject CaptureOnly()
    {
        var recording = ContainmentFixtures.Load(ContainmentFixtures.Revert);
        var exchanges = recording["exchanges"]!.AsArray();
        foreach (var change in ContainmentFixtures.Exchanges(recording).Where(e => (string?)e["request"]!["form"]!["Action"] is not ("DescribeInstances" or "DescribeInstanceAttribute" or "DescribeAutoScalingInstances")).ToList())
        {
            exchanges.Remove(change);
        }
        return recording;
    }

    /// <summary>The recording with the instance described with <paramref name="profile"/> instead of web-role, or with none.</summary>
    private static JsonObject WithProfile(JsonObject recording, string? profile)
    {
        var describe = ContainmentFixtures.Exchange(recording, "DescribeInstances");
        var body = (string)describe["response"]!["body"]!;
        describe["response"]!["body"] = profile is null ? WithoutProfile(body) : body.Replace(WebRole, profile, StringComparison.Ordinal);
        return recording;
    }

    private static string WithoutProfile(string describeBody) => Regex.Replace(describeBody, @"\s*<iamInstanceProfile>.*?</iamInstanceProfile>", "", RegexOptions.Singleline);
}
