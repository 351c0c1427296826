using AwsContainment.Connector.AutoScaling;
using AwsContainment.Connector.CloudTrail;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.LoadBalancing;
using AwsContainment.Connector.Playbooks;
using AwsContainment.Connector.S3;

namespace AwsContainment.Connector;

/// <summary>Every action handler this connector has; contract tests hold this list and app.json to each other.</summary>
public static class ActionCatalog
{
    public static IReadOnlyList<IAwsAction> All { get; } =
    [
        new TestConnectivityAction(),
        new DescribeInstanceAction(),
        new DetachInstanceAction(),
        new AttachInstanceAction(),
        new DeregisterInstanceAction(),
        new RegisterInstanceAction(),
        new DisableInstanceTerminationAction(),
        new SnapshotVolumesAction(),
        new LockInstanceMetadataAction(),
        new UnlockInstanceMetadataAction(),
        new RevokeInstanceRoleSessionsAction(),
        new RemoveRoleSessionRevocationAction(),
        new CaptureConsoleOutputAction(),
        new ShareEvidenceSnapshotsAction(),
        new AttachEvidenceVolumesAction(),
        new AddSecurityGroupAction(),
        new RestoreSecurityGroupsAction(),
        new AddTagAction(),
        new RemoveTagAction(),
        new AddAclAction(),
        new RemoveAclAction(),
        new ListUsersAction(),
        new CreateUserAction(),
        new CreateGroupAction(),
        new AddUserToGroupAction(),
        new RemoveUserFromGroupAction(),
        new ListGroupsAction(),
        new CreatePolicyAction(),
        new ListPoliciesAction(),
        new AttachPolicyAction(),
        new DisableUserAccessAction(),
        new EnableUserAccessAction(),
        new ContainInstanceAction(),
        new RevertContainmentAction(),
        new GetAccessKeyInfoAction(),
        new ListAccessKeysAction(),
        new DisableAccessKeyAction(),
        new EnableAccessKeyAction(),
        new DeleteAccessKeyAction(),
        new ListAttachedUserPoliciesAction(),
        new AttachUserPolicyAction(),
        new DetachUserPolicyAction(),
        new RevokeUserSessionsAction(),
        new DisableConsoleAccessAction(),
        new DeleteUserAction(),
        new ContainBucketAction(),
        new RevertBucketContainmentAction(),
        new LookupCredentialActivityAction(),
        new ContainAccessKeyAction(),
    ];
}
