using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Aws;

/// <summary>One successful AWS answer as boto3 shows it (read through the service's model) and its metadata.</summary>
public sealed class AwsReply
{
    public AwsReply(JsonObject body, AwsResponseMetadata metadata)
    {
        Body = body;
        Metadata = metadata;
    }

    /// <summary>The answer's fields with the API's names and types, without <c>ResponseMetadata</c>.</summary>
    public JsonObject Body { get; }

    public AwsResponseMetadata Metadata { get; }

    /// <summary>The answer as boto3 prints it: its fields plus <c>ResponseMetadata</c>.</summary>
    public JsonObject ToJson()
    {
        var body = (JsonObject)Body.DeepClone();
        body["ResponseMetadata"] = Metadata.ToJson();
        return body;
    }
}
