using System.Net;
using AwsContainment.Connector.LoadBalancing;

namespace AwsContainment.Tests.LoadBalancing;

/// <summary>An instance is found in a target group by its id, or by one of its private addresses however ELBv2 writes it.</summary>
public sealed class InstanceRegistrationsTests
{
    private const string Instance = "i-0598c7d356eba48d7";

    private static readonly TargetGroup Group = new("arn:aws:elasticloadbalancing:us-east-1:777777777777:targetgroup/payments-ip/0b8c1d2e3f4a5b6c", "payments-ip", "ip");

    private static readonly IReadOnlySet<IPAddress> Addresses = new HashSet<IPAddress> { IPAddress.Parse("10.0.1.114"), IPAddress.Parse("2600:1f18:61a9:e401::25") };

    [Fact]
    public void Registrations_of_its_addresses_are_its_own_on_every_port_and_in_any_IPv6_notation()
    {
        var holding = new TargetGroupTargets(Group,
        [
            new RegisteredTarget("10.0.1.114", 80, "healthy", "us-east-1a"),
            new RegisteredTarget("10.0.1.52", 80, "healthy", "us-east-1a"),
            new RegisteredTarget("2600:1f18:61a9:e401:0:0:0:25", 443, "healthy", "us-east-1a"),
            new RegisteredTarget("10.0.1.114", 8080, "draining", "us-east-1a"),
        ]);

        var mine = holding.Of(Instance, Addresses);

        Assert.NotNull(mine);
        Assert.True(mine.ByAddress);
        Assert.Equal([80L, 443L, 8080L], mine.Targets.Select(t => t.Port));
        Assert.All(mine.Targets, t => Assert.Equal("us-east-1a", t.AvailabilityZone));
    }

    [Fact]
    public void An_instance_group_finds_it_by_id_and_never_asks_for_its_addresses()
    {
        var holding = new TargetGroupTargets(Group with { TargetType = "instance" },
            [new RegisteredTarget(Instance, 80, "healthy", "us-east-1a"), new RegisteredTarget("i-0f3e2d1c0b9a89786", 80, "healthy", "us-east-1a")]);

        Assert.False(holding.HoldsAddresses);
        var mine = holding.Of(Instance, new HashSet<IPAddress>());
        Assert.NotNull(mine);
        Assert.False(mine.ByAddress);
        Assert.Equal(Instance, Assert.Single(mine.Targets).Id);
    }

    [Fact]
    public void A_group_holding_only_other_hosts_does_not_hold_it()
    {
        var holding = new TargetGroupTargets(Group, [new RegisteredTarget("10.0.1.52", 80, "healthy"), new RegisteredTarget("2600:1f18:61a9:e402::17", 443, "healthy")]);

        Assert.True(holding.HoldsAddresses);
        Assert.Null(holding.Of(Instance, Addresses));
    }

    [Theory]
    [InlineData("10.0.1.114", "us-east-1a", "10.0.1.114 on port 80")]
    [InlineData(Instance, null, "port 80")]
    public void An_availability_zone_is_kept_for_an_address_only(string id, string? kept, string place)
    {
        var target = new RegisteredTarget(id, 80, "healthy", "us-east-1a");

        Assert.Equal(kept, (string?)target.ToJson()["AvailabilityZone"]);
        Assert.Equal(place, RegisteredTarget.Places([target], "port"));
    }
}
