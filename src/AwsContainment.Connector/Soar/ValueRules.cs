
namespace AwsContainment.Connector.Soar;

/// <summary>
/// The contract's value types (app.json <c>contains_types</c>: <c>aws ge instance id</c>, ...), for values that
/// arrive inside another one, such as the ids in a journal: they meet the same rules as parameters before any call.
/// </summary>
/// <param name="describe">What a value of the type is (<c>an EC2 instance id (...)</c>), or null for a type the contract lacks.</param>
/// <param name="isValid">Whether a value is of the type.</param>
public sealed class ValueRules(Func<string, string?> describe, Func<string, string, bool> isValid)
{
    /// <summary>Null when <paramref name="value"/> is of <paramref name="type"/>; otherwise why not, naming <paramref name="field"/>.</summary>
    public string? Problem(string field, string type, string? value) => describe(type) switch
    {
        null => $"{field}: the contract has no value type '{type}'",
        _ when value is null => $"{field} is missing",
        var what when !isValid(type, value) => $"{field}: \"{Shown(value)}\" is not {what}",
        _ => null,
    };

    private static string Shown(string value) => (value.Length > 60 ? value[..60] + "…" : value).ReplaceLineEndings("\\n");
}
