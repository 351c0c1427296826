using AwsContainment.Connector.AutoScaling;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Iam;
using AwsContainment.Connector.LoadBalancing;

namespace AwsContainment.Connector.Containment;

/// <summary>
/// The steps of an instance's containment and the two orders they run in. Containment goes in AWS's order: tag the
/// instance with the case and the journal's digest (before any change, so revert knows its journal), protect it,
/// take it out of its Auto Scaling group and load balancers, isolate its network, lock its metadata service, revoke
/// its role's sessions (once nothing on it can reach AWS with fresh ones), snapshot its volumes, remove its profile.
/// Revert runs the undos network first and protection last, so the instance stays protected until everything else
/// is back; snapshots, quarantine tags and the session revocation are evidence and stay unless asked.
/// </summary>
internal static class InstanceSteps
{
    public static readonly InstanceStep Tags = new QuarantineTagsStep();
    public static readonly InstanceStep Protection = new TerminationProtectionStep();
    public static readonly InstanceStep AutoScalingGroup = new AutoScalingGroupStep();
    public static readonly InstanceStep LoadBalancers = new LoadBalancersStep();
    public static readonly InstanceStep Network = new NetworkIsolationStep();
    public static readonly InstanceStep Metadata = new MetadataLockStep();
    public static readonly InstanceStep RoleSessions = new RoleSessionsStep();
    public static readonly InstanceStep Snapshots = new EvidenceSnapshotsStep();
    public static readonly InstanceStep Profile = new InstanceProfileStep();

    public static IReadOnlyList<InstanceStep> Containing(bool revokeRoleSessions, bool removeInstanceProfile) =>
        [Tags, Protection, AutoScalingGroup, LoadBalancers, Network, Metadata, .. When(revokeRoleSessions, RoleSessions), Snapshots, .. When(removeInstanceProfile, Profile)];

    public static IReadOnlyList<InstanceStep> Reverting(bool removeSessionRevocation, bool removeQuarantineTags, bool deleteSnapshots) =>
        [Network, AutoScalingGroup, LoadBalancers, Profile, Metadata, Protection, .. When(removeSessionRevocation, RoleSessions), .. When(removeQuarantineTags, Tags), .. When(deleteSnapshots, Snapshots)];

    private static InstanceStep[] When(bool asked, InstanceStep step) => asked ? [step] : [];
}
