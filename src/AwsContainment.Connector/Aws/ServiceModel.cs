using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

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

    private static readonly XmlReaderSettings Streaming = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true, // as XDocument reads by default: whitespace between elements is not text
    };

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
    /// <c>{Operation}Result</c> element, or EC2's root element, read through the operation's output shape as it
    /// streams in (no document is built). <paramref name="requestId"/> is EC2's <c>requestId</c> or the query
    /// protocol's <c>ResponseMetadata/RequestId</c>. Malformed XML, or a DTD (AWS never sends one), throws <see cref="XmlException"/>.
    /// </summary>
    public JsonObject ReadXml(string operation, Stream answer, out string? requestId)
    {
        using var reader = XmlReader.Create(answer, Streaming);
        return ReadXml(operation, reader, out requestId);
    }

    /// <summary>An XML answer given as text (<see cref="ReadXml(string, Stream, out string?)"/>).</summary>
    public JsonObject ReadXml(string operation, string answer)
    {
        using var reader = XmlReader.Create(new StringReader(answer), Streaming);
        return ReadXml(operation, reader, out _);
    }

    private JsonObject ReadXml(string operation, XmlReader reader, out string? requestId)
    {
        var (output, wrapper) = Operation(operation);
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new XmlException("the answer is an empty XML document");
        }
        var metadata = new AnswerMetadata();
        var body = wrapper is null && output is Structure whole ? whole.ReadObject(reader, metadata) : null;
        if (body is null && XmlWalk.Enter(reader, out var depth))
        {
            while (XmlWalk.NextChild(reader, depth))
            {
                if (body is null && reader.LocalName == wrapper && output is Structure structure)
                {
                    body = structure.ReadObject(reader, metadata: null);
                }
                else
                {
                    metadata.Read(reader);
                }
            }
        }
        XmlWalk.ReadToEnd(reader);
        requestId = metadata.RequestId;
        return body ?? [];
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
                    structure.Define(definition.Name, members.ToArray());
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
        /// <summary>The element the reader is on, read as this shape to its end (botocore's <c>_parse_shape</c> on an XML node).</summary>
        public abstract JsonNode? ReadXml(XmlReader reader);

        /// <summary>
        /// One of a flattened list's or map's repeated elements (they are its entries), added to what
        /// <paramref name="read"/> holds so far; any other shape keeps its first element, as botocore does.
        /// </summary>
        public virtual void ReadFlattened(XmlReader reader, ref JsonNode? read, ref bool seen)
        {
            if (seen)
            {
                reader.Skip();
                return;
            }
            read = ReadXml(reader);
            seen = true;
        }

        public abstract JsonNode? ReadJson(JsonNode? value);
    }

    private sealed record Member(string Name, string Wire, Shape Shape, bool Flattened);

    private sealed class Structure : Shape
    {
        private Member[] _members = [];
        private Dictionary<string, int> _byWire = new(StringComparer.Ordinal);

        /// <summary>
        /// Gives the structure its members (shapes refer to each other, so they are defined after all exist). Each
        /// element is read once, into the one member of its name: a model where two members share a wire name (botocore
        /// would read the element into both) is refused rather than read differently.
        /// </summary>
        public void Define(string name, Member[] members)
        {
            _members = members;
            _byWire = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var index = 0; index < members.Length; index++)
            {
                if (!_byWire.TryAdd(members[index].Wire, index))
                {
                    throw new InvalidOperationException($"shape {name}: two members read the element <{members[index].Wire}>, which this reader does not support");
                }
            }
        }

        public override JsonNode? ReadXml(XmlReader reader) => ReadObject(reader, metadata: null);

        /// <summary>
        /// The members in the model's order; an element met twice keeps its first (botocore reads the first). Elements
        /// the model does not know are skipped, or handed to <paramref name="metadata"/> (the root's: the request id).
        /// </summary>
        public JsonObject ReadObject(XmlReader reader, AnswerMetadata? metadata)
        {
            var values = new JsonNode?[_members.Length];
            var seen = new bool[_members.Length];
            if (XmlWalk.Enter(reader, out var depth))
            {
                while (XmlWalk.NextChild(reader, depth))
                {
                    if (!_byWire.TryGetValue(reader.LocalName, out var index))
                    {
                        if (metadata is null)
                        {
                            reader.Skip();
                        }
                        else
                        {
                            metadata.Read(reader);
                        }
                    }
                    else if (_members[index].Flattened)
                    {
                        _members[index].Shape.ReadFlattened(reader, ref values[index], ref seen[index]);
                    }
                    else if (seen[index])
                    {
                        reader.Skip();
                    }
                    else
                    {
                        values[index] = _members[index].Shape.ReadXml(reader);
                        seen[index] = true;
                    }
                }
            }
            var read = new JsonObject();
            for (var index = 0; index < _members.Length; index++)
            {
                if (seen[index])
                {
                    read[_members[index].Name] = values[index];
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
            foreach (var member in _members)
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

        /// <summary>Every child element is an item, whatever its name (<c>item</c>, <c>member</c>).</summary>
        public override JsonNode? ReadXml(XmlReader reader)
        {
            var items = new JsonArray();
            if (XmlWalk.Enter(reader, out var depth))
            {
                while (XmlWalk.NextChild(reader, depth))
                {
                    items.Add(Item.ReadXml(reader));
                }
            }
            return items;
        }

        public override void ReadFlattened(XmlReader reader, ref JsonNode? read, ref bool seen)
        {
            var items = read as JsonArray ?? [];
            items.Add(Item.ReadXml(reader));
            read = items;
            seen = true;
        }

        public override JsonNode? ReadJson(JsonNode? value) =>
            value is JsonArray items ? new JsonArray(items.Select(Item.ReadJson).ToArray()) : value?.DeepClone();
    }

    private sealed class MapShape : Shape
    {
        public Shape Key { get; set; } = null!;
        public Shape Value { get; set; } = null!;
        public string KeyName { get; set; } = "key";
        public string ValueName { get; set; } = "value";

        /// <summary>Every child element is an entry.</summary>
        public override JsonNode? ReadXml(XmlReader reader)
        {
            var map = new JsonObject();
            if (XmlWalk.Enter(reader, out var depth))
            {
                while (XmlWalk.NextChild(reader, depth))
                {
                    ReadEntry(reader, map);
                }
            }
            return map;
        }

        public override void ReadFlattened(XmlReader reader, ref JsonNode? read, ref bool seen)
        {
            var map = read as JsonObject ?? [];
            ReadEntry(reader, map);
            read = map;
            seen = true;
        }

        /// <summary>One entry: its last key and last value element count; an entry without a key is left out.</summary>
        private void ReadEntry(XmlReader reader, JsonObject map)
        {
            string? key = null;
            JsonNode? value = null;
            if (XmlWalk.Enter(reader, out var depth))
            {
                while (XmlWalk.NextChild(reader, depth))
                {
                    if (reader.LocalName == KeyName)
                    {
                        key = XmlWalk.ReadText(reader);
                    }
                    else if (reader.LocalName == ValueName)
                    {
                        value = Value.ReadXml(reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            if (key is not null)
            {
                map[key] = value;
            }
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

        public override JsonNode? ReadXml(XmlReader reader)
        {
            var text = XmlWalk.ReadText(reader);
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
/// The answer's request id, wherever the protocol puts it beside the result: EC2's <c>requestId</c> or the query
/// protocol's <c>ResponseMetadata/RequestId</c>.
/// </summary>
internal sealed class AnswerMetadata
{
    public string? RequestId { get; private set; }

    /// <summary>Reads the element the reader is on to its end, keeping a request id it is or holds.</summary>
    public void Read(XmlReader reader)
    {
        if (reader.LocalName is "requestId" or "RequestId")
        {
            var id = XmlWalk.ReadText(reader);
            RequestId ??= id;
        }
        else if (reader.LocalName == "ResponseMetadata" && XmlWalk.Enter(reader, out var depth))
        {
            while (XmlWalk.NextChild(reader, depth))
            {
                Read(reader);
            }
        }
        else
        {
            reader.Skip();
        }
    }
}

/// <summary>Walking an element's children with an <see cref="XmlReader"/>, each child read to its end by its reader.</summary>
internal static class XmlWalk
{
    /// <summary>Steps into the element the reader is on; false, and past it, when it is empty.</summary>
    public static bool Enter(XmlReader reader, out int depth)
    {
        depth = reader.Depth;
        var empty = reader.IsEmptyElement;
        reader.Read();
        return !empty;
    }

    /// <summary>Moves to the next child element of the element entered at <paramref name="depth"/>; false, and past its end tag, when there is none.</summary>
    public static bool NextChild(XmlReader reader, int depth)
    {
        while (reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }
            reader.Read();
        }
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            reader.Read();
        }
        return false;
    }

    /// <summary>All the text inside the element the reader is on, nested elements' included (<c>XElement.Value</c>), read to its end.</summary>
    public static string ReadText(XmlReader reader)
    {
        if (!Enter(reader, out var depth))
        {
            return "";
        }
        string? first = null;
        StringBuilder? joined = null;
        while (reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                if (first is null)
                {
                    first = reader.Value;
                }
                else
                {
                    (joined ??= new StringBuilder(first)).Append(reader.Value);
                }
            }
            reader.Read();
        }
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            reader.Read();
        }
        return joined?.ToString() ?? first ?? "";
    }

    /// <summary>Reads past what follows the root element, so a document cut short or with a second root fails as XDocument would.</summary>
    public static void ReadToEnd(XmlReader reader)
    {
        while (reader.Read())
        {
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
