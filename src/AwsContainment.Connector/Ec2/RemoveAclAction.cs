using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// The undo of add acl: deletes the network ACL rule of that number and direction, only when it is the rule add
/// acl made for that address or block (<c>ip</c>, as add acl took it): a rule someone has put in that place since is
/// refused, never deleted. The rule removed is kept in the result, so it could be added again. No rule there is a no-op.
/// </summary>
public sealed class RemoveAclAction : IAwsAction<RemoveAclParameters>
{
    public async Task RunAsync(ActionContext context, RemoveAclParameters parameters, CancellationToken cancellationToken)
    {
        var networkAclId = parameters.NetworkAclId;
        var ruleNumber = parameters.RuleNumber;
        var egress = parameters.EgressRule;
        var (cidr, _) = AddAclAction.CidrOf(parameters.Ip);
        var direction = egress ? "egress" : "ingress";
        var ec2 = context.Aws.Ec2();
        var acl = await ec2.DescribeNetworkAclAsync(networkAclId, cancellationToken).ConfigureAwait(false);
        var about = new JsonObject { ["NetworkAclId"] = networkAclId, ["VpcId"] = acl.VpcId, ["RuleNumber"] = ruleNumber, ["Egress"] = egress, ["Changed"] = false, ["RemovedRule"] = null };
        var rule = acl.Rules.FirstOrDefault(r => r.RuleNumber == ruleNumber && r.Egress == egress);
        if (rule is null)
        {
            context.Result.AddData(Reporting.Item(about, acl.Metadata));
            context.Result.Finish(true, $"{networkAclId} has no {direction} rule {ruleNumber}; nothing changed");
            return;
        }
        if (rule.Cidr != cidr)
        {
            throw new ActionFailedException($"{direction} rule {ruleNumber} of {networkAclId} is {AddAclAction.Describe(rule)}, not a rule for {cidr}: not the rule add acl made, so it was left alone. Nothing changed");
        }
        about["RemovedRule"] = rule.ToJson();
        about["Changed"] = true;
        var retried = "";
        try
        {
            var change = await ec2.DeleteNetworkAclEntryAsync(networkAclId, ruleNumber, egress, cancellationToken).ConfigureAwait(false);
            context.Result.AddData(Reporting.Item(about, change.Response));
        }
        catch (AmazonServiceException gone) when (gone.ErrorCode == "InvalidNetworkAclEntry.NotFound" && AwsErrors.WasRepeated(gone))
        {
            // Core retries a delete after a 5xx, and the first attempt may have removed the rule: AWS then refuses the retry.
            context.Result.AddData(Reporting.Item(about, acl.Metadata));
            retried = " (EC2 answered a retry with InvalidNetworkAclEntry.NotFound: the first attempt removed it)";
        }
        context.Result.Finish(true, $"Removed {direction} rule {ruleNumber} from {networkAclId}: {AddAclAction.Describe(rule)}{retried}");
    }
}
