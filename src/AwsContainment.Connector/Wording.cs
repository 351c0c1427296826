
namespace AwsContainment.Connector;

/// <summary>How result messages word numbers, the same in every action: the noun agrees with its count.</summary>
internal static class Wording
{
    /// <summary>"1 volume", "3 volumes"; irregular nouns name their plural: "2 attached policies", "2 source addresses".</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        count == 1 ? $"1 {singular}" : $"{count} {plural ?? singular + "s"}";
}
