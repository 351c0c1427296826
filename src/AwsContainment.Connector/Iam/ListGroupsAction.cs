using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>The account's IAM groups, up to <c>max_groups</c>, in IAM's order.</summary>
public sealed class ListGroupsAction : IamAction<ListGroupsParameters>
{
    protected override string Title => "List Groups";

    protected override async Task RunAsync(ListGroupsParameters parameters, IIamClient iam, ActionResult result, CancellationToken cancellationToken)
    {
        var groups = await iam.ListGroupsAsync((int)parameters.MaxGroups, cancellationToken).ConfigureAwait(false);
        ReportListing(result, groups, "total_groups", "Successfully listed available groups in AWS IAM", "No Groups found in AWS IAM");
    }
}
