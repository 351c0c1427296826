using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Host.Cli;

/// <summary>
/// A Splunk SOAR test file (<c>{action, identifier, config, parameters: [...]}</c>), read strictly: the platform's
/// own fields are accepted and dropped, anything else unknown is a usage error naming it.
/// </summary>
internal sealed record SoarTestFile(string? Action, string? Identifier, JsonObject? Config, List<JsonNode?>? Parameters)
{
    private static readonly string[] Fields = ["action", "identifier", "config", "parameters"];

    // What Splunk SOAR writes into the test JSON it hands a connector, beside the four fields above: the run's and
    // asset's ids, the key that decrypts the asset, the debug level, the environment, and the session token a
    // connector's main() adds (splunk-soar-connectors/*/tests/*_config.py TEST_JSON, phantom BaseConnector's
    // _handle_action input). Never parameters, never asset values.
    private static readonly string[] PlatformFields =
    [
        "action_run_id", "app_config", "asset_id", "connector_run_id", "container_id", "dec_key", "debug_level",
        "environment_variables", "user_session_token",
    ];

    // What the platform adds to "config" beside the asset's own fields: the app's name, version, install
    // directory and main module, its ingestion settings, and its environment.
    private static readonly string[] PlatformConfigFields =
    [
        "app_version", "appname", "directory", "main_module", "ingest", "_reserved_environment_variables",
    ];

    /// <summary>What the platform adds to each parameter set: the artifact and playbook it was run from.</summary>
    private const string ParameterContext = "context";

    public static SoarTestFile FromJson(JsonNode? node, string source)
    {
        var root = node as JsonObject ?? throw new InvalidDataException($"{source} must hold a JSON object (a Splunk SOAR test file)");
        StrictJson.RefuseUnknownKeys(root, source, Fields, PlatformFields);
        var config = root["config"] switch
        {
            null => null,
            JsonObject given => WithoutPlatformFields(given),
            var other => throw new InvalidDataException($"{source}: \"config\" must be an object (the asset configuration), got {Kind(other)}"),
        };
        var parameters = root["parameters"] switch
        {
            null => null,
            JsonArray list => list.Select<JsonNode?, JsonNode?>((set, index) => set is JsonObject one
                ? WithoutContext(one)
                : throw new InvalidDataException($"{source}: \"parameters\"[{index}] must be an object (one parameter set), got {Kind(set)}")).ToList(),
            var other => throw new InvalidDataException($"{source}: \"parameters\" must be a list of parameter sets, got {Kind(other)}"),
        };
        return new SoarTestFile(Name(root, "action", source), Name(root, "identifier", source), config, parameters);
    }

    private static string? Name(JsonObject root, string field, string source) => root[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw new InvalidDataException($"{source}: \"{field}\" must be a string (the action's name), got {Kind(other)}"),
    };

    private static JsonObject WithoutPlatformFields(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        foreach (var field in PlatformConfigFields)
        {
            copy.Remove(field);
        }
        return copy;
    }

    private static JsonNode WithoutContext(JsonObject set)
    {
        var copy = (JsonObject)set.DeepClone();
        copy.Remove(ParameterContext);
        return copy;
    }

    internal static string Kind(JsonNode? node) => node?.GetValueKind().ToString().ToLowerInvariant() ?? "null";
}
