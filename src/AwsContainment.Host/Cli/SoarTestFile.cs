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
        var config = StrictJson.OptionalObject(root, "config", source, "the asset configuration") is { } given ? WithoutPlatformFields(given) : null;
        var parameters = root["parameters"] switch
        {
            null => null,
            JsonArray list => ActionRunner.ParameterSets(list, $"{source}: \"parameters\"").Select(WithoutContext).ToList(),
            var other => throw new InvalidDataException($"{source}: \"parameters\" must be a list of parameter sets, got {StrictJson.KindOf(other)}"),
        };
        return new SoarTestFile(StrictJson.OptionalString(root, "action", source, "the action's name"), StrictJson.OptionalString(root, "identifier", source, "the action's identifier"), config, parameters);
    }

    private static JsonObject WithoutPlatformFields(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        foreach (var field in PlatformConfigFields)
        {
            copy.Remove(field);
        }
        return copy;
    }

    private static JsonNode? WithoutContext(JsonNode? set)
    {
        (set as JsonObject)?.Remove(ParameterContext);
        return set;
    }
}
