// Generated from app.json and app.rules.json by `dotnet run --project tools/ContractCode`; do not edit.
// Each action's handler is the class named after its identifier and takes the action's record below.

#nullable enable

using AwsContainment.Connector.AutoScaling;
using AwsContainment.Connector.CloudTrail;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.LoadBalancing;
using AwsContainment.Connector.Playbooks;
using AwsContainment.Connector.S3;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector;

/// <summary>An action's parameters: its own, and those every action takes.</summary>
public interface IActionParameters
{
    CommonParameters Common { get; }
}

/// <summary>The parameters every action takes (app.rules.json's <c>common_parameters</c>): where the set acts.</summary>
/// <param name="Region"><c>region</c>: Act in this AWS region instead of the asset's, for this parameter set</param>
/// <param name="RoleArn"><c>role_arn</c>: Act through this IAM role (assumed by the asset's identity) instead of the asset's own, for this parameter set: another account's response role, say</param>
/// <param name="ExternalId"><c>external_id</c>: External id the trust policy of role_arn requires</param>
public sealed record CommonParameters(
    string? Region,
    string? RoleArn,
    string? ExternalId)
{
    public static CommonParameters From(ParameterSet set) => new(
        set.OptionalString("region"),
        set.OptionalString("role_arn"),
        set.OptionalString("external_id"));
}

/// <summary>The parameters of test connectivity (<c>test_connectivity</c>).</summary>
public sealed record TestConnectivityParameters(
    CommonParameters Common) : IActionParameters
{
    public static TestConnectivityParameters From(ParameterSet set) => new(
        CommonParameters.From(set));
}

/// <summary>The parameters of describe instance (<c>describe_instance</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="IncludeGroupRules"><c>include_group_rules</c>: Also read each security group's inbound and outbound rules (one more DescribeSecurityGroups round trip); without it the groups are listed by id and name</param>
public sealed record DescribeInstanceParameters(
    string Instance,
    bool IncludeGroupRules,
    CommonParameters Common) : IActionParameters
{
    public static DescribeInstanceParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.Bool("include_group_rules"),
        CommonParameters.From(set));
}

/// <summary>The parameters of detach instance (<c>detach_instance</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="AutoscalingGroupName"><c>autoscaling_group_name</c>: Auto-Scaling Group Name; when given, the instance must be in this group</param>
/// <param name="ShouldDecrementDesiredCapacity"><c>should_decrement_desired_capacity</c>: Lower the group's desired capacity instead of letting it launch a replacement</param>
/// <param name="DryRun"><c>dry_run</c>: Only find the group and report what would be detached; nothing changes (Auto Scaling has no permission check for this)</param>
public sealed record DetachInstanceParameters(
    string Instance,
    string? AutoscalingGroupName,
    bool ShouldDecrementDesiredCapacity,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static DetachInstanceParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.OptionalString("autoscaling_group_name"),
        set.Bool("should_decrement_desired_capacity"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of attach instance (<c>attach_instance</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="AutoscalingGroupName"><c>autoscaling_group_name</c>: The Auto Scaling group to put the instance back into (detach instance's summary.autoscaling_group_name)</param>
public sealed record AttachInstanceParameters(
    string Instance,
    string AutoscalingGroupName,
    CommonParameters Common) : IActionParameters
{
    public static AttachInstanceParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.String("autoscaling_group_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of deregister instance (<c>deregister_instance</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="ElbName"><c>elb_name</c>: Elastic Load Balancer Name (classic) or target group ARN; leave empty for every load balancer and target group holding the instance</param>
/// <param name="DryRun"><c>dry_run</c>: Only find where the instance is registered and report it; nothing changes (load balancing has no permission check for this)</param>
public sealed record DeregisterInstanceParameters(
    string Instance,
    string? ElbName,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static DeregisterInstanceParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.OptionalString("elb_name"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of register instance (<c>register_instance</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="ElbName"><c>elb_name</c>: The classic load balancer's name or the target group's ARN to register the instance with (instead of deregistered)</param>
/// <param name="Port"><c>port</c>: The port to register the instance on in the target group elb_name names (default: the group's port)</param>
/// <param name="Deregistered"><c>deregistered</c>: Deregister instance's action_result.data (JSON): every classic load balancer and target group it left, with the recorded ports, addresses and zones (instead of elb_name)</param>
public sealed record RegisterInstanceParameters(
    string Instance,
    string? ElbName,
    long? Port,
    JsonParameter? Deregistered,
    CommonParameters Common) : IActionParameters
{
    public static RegisterInstanceParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.OptionalString("elb_name"),
        set.OptionalLong("port"),
        set.Json("deregistered"),
        CommonParameters.From(set));
}

/// <summary>The parameters of disable instance termination (<c>disable_instance_termination</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record DisableInstanceTerminationParameters(
    string Instance,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static DisableInstanceTerminationParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of enable instance termination (<c>enable_instance_termination</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="PreviousValue"><c>previous_value</c>: disable instance termination's PreviousValue: whether termination protection was on before it ran (false to turn it off again)</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record EnableInstanceTerminationParameters(
    string Instance,
    bool PreviousValue,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static EnableInstanceTerminationParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.Bool("previous_value"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of snapshot volumes (<c>snapshot_volumes</c>).</summary>
/// <param name="AttachedVols"><c>attached_vols</c>: List of attached volume IDs (comma-separated)</param>
/// <param name="Description"><c>description</c>: Description for snapshot (default names the volume and instance)</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record SnapshotVolumesParameters(
    IReadOnlyList<string> AttachedVols,
    string? Description,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static SnapshotVolumesParameters From(ParameterSet set) => new(
        set.List("attached_vols"),
        set.OptionalString("description"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of lock instance metadata (<c>lock_instance_metadata</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="DisableEndpoint"><c>disable_endpoint</c>: Turn the metadata service off altogether (HttpEndpoint disabled) instead of only requiring tokens and one hop; software on the instance that needs its role then stops working</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record LockInstanceMetadataParameters(
    string Instance,
    bool DisableEndpoint,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static LockInstanceMetadataParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.Bool("disable_endpoint"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of unlock instance metadata (<c>unlock_instance_metadata</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="HttpTokens"><c>http_tokens</c>: HttpTokens to restore: optional (IMDSv1 and v2) or required (IMDSv2 only); lock instance metadata's summary.previous_http_tokens</param>
/// <param name="HttpPutResponseHopLimit"><c>http_put_response_hop_limit</c>: Hop limit to restore (1-64); lock instance metadata's summary.previous_http_put_response_hop_limit</param>
/// <param name="HttpEndpoint"><c>http_endpoint</c>: HttpEndpoint to restore (enabled or disabled); lock instance metadata's summary.previous_http_endpoint</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
/// <param name="Force"><c>force</c>: Set the recorded options even when the instance's options were changed since the lock (neither locked nor as recorded), overwriting that change; without it the change is refused and reported</param>
public sealed record UnlockInstanceMetadataParameters(
    string Instance,
    string HttpTokens,
    long HttpPutResponseHopLimit,
    string HttpEndpoint,
    bool DryRun,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static UnlockInstanceMetadataParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.String("http_tokens"),
        set.Long("http_put_response_hop_limit"),
        set.String("http_endpoint"),
        set.Bool("dry_run"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>The parameters of revoke instance role sessions (<c>revoke_instance_role_sessions</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
public sealed record RevokeInstanceRoleSessionsParameters(
    string Instance,
    CommonParameters Common) : IActionParameters
{
    public static RevokeInstanceRoleSessionsParameters From(ParameterSet set) => new(
        set.String("instance"),
        CommonParameters.From(set));
}

/// <summary>The parameters of remove role session revocation (<c>remove_role_session_revocation</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
public sealed record RemoveRoleSessionRevocationParameters(
    string Instance,
    CommonParameters Common) : IActionParameters
{
    public static RemoveRoleSessionRevocationParameters From(ParameterSet set) => new(
        set.String("instance"),
        CommonParameters.From(set));
}

/// <summary>The parameters of capture console output (<c>capture_console_output</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="Path"><c>path</c>: File to save the decoded console output to (the screenshot goes to this name with .jpg): in runner serve (the SOAR apps) a file name in the host's evidence folder (--evidence-dir), no '/'; in the one-shot runner a path. Created new, owner-only, never through a link; an existing file is never replaced</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask EC2 whether reading the console output is permitted (DryRun); nothing is read or written</param>
public sealed record CaptureConsoleOutputParameters(
    string Instance,
    string? Path,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static CaptureConsoleOutputParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.OptionalString("path"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of share evidence snapshots (<c>share_evidence_snapshots</c>).</summary>
/// <param name="SnapshotIds"><c>snapshot_ids</c>: Evidence snapshot ids (comma-separated); give this or case_id</param>
/// <param name="CaseId"><c>case_id</c>: Case whose evidence snapshots (tagged case_id by contain instance) to take; give this or snapshot_ids</param>
/// <param name="Instance"><c>instance</c>: With case_id: only the snapshots of this instance (tagged source_instance)</param>
/// <param name="AccountId"><c>account_id</c>: The forensics account that may create volumes from the snapshots</param>
/// <param name="KmsKeyId"><c>kms_key_id</c>: Customer managed KMS key (id, alias or ARN) to re-encrypt a copy of each snapshot under the default EBS key, which cannot be shared; the forensics account needs use of this key</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask EC2 whether the copy and the sharing would be permitted (DryRun); nothing changes</param>
public sealed record ShareEvidenceSnapshotsParameters(
    IReadOnlyList<string> SnapshotIds,
    string? CaseId,
    string? Instance,
    string AccountId,
    string? KmsKeyId,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static ShareEvidenceSnapshotsParameters From(ParameterSet set) => new(
        set.List("snapshot_ids"),
        set.OptionalString("case_id"),
        set.OptionalString("instance"),
        set.String("account_id"),
        set.OptionalString("kms_key_id"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of attach evidence volumes (<c>attach_evidence_volumes</c>).</summary>
/// <param name="SnapshotIds"><c>snapshot_ids</c>: Evidence snapshot ids (comma-separated); give this or case_id</param>
/// <param name="CaseId"><c>case_id</c>: Case whose evidence snapshots (tagged case_id by contain instance) to take; give this or snapshot_ids</param>
/// <param name="Instance"><c>instance</c>: With case_id: only the snapshots of this instance (tagged source_instance)</param>
/// <param name="ForensicsMachine"><c>forensics_machine</c>: Instance to attach the evidence volumes to (default: the asset's forensics_machine); never the compromised instance</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask EC2 whether creating each volume would be permitted (DryRun); nothing changes</param>
public sealed record AttachEvidenceVolumesParameters(
    IReadOnlyList<string> SnapshotIds,
    string? CaseId,
    string? Instance,
    string? ForensicsMachine,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static AttachEvidenceVolumesParameters From(ParameterSet set) => new(
        set.List("snapshot_ids"),
        set.OptionalString("case_id"),
        set.OptionalString("instance"),
        set.OptionalString("forensics_machine"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of add security group (<c>add_security_group</c>).</summary>
/// <param name="SgName"><c>sg_name</c>: Security group name or id, in the instance's VPC</param>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="KeepExisting"><c>keep_existing</c>: Add the group to the interfaces' current groups instead of replacing them (isolates nothing when the others allow traffic)</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record AddSecurityGroupParameters(
    string SgName,
    string Instance,
    bool KeepExisting,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static AddSecurityGroupParameters From(ParameterSet set) => new(
        set.String("sg_name"),
        set.String("instance"),
        set.Bool("keep_existing"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of restore security groups (<c>restore_security_groups</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="PreviousGroups"><c>previous_groups</c>: Add security group's action_result.data (JSON): each network interface's NetworkInterfaceId, PreviousGroups and Groups</param>
/// <param name="Force"><c>force</c>: Put the recorded groups back on an interface whose groups were changed since containment (neither the isolation group nor the recorded ones), overwriting that change; without it such an interface is refused and the change reported</param>
public sealed record RestoreSecurityGroupsParameters(
    string Instance,
    JsonParameter? PreviousGroups,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static RestoreSecurityGroupsParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.Json("previous_groups"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>The parameters of add tag (<c>add_tag</c>).</summary>
/// <param name="TagKey"><c>tag_key</c>: Tag Key</param>
/// <param name="TagValue"><c>tag_value</c>: Tag Value</param>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record AddTagParameters(
    string TagKey,
    string TagValue,
    string Instance,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static AddTagParameters From(ParameterSet set) => new(
        set.String("tag_key"),
        set.String("tag_value"),
        set.String("instance"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of remove tag (<c>remove_tag</c>).</summary>
/// <param name="Instance"><c>instance</c>: EC2 instance id (i-…)</param>
/// <param name="TagKey"><c>tag_key</c>: Tag Key</param>
/// <param name="TagValue"><c>tag_value</c>: The value add tag set; when given, a tag someone has changed since is left alone</param>
/// <param name="PreviousValue"><c>previous_value</c>: The value add tag replaced (its data's PreviousValue), put back; leave out to remove the tag</param>
/// <param name="Force"><c>force</c>: Put back previous_value even over a value changed since add tag set tag_value (or a tag removed since)</param>
public sealed record RemoveTagParameters(
    string Instance,
    string TagKey,
    string? TagValue,
    string? PreviousValue,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static RemoveTagParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.String("tag_key"),
        set.OptionalString("tag_value"),
        set.OptionalString("previous_value"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>The parameters of add acl (<c>add_acl</c>).</summary>
/// <param name="NetworkAclId"><c>network_acl_id</c>: Network Acl Id</param>
/// <param name="EgressRule"><c>egress_rule</c>: Is Egress Rule. (True/False)</param>
/// <param name="Ip"><c>ip</c>: IP Address: an IPv4 or IPv6 address (a single host) or CIDR block</param>
/// <param name="RuleAction"><c>rule_action</c>: Rule Action (allow/deny)</param>
/// <param name="RuleNumber"><c>rule_number</c>: Rule Number (1-32766, unused in that direction)</param>
/// <param name="PortRange"><c>port_range</c>: Port Range (Ex. 120-6000); TCP unless protocol says udp; empty means every protocol and port</param>
/// <param name="Protocol"><c>protocol</c>: tcp, udp or all (default: tcp with a port range, all without)</param>
/// <param name="DryRun"><c>dry_run</c>: Only ask AWS whether the change would be permitted (EC2 DryRun); nothing changes</param>
public sealed record AddAclParameters(
    string NetworkAclId,
    bool EgressRule,
    string Ip,
    string RuleAction,
    long RuleNumber,
    string? PortRange,
    string? Protocol,
    bool DryRun,
    CommonParameters Common) : IActionParameters
{
    public static AddAclParameters From(ParameterSet set) => new(
        set.String("network_acl_id"),
        set.Bool("egress_rule"),
        set.String("ip"),
        set.String("rule_action"),
        set.Long("rule_number"),
        set.OptionalString("port_range"),
        set.OptionalString("protocol"),
        set.Bool("dry_run"),
        CommonParameters.From(set));
}

/// <summary>The parameters of remove acl (<c>remove_acl</c>).</summary>
/// <param name="NetworkAclId"><c>network_acl_id</c>: Network Acl Id</param>
/// <param name="RuleNumber"><c>rule_number</c>: The rule number add acl used (1-32766)</param>
/// <param name="EgressRule"><c>egress_rule</c>: The rule is an egress rule, as add acl was told (True/False)</param>
/// <param name="Ip"><c>ip</c>: The address or CIDR block add acl was given: a rule for another block is refused, never deleted</param>
public sealed record RemoveAclParameters(
    string NetworkAclId,
    long RuleNumber,
    bool EgressRule,
    string Ip,
    CommonParameters Common) : IActionParameters
{
    public static RemoveAclParameters From(ParameterSet set) => new(
        set.String("network_acl_id"),
        set.Long("rule_number"),
        set.Bool("egress_rule"),
        set.String("ip"),
        CommonParameters.From(set));
}

/// <summary>The parameters of contain instance (<c>contain_instance</c>).</summary>
/// <param name="Instance"><c>instance</c>: Instance ID of the compromised instance</param>
/// <param name="CaseId"><c>case_id</c>: Incident case id: tags the instance (quarantine) and the evidence snapshots (case_id)</param>
/// <param name="IsolationGroup"><c>isolation_group</c>: Name of the isolation security group, created in the instance's VPC when missing (no egress; ingress only from the asset's forensics machine); its transit group is this name with -untracked</param>
/// <param name="JournalPath"><c>journal_path</c>: File to save the journal to before the first change: in runner serve (the SOAR apps) a file name in the host's journal folder (--journal-dir), no '/'; in the one-shot runner a path. A journal of the same instance and case already there is kept (a re-run never overwrites it). The journal is always in the result data too</param>
/// <param name="DryRun"><c>dry_run</c>: Make every EC2 change with DryRun and report per step whether it would succeed or is not permitted; nothing is changed</param>
/// <param name="RemoveInstanceProfile"><c>remove_instance_profile</c>: Also disassociate the instance's IAM instance profile (recorded in the journal, restored by revert)</param>
/// <param name="RevokeRoleSessions"><c>revoke_role_sessions</c>: Revoke the sessions of the instance profile's role issued before now (after isolation; skipped when the instance has no profile). Revert leaves the revocation unless asked</param>
public sealed record ContainInstanceParameters(
    string Instance,
    string CaseId,
    string IsolationGroup,
    string? JournalPath,
    bool DryRun,
    bool RemoveInstanceProfile,
    bool RevokeRoleSessions,
    CommonParameters Common) : IActionParameters
{
    public static ContainInstanceParameters From(ParameterSet set) => new(
        set.String("instance"),
        set.String("case_id"),
        set.String("isolation_group"),
        set.OptionalString("journal_path"),
        set.Bool("dry_run"),
        set.Bool("remove_instance_profile"),
        set.Bool("revoke_role_sessions"),
        CommonParameters.From(set));
}

/// <summary>The parameters of revert containment (<c>revert_containment</c>).</summary>
/// <param name="JournalPath"><c>journal_path</c>: File contain instance saved the journal to, named as contain instance was given it (in runner serve a file name in the host's journal folder); give this or journal</param>
/// <param name="Journal"><c>journal</c>: The journal itself as JSON (action_result.data.*.Journal of contain instance); give this or journal_path</param>
/// <param name="RemoveQuarantineTags"><c>remove_quarantine_tags</c>: Also take off the quarantine tags containment put on (putting back any value they replaced)</param>
/// <param name="DeleteSnapshots"><c>delete_snapshots</c>: Also delete the case's evidence snapshots of this instance (they are evidence: off unless asked)</param>
/// <param name="RemoveRoleSessionRevocation"><c>remove_role_session_revocation</c>: Also take this case's revocation out of the AWSRevokeOlderSessions policy on the instance profile's role (the policy goes unless another open case holds it): the role's older sessions that have not expired, stolen ones included, work again (off unless asked)</param>
/// <param name="Force"><c>force</c>: Put the journal's security groups and metadata options back even where they were changed since containment, overwriting that change; without it such an interface or the metadata options are refused and the change reported as drift</param>
public sealed record RevertContainmentParameters(
    string? JournalPath,
    string? Journal,
    bool RemoveQuarantineTags,
    bool DeleteSnapshots,
    bool RemoveRoleSessionRevocation,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static RevertContainmentParameters From(ParameterSet set) => new(
        set.OptionalString("journal_path"),
        set.OptionalString("journal"),
        set.Bool("remove_quarantine_tags"),
        set.Bool("delete_snapshots"),
        set.Bool("remove_role_session_revocation"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>The parameters of list users (<c>list_users</c>).</summary>
/// <param name="User"><c>user</c>: User name: describe this one user instead of listing</param>
/// <param name="MaxUsers"><c>max_users</c>: How many users to return (1 to 1000, default 50)</param>
public sealed record ListUsersParameters(
    string? User,
    long MaxUsers,
    CommonParameters Common) : IActionParameters
{
    public static ListUsersParameters From(ParameterSet set) => new(
        set.OptionalString("user"),
        set.Long("max_users"),
        CommonParameters.From(set));
}

/// <summary>The parameters of create user (<c>create_user</c>).</summary>
/// <param name="UserName"><c>user_name</c>: Names of the users to create, comma-separated: letters, digits and +=,.@_- only, at most 64 characters, unique in the account. Names that break IAM's rule fail alone, without a call: the other names still run.</param>
public sealed record CreateUserParameters(
    IReadOnlyList<string> UserName,
    CommonParameters Common) : IActionParameters
{
    public static CreateUserParameters From(ParameterSet set) => new(
        set.List("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of create group (<c>create_group</c>).</summary>
/// <param name="GroupName"><c>group_name</c>: Names of the groups to create, comma-separated: letters, digits and +=,.@_- only, at most 128 characters, unique in the account. Names that break IAM's rule fail alone, without a call: the other names still run.</param>
public sealed record CreateGroupParameters(
    IReadOnlyList<string> GroupName,
    CommonParameters Common) : IActionParameters
{
    public static CreateGroupParameters From(ParameterSet set) => new(
        set.List("group_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of add user to group (<c>add_user_to_group</c>).</summary>
/// <param name="GroupName"><c>group_name</c>: The IAM group's name</param>
/// <param name="UserName"><c>user_name</c>: Users to add, comma-separated. Names that break IAM's rule fail alone, without a call: the other names still run.</param>
public sealed record AddUserToGroupParameters(
    string GroupName,
    IReadOnlyList<string> UserName,
    CommonParameters Common) : IActionParameters
{
    public static AddUserToGroupParameters From(ParameterSet set) => new(
        set.String("group_name"),
        set.List("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of remove user from group (<c>remove_user_from_group</c>).</summary>
/// <param name="GroupName"><c>group_name</c>: The IAM group's name</param>
/// <param name="UserName"><c>user_name</c>: Users to remove, comma-separated. Names that break IAM's rule fail alone, without a call: the other names still run.</param>
public sealed record RemoveUserFromGroupParameters(
    string GroupName,
    IReadOnlyList<string> UserName,
    CommonParameters Common) : IActionParameters
{
    public static RemoveUserFromGroupParameters From(ParameterSet set) => new(
        set.String("group_name"),
        set.List("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of list groups (<c>list_groups</c>).</summary>
/// <param name="MaxGroups"><c>max_groups</c>: How many groups to return (1 to 1000, default 50)</param>
public sealed record ListGroupsParameters(
    long MaxGroups,
    CommonParameters Common) : IActionParameters
{
    public static ListGroupsParameters From(ParameterSet set) => new(
        set.Long("max_groups"),
        CommonParameters.From(set));
}

/// <summary>The parameters of create policy (<c>create_policy</c>).</summary>
/// <param name="PolicyName"><c>policy_name</c>: Name of the policy to create, unique in the account</param>
/// <param name="PolicyDocument"><c>policy_document</c>: The JSON policy document (Version and Statement)</param>
/// <param name="Description"><c>description</c>: What the policy grants; it cannot be changed later</param>
public sealed record CreatePolicyParameters(
    string PolicyName,
    string PolicyDocument,
    string? Description,
    CommonParameters Common) : IActionParameters
{
    public static CreatePolicyParameters From(ParameterSet set) => new(
        set.String("policy_name"),
        set.String("policy_document"),
        set.OptionalString("description"),
        CommonParameters.From(set));
}

/// <summary>The parameters of list policies (<c>list_policies</c>).</summary>
/// <param name="OnlyAttached"><c>only_attached</c>: Only policies attached to a user, group or role</param>
/// <param name="Scope"><c>scope</c>: All, AWS (AWS-managed) or Local (customer-managed)</param>
/// <param name="MaxPolicies"><c>max_policies</c>: How many policies to return (1 to 1000, default 100)</param>
public sealed record ListPoliciesParameters(
    bool OnlyAttached,
    string Scope,
    long MaxPolicies,
    CommonParameters Common) : IActionParameters
{
    public static ListPoliciesParameters From(ParameterSet set) => new(
        set.Bool("only_attached"),
        set.String("scope"),
        set.Long("max_policies"),
        CommonParameters.From(set));
}

/// <summary>The parameters of attach policy (<c>attach_policy</c>).</summary>
/// <param name="IdentityType"><c>identity_type</c>: User, Group or Role</param>
/// <param name="IdentityName"><c>identity_name</c>: The identity's friendly name (not its ARN)</param>
/// <param name="PolicyName"><c>policy_name</c>: The policy's friendly name (not its ARN)</param>
public sealed record AttachPolicyParameters(
    string IdentityType,
    string IdentityName,
    string PolicyName,
    CommonParameters Common) : IActionParameters
{
    public static AttachPolicyParameters From(ParameterSet set) => new(
        set.String("identity_type"),
        set.String("identity_name"),
        set.String("policy_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of disable user access (<c>disable_user_access</c>).</summary>
/// <param name="UserName"><c>user_name</c>: Users to disable, comma-separated. Names that break IAM's rule fail alone, without a call: the other names still run.</param>
public sealed record DisableUserAccessParameters(
    IReadOnlyList<string> UserName,
    CommonParameters Common) : IActionParameters
{
    public static DisableUserAccessParameters From(ParameterSet set) => new(
        set.List("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of enable user access (<c>enable_user_access</c>).</summary>
/// <param name="UserName"><c>user_name</c>: Users to enable again, comma-separated. Names that break IAM's rule fail alone, without a call: the other names still run.</param>
public sealed record EnableUserAccessParameters(
    IReadOnlyList<string> UserName,
    CommonParameters Common) : IActionParameters
{
    public static EnableUserAccessParameters From(ParameterSet set) => new(
        set.List("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of get access key info (<c>get_access_key_info</c>).</summary>
/// <param name="AccessKeyId"><c>access_key_id</c>: The exposed access key id (AKIA… or ASIA…)</param>
public sealed record GetAccessKeyInfoParameters(
    string AccessKeyId,
    CommonParameters Common) : IActionParameters
{
    public static GetAccessKeyInfoParameters From(ParameterSet set) => new(
        set.String("access_key_id"),
        CommonParameters.From(set));
}

/// <summary>The parameters of list access keys (<c>list_access_keys</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
public sealed record ListAccessKeysParameters(
    string UserName,
    CommonParameters Common) : IActionParameters
{
    public static ListAccessKeysParameters From(ParameterSet set) => new(
        set.String("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of disable access key (<c>disable_access_key</c>).</summary>
/// <param name="AccessKeyId"><c>access_key_id</c>: The access key id</param>
/// <param name="UserName"><c>user_name</c>: The key's user; found from the key when left out</param>
public sealed record DisableAccessKeyParameters(
    string AccessKeyId,
    string? UserName,
    CommonParameters Common) : IActionParameters
{
    public static DisableAccessKeyParameters From(ParameterSet set) => new(
        set.String("access_key_id"),
        set.OptionalString("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of enable access key (<c>enable_access_key</c>).</summary>
/// <param name="AccessKeyId"><c>access_key_id</c>: The access key id</param>
/// <param name="UserName"><c>user_name</c>: The key's user; found from the key when left out</param>
public sealed record EnableAccessKeyParameters(
    string AccessKeyId,
    string? UserName,
    CommonParameters Common) : IActionParameters
{
    public static EnableAccessKeyParameters From(ParameterSet set) => new(
        set.String("access_key_id"),
        set.OptionalString("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of delete access key (<c>delete_access_key</c>).</summary>
/// <param name="AccessKeyId"><c>access_key_id</c>: The access key id</param>
/// <param name="UserName"><c>user_name</c>: The key's user; found from the key when left out</param>
public sealed record DeleteAccessKeyParameters(
    string AccessKeyId,
    string? UserName,
    CommonParameters Common) : IActionParameters
{
    public static DeleteAccessKeyParameters From(ParameterSet set) => new(
        set.String("access_key_id"),
        set.OptionalString("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of list attached user policies (<c>list_attached_user_policies</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
public sealed record ListAttachedUserPoliciesParameters(
    string UserName,
    CommonParameters Common) : IActionParameters
{
    public static ListAttachedUserPoliciesParameters From(ParameterSet set) => new(
        set.String("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of attach user policy (<c>attach_user_policy</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
/// <param name="Policy"><c>policy</c>: The managed policy's ARN, or its name (looked up among this account's and AWS's managed policies)</param>
public sealed record AttachUserPolicyParameters(
    string UserName,
    string Policy,
    CommonParameters Common) : IActionParameters
{
    public static AttachUserPolicyParameters From(ParameterSet set) => new(
        set.String("user_name"),
        set.String("policy"),
        CommonParameters.From(set));
}

/// <summary>The parameters of detach user policy (<c>detach_user_policy</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
/// <param name="Policy"><c>policy</c>: The managed policy's ARN, or its name as attached to the user</param>
public sealed record DetachUserPolicyParameters(
    string UserName,
    string Policy,
    CommonParameters Common) : IActionParameters
{
    public static DetachUserPolicyParameters From(ParameterSet set) => new(
        set.String("user_name"),
        set.String("policy"),
        CommonParameters.From(set));
}

/// <summary>The parameters of revoke user sessions (<c>revoke_user_sessions</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
public sealed record RevokeUserSessionsParameters(
    string UserName,
    CommonParameters Common) : IActionParameters
{
    public static RevokeUserSessionsParameters From(ParameterSet set) => new(
        set.String("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of remove user session revocation (<c>remove_user_session_revocation</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
/// <param name="RevokedBefore"><c>revoked_before</c>: revoke user sessions' revoked_before (its summary, or its data's RevokedBefore): the cut-off of the revocation to remove</param>
/// <param name="Force"><c>force</c>: Remove the revocation even when its cut-off is not revoked_before (a later revocation, by a re-run or by hand)</param>
public sealed record RemoveUserSessionRevocationParameters(
    string UserName,
    string RevokedBefore,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static RemoveUserSessionRevocationParameters From(ParameterSet set) => new(
        set.String("user_name"),
        set.String("revoked_before"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>The parameters of disable console access (<c>disable_console_access</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user whose console password is deleted</param>
public sealed record DisableConsoleAccessParameters(
    string UserName,
    CommonParameters Common) : IActionParameters
{
    public static DisableConsoleAccessParameters From(ParameterSet set) => new(
        set.String("user_name"),
        CommonParameters.From(set));
}

/// <summary>The parameters of delete user (<c>delete_user</c>).</summary>
/// <param name="UserName"><c>user_name</c>: The IAM user's name</param>
/// <param name="Confirm"><c>confirm</c>: Must be true: deleting a user cannot be undone</param>
public sealed record DeleteUserParameters(
    string UserName,
    bool Confirm,
    CommonParameters Common) : IActionParameters
{
    public static DeleteUserParameters From(ParameterSet set) => new(
        set.String("user_name"),
        set.Bool("confirm"),
        CommonParameters.From(set));
}

/// <summary>The parameters of contain bucket (<c>contain_bucket</c>).</summary>
/// <param name="Bucket"><c>bucket</c>: The bucket's name</param>
/// <param name="AllowedPrincipalArn"><c>allowed_principal_arn</c>: The only principal still allowed in (the forensics or break-glass role): one exact IAM role, user or account root ARN, matched against aws:PrincipalArn; no * or ? anywhere, since a wildcard would leave every matching role or user with access</param>
/// <param name="BlockPublicAccess"><c>block_public_access</c>: Also turn on all four S3 Block Public Access settings for the bucket</param>
public sealed record ContainBucketParameters(
    string Bucket,
    string AllowedPrincipalArn,
    bool BlockPublicAccess,
    CommonParameters Common) : IActionParameters
{
    public static ContainBucketParameters From(ParameterSet set) => new(
        set.String("bucket"),
        set.String("allowed_principal_arn"),
        set.Bool("block_public_access"),
        CommonParameters.From(set));
}

/// <summary>The parameters of revert bucket containment (<c>revert_bucket_containment</c>).</summary>
/// <param name="Bucket"><c>bucket</c>: The bucket's name</param>
/// <param name="PreviousPolicy"><c>previous_policy</c>: The bucket policy contain bucket saved (its data's PreviousPolicy, JSON), put back; leave out (with contain_result) to remove the containment statement alone</param>
/// <param name="ContainResult"><c>contain_result</c>: Contain bucket's action_result.data item (JSON): its saved policy and, when it blocked public access, the settings before</param>
/// <param name="Force"><c>force</c>: Put the saved policy and public access block back even when they were changed since containment, overwriting that change; without it the change is refused and reported</param>
public sealed record RevertBucketContainmentParameters(
    string Bucket,
    JsonParameter? PreviousPolicy,
    JsonParameter? ContainResult,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static RevertBucketContainmentParameters From(ParameterSet set) => new(
        set.String("bucket"),
        set.Json("previous_policy"),
        set.Json("contain_result"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>The parameters of lookup credential activity (<c>lookup_credential_activity</c>).</summary>
/// <param name="AccessKeyId"><c>access_key_id</c>: The access key whose activity to read (give this or user_name)</param>
/// <param name="UserName"><c>user_name</c>: The IAM user whose activity to read (give this or access_key_id)</param>
/// <param name="Days"><c>days</c>: How many days back from end_time to read (CloudTrail event history keeps 90)</param>
/// <param name="EndTime"><c>end_time</c>: End of the window: a UTC time (2021-07-24T23:59:59Z) or a day (2021-07-24, read to its end); default now</param>
public sealed record LookupCredentialActivityParameters(
    string? AccessKeyId,
    string? UserName,
    long Days,
    string? EndTime,
    CommonParameters Common) : IActionParameters
{
    public static LookupCredentialActivityParameters From(ParameterSet set) => new(
        set.OptionalString("access_key_id"),
        set.OptionalString("user_name"),
        set.Long("days"),
        set.OptionalString("end_time"),
        CommonParameters.From(set));
}

/// <summary>The parameters of contain access key (<c>contain_access_key</c>).</summary>
/// <param name="AccessKeyId"><c>access_key_id</c>: The exposed access key id</param>
/// <param name="AllKeys"><c>all_keys</c>: Also deactivate the user's other active access keys</param>
public sealed record ContainAccessKeyParameters(
    string AccessKeyId,
    bool AllKeys,
    CommonParameters Common) : IActionParameters
{
    public static ContainAccessKeyParameters From(ParameterSet set) => new(
        set.String("access_key_id"),
        set.Bool("all_keys"),
        CommonParameters.From(set));
}

/// <summary>The parameters of revert access key containment (<c>revert_access_key_containment</c>).</summary>
/// <param name="ContainResult"><c>contain_result</c>: contain access key's data item (or its data list of one): what it changed, step by step</param>
/// <param name="Force"><c>force</c>: Remove the user's session revocation even when its cut-off is not the one contain access key wrote (revoked again since)</param>
public sealed record RevertAccessKeyContainmentParameters(
    JsonParameter? ContainResult,
    bool Force,
    CommonParameters Common) : IActionParameters
{
    public static RevertAccessKeyContainmentParameters From(ParameterSet set) => new(
        set.Json("contain_result"),
        set.Bool("force"),
        CommonParameters.From(set));
}

/// <summary>Every action of app.json, in its order, with its handler.</summary>
public static class ActionCatalog
{
    public static IReadOnlyList<CatalogAction> All { get; } =
    [
        CatalogAction.Of<TestConnectivityParameters>("test_connectivity", new TestConnectivityAction(), TestConnectivityParameters.From),
        CatalogAction.Of<DescribeInstanceParameters>("describe_instance", new DescribeInstanceAction(), DescribeInstanceParameters.From),
        CatalogAction.Of<DetachInstanceParameters>("detach_instance", new DetachInstanceAction(), DetachInstanceParameters.From),
        CatalogAction.Of<AttachInstanceParameters>("attach_instance", new AttachInstanceAction(), AttachInstanceParameters.From),
        CatalogAction.Of<DeregisterInstanceParameters>("deregister_instance", new DeregisterInstanceAction(), DeregisterInstanceParameters.From),
        CatalogAction.Of<RegisterInstanceParameters>("register_instance", new RegisterInstanceAction(), RegisterInstanceParameters.From),
        CatalogAction.Of<DisableInstanceTerminationParameters>("disable_instance_termination", new DisableInstanceTerminationAction(), DisableInstanceTerminationParameters.From),
        CatalogAction.Of<EnableInstanceTerminationParameters>("enable_instance_termination", new EnableInstanceTerminationAction(), EnableInstanceTerminationParameters.From),
        CatalogAction.Of<SnapshotVolumesParameters>("snapshot_volumes", new SnapshotVolumesAction(), SnapshotVolumesParameters.From),
        CatalogAction.Of<LockInstanceMetadataParameters>("lock_instance_metadata", new LockInstanceMetadataAction(), LockInstanceMetadataParameters.From),
        CatalogAction.Of<UnlockInstanceMetadataParameters>("unlock_instance_metadata", new UnlockInstanceMetadataAction(), UnlockInstanceMetadataParameters.From),
        CatalogAction.Of<RevokeInstanceRoleSessionsParameters>("revoke_instance_role_sessions", new RevokeInstanceRoleSessionsAction(), RevokeInstanceRoleSessionsParameters.From),
        CatalogAction.Of<RemoveRoleSessionRevocationParameters>("remove_role_session_revocation", new RemoveRoleSessionRevocationAction(), RemoveRoleSessionRevocationParameters.From),
        CatalogAction.Of<CaptureConsoleOutputParameters>("capture_console_output", new CaptureConsoleOutputAction(), CaptureConsoleOutputParameters.From),
        CatalogAction.Of<ShareEvidenceSnapshotsParameters>("share_evidence_snapshots", new ShareEvidenceSnapshotsAction(), ShareEvidenceSnapshotsParameters.From),
        CatalogAction.Of<AttachEvidenceVolumesParameters>("attach_evidence_volumes", new AttachEvidenceVolumesAction(), AttachEvidenceVolumesParameters.From),
        CatalogAction.Of<AddSecurityGroupParameters>("add_security_group", new AddSecurityGroupAction(), AddSecurityGroupParameters.From),
        CatalogAction.Of<RestoreSecurityGroupsParameters>("restore_security_groups", new RestoreSecurityGroupsAction(), RestoreSecurityGroupsParameters.From),
        CatalogAction.Of<AddTagParameters>("add_tag", new AddTagAction(), AddTagParameters.From),
        CatalogAction.Of<RemoveTagParameters>("remove_tag", new RemoveTagAction(), RemoveTagParameters.From),
        CatalogAction.Of<AddAclParameters>("add_acl", new AddAclAction(), AddAclParameters.From),
        CatalogAction.Of<RemoveAclParameters>("remove_acl", new RemoveAclAction(), RemoveAclParameters.From),
        CatalogAction.Of<ContainInstanceParameters>("contain_instance", new ContainInstanceAction(), ContainInstanceParameters.From),
        CatalogAction.Of<RevertContainmentParameters>("revert_containment", new RevertContainmentAction(), RevertContainmentParameters.From),
        CatalogAction.Of<ListUsersParameters>("list_users", new ListUsersAction(), ListUsersParameters.From),
        CatalogAction.Of<CreateUserParameters>("create_user", new CreateUserAction(), CreateUserParameters.From),
        CatalogAction.Of<CreateGroupParameters>("create_group", new CreateGroupAction(), CreateGroupParameters.From),
        CatalogAction.Of<AddUserToGroupParameters>("add_user_to_group", new AddUserToGroupAction(), AddUserToGroupParameters.From),
        CatalogAction.Of<RemoveUserFromGroupParameters>("remove_user_from_group", new RemoveUserFromGroupAction(), RemoveUserFromGroupParameters.From),
        CatalogAction.Of<ListGroupsParameters>("list_groups", new ListGroupsAction(), ListGroupsParameters.From),
        CatalogAction.Of<CreatePolicyParameters>("create_policy", new CreatePolicyAction(), CreatePolicyParameters.From),
        CatalogAction.Of<ListPoliciesParameters>("list_policies", new ListPoliciesAction(), ListPoliciesParameters.From),
        CatalogAction.Of<AttachPolicyParameters>("attach_policy", new AttachPolicyAction(), AttachPolicyParameters.From),
        CatalogAction.Of<DisableUserAccessParameters>("disable_user_access", new DisableUserAccessAction(), DisableUserAccessParameters.From),
        CatalogAction.Of<EnableUserAccessParameters>("enable_user_access", new EnableUserAccessAction(), EnableUserAccessParameters.From),
        CatalogAction.Of<GetAccessKeyInfoParameters>("get_access_key_info", new GetAccessKeyInfoAction(), GetAccessKeyInfoParameters.From),
        CatalogAction.Of<ListAccessKeysParameters>("list_access_keys", new ListAccessKeysAction(), ListAccessKeysParameters.From),
        CatalogAction.Of<DisableAccessKeyParameters>("disable_access_key", new DisableAccessKeyAction(), DisableAccessKeyParameters.From),
        CatalogAction.Of<EnableAccessKeyParameters>("enable_access_key", new EnableAccessKeyAction(), EnableAccessKeyParameters.From),
        CatalogAction.Of<DeleteAccessKeyParameters>("delete_access_key", new DeleteAccessKeyAction(), DeleteAccessKeyParameters.From),
        CatalogAction.Of<ListAttachedUserPoliciesParameters>("list_attached_user_policies", new ListAttachedUserPoliciesAction(), ListAttachedUserPoliciesParameters.From),
        CatalogAction.Of<AttachUserPolicyParameters>("attach_user_policy", new AttachUserPolicyAction(), AttachUserPolicyParameters.From),
        CatalogAction.Of<DetachUserPolicyParameters>("detach_user_policy", new DetachUserPolicyAction(), DetachUserPolicyParameters.From),
        CatalogAction.Of<RevokeUserSessionsParameters>("revoke_user_sessions", new RevokeUserSessionsAction(), RevokeUserSessionsParameters.From),
        CatalogAction.Of<RemoveUserSessionRevocationParameters>("remove_user_session_revocation", new RemoveUserSessionRevocationAction(), RemoveUserSessionRevocationParameters.From),
        CatalogAction.Of<DisableConsoleAccessParameters>("disable_console_access", new DisableConsoleAccessAction(), DisableConsoleAccessParameters.From),
        CatalogAction.Of<DeleteUserParameters>("delete_user", new DeleteUserAction(), DeleteUserParameters.From),
        CatalogAction.Of<ContainBucketParameters>("contain_bucket", new ContainBucketAction(), ContainBucketParameters.From),
        CatalogAction.Of<RevertBucketContainmentParameters>("revert_bucket_containment", new RevertBucketContainmentAction(), RevertBucketContainmentParameters.From),
        CatalogAction.Of<LookupCredentialActivityParameters>("lookup_credential_activity", new LookupCredentialActivityAction(), LookupCredentialActivityParameters.From),
        CatalogAction.Of<ContainAccessKeyParameters>("contain_access_key", new ContainAccessKeyAction(), ContainAccessKeyParameters.From),
        CatalogAction.Of<RevertAccessKeyContainmentParameters>("revert_access_key_containment", new RevertAccessKeyContainmentAction(), RevertAccessKeyContainmentParameters.From),
    ];
}
