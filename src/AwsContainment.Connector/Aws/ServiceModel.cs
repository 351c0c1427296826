using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// One service's API model, compacted from botocore's by <c>tools/models/generate.py</c> (embedded as
/// <c>Aws/Models/&lt;service&gt;.json</c>): for each operation the connector calls, the shape of its answer. Answers
/// are read the way botocore's parsers read them, so every field comes out as boto3 shows it: the API's member names,
/// lists, maps, structures and scalar types, for every member the model has. Elements the model does not know are
/// left out, as botocore leaves them out. A service's model is loaded the first time one of its answers is read.
/// </summary>
public sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, Lazy<ServiceModel>> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (Shape? Output, string? Wrapper)> _operations;

    private readonly string _service;

    private ServiceModel(string service, Dictionary<string, (Shape?, string?)> operations)
    {
        _service = service;
        _operations = operations;
    }

    /// <summary>The model of a service the connector reads through its own client (ec2, autoscaling, elb, elbv2, iam, cloudtrail).</summary>
    public static ServiceModel For(string service) =>
        Loaded.GetOrAdd(service, name => new Lazy<ServiceModel>(() => Load(name))).Value;

    /// <summary>
    /// An XML answer (ec2 or query protocol) as boto3 shows it, without <c>ResponseMetadata</c>: the query protocol's
    /// <c>{Operation}Result</c> element, or EC2's root element, read through the operation's output shape.
    /// </summary>
    public JsonObject ReadXml(string operation, XElement root)
    {
        var (output, wrapper) = Operation(operation);
        if (output is not Structure structure)
        {
            return [];
        }
        var start = wrapper is null ? root : root.Elements().FirstOrDefault(e => e.Name.LocalName == wrapper);
        return start is null ? [] : (JsonObject)structure.ReadXml(start)!;
    }

    /// <summary>A JSON-protocol answer as boto3 shows it, without <c>ResponseMetadata</c>.</summary>
    public JsonObject ReadJson(string operation, JsonNode? body) =>
        Operation(operation).Output is Structure structure && structure.ReadJson(body) is JsonObject read ? read : [];

    private (Shape? Output, string? Wrapper) Operation(string operation) =>
        _operations.TryGetValue(operation, out var found)
            ? found
            : throw new InvalidOperationException($"{_service} {operation} is not in the connector's AWS model: add it to tools/models/operations.json and run tools/models/generate.py");

    private static ServiceModel Load(string service)
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream($"AwsContainment.Connector.Aws.Models.{service}.json")
            ?? throw new InvalidOperationException($"no AWS model is embedded for {service}");
        return Read(service, stream);
    }

    /// <summary>A model in the compact format <c>tools/models/generate.py</c> writes (docs/aws-models.md).</summary>
    internal static ServiceModel Read(string service, Stream compact)
    {
        // Plain loops over JsonElement, no LINQ: generic code over its structs would be compiled at run time, on a cold start.
        using var document = JsonDocument.Parse(compact);
        var root = document.RootElement;
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var definitions = root.GetProperty("shapes");
        // Two passes: shapes refer to each other (and may to themselves) by name.
        foreach (var definition in definitions.EnumerateObject())
        {
            shapes[definition.Name] = definition.Value.TryGetProperty("structure", out _) ? new Structure()
                : definition.Value.TryGetProperty("list", out _) ? new ListShape()
                : new MapShape();
        }
        foreach (var definition in definitions.EnumerateObject())
        {
            var shape = definition.Value;
            switch (shapes[definition.Name])
            {
                case Structure structure:
                    var members = new List<Member>();
                    foreach (var member in shape.GetProperty("structure").EnumerateObject())
                    {
                        members.Add(new Member(
                            member.Name,
                            member.Value.TryGetProperty("wire", out var wire) ? wire.GetString()! : member.Name,
                            Find(shapes, member.Value.GetProperty("shape")),
                            member.Value.TryGetProperty("flattened", out var flattened) && flattened.GetBoolean()));
                    }
                    structure.Members = members.ToArray();
                    break;
                case ListShape list:
                    list.Item = Find(shapes, shape.GetProperty("list"));
                    break;
                case MapShape map:
                    map.Key = Find(shapes, shape.GetProperty("map")[0]);
                    map.Value = Find(shapes, shape.GetProperty("map")[1]);
                    map.KeyName = shape.GetProperty("entry")[0].GetString()!;
                    map.ValueName = shape.GetProperty("entry")[1].GetString()!;
                    break;
            }
        }
        var operations = new Dictionary<string, (Shape?, string?)>(StringComparer.Ordinal);
        foreach (var operation in root.GetProperty("operations").EnumerateObject())
        {
            var output = operation.Value.TryGetProperty("output", out var name) ? Find(shapes, name) : null;
            operations[operation.Name] = (output, operation.Value.TryGetProperty("wrapper", out var wrapper) ? wrapper.GetString() : null);
        }
        return new ServiceModel(service, operations);
    }

    private static Shape Find(Dictionary<string, Shape> shapes, JsonElement name) => Scalar.Named(name.GetString()!) ?? shapes[name.GetString()!];

    private abstract class Shape
    {
        /// <summary>One element read as this shape (botocore's <c>_parse_shape</c> on an XML node).</summary>
        public abstract JsonNode? ReadXml(XElement node);

        /// <summary>A flattened list or map: the repeated elements themselves are its entries.</summary>
        public virtual JsonNode? ReadFlattened(List<XElement> nodes) => ReadXml(nodes[0]);

        public abstract JsonNode? ReadJson(JsonNode? value);
    }

    private sealed record Member(string Name, string Wire, Shape Shape, bool Flattened);

    private sealed class Structure : Shape
    {
        public Member[] Members { get; set; } = [];

        public override JsonNode? ReadXml(XElement node)
        {
            var children = new Dictionary<string, List<XElement>>(StringComparer.Ordinal);
            foreach (var child in node.Elements())
            {
                var name = child.Name.LocalName;
                if (!children.TryGetValue(name, out var same))
                {
                    children[name] = same = [];
                }
                same.Add(child);
            }
            var read = new JsonObject();
            foreach (var member in Members)
            {
                if (children.TryGetValue(member.Wire, out var nodes))
                {
                    read[member.Name] = member.Flattened ? member.Shape.ReadFlattened(nodes) : member.Shape.ReadXml(nodes[0]);
                }
            }
            return read;
        }

        public override JsonNode? ReadJson(JsonNode? value)
        {
            if (value is not JsonObject fields)
            {
                return value?.DeepClone();
            }
            var read = new JsonObject();
            foreach (var member in Members)
            {
                if (fields[member.Wire] is { } field)
                {
                    read[member.Name] = member.Shape.ReadJson(field);
                }
            }
            return read;
        }
    }

    private sealed class ListShape : Shape
    {
        public Shape Item { get; set; } = null!;

        public override JsonNode? ReadXml(XElement node) => ReadFlattened(node.Elements().ToList());

        public override JsonNode? ReadFlattened(List<XElement> nodes) => new JsonArray(nodes.Select(Item.ReadXml).ToArray());

        public override JsonNode? ReadJson(JsonNode? value) =>
            value is JsonArray items ? new JsonArray(items.Select(Item.ReadJson).ToArray()) : value?.DeepClone();
    }

    private sealed class MapShape : Shape
    {
        public Shape Key { get; set; } = null!;
        public Shape Value { get; set; } = null!;
        public string KeyName { get; set; } = "key";
        public string ValueName { get; set; } = "value";

        public override JsonNode? ReadXml(XElement node) => ReadFlattened(node.Elements().ToList());

        public override JsonNode? ReadFlattened(List<XElement> nodes)
        {
            var map = new JsonObject();
            foreach (var entry in nodes)
            {
                var key = entry.Elements().LastOrDefault(e => e.Name.LocalName == KeyName);
                var value = entry.Elements().LastOrDefault(e => e.Name.LocalName == ValueName);
                if (key is not null)
                {
                    map[key.Value] = value is null ? null : Value.ReadXml(value);
                }
            }
            return map;
        }

        public override JsonNode? ReadJson(JsonNode? value)
        {
            if (value is not JsonObject entries)
            {
                return value?.DeepClone();
            }
            var map = new JsonObject();
            foreach (var (key, entry) in entries)
            {
                map[key] = Value.ReadJson(entry);
            }
            return map;
        }
    }

    /// <summary>
    /// A scalar as botocore parses it. Where botocore would raise on text its type cannot hold (an integer field
    /// reading "n/a"), the text is kept: the answer is evidence, and a parser error would lose all of it.
    /// </summary>
    private sealed class Scalar(string type) : Shape
    {
        private static readonly Dictionary<string, Scalar> Types = new(StringComparer.Ordinal)
        {
            ["string"] = new("string"), ["boolean"] = new("boolean"), ["integer"] = new("integer"), ["long"] = new("long"),
            ["float"] = new("float"), ["double"] = new("double"), ["timestamp"] = new("timestamp"), ["blob"] = new("blob"),
            ["policyDocument"] = new("policyDocument"),
        };

        public static Scalar? Named(string name) => Types.GetValueOrDefault(name);

        public override JsonNode? ReadXml(XElement node)
        {
            var text = node.Value;
            return type switch
            {
                "boolean" => JsonValue.Create(text == "true"),
                "integer" or "long" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole) : JsonValue.Create(text),
                "float" or "double" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? JsonValue.Create(real) : JsonValue.Create(text),
                "timestamp" => JsonValue.Create(Timestamps.Iso(text)),
                "policyDocument" => PolicyDocument(text),
                _ => JsonValue.Create(text),
            };
        }

        public override JsonNode? ReadJson(JsonNode? value) => type switch
        {
            "timestamp" when value is JsonValue time => JsonValue.Create(
                time.GetValueKind() == JsonValueKind.Number ? Timestamps.FromEpoch(time.GetValue<double>()) : Timestamps.Iso(time.ToString())),
            _ => value?.DeepClone(),
        };

        /// <summary>IAM sends policy documents URL-encoded; boto3 decodes them into objects (botocore's json_decode_policies).</summary>
        private static JsonNode? PolicyDocument(string text)
        {
            try
            {
                return JsonNode.Parse(Uri.UnescapeDataString(text));
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }
    }
}

/// <summary>
/// Times as the runner prints them: ISO 8601. AWS's own ISO text is kept as sent (EC2 <c>2026-11-22T03:12:45.000Z</c>,
/// IAM <c>2026-11-22T03:12:45Z</c>); epoch seconds (the JSON protocol's timestamps) become UTC ISO 8601.
/// </summary>
public static class Timestamps
{
    public static string FromEpoch(double seconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Iso(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? FromEpoch(seconds) : text;
}
