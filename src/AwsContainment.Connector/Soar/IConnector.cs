using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Soar;

/// <summary>What the SOAR-generic host needs of a connector: which actions it serves, and running one.</summary>
public interface IConnector
{
    /// <summary>The app.json identifiers of every action this connector has a handler for.</summary>
    IReadOnlyCollection<string> ActionIdentifiers { get; }

    /// <summary>
    /// What is wrong with an asset (already checked against app.json) beyond what app.json's rules can say, such
    /// as an endpoint the connector never sends requests to; each problem names its field.
    /// </summary>
    IEnumerable<string> AssetProblems(JsonObject asset);

    /// <summary>Whether runs with this asset would be signed with the host's own credentials (environment, profile, instance role).</summary>
    bool UsesHostCredentials(JsonObject asset);

    /// <summary>Runs one validated parameter set and fills <paramref name="result"/>; never throws for an AWS failure.</summary>
    Task RunAsync(string identifier, JsonObject asset, ParameterSet parameters, ActionResult result, CancellationToken cancellationToken);
}

/// <summary>
/// A failure a handler explains in its own words (wrong group, not found): the set fails with this message.
/// <paramref name="code"/> is the AWS error code the explanation stands for, when one does.
/// </summary>
public sealed class ActionFailedException(string message, string? code = null) : Exception(message)
{
    public string? Code { get; } = code;

    /// <summary>A parameter set the handler refuses before any AWS call, for a rule app.json cannot express.</summary>
    public static ActionFailedException InvalidParameters(string problem) => new($"Invalid parameters, nothing was sent to AWS: {problem}");
}
