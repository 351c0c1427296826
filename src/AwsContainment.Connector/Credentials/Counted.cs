namespace AwsContainment.Connector.Credentials;

/// <summary>Numbers in result messages, with the noun agreeing: "1 read", "3 reads", "1 attached policy".</summary>
internal static class Counted
{
    public static string Of(long count, string singular, string? plural = null) =>
        count == 1 ? $"1 {singular}" : $"{count} {plural ?? singular + "s"}";
}
