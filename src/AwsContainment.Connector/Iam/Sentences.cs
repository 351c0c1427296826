
namespace AwsContainment.Connector.Iam;

/// <summary>Joins the integration's output messages into one message, each kept word for word.</summary>
public static class Sentences
{
    /// <summary>Ends every part but the last with a full stop (unless it has one) and joins them with a space.</summary>
    public static string Join(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return string.Join(" ", list.Select((part, index) => index < list.Count - 1 && !part.EndsWith('.') ? part + "." : part));
    }
}
