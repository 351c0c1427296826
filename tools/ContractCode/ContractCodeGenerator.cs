using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainment.Tools.ContractCode;

/// <summary>What <see cref="ContractCodeGenerator.Generate"/> wrote, and the handlers it named that the connector does not have yet.</summary>
public sealed record GeneratedCode(string Text, int Actions, IReadOnlyList<string> MissingHandlers);

/// <summary>
/// Writes the connector's code that follows from app.json (with app.rules.json): a record per action holding its
/// parameters with C# types, read from a validated parameter set, and the catalog that gives each action its
/// handler, the class named after the identifier (<c>add_acl</c>: <c>AddAclAction</c>). A committed file rather than
/// a source generator keeps the code plain to read and to compile ahead of time; a test fails while it is stale.
/// </summary>
public static partial class ContractCodeGenerator
{
    public const string Command = "dotnet run --project tools/ContractCode";

    public const string ConnectorFolder = "src/AwsContainment.Connector";

    public const string OutputPath = ConnectorFolder + "/ActionCatalog.g.cs";

    public static GeneratedCode Generate(string repositoryRoot)
    {
        var app = ReadObject(Path.Combine(repositoryRoot, "app.json"));
        var rules = ReadObject(Path.Combine(repositoryRoot, "app.rules.json"));
        var common = Parameters("common_parameters", rules["common_parameters"] as JsonObject, null);
        var actions = new List<(string Identifier, string Name, string Pascal, IReadOnlyList<Parameter> Parameters)>();
        foreach (var action in (app["actions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var identifier = (string?)action["identifier"] ?? throw new InvalidDataException("app.json: an action has no 'identifier'");
            var own = Parameters(identifier, action["parameters"] as JsonObject, rules["actions"]?[identifier]?["parameters"] as JsonObject)
                .Where(p => common.All(c => c.Name != p.Name)).ToList();
            actions.Add((identifier, (string?)action["action"] ?? identifier, Pascal(identifier), own));
        }
        var namespaces = HandlerNamespaces(Path.Combine(repositoryRoot, ConnectorFolder));
        var missing = actions.Select(a => a.Pascal + "Action").Where(h => !namespaces.ContainsKey(h)).ToList();

        var code = new StringBuilder();
        code.Append("// Generated from app.json and app.rules.json by `").Append(Command).Append("`; do not edit.\n");
        code.Append("// Each action's handler is the class named after its identifier and takes the action's record below.\n\n");
        code.Append("#nullable enable\n\n");
        foreach (var name in actions.Select(a => namespaces.GetValueOrDefault(a.Pascal + "Action")).OfType<string>()
            .Append("AwsContainment.Connector.Soar").Distinct().Order(StringComparer.Ordinal))
        {
            code.Append("using ").Append(name).Append(";\n");
        }
        code.Append("\nnamespace AwsContainment.Connector;\n\n");
        code.Append("/// <summary>An action's parameters: its own, and those every action takes.</summary>\n");
        code.Append("public interface IActionParameters\n{\n    CommonParameters Common { get; }\n}\n\n");
        Record(code, "CommonParameters", "The parameters every action takes (app.rules.json's <c>common_parameters</c>): where the set acts.", common, null);
        foreach (var (identifier, name, pascal, parameters) in actions)
        {
            Record(code, pascal + "Parameters", $"The parameters of {Escape(name)} (<c>{identifier}</c>).", parameters, "IActionParameters");
        }
        code.Append("/// <summary>Every action of app.json, in its order, with its handler.</summary>\n");
        code.Append("public static class ActionCatalog\n{\n    public static IReadOnlyList<CatalogAction> All { get; } =\n    [\n");
        foreach (var (identifier, _, pascal, _) in actions)
        {
            code.Append($"        CatalogAction.Of<{pascal}Parameters>(\"{identifier}\", new {pascal}Action(), {pascal}Parameters.From),\n");
        }
        code.Append("    ];\n}\n");
        return new GeneratedCode(code.ToString(), actions.Count, missing);
    }

    /// <summary>One parameter as its record holds it: the C# type, and the <c>ParameterSet</c> reader that gives that type.</summary>
    private sealed record Parameter(string Name, string Description, string Type, string Reader);

    private static void Record(StringBuilder code, string type, string summary, IReadOnlyList<Parameter> parameters, string? implements)
    {
        var fields = parameters.Select(p => (Type: p.Type, Name: Pascal(p.Name), Read: $"set.{p.Reader}(\"{p.Name}\")")).ToList();
        if (implements is not null)
        {
            fields.Add(("CommonParameters", "Common", "CommonParameters.From(set)"));
        }
        code.Append("/// <summary>").Append(summary).Append("</summary>\n");
        foreach (var parameter in parameters)
        {
            code.Append($"/// <param name=\"{Pascal(parameter.Name)}\"><c>{parameter.Name}</c>: {Escape(parameter.Description)}</param>\n");
        }
        code.Append("public sealed record ").Append(type).Append('(');
        code.AppendJoin(",", fields.Select(f => $"\n    {f.Type} {f.Name}"));
        code.Append(')').Append(implements is null ? "" : " : " + implements).Append("\n{\n");
        code.Append("    public static ").Append(type).Append(" From(ParameterSet set) => new(");
        code.AppendJoin(",", fields.Select(f => $"\n        {f.Read}"));
        code.Append(");\n}\n\n");
    }

    /// <summary>The parameters of <paramref name="owner"/> in their declared order, each key read from app.json first, then from its rules.</summary>
    private static List<Parameter> Parameters(string owner, JsonObject? declared, JsonObject? rules)
    {
        var parameters = new List<(int Order, Parameter Parameter)>();
        foreach (var (name, node) in declared ?? [])
        {
            var spec = node as JsonObject;
            var rule = rules?[name] as JsonObject;
            JsonNode? Key(string key) => spec?[key] ?? rule?[key];
            bool Flag(string key) => Key(key) is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
            var given = Flag("required") || Key("default") is not null;
            var (type, reader) = (Key("data_type") as JsonValue)?.ToString() switch
            {
                "boolean" => ("bool", "Bool"),
                "numeric" => given ? ("long", "Long") : ("long?", "OptionalLong"),
                "string" when Flag("allow_list") => ("IReadOnlyList<string>", "List"),
                "string" when Flag("json") => ("JsonParameter?", "Json"),
                "string" => given ? ("string", "String") : ("string?", "OptionalString"),
                var other => throw new InvalidDataException($"{owner}: parameter '{name}' has data_type '{other}'; a record holds boolean, numeric or string"),
            };
            var order = Key("order") is JsonValue number && number.TryGetValue<int>(out var position) ? position : parameters.Count;
            parameters.Add((order, new Parameter(name, (Key("description") as JsonValue)?.ToString() ?? "", type, reader)));
        }
        return parameters.OrderBy(p => p.Order).Select(p => p.Parameter).ToList();
    }

    /// <summary>The namespace of every class named <c>…Action</c> in the connector's sources, by class name.</summary>
    private static Dictionary<string, string> HandlerNamespaces(string connector)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(connector, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetRelativePath(connector, file).Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }
            var text = File.ReadAllText(file);
            if (FileNamespace().Match(text) is { Success: true } space)
            {
                foreach (Match handler in HandlerClass().Matches(text))
                {
                    found.TryAdd(handler.Groups[1].Value, space.Groups[1].Value);
                }
            }
        }
        return found;
    }

    /// <summary><c>add_acl</c> → <c>AddAcl</c>.</summary>
    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static JsonObject ReadObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {error.Message}");
        }
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\bclass\s+(\w+Action)\b")]
    private static partial Regex HandlerClass();
}
