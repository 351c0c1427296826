using System.Text;
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
    private readonly Lazy<ActionSpec>[] _actions;
    private readonly Dictionary<string, int> _byKey = new(StringComparer.OrdinalIgnoreCase);

    private AppContract(JsonElement root)
    {
        ContainsTypes = Members(root, "contains_types", (name, node, _) => ContainsType.FromJson(name, node)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        Configuration = ParameterSpec.ListFromJson(root, "configuration");
        CommonParameters = ParameterSpec.ListFromJson(root, "common_parameters");
        var actionNodes = ObjectsIn(root, "actions");
        _actions = new Lazy<ActionSpec>[actionNodes.Length];
        for (var index = 0; index < actionNodes.Length; index++)
        {
            var node = actionNodes[index];
            _byKey[Text(node, "action") ?? throw new UsageException("app.json: an action has no 'action' name")] = index;
            _byKey[Text(node, "identifier") ?? throw new UsageException("app.json: an action has no 'identifier'")] = index;
            _actions[index] = new Lazy<ActionSpec>(() => ActionSpec.FromJson(node, CommonParameters));
        }
    }

    public IReadOnlyList<ParameterSpec> Configuration { get; }

    /// <summary>
    /// Parameters every action takes (<c>region</c>, <c>role_arn</c>, <c>external_id</c>: where the set acts), written
    /// once in app.json's <c>common_parameters</c> and added after each action's own, with their output paths.
    /// </summary>
    public IReadOnlyList<ParameterSpec> CommonParameters { get; }

    /// <summary>Every action, in app.json's order.</summary>
    public IReadOnlyList<ActionSpec> Actions => _actions.Select(a => a.Value).ToList();

    public IReadOnlyDictionary<string, ContainsType> ContainsTypes { get; }

    /// <summary>
    /// The action by its name (<c>add tag</c>) or identifier (<c>add_tag</c>), any case. Only the actions asked for
    /// are read in full: a one-shot run pays for one action's parameters, not all of app.json's.
    /// </summary>
    public ActionSpec? Find(string nameOrIdentifier) =>
        _byKey.TryGetValue(nameOrIdentifier.Trim(), out var index) ? _actions[index].Value : null;

    /// <summary>app.json beside the runner (it is copied next to the binary at build).</summary>
    public static AppContract LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "app.json"));

    public static AppContract Load(string path)
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the contract {path}: {error.Message}");
        }
        return Parse(json);
    }

    public static AppContract Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static AppContract Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new AppContract(document.RootElement.Clone())
                : throw new UsageException("app.json must be a JSON object");
        }
        catch (JsonException error)
        {
            throw new UsageException($"app.json is not valid JSON: {error.Message}");
        }
    }

    // Plain loops over JsonDocument's own enumerators: LINQ over JsonElement or JsonProperty (structs) would need
    // generic code ReadyToRun does not hold, compiled at run time on every cold start.
    internal static List<T> Members<T>(JsonElement node, string name, Func<string, JsonElement, int, T> convert)
    {
        var list = new List<T>();
        if (node.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in member.EnumerateObject())
            {
                list.Add(convert(property.Name, property.Value, list.Count));
            }
        }
        return list;
    }

    internal static JsonElement[] ObjectsIn(JsonElement node, string name)
    {
        var list = new List<JsonElement>();
        if (node.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in member.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    list.Add(item);
                }
            }
        }
        return [.. list];
    }

    internal static string? Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    internal static bool? Flag(JsonElement node, string name) =>
        node.TryGetProperty(name, out var member) && member.ValueKind is JsonValueKind.True or JsonValueKind.False ? member.GetBoolean() : null;

    internal static double? Number(JsonElement node, string name) =>
        node.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.Number ? member.GetDouble() : null;

    internal static IReadOnlyList<string> Strings(JsonElement node, string name)
    {
        var list = new List<string>();
        if (node.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in member.EnumerateArray())
            {
                list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
        }
        return list;
    }
}

/// <summary>One action of the contract.</summary>
public sealed record ActionSpec(
    string Name,
    string Identifier,
    string Description,
    string Type,
    bool ReadOnly,
    string? Undo,
    IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<OutputSpec> Output,
    IReadOnlyList<string> Permissions)
{
    public static ActionSpec FromJson(JsonElement node, IReadOnlyList<ParameterSpec> common)
    {
        var output = new List<OutputSpec>();
        foreach (var path in AppContract.ObjectsIn(node, "output"))
        {
            output.Add(new OutputSpec(AppContract.Text(path, "data_path") ?? "", AppContract.Text(path, "data_type") ?? "string", AppContract.Strings(path, "contains")));
        }
        var own = ParameterSpec.ListFromJson(node, "parameters");
        var parameters = own.Concat(common.Select(p => p with { Order = own.Count + p.Order })).ToList();
        output.AddRange(common.Select(p => new OutputSpec($"action_result.parameter.{p.Name}", p.DataType, p.Contains)));
        return new(
            AppContract.Text(node, "action")!,
            AppContract.Text(node, "identifier")!,
            AppContract.Text(node, "description") ?? "",
            AppContract.Text(node, "type") ?? "generic",
            AppContract.Flag(node, "read_only") ?? false,
            AppContract.Text(node, "undo"),
            parameters,
            output,
            AppContract.Strings(node, "permissions"));
    }
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
    public static IReadOnlyList<ParameterSpec> ListFromJson(JsonElement owner, string name) =>
        AppContract.Members(owner, name, FromJson).OrderBy(p => p.Order).ToList();

    private static ParameterSpec FromJson(string name, JsonElement node, int index) => new(
        name,
        AppContract.Text(node, "description") ?? "",
        AppContract.Text(node, "data_type") ?? "string",
        AppContract.Flag(node, "required") ?? false,
        AppContract.Strings(node, "contains"),
        node.TryGetProperty("default", out var value) ? JsonNode.Parse(value.GetRawText()) : null,
        AppContract.Strings(node, "value_list"),
        AppContract.Number(node, "minimum"),
        AppContract.Number(node, "maximum"),
        (int?)AppContract.Number(node, "max_length"),
        AppContract.Text(node, "pattern"),
        AppContract.Text(node, "pattern_description"),
        AppContract.Flag(node, "list") ?? false,
        (int?)AppContract.Number(node, "order") ?? index);
}

/// <summary>
/// A value type named in <c>contains</c> (<c>aws ge instance id</c>, <c>ip</c>) and how a value is checked:
/// a regular expression, or the built-in <c>ip_or_cidr</c> kind.
/// </summary>
public sealed record ContainsType(string Name, string Description, string? Pattern, string? Kind)
{
    public static ContainsType FromJson(string name, JsonElement node) =>
        new(name, AppContract.Text(node, "description") ?? name, AppContract.Text(node, "pattern"), AppContract.Text(node, "kind"));
}
