using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainment.Host.Contract;

/// <summary>
/// app.json, the connector's contract in Splunk SOAR's app-metadata style: the asset configuration, every action
/// with its parameters and documented output data paths, and the value types (<c>contains</c>) parameters are
/// checked against. The host validates against it; contract tests hold handlers and results to it.
/// </summary>
public sealed class AppContract
{
    private readonly Dictionary<string, ActionSpec> _byKey;

    private AppContract(JsonObject root, IReadOnlyList<ParameterSpec> configuration, IReadOnlyList<ActionSpec> actions, IReadOnlyDictionary<string, ContainsType> containsTypes)
    {
        Root = root;
        Configuration = configuration;
        Actions = actions;
        ContainsTypes = containsTypes;
        _byKey = new Dictionary<string, ActionSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            _byKey[action.Name] = action;
            _byKey[action.Identifier] = action;
        }
    }

    public JsonObject Root { get; }

    public IReadOnlyList<ParameterSpec> Configuration { get; }

    public IReadOnlyList<ActionSpec> Actions { get; }

    public IReadOnlyDictionary<string, ContainsType> ContainsTypes { get; }

    /// <summary>The action by its name (<c>add tag</c>) or identifier (<c>add_tag</c>), any case.</summary>
    public ActionSpec? Find(string nameOrIdentifier) => _byKey.GetValueOrDefault(nameOrIdentifier.Trim());

    /// <summary>app.json beside the runner (it is copied next to the binary at build).</summary>
    public static AppContract LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "app.json"));

    public static AppContract Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the contract {path}: {error.Message}");
        }
        return Parse(text);
    }

    public static AppContract Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new UsageException("app.json must be a JSON object");
        }
        catch (JsonException error)
        {
            throw new UsageException($"app.json is not valid JSON: {error.Message}");
        }
        var containsTypes = (root["contains_types"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => ContainsType.FromJson(p.Key, p.Value as JsonObject ?? []), StringComparer.Ordinal);
        var configuration = ParameterSpec.ListFromJson(root["configuration"] as JsonObject);
        var actions = (root["actions"] as JsonArray ?? []).OfType<JsonObject>().Select(ActionSpec.FromJson).ToList();
        return new AppContract(root, configuration, actions, containsTypes);
    }
}

/// <summary>One action of the contract.</summary>
public sealed record ActionSpec(
    string Name,
    string Identifier,
    string Description,
    string Type,
    bool ReadOnly,
    IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<OutputSpec> Output,
    IReadOnlyList<string> Permissions)
{
    public static ActionSpec FromJson(JsonObject node) => new(
        (string?)node["action"] ?? throw new UsageException("app.json: an action has no 'action' name"),
        (string?)node["identifier"] ?? throw new UsageException("app.json: an action has no 'identifier'"),
        (string?)node["description"] ?? "",
        (string?)node["type"] ?? "generic",
        (bool?)node["read_only"] ?? false,
        ParameterSpec.ListFromJson(node["parameters"] as JsonObject),
        (node["output"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(o => new OutputSpec((string?)o["data_path"] ?? "", (string?)o["data_type"] ?? "string", Strings(o["contains"]))).ToList(),
        Strings(node["permissions"]));

    internal static IReadOnlyList<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => n?.ToString() ?? "").ToList();
}

/// <summary>A documented output data path (<c>action_result.data.*.SnapshotId</c>).</summary>
public sealed record OutputSpec(string DataPath, string DataType, IReadOnlyList<string> Contains);

/// <summary>One parameter (or asset configuration field) and the rules its value must meet.</summary>
public sealed record ParameterSpec(
    string Name,
    string Description,
    string DataType,
    bool Required,
    IReadOnlyList<string> Contains,
    JsonNode? Default,
    IReadOnlyList<string> ValueList,
    double? Minimum,
    double? Maximum,
    int? MaxLength,
    string? Pattern,
    string? PatternDescription,
    bool IsList,
    int Order)
{
    public static IReadOnlyList<ParameterSpec> ListFromJson(JsonObject? node) =>
        (node ?? []).Select((p, index) => FromJson(p.Key, p.Value as JsonObject ?? [], index)).OrderBy(p => p.Order).ToList();

    private static ParameterSpec FromJson(string name, JsonObject node, int index) => new(
        name,
        (string?)node["description"] ?? "",
        (string?)node["data_type"] ?? "string",
        (bool?)node["required"] ?? false,
        ActionSpec.Strings(node["contains"]),
        node["default"]?.DeepClone(),
        ActionSpec.Strings(node["value_list"]),
        (double?)node["minimum"],
        (double?)node["maximum"],
        (int?)node["max_length"],
        (string?)node["pattern"],
        (string?)node["pattern_description"],
        (bool?)node["list"] ?? false,
        (int?)node["order"] ?? index);
}

/// <summary>
/// A value type named in <c>contains</c> (<c>aws ge instance id</c>, <c>ip</c>) and how a value is checked:
/// a regular expression, or the built-in <c>ip_or_cidr</c> kind.
/// </summary>
public sealed record ContainsType(string Name, string Description, string? Pattern, string? Kind)
{
    public static ContainsType FromJson(string name, JsonObject node) =>
        new(name, (string?)node["description"] ?? name, (string?)node["pattern"], (string?)node["kind"]);
}
