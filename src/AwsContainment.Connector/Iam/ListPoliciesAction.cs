using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Managed policies, filtered by scope (All, AWS, Local) and attachment, up to <c>max_policies</c>; says when more
/// policies match than were returned.
/// </summary>
public sealed class ListPoliciesAction : IamAction<ListPoliciesParameters>
{
    private const string Listed = "Successfully listed available policies in AWS IAM";

    protected override string Title => "List Policies";

    protected override async Task RunAsync(ListPoliciesParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var policies = await iam.ListPoliciesAsync(
            Enum.Parse<PolicyScope>(parameters.Scope),
            parameters.OnlyAttached,
            (int)parameters.MaxPolicies,
            cancellationToken).ConfigureAwait(false);
        var found = policies.HasMore ? Listed + ". Please note, there are additional policies that match the provided filter." : Listed;
        ReportListing(result, policies, "total_policies", found, "No Policies were found in AWS IAM");
    }
}
