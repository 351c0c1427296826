using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// How one service's XML answers become JSON with AWS's own field names and real types, as boto3 shows them:
/// lists (<c>item</c>/<c>member</c>) become arrays, numbers and booleans are typed by field name, and EC2's
/// wire names (<c>reservationSet</c>, <c>instanceState</c>) get their API names (<c>Reservations</c>, <c>State</c>).
/// </summary>
public sealed class XmlShape
{
    private readonly FrozenDictionary<string, string> _renames;
    private readonly FrozenSet<string> _numbers;
    private readonly FrozenSet<string> _booleans;
    private readonly FrozenSet<string> _lists;
    private readonly FrozenSet<string> _maps;

    /// <param name="renames">XML name, or a path suffix such as <c>instancesSet/item/groupSet</c>, to API name.</param>
    /// <param name="numbers">XML names whose text is a number.</param>
    /// <param name="booleans">XML names whose text is a boolean.</param>
    /// <param name="lists">XML names that are lists even when empty or holding one entry.</param>
    /// <param name="maps">XML names whose <c>entry</c>/<c>key</c>/<c>value</c> children become a JSON object.</param>
    public XmlShape(
        IEnumerable<KeyValuePair<string, string>>? renames = null,
        IEnumerable<string>? numbers = null,
        IEnumerable<string>? booleans = null,
        IEnumerable<string>? lists = null,
        IEnumerable<string>? maps = null)
    {
        _renames = (renames ?? []).ToFrozenDictionary(StringComparer.Ordinal);
        _numbers = (numbers ?? []).ToFrozenSet(StringComparer.Ordinal);
        _booleans = (booleans ?? []).ToFrozenSet(StringComparer.Ordinal);
        _lists = (lists ?? []).ToFrozenSet(StringComparer.Ordinal);
        _maps = (maps ?? []).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Converts the children of <paramref name="element"/> into a JSON object.</summary>
    public JsonObject ToJsonObject(XElement element) => (JsonObject)Convert(element, [], forceObject: true)!;

    /// <summary>Converts one element (a list, a structure or a scalar) into JSON.</summary>
    public JsonNode? ToJson(XElement element) => Convert(element, [element.Name.LocalName], forceObject: false);

    private JsonNode? Convert(XElement element, List<string> path, bool forceObject)
    {
        var name = element.Name.LocalName;
        var children = element.Elements().ToList();
        if (!forceObject && _maps.Contains(name))
        {
            return ConvertMap(children, path);
        }
        if (!forceObject && IsList(name, children))
        {
            var array = new JsonArray();
            foreach (var child in children)
            {
                path.Add(child.Name.LocalName);
                array.Add(Convert(child, path, forceObject: false));
                path.RemoveAt(path.Count - 1);
            }
            return array;
        }
        if (forceObject || children.Count > 0)
        {
            var obj = new JsonObject();
            foreach (var child in children)
            {
                var childName = child.Name.LocalName;
                if (childName is "requestId" && path.Count == 0)
                {
                    continue; // EC2 repeats the request id in the body; ResponseMetadata carries it.
                }
                path.Add(childName);
                obj[JsonName(path)] = Convert(child, path, forceObject: false);
                path.RemoveAt(path.Count - 1);
            }
            return obj;
        }
        return Scalar(name, element.Value);
    }

    private JsonObject ConvertMap(List<XElement> entries, List<string> path)
    {
        var map = new JsonObject();
        foreach (var entry in entries)
        {
            var key = entry.Element(entry.Name.Namespace + "key")?.Value ?? "";
            var value = entry.Element(entry.Name.Namespace + "value");
            map[key] = value is null ? null : Convert(value, path, forceObject: false);
        }
        return map;
    }

    private bool IsList(string name, List<XElement> children)
    {
        if (_lists.Contains(name))
        {
            return true;
        }
        if (children.Count == 0)
        {
            return name.EndsWith("Set", StringComparison.Ordinal);
        }
        return children.TrueForAll(c => c.Name.LocalName is "item" or "member");
    }

    private string JsonName(List<string> path)
    {
        for (var length = Math.Min(3, path.Count); length >= 1; length--)
        {
            var key = string.Join('/', path.Skip(path.Count - length));
            if (_renames.TryGetValue(key, out var renamed))
            {
                return renamed;
            }
        }
        var name = path[^1];
        if (name.EndsWith("Set", StringComparison.Ordinal) && name.Length > 3)
        {
            var stem = name[..^3];
            name = stem.EndsWith('s') ? stem : stem + "s";
        }
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private JsonNode? Scalar(string name, string text)
    {
        if (_numbers.Contains(name))
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return JsonValue.Create(whole);
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return JsonValue.Create(real);
            }
        }
        if (_booleans.Contains(name) && bool.TryParse(text, out var flag))
        {
            return JsonValue.Create(flag);
        }
        return JsonValue.Create(text);
    }
}
