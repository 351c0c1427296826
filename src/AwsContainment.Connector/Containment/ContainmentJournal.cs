using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// Everything revert needs to undo a containment: which instance, for which case, and its state before anything
/// was changed (<see cref="State"/>). Written before the first change and never overwritten by a later run of the
/// same case, whose reading of an already contained instance would not be the state to go back to.
/// </summary>
public sealed record ContainmentJournal
{
    public const int CurrentVersion = 1;

    // Source-generated, because the published runner is trimmed and has reflection-based JSON switched off.
    private static readonly JournalJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    // What a journal must hold, held to when it is read back: no unknown field, no null where a value belongs.
    // Writing stays lenient: an odd answer from AWS must never stop contain instance from saving what it read.
    private static readonly JournalJson Strict = new(new JsonSerializerOptions
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    });

    [JsonPropertyName("journal_version")]
    public int JournalVersion { get; init; } = CurrentVersion;

    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    [JsonPropertyName("case_id")]
    public required string CaseId { get; init; }

    /// <summary>The region containment acted in, where revert acts too.</summary>
    [JsonPropertyName("region")]
    public required string Region { get; init; }

    /// <summary>The role containment acted through (its role_arn parameter), which revert acts through too; null for the asset's own identity.</summary>
    [JsonPropertyName("role_arn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RoleArn { get; init; }

    /// <summary>The external id containment gave that role's trust policy.</summary>
    [JsonPropertyName("external_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExternalId { get; init; }

    /// <summary>When the state was read, by AWS's clock (the answer's Date header): also the quarantine tag's time.</summary>
    [JsonPropertyName("captured_at")]
    public required string CapturedAt { get; init; }

    /// <summary>The isolation group's name; its transit group is this name and <see cref="ContainmentNames.UntrackedSuffix"/>.</summary>
    [JsonPropertyName("isolation_group")]
    public required string IsolationGroup { get; init; }

    /// <summary>Whether containment was asked to take the instance profile away.</summary>
    [JsonPropertyName("remove_instance_profile")]
    public bool RemoveInstanceProfile { get; init; }

    /// <summary>Whether containment was asked to revoke the sessions of the instance profile's role.</summary>
    [JsonPropertyName("revoke_role_sessions")]
    public bool RevokeRoleSessions { get; init; }

    /// <summary>The instance was already isolated when read: this state is not the one before containment.</summary>
    [JsonPropertyName("already_contained")]
    public bool AlreadyContained { get; init; }

    [JsonPropertyName("state")]
    public required InstanceState State { get; init; }

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, Json.ContainmentJournal)!;

    public string ToText() => JsonSerializer.Serialize(this, Json.ContainmentJournal);

    /// <summary>
    /// The SHA-256 of the journal's content (lower-case hex), whatever its layout: keys in order and no spaces, so
    /// the journal read back from its file, or from a SOAR platform that encoded it again, has the same digest.
    /// </summary>
    public string Digest()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(ToJson(), writer);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteCanonical(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case JsonObject fields:
                writer.WriteStartObject();
                foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonArray items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteCanonical(item, writer);
                }
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A journal given as JSON text, read strictly (<see cref="StrictJson"/>: no duplicate key, no unknown field, no
    /// null where a value belongs) and checked against the contract's rules for every id it would send to AWS:
    /// a forged or damaged journal is refused, naming <paramref name="source"/> and the field, before any call.
    /// </summary>
    public static ContainmentJournal Parse(string json, string source, ValueRules rules)
    {
        ContainmentJournal? journal;
        try
        {
            journal = StrictJson.Parse(json, source).Deserialize(Strict.ContainmentJournal);
        }
        catch (Exception error) when (error is JsonException or InvalidDataException)
        {
            throw new ActionFailedException($"{source} is not a containment journal: {error.Message}; nothing was sent to AWS");
        }
        if (journal is null || journal.JournalVersion != CurrentVersion)
        {
            throw new ActionFailedException($"{source} is not a containment journal of version {CurrentVersion} (it needs journal_version {CurrentVersion}, an instance_id and a state, as contain instance writes them); nothing was sent to AWS");
        }
        var problems = journal.Problems(rules).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new ActionFailedException($"{source} cannot be trusted, nothing was sent to AWS: {string.Join("; ", problems.Take(5))}");
        }
        return journal;
    }

    /// <summary>
    /// The journal at <paramref name="path"/>, or null when there is no file there. Only a regular file of at most
    /// <see cref="SafeFiles.MaxReadBytes"/> is read: a link, FIFO, device or folder is refused without waiting on it.
    /// A file that is not a journal is refused without a word of what it holds: whoever names a file must not learn
    /// its content (a key's first byte, a field's name) from the refusal.
    /// </summary>
    public static ContainmentJournal? Load(string path, ValueRules rules)
    {
        string? text;
        try
        {
            text = SafeFiles.ReadText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ActionFailedException($"Could not read journal_path: {error.Message}; nothing was sent to AWS");
        }
        if (text is null)
        {
            return null;
        }
        try
        {
            return Parse(text, $"journal_path {path}", rules);
        }
        catch (ActionFailedException)
        {
            throw new ActionFailedException($"journal_path {path} does not hold a containment journal as contain instance writes them (what it holds is not shown); nothing was sent to AWS");
        }
    }

    /// <summary>
    /// Refuses, before anything is sent to AWS, a <paramref name="path"/> a journal could not safely be written
    /// to: a link, a FIFO, a device, a folder, a missing folder, or a file that is not a journal.
    /// </summary>
    public static void CheckWritable(string path, ValueRules rules)
    {
        if (SafeFiles.RefusalToWrite(path) is { } refusal)
        {
            throw new ActionFailedException($"journal_path {path} {refusal}; nothing was sent to AWS");
        }
        Load(path, rules);
    }

    // Every value revert sends to AWS, or compares with what AWS answers, against the same rules as a parameter.
    private IEnumerable<string?> Problems(ValueRules rules)
    {
        yield return rules.Problem("instance_id", "aws ge instance id", InstanceId);
        yield return rules.Problem("case_id", "containment case id", CaseId);
        yield return rules.Problem("region", "aws region", Region);
        yield return RoleArn is null ? null : rules.Problem("role_arn", "aws iam role arn", RoleArn);
        yield return ExternalId is null ? null : rules.Problem("external_id", "aws sts external id", ExternalId);
        yield return rules.Problem("isolation_group", "containment isolation group name", IsolationGroup);
        yield return DateTimeOffset.TryParse(CapturedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) ? null : $"captured_at: \"{CapturedAt}\" is not a time";
        for (var i = 0; i < State.NetworkInterfaces.Count; i++)
        {
            var networkInterface = State.NetworkInterfaces[i];
            yield return rules.Problem($"state.network_interfaces[{i}].NetworkInterfaceId", "aws ec2 network interface id", networkInterface.NetworkInterfaceId);
            foreach (var group in networkInterface.Groups)
            {
                yield return rules.Problem($"state.network_interfaces[{i}].Groups.GroupId", "aws ec2 security group id", group.GroupId);
                yield return group.GroupName is null ? null : rules.Problem($"state.network_interfaces[{i}].Groups.GroupName", "aws ec2 security group name", group.GroupName);
            }
        }
        yield return State.InstanceProfileArn is null ? null : rules.Problem("state.instance_profile_arn", "aws iam instance profile arn", State.InstanceProfileArn);
        yield return State.ShutdownBehavior is null ? null : rules.Problem("state.shutdown_behavior", "aws ec2 shutdown behavior", State.ShutdownBehavior);
        yield return State.AutoScalingGroup is null ? null : rules.Problem("state.auto_scaling_group.AutoScalingGroupName", "aws autoscaling group name", State.AutoScalingGroup.AutoScalingGroupName);
        foreach (var name in State.ClassicLoadBalancers)
        {
            yield return rules.Problem("state.classic_load_balancers", "aws elb name", name);
        }
        foreach (var group in State.TargetGroups)
        {
            yield return rules.Problem("state.target_groups.TargetGroupArn", "aws elbv2 target group arn", group.TargetGroupArn);
            foreach (var target in group.Targets)
            {
                yield return rules.Problem("state.target_groups.Targets.Id", "aws elbv2 target id", target.Id);
                yield return target.Port is null or (>= 1 and <= 65535) ? null : $"state.target_groups.Targets.Port: {target.Port} is not a port (1 to 65535)";
            }
        }
    }

    /// <summary>Writes the journal whole or not at all (see <see cref="SafeFiles.Write"/>): a crash mid-write never leaves half a journal.</summary>
    public void Save(string path)
    {
        try
        {
            SafeFiles.Write(path, ToText());
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ActionFailedException($"Could not write the journal to {path}: {error.Message}");
        }
    }
}

[JsonSerializable(typeof(ContainmentJournal))]
internal sealed partial class JournalJson : JsonSerializerContext;
