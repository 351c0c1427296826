using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Soar;

/// <summary>
/// The one reader of every JSON that comes in (parameter, asset and test files, serve requests, journals): a
/// duplicated key, text that is not valid UTF-8 (or a lone surrogate, or U+FFFD, the mark of text already decoded
/// with replacement) is refused with <see cref="InvalidDataException"/> naming the source and the key, so nothing
/// ambiguous or mangled is ever sent to AWS. The tree comes back fully read: no lazy value can fail later.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 64 };
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// JSON as UTF-8 bytes (an HTTP body): a string that holds bytes that are not UTF-8 fails when it is read (see
    /// <see cref="Text"/>). More than <paramref name="maxValues"/> values are refused before the tree is built.
    /// </summary>
    public static JsonNode? Parse(ReadOnlyMemory<byte> utf8, string source, int maxValues = int.MaxValue)
    {
        if (utf8.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }
        if (!Within(utf8.Span, maxValues))
        {
            throw new InvalidDataException($"{source} holds more than {maxValues:N0} JSON values");
        }
        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            return Copy(document.RootElement, "$", source);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {error.Message}", error);
        }
    }

    /// <summary>
    /// JSON decoded to text (a file, a serve line, the <c>journal</c> parameter): bytes that were not UTF-8 are U+FFFD
    /// by now. More than <paramref name="maxValues"/> values are refused before the tree is built.
    /// </summary>
    public static JsonNode? Parse(string text, string source, int maxValues = int.MaxValue)
    {
        byte[] utf8;
        try
        {
            utf8 = Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new InvalidDataException($"{source} holds text that is not valid Unicode (a lone surrogate)");
        }
        return Parse(utf8, source, maxValues);
    }

    /// <summary>
    /// JSON carried inside a parameter (another action's result data, a policy), read as strictly as the file it
    /// came in: a problem fails the parameter set, naming <paramref name="source"/>, before any AWS call.
    /// </summary>
    public static JsonNode? ParseParameter(string text, string source)
    {
        try
        {
            return Parse(text, source);
        }
        catch (InvalidDataException problem)
        {
            throw ActionFailedException.InvalidParameters(problem.Message);
        }
    }

    /// <summary>The object's keys that are not <paramref name="known"/>, refused as one sentence naming them.</summary>
    public static void RefuseUnknownKeys(JsonObject node, string what, IReadOnlyCollection<string> known, IReadOnlyCollection<string>? ignored = null)
    {
        var unknown = node.Select(p => p.Key).Where(k => !known.Contains(k) && ignored?.Contains(k) != true).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"{what}: unknown field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(k => $"'{Shown(k)}'"))} (known: {string.Join(", ", known)})");
        }
    }

    /// <summary>The string at <paramref name="field"/>, null when absent; any other type is refused naming the field.</summary>
    public static string? OptionalString(JsonObject node, string field, string source, string what) => node[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw new InvalidDataException($"{source}: \"{field}\" must be a string ({what}), got {KindOf(other)}"),
    };

    /// <summary>The object at <paramref name="field"/>, null when absent; any other type is refused naming the field.</summary>
    public static JsonObject? OptionalObject(JsonObject node, string field, string source, string what) => node[field] switch
    {
        null => null,
        JsonObject value => value,
        var other => throw new InvalidDataException($"{source}: \"{field}\" must be an object ({what}), got {KindOf(other)}"),
    };

    /// <summary>What a value is, for a refusal: <c>string</c>, <c>array</c>, <c>null</c>.</summary>
    public static string KindOf(JsonNode? node) => node?.GetValueKind().ToString().ToLowerInvariant() ?? "null";

    // Counted on the raw text, before anything is built: a document (12 bytes a value) or a tree (a hundred) of
    // millions of values would already be the harm. Bad JSON is left for the parser to name.
    private static bool Within(ReadOnlySpan<byte> utf8, int maxValues)
    {
        if (maxValues == int.MaxValue)
        {
            return true;
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        var values = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray) && ++values > maxValues)
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }
        return true;
    }

    private static JsonNode? Copy(JsonElement element, string path, string source)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var copy = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var name = Text(() => property.Name, path, source);
                    var at = $"{path}.{Shown(name)}";
                    copy[name] = Copy(property.Value, at, source);
                }
                return copy;
            case JsonValueKind.Array:
                var list = new JsonArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Copy(item, $"{path}[{index++}]", source));
                }
                return list;
            case JsonValueKind.String:
                return JsonValue.Create(Text(element.GetString, path, source));
            case JsonValueKind.Null:
                return null;
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }

    // A string with invalid UTF-8 bytes or an escaped lone surrogate only fails when it is read.
    private static string Text(Func<string?> read, string path, string source)
    {
        string text;
        try
        {
            text = read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new InvalidDataException($"{source}: {path} is not valid UTF-8 text");
        }
        if (text.Contains('\uFFFD', StringComparison.Ordinal) || HasLoneSurrogate(text))
        {
            throw new InvalidDataException($"{source}: {path} is not valid UTF-8 text (it holds a replacement character or a lone surrogate)");
        }
        return text;
    }

    /// <summary>Whether <paramref name="text"/> holds a UTF-16 surrogate without its pair: it has no UTF-8 form.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string Shown(string key) => key.Length > 40 ? key[..40] + "…" : key.ReplaceLineEndings(" ");
}
