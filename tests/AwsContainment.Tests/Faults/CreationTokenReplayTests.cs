using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Tests.Faults;

/// <summary>
/// A creation token (or EC2's ClientToken) is new on every run, so a replay matches it to the recorded one; but a
/// look-up after a fault must name the token its create was sent with, or it would find someone else's snapshot,
/// and a retried CreateVolume must repeat its ClientToken, or EC2 would make a second volume.
/// </summary>
public sealed class CreationTokenReplayTests
{
    private const string Recorded = "3f9a0c2e7b1d4e6f8a5c9b0d2e4f6a81";

    private static Exchange Create(string token) => new()
    {
        Service = "ec2",
        Form = new()
        {
            ["Action"] = "CreateSnapshot", ["VolumeId"] = "vol-0a1b2c3d4e5f60718", ["TagSpecification.1.ResourceType"] = "snapshot",
            ["TagSpecification.1.Tag.1.Key"] = CreationToken.TagKey, ["TagSpecification.1.Tag.1.Value"] = token,
        },
    };

    private static Exchange Lookup(string token) => new()
    {
        Service = "ec2",
        Form = new() { ["Action"] = "DescribeSnapshots", ["Owner.1"] = "self", ["Filter.1.Name"] = "tag:" + CreationToken.TagKey, ["Filter.1.Value.1"] = token },
    };

    private static Exchange CreateVolume(string clientToken) => new()
    {
        Service = "ec2",
        Form = new() { ["Action"] = "CreateVolume", ["SnapshotId"] = "snap-0f2a3b4c5d6e7f809", ["AvailabilityZone"] = "us-east-1a", ["ClientToken"] = clientToken },
    };

    /// <summary>A create and the look-up that must name its token; a ClientToken's create and its retry, which must repeat it.</summary>
    public static TheoryData<string> Pairs() => ["look-up", "retry"];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_runs_token_stands_for_the_recorded_one_and_what_follows_must_name_the_same(string pair)
    {
        Func<string, Exchange> first = pair == "look-up" ? Create : CreateVolume;
        Func<string, Exchange> then = pair == "look-up" ? Lookup : CreateVolume;
        var book = new ReplayBook([first(Recorded), then(Recorded)]);

        Assert.NotNull(book.Take(first("0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e")));
        Assert.Null(book.Take(then("ffffffffffffffffffffffffffffffff")));
        Assert.NotNull(book.Take(then("0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e")));
    }

    [Fact]
    public void Only_the_token_matches_loosely()
    {
        var book = new ReplayBook([Create(Recorded)]);
        var otherVolume = Create("0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e");
        otherVolume.Form!["VolumeId"] = "vol-049df61146c4d7901";

        Assert.Null(book.Take(otherVolume));
    }
}
