using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using AwsContainment.Connector.Aws;
using Xunit.Abstractions;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Every recorded 2xx answer of the services read through AWS's models, completed with every member the model
/// defines (placeholders of each member's type), read by the connector and held to what botocore's own parser
/// made of the same body: tests/golden, written by <c>python3 tools/models/golden.py</c>.
/// </summary>
public sealed class BotocoreGoldenTests(ITestOutputHelper output)
{
    private static readonly string[] Modelled = ["ec2", "autoscaling", "elb", "elbv2", "iam", "cloudtrail", "kms"];
    private static readonly string[] JsonProtocol = ["cloudtrail", "kms"];
    private static readonly string[] Sources = ["tests/fixtures", "bench/fixtures", "examples"];
    private static readonly string GoldenDirectory = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "golden");

    /// <summary>tests/golden: per <c>service.Operation</c>, the entries by <see cref="KeyOf"/>.</summary>
    private static readonly Dictionary<string, JsonObject> Golden = Directory.EnumerateFiles(GoldenDirectory, "*.json")
        .ToDictionary(file => Path.GetFileNameWithoutExtension(file)!, file => JsonNode.Parse(File.ReadAllText(file))!.AsObject(), StringComparer.Ordinal);

    [Fact]
    public void Every_recorded_answer_reads_as_botocore_reads_it()
    {
        var objects = 0;
        var mismatches = new List<string>();
        foreach (var (name, entries) in Golden.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var service = name[..name.IndexOf('.', StringComparison.Ordinal)];
            var operation = name[(service.Length + 1)..];
            foreach (var (key, entry) in entries)
            {
                if (entry!["malformed"] is not null)
                {
                    continue; // held by Cut_off_answers_are_refused_not_read
                }
                var expected = entry["boto3"]!;
                var actual = Read(service, operation, (string)entry["body"]!);
                objects += CountObjects(expected);
                Compare(expected, actual, $"{name} {key}", mismatches);
            }
        }
        output.WriteLine($"{objects} AWS objects checked against botocore, {mismatches.Count} mismatches");
        Assert.True(objects > 0, "tests/golden is empty: run python3 tools/models/golden.py");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(40)));
    }

    [Fact]
    public void Every_recorded_answer_has_its_botocore_view()
    {
        var missing = RecordedAnswers()
            .Where(a => GoldenEntry(a) is null)
            .Select(a => $"{a.Source}: {a.Service} {a.Operation}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "recorded answers without a botocore view; run python3 tools/models/golden.py:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Cut_off_answers_are_refused_not_read()
    {
        var cutOff = RecordedAnswers().Where(a => GoldenEntry(a)?["malformed"] is not null).ToList();

        Assert.NotEmpty(cutOff);
        foreach (var answer in cutOff)
        {
            Assert.ThrowsAny<XmlException>(() => Read(answer.Service, answer.Operation, answer.Body));
        }
    }

    private static JsonNode? GoldenEntry((string Source, string Service, string Operation, string Body) answer) =>
        Golden.GetValueOrDefault($"{answer.Service}.{answer.Operation}")?[KeyOf(answer.Service, answer.Operation, answer.Body)];

    /// <summary>Must equal golden.py's key_of: the recorded body, byte for byte, names the entry.</summary>
    private static string KeyOf(string service, string operation, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{service}\n{operation}\n{body}")))[..16];

    /// <summary>An answer body read as the connector reads it (QueryServiceClient: the XML root or the JSON body, through the model).</summary>
    private static JsonObject Read(string service, string operation, string body)
    {
        var model = ServiceModel.For(service);
        return JsonProtocol.Contains(service)
            ? model.ReadJson(operation, body.Length == 0 ? new JsonObject() : JsonNode.Parse(body))
            : model.ReadXml(operation, body);
    }

    private static IEnumerable<(string Source, string Service, string Operation, string Body)> RecordedAnswers()
    {
        foreach (var directory in Sources.Select(s => Path.Combine(TestEnvironment.RepositoryRoot, s)))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories))
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject { } recording || recording["exchanges"] is not JsonArray exchanges)
                {
                    continue;
                }
                foreach (var exchange in exchanges.OfType<JsonObject>())
                {
                    var service = (string?)exchange["service"] ?? "";
                    var status = (int?)exchange["response"]?["status"] ?? 200;
                    if (!Modelled.Contains(service) || exchange["fault"] is not null || exchange["response"] is null || status is < 200 or >= 300)
                    {
                        continue;
                    }
                    var operation = (string?)exchange["request"]?["form"]?["Action"] ?? ((string?)exchange["request"]?["target"])?.Split('.')[^1] ?? "";
                    yield return (Path.GetRelativePath(TestEnvironment.RepositoryRoot, file), service, operation, (string?)exchange["response"]!["body"] ?? "");
                }
            }
        }
    }

    private static int CountObjects(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => CountObjects(p.Value)),
        JsonArray a => a.Sum(CountObjects),
        _ => 0,
    };

    /// <summary>
    /// Equal as boto3 would print them: same members, lists, types and values. Times are equal when they are the
    /// same instant (botocore holds a datetime; the runner prints AWS's ISO 8601 text), numbers when numerically equal.
    /// </summary>
    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> mismatches)
    {
        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        mismatches.Add($"{path}.{name}: {(e.ContainsKey(name) ? "missing" : "not in botocore's view")}");
                        continue;
                    }
                    Compare(e[name], a[name], $"{path}.{name}", mismatches);
                }
                break;
            case JsonArray e when actual is JsonArray a && e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", mismatches);
                }
                break;
            case JsonValue e when actual is JsonValue a && SameValue(e, a):
                break;
            case null when actual is null:
                break;
            default:
                mismatches.Add($"{path}: botocore {expected?.ToJsonString() ?? "null"}, runner {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }
        return kind switch
        {
            JsonValueKind.Number => Number(expected) == Number(actual),
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>() || SameInstant(expected.GetValue<string>(), actual.GetValue<string>()),
            _ => JsonNode.DeepEquals(expected, actual),
        };
    }

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private static bool SameInstant(string expected, string actual) =>
        DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var e)
        && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var a)
        && expected.Contains('T', StringComparison.Ordinal) && actual.Contains('T', StringComparison.Ordinal)
        && e == a;
}
