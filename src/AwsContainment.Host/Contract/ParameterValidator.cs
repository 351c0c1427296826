using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Host.Contract;

/// <summary>
/// Checks one parameter set (or an asset) against the contract before anything runs, and converts every value to
/// its declared type: numbers and booleans arrive as strings from SOAR platforms and the command line. Every
/// problem is one sentence naming the parameter, the value and the rule.
/// </summary>
public sealed class ParameterValidator(AppContract contract)
{
    private const int ShownValueLength = 60;
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>The converted values, defaults filled in, or the problems found (then the values are not to be used).</summary>
    public (JsonObject Values, IReadOnlyList<string> Problems) Validate(JsonNode? input, IReadOnlyList<ParameterSpec> specs, string what = "parameter")
    {
        var problems = new List<string>();
        var values = new JsonObject();
        if (input is not JsonObject given)
        {
            problems.Add($"the {what}s must be a JSON object, got {Describe(input)}");
            return (values, problems);
        }
        foreach (var (name, _) in given)
        {
            if (specs.All(s => s.Name != name))
            {
                var known = specs.Count == 0 ? "none" : string.Join(", ", specs.Select(s => s.Name));
                problems.Add($"unknown {what} '{name}' (known: {known})");
            }
        }
        foreach (var spec in specs)
        {
            var value = given[spec.Name];
            if (IsAbsent(value))
            {
                if (spec.Default is not null && !IsAbsent(spec.Default))
                {
                    value = spec.Default.DeepClone();
                }
                else
                {
                    if (spec.Required)
                    {
                        problems.Add($"missing required {what} '{spec.Name}' ({spec.Description.TrimEnd('.')})");
                    }
                    continue;
                }
            }
            var converted = Convert(spec, value!, what, given, out var problem);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else
            {
                values[spec.Name] = converted;
            }
        }
        foreach (var spec in specs.Where(s => values.ContainsKey(s.Name)))
        {
            foreach (var needed in spec.Requires.Where(n => IsAbsent(given[n])))
            {
                problems.Add($"{what} '{spec.Name}' needs {what} '{needed}' too: give them together");
            }
        }
        return (values, problems);
    }

    private static bool IsAbsent(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Trim().Length == 0);

    private JsonNode? Convert(ParameterSpec spec, JsonNode value, string what, JsonObject given, out string? problem)
    {
        problem = null;
        var label = $"{what} '{spec.Name}'";
        switch (spec.DataType)
        {
            case "numeric":
                if (!TryNumber(value, out var number))
                {
                    problem = $"{label} must be a whole number, got {Describe(value)}";
                    return null;
                }
                if (spec.Minimum is { } min && number < min || spec.Maximum is { } max && number > max)
                {
                    problem = $"{label} must be between {spec.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {spec.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}, got {number}";
                    return null;
                }
                return JsonValue.Create(number);
            case "boolean":
                if (!TryBoolean(value, out var flag))
                {
                    problem = $"{label} must be true or false, got {Describe(value)}";
                    return null;
                }
                return JsonValue.Create(flag);
            default:
                if (value is not JsonValue scalar || scalar.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array)
                {
                    problem = $"{label} must be a string, got {Describe(value)}";
                    return null;
                }
                var text = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>().Trim() : scalar.ToJsonString();
                if (spec.Placeholders is { } placeholders && placeholders.Values.Contains(text, StringComparer.Ordinal) && !IsAbsent(given[placeholders.OnlyWith]))
                {
                    return JsonValue.Create(text);
                }
                problem = CheckText(spec, label, text);
                if (problem is null && spec.ValueList.Count > 0)
                {
                    text = spec.ValueList.First(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
                }
                return problem is null ? JsonValue.Create(text) : null;
        }
    }

    private string? CheckText(ParameterSpec spec, string label, string text)
    {
        // Text decoded with replacement (U+FFFD) or holding half a surrogate pair is not what the caller typed.
        if (text.Contains('\uFFFD', StringComparison.Ordinal) || StrictJson.HasLoneSurrogate(text))
        {
            return $"{label} is not valid UTF-8 text";
        }
        if (spec.ValueList.Count > 0)
        {
            return spec.ValueList.Any(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
                ? null
                : $"{label} must be one of {string.Join(", ", spec.ValueList)}, got {Show(text)}";
        }
        var items = spec.IsList ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text];
        if (items.Length == 0)
        {
            return $"{label} must list at least one value, got {Show(text)}";
        }
        foreach (var item in items)
        {
            var problem = CheckItem(spec, label, item);
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private string? CheckItem(ParameterSpec spec, string label, string item)
    {
        var shown = spec.DataType == "password" ? "the given value" : Show(item);
        if (spec.MaxLength is { } maxLength && item.Length > maxLength)
        {
            return $"{label} must be at most {maxLength} characters, got {item.Length}: {shown}";
        }
        if (spec.Pattern is not null && !Matches(spec.Pattern, item))
        {
            return $"{label}: {shown} is not {spec.PatternDescription ?? $"of the form {spec.Pattern}"}";
        }
        foreach (var name in spec.Contains)
        {
            if (contract.ContainsTypes.TryGetValue(name, out var type) && !IsValid(type, item))
            {
                return $"{label}: {shown} is not {type.Description}";
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="value"/> is of the value type; exposed for the contract tests.</summary>
    public static bool IsValid(ContainsType type, string value) => value.Trim().Length == value.Length && type.Kind switch
    {
        // Trimmed first: a regular expression's $ also matches before a final newline, so "i-0abc…\n" would pass.
        "ip_or_cidr" => IsIpOrCidr(value),
        _ => type.Pattern is null || Matches(type.Pattern, value),
    };

    private static bool IsIpOrCidr(string value)
    {
        var slash = value.IndexOf('/');
        var address = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(address, out var ip) || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IsPlainDottedQuad(address)) || address.IndexOfAny(['%', '[', ']']) >= 0)
        {
            return false;
        }
        if (slash < 0)
        {
            return true;
        }
        var maxPrefix = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        return int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= maxPrefix;
    }

    /// <summary>
    /// Four decimal octets with no leading zeros: .NET (like inet_aton) reads 010 as octal 8 and 0x0a as hex, so
    /// "192.168.001.010" would otherwise become 192.168.1.8, a different host than the one the responder typed.
    /// </summary>
    private static bool IsPlainDottedQuad(string address)
    {
        var octets = address.Split('.');
        return octets.Length == 4 && octets.All(o =>
            o.Length is >= 1 and <= 3 && o.All(char.IsAsciiDigit) && (o.Length == 1 || o[0] != '0')
            && int.Parse(o, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool Matches(string pattern, string value) =>
        Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(value);

    private static bool TryNumber(JsonNode value, out long number)
    {
        number = 0;
        if (value is not JsonValue scalar)
        {
            return false;
        }
        return scalar.GetValueKind() switch
        {
            JsonValueKind.Number => scalar.TryGetValue(out number) || (scalar.TryGetValue<double>(out var real) && real == Math.Floor(real) && Math.Abs(real) < long.MaxValue && (number = (long)real) == real),
            JsonValueKind.String => long.TryParse(scalar.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    private static bool TryBoolean(JsonNode value, out bool flag)
    {
        flag = false;
        if (value is not JsonValue scalar)
        {
            return false;
        }
        return scalar.GetValueKind() switch
        {
            JsonValueKind.True => flag = true,
            JsonValueKind.False => true,
            JsonValueKind.String => bool.TryParse(scalar.GetValue<string>().Trim(), out flag),
            _ => false,
        };
    }

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Show(v.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    /// <summary>A value as an error message shows it: quoted, and cut short so 10 KB of junk stays one line.</summary>
    private static string Show(string value)
    {
        var shown = value.Length > ShownValueLength ? value[..ShownValueLength] + $"… ({value.Length} characters)" : value;
        return $"\"{shown.ReplaceLineEndings(" ")}\"";
    }
}
