using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.AutoScaling;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.LoadBalancing;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// What containment changes about an instance, as read from AWS: its description (interfaces and their groups,
/// volumes, tags, instance profile), termination protection, shutdown behaviour, Auto Scaling group and load
/// balancer registrations. Each section is read on its own: a denied read loses that section only, and
/// <see cref="NotCaptured"/> names it with AWS's sentence. It is the journal's record of the state before
/// containment, and the current state that revert compares with it.
/// </summary>
public sealed record InstanceState
{
    public const string InstanceSection = "instance";
    public const string VolumesSection = "volumes";
    public const string TerminationSection = "termination_protection";
    public const string ShutdownSection = "shutdown_behavior";
    public const string AutoScalingSection = "auto_scaling_group";
    public const string ClassicSection = "classic_load_balancers";
    public const string TargetGroupsSection = "target_groups";

    /// <summary>
    /// Not captured alone when ip target groups hold addresses but the instance's own could not be read: its
    /// registrations by id are known, those by address are not.
    /// </summary>
    public const string IpTargetGroupsSection = "ip_target_groups";

    /// <summary>The instance as DescribeInstances answers it, with AWS's field names.</summary>
    [JsonPropertyName("instance")]
    public JsonObject? Instance { get; init; }

    [JsonPropertyName("network_interfaces")]
    public IReadOnlyList<Ec2NetworkInterface> NetworkInterfaces { get; init; } = [];

    [JsonPropertyName("tags")]
    public IReadOnlyList<Ec2Tag> Tags { get; init; } = [];

    [JsonPropertyName("instance_profile_arn")]
    public string? InstanceProfileArn { get; init; }

    /// <summary>The attached volumes as DescribeVolumes answers them.</summary>
    [JsonPropertyName("volumes")]
    public JsonArray? Volumes { get; init; }

    [JsonPropertyName("termination_protection")]
    public bool? TerminationProtection { get; init; }

    [JsonPropertyName("shutdown_behavior")]
    public string? ShutdownBehavior { get; init; }

    /// <summary>Null when the instance is in no group (and the section was read).</summary>
    [JsonPropertyName("auto_scaling_group")]
    public AutoScalingMembership? AutoScalingGroup { get; init; }

    [JsonPropertyName("classic_load_balancers")]
    public IReadOnlyList<string> ClassicLoadBalancers { get; init; } = [];

    [JsonPropertyName("target_groups")]
    public IReadOnlyList<TargetGroupMembership> TargetGroups { get; init; } = [];

    /// <summary>The sections that could not be read, each with AWS's sentence.</summary>
    [JsonPropertyName("not_captured")]
    public IReadOnlyDictionary<string, string> NotCaptured { get; init; } = new Dictionary<string, string>();

    /// <summary>DescribeInstances answered that the instance does not exist.</summary>
    [JsonIgnore]
    public bool InstanceNotFound { get; init; }

    /// <summary>When AWS answered DescribeInstances, by its own clock (the Date header).</summary>
    [JsonIgnore]
    public DateTimeOffset? AnsweredAt { get; init; }

    [JsonIgnore]
    public string? VpcId => (string?)Instance?["VpcId"];

    /// <summary>AWS's instance state name (<c>running</c>, <c>stopped</c>, …).</summary>
    [JsonIgnore]
    public string? StateName => (string?)Instance?["State"]?["Name"];

    [JsonIgnore]
    public IReadOnlyList<string> VolumeIds =>
        (Instance?["BlockDeviceMappings"] as JsonArray ?? []).Select(m => (string?)m?["Ebs"]?["VolumeId"]).OfType<string>().ToList();

    public bool Has(string section) => !NotCaptured.ContainsKey(section);

    /// <summary>Stops a playbook with AWS's sentence when DescribeInstances said the instance does not exist: no step has anything to act on.</summary>
    public void ThrowIfInstanceNotFound()
    {
        if (InstanceNotFound)
        {
            throw new ActionFailedException(NotCaptured[InstanceSection], "InvalidInstanceID.NotFound");
        }
    }

    public string? TagValue(string key) => Tags.FirstOrDefault(t => t.Key == key)?.Value;

    /// <summary>Every interface is in exactly one group, and it is the named one.</summary>
    public bool IsIsolatedIn(string groupName) =>
        Instance is not null && NetworkInterfaces.Count > 0 && NetworkInterfaces.All(n => n.Groups.Count == 1 && n.Groups[0].GroupName == groupName);

    /// <summary>
    /// This state with its unread sections filled from a later reading. Sound for a journal: a step that changes a
    /// section runs only once that section was read, so a section this state lacks is still as it was before containment.
    /// </summary>
    public InstanceState FillGapsFrom(InstanceState later)
    {
        var merged = this;
        foreach (var section in NotCaptured.Keys.Where(later.Has))
        {
            merged = section switch
            {
                InstanceSection => merged with { Instance = later.Instance, NetworkInterfaces = later.NetworkInterfaces, Tags = later.Tags, InstanceProfileArn = later.InstanceProfileArn },
                VolumesSection => merged with { Volumes = later.Volumes },
                TerminationSection => merged with { TerminationProtection = later.TerminationProtection },
                ShutdownSection => merged with { ShutdownBehavior = later.ShutdownBehavior },
                AutoScalingSection => merged with { AutoScalingGroup = later.AutoScalingGroup },
                ClassicSection => merged with { ClassicLoadBalancers = later.ClassicLoadBalancers },
                IpTargetGroupsSection => merged with { TargetGroups = [.. merged.TargetGroups.Where(g => !g.ByAddress), .. later.TargetGroups.Where(g => g.ByAddress)] },
                _ => merged with { TargetGroups = later.TargetGroups },
            };
        }
        var notCaptured = NotCaptured.Where(s => !later.Has(s.Key)).ToDictionary();
        if (!Has(TargetGroupsSection) && later.Has(TargetGroupsSection) && !later.Has(IpTargetGroupsSection))
        {
            // The target groups taken from the later reading lack its unsearched ip groups too.
            notCaptured[IpTargetGroupsSection] = later.NotCaptured[IpTargetGroupsSection];
        }
        return merged with { NotCaptured = notCaptured };
    }

    /// <summary>
    /// Reads the state in parallel. <paramref name="withLoadBalancers"/> also reads the attached volumes and finds
    /// every classic load balancer and target group the instance is registered with (by its private addresses in ip groups).
    /// </summary>
    public static async Task<InstanceState> ReadAsync(AwsSession aws, string instanceId, bool withLoadBalancers, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentDictionary<string, string>();
        var notFound = false;
        async Task<T?> Section<T>(string section, Func<Task<T>> read) where T : class
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception error) when (AwsErrors.IsAwsFailure(error))
            {
                failures[section] = AwsErrors.Describe(error);
                if (AwsErrors.Code(error) == "InvalidInstanceID.NotFound")
                {
                    notFound = true; // only ever set: sections finish on different threads
                }
                return null;
            }
        }

        var ec2 = aws.Ec2();
        var loadBalancing = aws.LoadBalancing();
        var instance = Section(InstanceSection, () => ec2.DescribeInstanceAsync(instanceId, cancellationToken));
        var termination = Section(TerminationSection, () => ec2.DescribeTerminationProtectionAsync(instanceId, cancellationToken));
        var shutdown = Section(ShutdownSection, () => ec2.DescribeShutdownBehaviorAsync(instanceId, cancellationToken));
        var autoScaling = Section(AutoScalingSection, () => aws.AutoScaling().FindGroupOfInstanceAsync(instanceId, cancellationToken));
        var volumes = withLoadBalancers ? Section(VolumesSection, () => ec2.DescribeVolumesOfInstanceAsync(instanceId, cancellationToken)) : Task.FromResult<IReadOnlyList<Ec2Volume>?>(null);
        var classic = withLoadBalancers ? Section(ClassicSection, () => loadBalancing.ClassicLoadBalancersAsync(instanceId, null, cancellationToken)) : Task.FromResult<IReadOnlyList<string>?>(null);
        // Eight groups at a time: an account may have hundreds.
        var targetGroups = withLoadBalancers ? Section(TargetGroupsSection, () => loadBalancing.TargetsOfEveryGroupAsync(maxParallel: 8, cancellationToken)) : Task.FromResult<IReadOnlyList<TargetGroupTargets>?>(null);
        await Task.WhenAll(instance, termination, shutdown, autoScaling, volumes, classic, targetGroups).ConfigureAwait(false);

        var described = instance.Result;
        var holdings = targetGroups.Result ?? [];
        if (described is null && holdings.Any(g => g.HoldsAddresses))
        {
            failures[IpTargetGroupsSection] = "the instance's private addresses are unknown without its description, so the ip target groups holding addresses were not searched for them";
        }
        var addresses = described?.PrivateAddresses() ?? new HashSet<IPAddress>();
        var description = described?.Description();
        var membership = autoScaling.Result;
        return new InstanceState
        {
            Instance = description,
            NetworkInterfaces = described?.NetworkInterfaces ?? [],
            Tags = described?.Tags ?? [],
            InstanceProfileArn = (string?)description?["IamInstanceProfile"]?["Arn"],
            Volumes = volumes.Result is { } found ? new JsonArray(found.Select(v => (JsonNode)v.Json.DeepClone()).ToArray()) : null,
            TerminationProtection = termination.Result?.Enabled,
            ShutdownBehavior = shutdown.Result,
            AutoScalingGroup = membership?.GroupName is { } name ? new AutoScalingMembership(name, membership.LifecycleState, membership.IsLeaving) : null,
            ClassicLoadBalancers = classic.Result ?? [],
            TargetGroups = holdings.Select(g => g.Of(instanceId, addresses)).OfType<TargetGroupMembership>().OrderBy(m => m.TargetGroupArn, StringComparer.Ordinal).ToList(),
            NotCaptured = failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(),
            InstanceNotFound = notFound,
            AnsweredAt = described?.Metadata.Headers.GetValueOrDefault("date") is { } date
                && DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var answered)
                ? answered
                : null,
        };
    }
}

/// <summary>The instance's Auto Scaling group and its lifecycle state there; <paramref name="Leaving"/> when already detaching.</summary>
public sealed record AutoScalingMembership(string AutoScalingGroupName, string? LifecycleState, bool Leaving);
