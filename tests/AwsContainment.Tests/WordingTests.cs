using AwsContainment.Connector;

namespace AwsContainment.Tests;

/// <summary>Counts in every action's messages agree with their noun, regular or not.</summary>
public sealed class WordingTests
{
    [Theory]
    [InlineData(1, "1 read")]
    [InlineData(0, "0 reads")]
    [InlineData(4, "4 reads")]
    public void Counts_agree_with_their_noun(long count, string expected) => Assert.Equal(expected, Wording.Count(count, "read"));

    [Theory]
    [InlineData(1, "1 attached policy")]
    [InlineData(0, "0 attached policies")]
    [InlineData(2, "2 attached policies")]
    public void An_irregular_plural_is_used_for_every_count_but_one(long count, string expected) =>
        Assert.Equal(expected, Wording.Count(count, "attached policy", "attached policies"));
}
