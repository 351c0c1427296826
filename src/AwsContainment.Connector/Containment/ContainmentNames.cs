using AwsContainment.Connector.Ec2;

namespace AwsContainment.Connector.Containment;

/// <summary>The tags and group names containment writes, in one place so revert finds exactly what contain left.</summary>
public static class ContainmentNames
{
    /// <summary>The instance tag that marks it quarantined; its value is the case id.</summary>
    public const string QuarantineTag = "quarantine";

    /// <summary>When it was quarantined (the journal's capture time, by AWS's clock).</summary>
    public const string QuarantineTimeTag = "quarantine_time";

    /// <summary>
    /// The digest of the journal containment acted on (<see cref="ContainmentJournal.Digest"/>): only a journal with
    /// this digest is reverted, so no one who can write a journal file or parameter chooses what revert puts back.
    /// </summary>
    public const string QuarantineJournalTag = "quarantine_journal";

    public const string CaseIdTag = "case_id";

    public const string SourceInstanceTag = "source_instance";

    public const string SourceVolumeTag = "source_volume";

    /// <summary>Marks what evidence handling made from a snapshot (a re-encrypted copy, a forensic volume) with the snapshot it came from.</summary>
    public const string SourceSnapshotTag = "source_snapshot";

    /// <summary>Tags the security groups containment creates with their role.</summary>
    public const string GroupRoleTag = "aws-containment";

    /// <summary>The isolation group of this name is reached through a transit group named with this suffix.</summary>
    public const string UntrackedSuffix = "-untracked";

    /// <summary>The tags of the evidence snapshots of an instance for a case.</summary>
    public static IReadOnlyList<Ec2Tag> EvidenceTags(string caseId, string instanceId) => [new(CaseIdTag, caseId), new(SourceInstanceTag, instanceId)];

    /// <summary>The tags containment puts on the instance before its first change: the case, its time and its journal.</summary>
    public static IReadOnlyList<Ec2Tag> QuarantineTags(ContainmentJournal journal) =>
        [new(QuarantineTag, journal.CaseId), new(QuarantineTimeTag, journal.CapturedAt), new(QuarantineJournalTag, journal.Digest())];
}
