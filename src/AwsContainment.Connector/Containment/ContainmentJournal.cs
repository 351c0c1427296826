using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// Everything revert needs to undo a containment: which instance, for which case, and its state before anything
/// was changed (<see cref="State"/>). Written before the first change and never overwritten by a later run of the
/// same case, whose reading of an already contained instance would not be the state to go back to.
/// </summary>
public sealed partial record ContainmentJournal
{
    public const int CurrentVersion = 1;

    // Source-generated, because the published runner is trimmed and has reflection-based JSON switched off.
    private static readonly JournalJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    [JsonPropertyName("journal_version")]
    public int JournalVersion { get; init; } = CurrentVersion;

    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    [JsonPropertyName("case_id")]
    public required string CaseId { get; init; }

    [JsonPropertyName("region")]
    public required string Region { get; init; }

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

    /// <summary>A journal given as JSON text; <paramref name="source"/> names it in the refusal when it is not one.</summary>
    public static ContainmentJournal Parse(string json, string source)
    {
        ContainmentJournal? journal;
        try
        {
            journal = JsonSerializer.Deserialize(json, Json.ContainmentJournal);
        }
        catch (JsonException error)
        {
            throw new ActionFailedException($"{source} is not a containment journal: {error.Message}");
        }
        if (journal is null || journal.JournalVersion != CurrentVersion || !InstanceIdPattern().IsMatch(journal.InstanceId ?? ""))
        {
            throw new ActionFailedException($"{source} is not a containment journal of version {CurrentVersion} (it needs journal_version {CurrentVersion}, an instance_id and a state, as contain instance writes them)");
        }
        return journal;
    }

    /// <summary>The journal at <paramref name="path"/>, or null when there is no file there.</summary>
    public static ContainmentJournal? Load(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path), $"journal_path {path}") : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ActionFailedException($"Could not read the journal at {path}: {error.Message}");
        }
    }

    /// <summary>Writes the journal whole or not at all: a crash mid-write never leaves half a journal.</summary>
    public void Save(string path)
    {
        var partial = path + ".writing";
        try
        {
            File.WriteAllText(partial, ToText());
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial); // no half-written file left beside the path the responder named
            throw new ActionFailedException($"Could not write the journal to {path}: {error.Message}");
        }
    }

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex InstanceIdPattern();
}

[JsonSerializable(typeof(ContainmentJournal))]
internal sealed partial class JournalJson : JsonSerializerContext;
