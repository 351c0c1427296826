using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Aws.Transport;

/// <summary>
/// A recorded scenario: the action, asset (never a secret), parameter sets, the HTTP
/// exchanges AWS answered with, and what the run is expected to print. The same file drives <c>--replay</c>,
/// the replay server and the fixture tests.
/// </summary>
public sealed class Recording
{
    public string? Description { get; set; }
    public string? Action { get; set; }
    public JsonObject Asset { get; set; } = [];
    public JsonArray Parameters { get; set; } = [];
    public List<Exchange> Exchanges { get; set; } = [];
    public JsonObject? Expected { get; set; }

    /// <summary>The recording at <paramref name="path"/>, read as every input is (<see cref="InputFiles"/>, <see cref="StrictJson"/>).</summary>
    public static Recording Load(string path) => FromJson(StrictJson.Parse(InputFiles.Read(path), path), path);

    private static Recording FromJson(JsonNode? json, string source)
    {
        var root = json as JsonObject ?? throw new InvalidDataException($"{source}: a recording must be a JSON object");
        var recording = new Recording
        {
            Description = (string?)root["description"],
            Action = (string?)root["action"],
            Asset = root["asset"]?.DeepClone() as JsonObject ?? [],
            Parameters = root["parameters"] switch
            {
                JsonArray list => (JsonArray)list.DeepClone(),
                JsonObject one => [one.DeepClone()],
                _ => [],
            },
            Expected = root["expected"]?.DeepClone() as JsonObject,
        };
        if (root["exchanges"] is JsonArray exchanges)
        {
            foreach (var node in exchanges)
            {
                recording.Exchanges.Add(Exchange.FromJson(node as JsonObject ?? throw new InvalidDataException($"{source}: every exchange must be an object")));
            }
        }
        return recording;
    }

    public JsonObject ToJson()
    {
        var root = new JsonObject();
        if (Description is not null) root["description"] = Description;
        if (Action is not null) root["action"] = Action;
        root["asset"] = Asset.DeepClone();
        root["parameters"] = Parameters.DeepClone();
        root["exchanges"] = new JsonArray(Exchanges.Select(e => (JsonNode)e.ToJson()).ToArray());
        if (Expected is not null) root["expected"] = Expected.DeepClone();
        return root;
    }
}

/// <summary>One request and AWS's answer to it, or a fault to inject instead of an answer.</summary>
public sealed class Exchange
{
    /// <summary>Which service was called: ec2, autoscaling, elb, elbv2, iam, sts, s3, cloudtrail.</summary>
    public string Service { get; set; } = "";
    public string Method { get; set; } = "POST";
    public string Path { get; set; } = "/";
    /// <summary>The host the request went to (<c>ec2.eu-west-1.amazonaws.com</c>); matched only when a recording names it.</summary>
    public string? Host { get; set; }
    /// <summary>The region the request was signed for; matched only when a recording names it.</summary>
    public string? SigningRegion { get; set; }
    /// <summary>The access key id that signed the request (an assumed role's, say); matched only when a recording names it, never recorded.</summary>
    public string? AccessKeyId { get; set; }
    /// <summary>The query-protocol form, without <c>Version</c>; null for REST and JSON calls.</summary>
    public Dictionary<string, string>? Form { get; set; }
    /// <summary>The JSON-protocol operation (from <c>X-Amz-Target</c>).</summary>
    public string? Target { get; set; }
    /// <summary>A REST or JSON request body; compared as JSON when both sides parse.</summary>
    public string? RequestBody { get; set; }
    public int Status { get; set; } = 200;
    public Dictionary<string, string> Headers { get; set; } = [];
    public string Body { get; set; } = "";
    /// <summary>
    /// <c>drop</c>: the connection is cut before any answer; <c>slow</c>: the answer comes late; <c>interrupt</c>:
    /// the run is cancelled while this call is in flight, then the call is answered.
    /// </summary>
    public string? Fault { get; set; }

    /// <summary>How late a <c>slow</c> exchange is answered: the answer comes, after more than any test's timeout.</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(6);

    public string Describe() =>
        Form is not null && Form.TryGetValue("Action", out var action)
            ? $"{Service} {action} {string.Join(' ', Form.Where(p => p.Key != "Action").Select(p => $"{p.Key}={p.Value}"))}".TrimEnd()
            : $"{Service} {Method} {Path}{(Target is null ? "" : " " + Target)}";

    public static Exchange FromJson(JsonObject node)
    {
        var request = node["request"] as JsonObject ?? [];
        var response = node["response"] as JsonObject ?? [];
        return new Exchange
        {
            Service = (string?)node["service"] ?? "",
            Method = (string?)request["method"] ?? "POST",
            Path = (string?)request["path"] ?? "/",
            Host = (string?)request["host"],
            SigningRegion = (string?)request["signing_region"],
            AccessKeyId = (string?)request["signed_with"],
            Form = (request["form"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? ""),
            Target = (string?)request["target"],
            RequestBody = request["body"] switch { null => null, JsonValue text when text.TryGetValue<string>(out var s) => s, var other => other.ToJsonString() },
            Status = (int?)response["status"] ?? 200,
            Headers = (response["headers"] as JsonObject)?.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value?.ToString() ?? "") ?? [],
            Body = (string?)response["body"] ?? "",
            Fault = (string?)node["fault"],
        };
    }

    public JsonObject ToJson()
    {
        var request = new JsonObject { ["method"] = Method, ["path"] = Path };
        if (Form is not null) request["form"] = new JsonObject(Form.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        if (Target is not null) request["target"] = Target;
        if (RequestBody is not null) request["body"] = RequestBody;
        var node = new JsonObject { ["service"] = Service, ["request"] = request };
        if (Fault is not null)
        {
            node["fault"] = Fault;
            return node;
        }
        node["response"] = new JsonObject
        {
            ["status"] = Status,
            ["headers"] = new JsonObject(Headers.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["body"] = Body,
        };
        return node;
    }
}
