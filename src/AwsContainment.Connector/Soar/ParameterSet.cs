using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Soar;

/// <summary>
/// One validated parameter set: every value already checked against app.json and converted to its declared type
/// (numbers as numbers, booleans as booleans), defaults filled in. Handlers read it and never re-validate; a
/// value that carries others (a journal) has them checked by the same <see cref="Rules"/>.
/// </summary>
public sealed class ParameterSet(JsonObject values, ValueRules rules)
{
    public JsonObject Values { get; } = values;

    /// <summary>The contract's value types, for values found inside a parameter.</summary>
    public ValueRules Rules { get; } = rules;

    public bool Has(string name) => Values[name] is not null && !(Values[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);

    /// <summary>A required string (the host has guaranteed it is present).</summary>
    public string String(string name) => OptionalString(name) ?? throw new KeyNotFoundException($"parameter '{name}' is missing");

    public string? OptionalString(string name) => Has(name) ? Values[name]!.ToString() : null;

    public bool Bool(string name) => Values[name] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;

    public long Long(string name) => OptionalLong(name) ?? throw new KeyNotFoundException($"parameter '{name}' is missing");

    public long? OptionalLong(string name) => Values[name] is JsonValue v && v.TryGetValue<long>(out var number) ? number : null;

    /// <summary>A parameter that carries JSON (another action's result data, a policy); text that is not JSON is refused before any call.</summary>
    public JsonNode? OptionalJson(string name)
    {
        if (OptionalString(name) is not { } text)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException error)
        {
            throw ActionFailedException.InvalidParameters($"parameter '{name}' is not JSON ({error.Message})");
        }
    }

    /// <summary>A comma-separated list, trimmed, empty entries and repeats dropped, order kept.</summary>
    public IReadOnlyList<string> List(string name) => SplitList(OptionalString(name));

    public static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}
