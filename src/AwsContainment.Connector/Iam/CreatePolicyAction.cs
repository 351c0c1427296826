using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Creates a customer-managed policy (version v1, the default). The document must be a JSON object with
/// <c>Version</c> and <c>Statement</c> before anything is sent; IAM's own reason for a malformed one is passed on.
/// </summary>
public sealed class CreatePolicyAction : IamAction<CreatePolicyParameters>
{
    protected override string Title => "Create a Policy";

    protected override async Task RunAsync(CreatePolicyParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var name = parameters.PolicyName;
        var document = parameters.PolicyDocument;
        var malformed = $"Could not create {name} policy. The policy document was malformed. Reason: ";
        if (DocumentProblem(document) is { } problem)
        {
            result.Fail(malformed + problem);
            return;
        }
        try
        {
            var policy = await iam.CreatePolicyAsync(name, document, parameters.Description, cancellationToken).ConfigureAwait(false);
            result.AddData(policy);
            result.Summary["policy_arn"] = policy["Arn"]?.DeepClone();
            result.Succeed($"{name} policy was successfully created");
        }
        catch (AmazonServiceException error) when (error.ErrorCode == IamErrorCodes.EntityAlreadyExists)
        {
            result.Fail($"Could not create {name} policy. Policy names must be unique within an account.");
        }
        catch (AmazonServiceException error) when (error.ErrorCode == IamErrorCodes.MalformedPolicyDocument)
        {
            result.Fail(malformed + AwsErrors.Describe(error));
        }
    }

    /// <summary>Why <paramref name="document"/> cannot be a policy document, or null when it has the shape of one.</summary>
    public static string? DocumentProblem(string document)
    {
        JsonNode? root;
        try
        {
            root = StrictJson.Parse(document, "the document");
        }
        catch (InvalidDataException problem)
        {
            return problem.Message.TrimEnd('.');
        }
        return root is not JsonObject policy ? "the document must be a JSON object"
            : !policy.ContainsKey("Version") ? "the document has no Version"
            : !policy.ContainsKey("Statement") ? "the document has no Statement"
            : null;
    }
}
