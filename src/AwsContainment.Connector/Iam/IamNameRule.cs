using System.Text.RegularExpressions;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// IAM's naming rule for one kind of name, checked before any call: ASCII letters, digits and <c>+=,.@_-</c>
/// (AWS's <c>[\w+=,.@-]</c>), up to a length. The sentences are the integration's own wording.
/// </summary>
public sealed partial record IamNameRule(int MaxLength, string CharacterRule, string LengthRule)
{
    public static readonly IamNameRule User = new(
        64,
        "Usernames must contain only alphanumeric characters and/or the following: +=,.@-.",
        "Usernames must be at most 64 characters long.");

    public static readonly IamNameRule Group = new(
        128,
        "Group names must contain only alphanumeric characters and/or the following: +=,.@_-.",
        "Group names must be at most 128 characters long.");

    /// <summary>Why <paramref name="name"/> breaks the rule, or null when IAM accepts it.</summary>
    public string? Problem(string name) =>
        !AllowedCharacters().IsMatch(name) ? CharacterRule
        : name.Length > MaxLength ? LengthRule
        : null;

    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedCharacters();
}
