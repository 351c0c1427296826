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

    private readonly Dictionary<string, ActionSpec> _byKey = new(StringComparer.OrdinalIgnoreCase);

    private AppContract(JsonElement root, JsonElement rules)
    {
        var types = Members(new Layered(root, default), "contains_types", (name, node, _) => ContainsType.FromJson(name, node));
        types.AddRange(Members(new Layered(rules, default), "contains_types", (name, node, _) => ContainsType.FromJson(name, node)));
        ContainsTypes = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Configuration = ParameterSpec.ListFromJson(new Layered(root, rules), "configuration");
        CommonParameters = ParameterSpec.ListFromJson(new Layered(rules, default), "common_parameters");
        var actionRules = Child(rules, "actions");
        var actions = new List<ActionSpec>();
        foreach (var action in ObjectsIn(root, "actions"))
        {
            var identifier = Text(action, "identifier") ?? throw new UsageException("app.json: an action has no 'identifier'");
            var name = Text(action, "action") ?? throw new UsageException("app.json: an action has no 'action' name");
            var spec = ActionSpec.FromJson(new Layered(action, Child(actionRules, identifier)), CommonParameters);
            _byKey[name] = spec;
            _byKey[identifier] = spec;
            actions.Add(spec);
        }
        Actions = actions;
    }

    public IReadOnlyList<ParameterSpec> Configuration { get; }

    /// <summary>
    /// Parameters every action takes (<c>region</c>, <c>role_arn</c>, <c>external_id</c>: where the set acts), written
    /// once in app.rules.json's <c>common_parameters</c>: they come after each action's own, with their output paths
    /// (app.json repeats them in every action for the platform; these rules are the ones checked).
    /// </summary>
    public IReadOnlyList<ParameterSpec> CommonParameters { get; }

    /// <summary>Every action, in app.json's order.</summary>
    public IReadOnlyList<ActionSpec> Actions { get; }

    public IReadOnlyDictionary<string, ContainsType> ContainsTypes { get; }

    /// <summary>The action by its name (<c>add tag</c>) or identifier (<c>add_tag</c>), any case.</summary>
    public ActionSpec? Find(string nameOrIdentifier) => _byKey.GetValueOrDefault(nameOrIdentifier.Trim());

    /// <summary>
    /// Why <paramref name="given"/> is no action, naming the action it most likely means: the one whose name or
    /// identifier is the fewest edits away (a letter typed wrong, missing, extra, or two swapped), when few enough.
    /// </summary>
    public string NoSuchAction(string given)
    {
        var typed = given.Trim().ToLowerInvariant();
        var (nearest, edits) = _byKey.Select(key => (Action: key.Value, Edits: Edits(typed, key.Key.ToLowerInvariant()))).MinBy(near => near.Edits);
        var hint = edits <= Math.Max(2, typed.Length / 4) ? $"did you mean '{nearest.Name}'? " : "";
        return $"unknown action '{given}' ({hint}runner actions lists them)";
    }

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

    /// <summary>Both files parsed and read into the contract's records, which keep nothing of the documents.</summary>
    private static AppContract Parse(byte[] json, byte[]? rulesJson)
    {
        using var app = Document(json, "app.json");
        using var rules = rulesJson is null ? null : Document(rulesJson, RulesFileName);
        return new(app.RootElement, rules?.RootElement ?? default);
    }

    private static JsonDocument Document(byte[] json, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new UsageException($"{name} is not valid JSON: {error.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new UsageException($"{name} must be a JSON object");
        }
        return document;
    }

    // Optimal string alignment distance: a swap of two neighbouring letters is one edit, as people mistype.
    private static int Edits(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
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

/// <summary>
/// One parameter (or asset configuration field) and the rules its value must meet. <see cref="Primary"/>: app.json
/// names it as what the action acts on, with a SOAR data type (an instance id, a user name, a bucket name).
/// </summary>
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
    EmulatorPlaceholders? Placeholders,
    bool Primary)
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
            : null,
        node.Flag("primary") ?? false);
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
