using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainment.Connector.Aws;

/// <summary>One successful AWS answer: its payload (XML for query services, JSON for JSON services) and metadata.</summary>
public sealed class AwsReply
{
    public AwsReply(XElement? xml, JsonNode? json, AwsResponseMetadata metadata)
    {
        Xml = xml;
        Json = json;
        Metadata = metadata;
    }

    /// <summary>The answer's XML payload: EC2's root element, or the query protocol's <c>{Action}Result</c>.</summary>
    public XElement? Xml { get; }

    /// <summary>The answer's JSON payload (JSON-protocol services).</summary>
    public JsonNode? Json { get; }

    public AwsResponseMetadata Metadata { get; }

    /// <summary>The XML payload's child element by local name, ignoring the service's XML namespace.</summary>
    public XElement? Element(string localName) => Xml?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>The payload as a boto3-style JSON object: the converted fields plus <c>ResponseMetadata</c>.</summary>
    public JsonObject ToJson(XmlShape shape)
    {
        var body = Xml is null ? Json as JsonObject ?? [] : shape.ToJsonObject(Xml);
        body["ResponseMetadata"] = Metadata.ToJson();
        return body;
    }
}
