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

    private static readonly string[] Fields = ["description", "action", "asset", "parameters", "exchanges", "expected", "args"];

    /// <summary>
    /// Read strictly, as every other input: a field of the wrong type, an unknown field, or an exchange the replay
    /// could not answer faithfully (a status that is not one, a header that could split the answer) is refused
    /// naming where it is, so a malformed recording is a usage error and never an internal one.
    /// </summary>
    private static Recording FromJson(JsonNode? json, string source)
    {
        var root = json as JsonObject ?? throw new InvalidDataException($"{source}: a recording must be a JSON object, got {StrictJson.KindOf(json)}");
        StrictJson.RefuseUnknownKeys(root, source, Fields);
        var recording = new Recording
        {
            Description = StrictJson.OptionalString(root, "description", source, "what the recording shows"),
            Action = StrictJson.OptionalString(root, "action", source, "the action's name"),
            Asset = (JsonObject?)StrictJson.OptionalObject(root, "asset", source, "the asset configuration")?.DeepClone() ?? [],
            Parameters = root["parameters"] switch
            {
                null => [],
                JsonArray list when list.All(set => set is JsonObject) => (JsonArray)list.DeepClone(),
                JsonObject one => [one.DeepClone()],
                var other => throw new InvalidDataException($"{source}: \"parameters\" must be a parameter set or a list of them, got {StrictJson.KindOf(other)}"),
            },
            Expected = (JsonObject?)StrictJson.OptionalObject(root, "expected", source, "the expected exit code and envelope")?.DeepClone(),
        };
        var exchanges = root["exchanges"] switch
        {
            null => [],
            JsonArray list => list,
            var other => throw new InvalidDataException($"{source}: \"exchanges\" must be a list of exchanges, got {StrictJson.KindOf(other)}"),
        };
        for (var i = 0; i < exchanges.Count; i++)
        {
            var at = $"{source}: exchange {i + 1}";
            recording.Exchanges.Add(Exchange.FromJson(exchanges[i] as JsonObject ?? throw new InvalidDataException($"{at} must be an object, got {StrictJson.KindOf(exchanges[i])}"), at));
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

    private static readonly string[] Fields = ["service", "request", "response", "fault"];
    private static readonly string[] RequestFields = ["method", "path", "host", "signing_region", "signed_with", "form", "target", "body"];
    private static readonly string[] ResponseFields = ["status", "headers", "body"];
    private static readonly string[] Faults = ["drop", "slow", "interrupt"];

    /// <summary>One exchange of a recording, read strictly; <paramref name="at"/> names it in a refusal.</summary>
    public static Exchange FromJson(JsonObject node, string at)
    {
        StrictJson.RefuseUnknownKeys(node, at, Fields);
        var fault = StrictJson.OptionalString(node, "fault", at, string.Join(", ", Faults));
        if (fault is not null && !Faults.Contains(fault))
        {
            throw new InvalidDataException($"{at}: \"fault\" must be one of {string.Join(", ", Faults)}, got \"{fault}\"");
        }
        var request = StrictJson.OptionalObject(node, "request", at, "the recorded request") ?? throw new InvalidDataException($"{at} has no \"request\"");
        StrictJson.RefuseUnknownKeys(request, $"{at}'s request", RequestFields);
        var response = StrictJson.OptionalObject(node, "response", at, "AWS's answer");
        if (response is null && fault is null)
        {
            throw new InvalidDataException($"{at} has neither a \"response\" nor a \"fault\"");
        }
        response ??= [];
        StrictJson.RefuseUnknownKeys(response, $"{at}'s response", ResponseFields);
        string? Text(JsonObject from, string field, string what) => StrictJson.OptionalString(from, field, at, what);
        return new Exchange
        {
            Service = Text(node, "service", "the AWS service") ?? throw new InvalidDataException($"{at} has no \"service\""),
            Method = Text(request, "method", "the HTTP method") ?? "POST",
            Path = Text(request, "path", "the request path") ?? "/",
            Host = Text(request, "host", "the host called"),
            SigningRegion = Text(request, "signing_region", "the region signed for"),
            AccessKeyId = Text(request, "signed_with", "the signing key id"),
            Form = StrictJson.OptionalObject(request, "form", at, "the query form")?.ToDictionary(p => p.Key, p => p.Value is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? value.GetValue<string>()
                : throw new InvalidDataException($"{at}: form field \"{p.Key}\" must be a string, got {StrictJson.KindOf(p.Value)}")),
            Target = Text(request, "target", "the JSON-protocol operation"),
            RequestBody = request["body"] switch { null => null, JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => text.GetValue<string>(), var other => other.ToJsonString() },
            Status = response["status"] switch
            {
                null => 200,
                JsonValue value when value.TryGetValue<int>(out var status) && status is >= 100 and <= 599 => status,
                var other => throw new InvalidDataException($"{at}: \"status\" must be an HTTP status (a number from 100 to 599), got {other?.ToJsonString()}"),
            },
            Headers = ResponseHeaders(StrictJson.OptionalObject(response, "headers", at, "the answer's headers"), at),
            Body = Text(response, "body", "the answer's body") ?? "",
            Fault = fault,
        };
    }

    /// <summary>
    /// Why <paramref name="name"/>: <paramref name="value"/> cannot be written as an HTTP header (a name that is not
    /// a token, a value holding a line break or NUL, which would split the answer); null when it can.
    /// </summary>
    public static string? HeaderProblem(string name, string value) =>
        name.Length == 0 || !name.All(c => c < 127 && c > 32 && !"()<>@,;:\\\"/[]?={}".Contains(c)) ? $"header name \"{name}\" is not an HTTP token"
        : value.Any(c => c is '\r' or '\n' or '\0') ? $"header \"{name}\" holds a line break or NUL, which would split the answer"
        : null;

    private static Dictionary<string, string> ResponseHeaders(JsonObject? headers, string at)
    {
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in headers ?? [])
        {
            var value = node is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? text.GetValue<string>()
                : throw new InvalidDataException($"{at}: header \"{name}\" must be a string, got {StrictJson.KindOf(node)}");
            if (HeaderProblem(name, value) is { } problem)
            {
                throw new InvalidDataException($"{at}: {problem}");
            }
            if (!read.TryAdd(name.ToLowerInvariant(), value))
            {
                throw new InvalidDataException($"{at}: header \"{name}\" is given twice (names are case-insensitive)");
            }
        }
        return read;
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
