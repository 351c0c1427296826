using AwsContainment.Connector.Iam;

namespace AwsContainment.Tests.Iam;

public sealed class SentencesTests
{
    [Fact]
    public void Messages_are_joined_into_sentences_without_changing_their_words()
    {
        Assert.Equal(
            "Successfully added the following users to IAM: a, b. Could not add the following users to IAM: c. Names must be unique within an account.",
            Sentences.Join(["Successfully added the following users to IAM: a, b", "Could not add the following users to IAM: c. Names must be unique within an account."]));
    }

    [Fact]
    public void The_last_message_keeps_its_own_ending() =>
        Assert.Equal("No Groups found in AWS IAM", Sentences.Join(["No Groups found in AWS IAM"]));
}
