using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Soar;

/// <summary>
/// One validated parameter set: every value already checked against app.json and converted to its declared type
/// (numbers as numbers, booleans as booleans), defaults filled in. The action's generated parameter record reads it
/// (ActionCatalog.g.cs); handlers never re-validate, and a value that carries others (a journal) has them checked by
/// the same <see cref="Rules"/>.
/// </summary>
public sealed class ParameterSet(JsonObject values, ValueRules rules)
{
    /// <summary>The contract's value types, for values found inside a parameter.</summary>
    public ValueRules Rules { get; } = rules;

    /// <summary>A required string (the host has guaranteed it is present).</summary>
    internal string String(string name) => OptionalString(name) ?? throw new KeyNotFoundException($"parameter '{name}' is missing");

    /// <summary>A string, or null when it is absent or empty.</summary>
    internal string? OptionalString(string name) =>
        values[name] is { } value && !(value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length == 0) ? value.ToString() : null;

    internal bool Bool(string name) => values[name] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;

    internal long Long(string name) => OptionalLong(name) ?? throw new KeyNotFoundException($"parameter '{name}' is missing");

    internal long? OptionalLong(string name) => values[name] is JsonValue v && v.TryGetValue<long>(out var number) ? number : null;

    /// <summary>A parameter that carries JSON (another action's result data, a policy); text that is not JSON is refused before any call.</summary>
    internal JsonParameter? Json(string name) =>
        OptionalString(name) is { } text ? new JsonParameter(text, StrictJson.ParseParameter(text, $"parameter '{name}'")) : null;

    /// <summary>A comma-separated list, trimmed, empty entries and repeats dropped, order kept.</summary>
    internal IReadOnlyList<string> List(string name) =>
        (OptionalString(name) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>A parameter's JSON: its text as given (passed on byte for byte where AWS keeps it) and its value (null for <c>null</c>).</summary>
public sealed record JsonParameter(string Text, JsonNode? Value);
