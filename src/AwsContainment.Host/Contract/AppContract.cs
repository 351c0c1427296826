using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainment.Host.Contract;

/// <summary>
/// The connector's contract in Splunk SOAR's app-metadata style: app.json (what the platform installs: the asset
/// configuration, every action with its parameters and documented output data paths) and app.rules.json beside it
/// (what the platform does not read: the value types (<c>contains_types</c>), naming rules, ranges and lengths,
/// each action's IAM permissions). A rule is read from either file. The host validates against both; contract tests
/// hold handlers and results to them.
/// </summary>
public sealed class AppContract
{
    public const string RulesFileName = "app.rules.json";

    private readonly Lazy<ActionSpec>[] _actions;
    private readonly Dictionary<string, int> _byKey = new(StringComparer.OrdinalIgnoreCase);

    private AppContract(JsonElement root, IReadOnlyList<ActionSource> actionSources, JsonElement rules)
    {
        var types = Members(new Layered(root, default), "contains_types", (name, node, _) => ContainsType.FromJson(name, node));
        types.AddRange(Members(new Layered(rules, default), "contains_types", (name, node, _) => ContainsType.FromJson(name, node)));
        ContainsTypes = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Configuration = ParameterSpec.ListFromJson(new Layered(root, rules), "configuration");
        CommonParameters = ParameterSpec.ListFromJson(new Layered(rules, default), "common_parameters");
        var actionRules = Child(rules, "actions");
        _actions = new Lazy<ActionSpec>[actionSources.Count];
        for (var index = 0; index < actionSources.Count; index++)
        {
            var source = actionSources[index];
            var identifier = source.Identifier ?? throw new UsageException("app.json: an action has no 'identifier'");
            _byKey[source.Name ?? throw new UsageException("app.json: an action has no 'action' name")] = index;
            _byKey[identifier] = index;
            _actions[index] = new Lazy<ActionSpec>(() => ActionSpec.FromJson(new Layered(JsonDocument.Parse(source.Json).RootElement, Child(actionRules, identifier)), CommonParameters));
        }
    }

    public IReadOnlyList<ParameterSpec> Configuration { get; }

    /// <summary>
    /// Parameters every action takes (<c>region</c>, <c>role_arn</c>, <c>external_id</c>: where the set acts), written
    /// once in app.rules.json's <c>common_parameters</c>: they come after each action's own, with their output paths
    /// (app.json repeats them in every action for the platform; these rules are the ones checked).
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

    /// <summary>app.json and app.rules.json beside the runner (both are copied next to the binary at build).</summary>
    public static AppContract LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "app.json"));

    /// <summary>app.json at <paramref name="path"/>, with the app.rules.json beside it if there is one.</summary>
    public static AppContract Load(string path)
    {
        var rulesPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, RulesFileName);
        return Parse(Read(path), File.Exists(rulesPath) ? Read(rulesPath) : null);
    }

    public static AppContract Parse(string json, string? rulesJson = null) =>
        Parse(Encoding.UTF8.GetBytes(json), rulesJson is null ? null : Encoding.UTF8.GetBytes(rulesJson));

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the contract {path}: {error.Message}");
        }
    }

    private static AppContract Parse(byte[] json, byte[]? rulesJson)
    {
        var (root, actions) = WithoutActions(json);
        return new(root, actions, rulesJson is null ? default : RootOf(rulesJson, RulesFileName));
    }

    /// <summary>
    /// app.json split so that a run parses only what it uses (indexing all 49 actions cost a cold action 84 page
    /// faults, 1.7 ms): the document with its actions taken out (asset configuration, value types), parsed with
    /// whatever follows them, and each action's own bytes with the two names it is found by. The scan checks the
    /// actions' syntax, the parse the rest.
    /// </summary>
    private static (JsonElement Root, List<ActionSource> Actions) WithoutActions(byte[] json)
    {
        var actions = new List<ActionSource>();
        try
        {
            var reader = new Utf8JsonReader(json);
            if (reader.Read() && reader.TokenType != JsonTokenType.StartObject)
            {
                throw new UsageException("app.json must be a JSON object");
            }
            (int Start, int End)? taken = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isActions = reader.ValueTextEquals("actions"u8);
                reader.Read();
                if (isActions && taken is null && reader.TokenType == JsonTokenType.StartArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (ActionSource.Scan(json, ref reader) is { } action)
                        {
                            actions.Add(action);
                        }
                    }
                    taken = (start, (int)reader.BytesConsumed);
                }
                else
                {
                    reader.Skip();
                }
            }
            byte[] rest = taken is var (from, to) ? [.. json.AsSpan(0, from), .. "[]"u8, .. json.AsSpan(to)] : json;
            return (RootOf(rest, "app.json"), actions);
        }
        catch (JsonException error)
        {
            throw new UsageException($"app.json is not valid JSON: {error.Message}");
        }
    }

    /// <summary>One action in app.json: its bytes, parsed when the action is first asked for, and its names.</summary>
    private sealed record ActionSource(ReadOnlyMemory<byte> Json, string? Identifier, string? Name)
    {
        /// <summary>The array element the reader is on (an action is an object; anything else is skipped, and null).</summary>
        public static ActionSource? Scan(byte[] json, ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }
            var start = (int)reader.TokenStartIndex;
            string? identifier = null, name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIdentifier = reader.ValueTextEquals("identifier"u8);
                var isName = reader.ValueTextEquals("action"u8);
                reader.Read();
                // The last of a repeated name wins, as JsonElement's lookup has it.
                if (isIdentifier || isName)
                {
                    var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    (identifier, name) = isIdentifier ? (text, name) : (identifier, text);
                }
                reader.Skip();
            }
            return new(json.AsMemory(start, (int)reader.BytesConsumed - start), identifier, name);
        }
    }

    /// <summary>
    /// The root of a contract file, read in place: the document stays over <paramref name="json"/> for the contract's
    /// life and is never disposed, so its elements need no copy (Clone copied app.json's 270 KB and its index again).
    /// </summary>
    private static JsonElement RootOf(byte[] json, string name)
    {
        try
        {
            var root = JsonDocument.Parse(json.AsMemory()).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : throw new UsageException($"{name} must be a JSON object");
        }
        catch (JsonException error)
        {
            throw new UsageException($"{name} is not valid JSON: {error.Message}");
        }
    }

    // Plain loops over JsonDocument's own enumerators: LINQ over JsonElement or JsonProperty (structs) would need
    // generic code ReadyToRun does not hold, compiled at run time on every cold start.
    /// <summary>The members of <paramref name="node"/>'s object <paramref name="name"/>, each with its rules (the same member in the rules).</summary>
    internal static List<T> Members<T>(Layered node, string name, Func<string, Layered, int, T> convert)
    {
        var list = new List<T>();
        var rules = Child(node.Rules, name);
        if (Child(node.Main, name) is { ValueKind: JsonValueKind.Object } member)
        {
            foreach (var property in member.EnumerateObject())
            {
                list.Add(convert(property.Name, new Layered(property.Value, Child(rules, property.Name)), list.Count));
            }
        }
        return list;
    }

    /// <summary>The member <paramref name="name"/> of an object, or an undefined element.</summary>
    internal static JsonElement Child(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var member) ? member : default;

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
        Child(node, name) is { ValueKind: JsonValueKind.String } member ? member.GetString() : null;

    internal static bool? Flag(JsonElement node, string name) =>
        Child(node, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } member ? member.GetBoolean() : null;

    internal static double? Number(JsonElement node, string name) =>
        Child(node, name) is { ValueKind: JsonValueKind.Number } member ? member.GetDouble() : null;

    internal static IReadOnlyList<string> Strings(JsonElement node, string name)
    {
        var list = new List<string>();
        if (Child(node, name) is { ValueKind: JsonValueKind.Array } member)
        {
            foreach (var item in member.EnumerateArray())
            {
                list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
        }
        return list;
    }
}

/// <summary>One entry of app.json and its rules in app.rules.json (undefined when it has none): a key is read from app.json first.</summary>
internal readonly record struct Layered(JsonElement Main, JsonElement Rules)
{
    public string? Text(string name) => AppContract.Text(Main, name) ?? AppContract.Text(Rules, name);

    public bool? Flag(string name) => AppContract.Flag(Main, name) ?? AppContract.Flag(Rules, name);

    public double? Number(string name) => AppContract.Number(Main, name) ?? AppContract.Number(Rules, name);

    public IReadOnlyList<string> Strings(string name) =>
        AppContract.Child(Main, name).ValueKind == JsonValueKind.Array ? AppContract.Strings(Main, name) : AppContract.Strings(Rules, name);

    public JsonElement Child(string name) =>
        AppContract.Child(Main, name) is { ValueKind: not JsonValueKind.Undefined } member ? member : AppContract.Child(Rules, name);
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
    internal static ActionSpec FromJson(Layered node, IReadOnlyList<ParameterSpec> common)
    {
        var output = new List<OutputSpec>();
        foreach (var path in AppContract.ObjectsIn(node.Main, "output"))
        {
            output.Add(new OutputSpec(AppContract.Text(path, "data_path") ?? "", AppContract.Text(path, "data_type") ?? "string", AppContract.Strings(path, "contains")));
        }
        var own = ParameterSpec.ListFromJson(node, "parameters").Where(p => common.All(c => c.Name != p.Name)).ToList();
        var parameters = own.Concat(common.Select(p => p with { Order = own.Count + p.Order })).ToList();
        output.AddRange(common.Where(p => output.All(o => o.DataPath != $"action_result.parameter.{p.Name}"))
            .Select(p => new OutputSpec($"action_result.parameter.{p.Name}", p.DataType, p.Contains)));
        return new(
            node.Text("action")!,
            node.Text("identifier")!,
            node.Text("description") ?? "",
            node.Text("type") ?? "generic",
            node.Flag("read_only") ?? false,
            node.Text("undo"),
            parameters,
            output,
            node.Strings("permissions"));
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
    int Order,
    IReadOnlyList<string> Requires,
    EmulatorPlaceholders? Placeholders)
{
    internal static IReadOnlyList<ParameterSpec> ListFromJson(Layered owner, string name) =>
        AppContract.Members(owner, name, FromJson).OrderBy(p => p.Order).ToList();

    private static ParameterSpec FromJson(string name, Layered node, int index) => new(
        name,
        node.Text("description") ?? "",
        node.Text("data_type") ?? "string",
        node.Flag("required") ?? false,
        node.Strings("contains"),
        node.Child("default") is { ValueKind: not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null,
        node.Strings("value_list"),
        node.Number("minimum"),
        node.Number("maximum"),
        (int?)node.Number("max_length"),
        node.Text("pattern"),
        node.Text("pattern_description"),
        node.Flag("allow_list") ?? false,
        (int?)node.Number("order") ?? index,
        node.Strings("requires"),
        node.Child("placeholders") is { ValueKind: JsonValueKind.Object } placeholders
            ? new EmulatorPlaceholders(AppContract.Strings(placeholders, "values"), AppContract.Text(placeholders, "only_with") ?? "")
            : null);
}

/// <summary>
/// Values a field's rule does not hold for when <paramref name="OnlyWith"/> is also given: the fixed keys a local
/// emulator documents (LocalStack's <c>test</c>), accepted only when the asset sends every call to an endpoint.
/// </summary>
public sealed record EmulatorPlaceholders(IReadOnlyList<string> Values, string OnlyWith);

/// <summary>
/// A value type named in <c>contains</c> (<c>aws ge instance id</c>, <c>ip</c>) and how a value is checked:
/// a regular expression, or the built-in <c>ip_or_cidr</c> kind.
/// </summary>
public sealed record ContainsType(string Name, string Description, string? Pattern, string? Kind)
{
    internal static ContainsType FromJson(string name, Layered node) =>
        new(name, node.Text("description") ?? name, node.Text("pattern"), node.Text("kind"));
}
