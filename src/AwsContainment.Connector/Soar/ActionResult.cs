using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Soar;

/// <summary>
/// The outcome of one parameter set, in Splunk SOAR's <c>action_result</c> shape: status, message, the parameters
/// it ran with, data items and a summary. Handlers fill it; the host wraps every result in the envelope.
/// </summary>
public sealed class ActionResult
{
    public ActionResult(JsonObject parameter)
    {
        Parameter = parameter;
    }

    public bool Succeeded { get; private set; }

    public string Message { get; private set; } = "";

    public JsonObject Parameter { get; }

    public JsonArray Data { get; } = [];

    public JsonObject Summary { get; } = [];

    public void AddData(JsonNode item) => Data.Add(item);

    /// <summary>Whom the set tells when its first containing step is done (an instance isolated); set by the host.</summary>
    public Action? Isolated { get; set; }

    /// <summary>
    /// The set's first containing step is done: the host counts it, and lets the next set start while this one's
    /// slower evidence steps follow.
    /// </summary>
    public void MarkIsolated() => Isolated?.Invoke();

    public void Succeed(string message)
    {
        Succeeded = true;
        Message = message;
    }

    public void Fail(string message)
    {
        Succeeded = false;
        Message = message;
    }

    /// <summary>Rewrites the message, keeping the status (the host takes secrets out of it this way).</summary>
    public void Reword(Func<string, string> reword) => Message = reword(Message);

    /// <summary>
    /// The finished result as the envelope carries it. Its parameter, data and summary move into the JSON rather than
    /// being copied (a result is printed once; a second call throws, as a node cannot have two parents).
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["status"] = Succeeded ? "success" : "failed",
        ["message"] = Message,
        ["parameter"] = Parameter,
        ["data"] = Data,
        ["summary"] = Summary,
    };
}
