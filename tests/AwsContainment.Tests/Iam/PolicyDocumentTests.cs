using AwsContainment.Connector.Iam;

namespace AwsContainment.Tests.Iam;

/// <summary>A policy document must have the shape of one before create policy sends it.</summary>
public sealed class PolicyDocumentTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""", null)]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", null)]
    [InlineData("""{"Statement":[]}""", "the document has no Version")]
    [InlineData("""{"Version":"2012-10-17"}""", "the document has no Statement")]
    [InlineData("""{"version":"2012-10-17","statement":[]}""", "the document has no Version")]
    [InlineData("""["Version","Statement"]""", "the document must be a JSON object")]
    [InlineData("\"Version Statement\"", "the document must be a JSON object")]
    public void Shape_is_checked(string document, string? problem) => Assert.Equal(problem, CreatePolicyAction.DocumentProblem(document));

    [Theory]
    [InlineData("{'Version':'2012-10-17'}")]
    [InlineData("Version: 2012-10-17")]
    [InlineData("""{"Version":"2012-10-17","Statement":[}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[],"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]
    public void Text_that_is_not_JSON_is_named_as_such(string document) =>
        Assert.StartsWith("the document is not valid JSON: ", CreatePolicyAction.DocumentProblem(document));
}
