using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Ec2;

/// <summary>
/// The containment actions keep the contract of the Splunk SOAR connector they
/// implement ("AWS Community App 2"): its action names, every parameter it names and every data path it lists are in app.json.
/// The replay tests hold every successful result to app.json's paths, so they hold it to the document's too.
/// </summary>
public sealed class DocumentedContractTests
{
    private static readonly AppContract Contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));

    /// <summary>The status, message and totals the document lists for every action.</summary>
    private static readonly string[] Envelope =
    [
        "action_result.status",
        "action_result.message",
        "summary.total_objects",
        "summary.total_objects_successful",
    ];

    /// <summary>boto3's metadata of the answer, which the document lists under every action whose data is AWS's answer.</summary>
    private static readonly string[] ResponseMetadata =
    [
        "action_result.data.*.ResponseMetadata.HTTPHeaders.content-type",
        "action_result.data.*.ResponseMetadata.HTTPHeaders.date",
        "action_result.data.*.ResponseMetadata.HTTPHeaders.server",
        "action_result.data.*.ResponseMetadata.HTTPHeaders.transfer-encoding",
        "action_result.data.*.ResponseMetadata.HTTPHeaders.vary",
        "action_result.data.*.ResponseMetadata.HTTPStatusCode",
        "action_result.data.*.ResponseMetadata.RequestId",
        "action_result.data.*.ResponseMetadata.RetryAttempts",
    ];

    /// <summary>Copied from the document's "Action Parameters" and "Action Output" tables.</summary>
    private static readonly Dictionary<string, DocumentedAction> Documented = new(StringComparer.Ordinal)
    {
        ["describe_instance"] = new(
            ["instance"],
            [
                "action_result.parameter.instance",
                "action_result.data",
                "action_result.summary.total_secgrps",
                "action_result.summary.total_tags",
                "action_result.summary.total_volumes",
                "action_result.summary.vol_list",
                .. Envelope,
            ]),
        ["detach_instance"] = new(
            ["instance", "autoscaling_group_name"],
            [
                "action_result.parameter.autoscaling_group_name",
                "action_result.parameter.instance",
                "action_result.data",
                "action_result.summary.summary",
                .. Envelope,
            ]),
        ["deregister_instance"] = new(
            ["instance", "elb_name"],
            [
                "action_result.parameter.elb_name",
                "action_result.parameter.instance",
                "action_result.data",
                "action_result.summary.summary",
                .. Envelope,
            ]),
        ["disable_instance_termination"] = new(
            ["instance"],
            [
                "action_result.parameter.instance",
                .. ResponseMetadata,
                "action_result.summary.summary",
                .. Envelope,
            ]),
        ["snapshot_volumes"] = new(
            ["attached_vols", "description"],
            [
                "action_result.parameter.attached_vols",
                "action_result.parameter.description",
                "action_result.data.*.Description",
                "action_result.data.*.Encrypted",
                "action_result.data.*.OwnerId",
                "action_result.data.*.Progress",
                .. ResponseMetadata,
                "action_result.data.*.SnapshotId",
                "action_result.data.*.StartTime",
                "action_result.data.*.State",
                "action_result.data.*.VolumeId",
                "action_result.data.*.VolumeSize",
                "action_result.summary.summary",
                .. Envelope,
            ]),
        ["add_security_group"] = new(
            ["sg_name", "instance"],
            [
                "action_result.parameter.instance",
                "action_result.parameter.sg_name",
                .. ResponseMetadata,
                "action_result.summary.summary",
                .. Envelope,
            ]),
        ["add_tag"] = new(
            ["tag_key", "tag_value", "instance"],
            [
                "action_result.parameter.instance",
                "action_result.parameter.tag_key",
                "action_result.parameter.tag_value",
                .. ResponseMetadata,
                "action_result.summary.summary",
                .. Envelope,
            ]),
        ["add_acl"] = new(
            ["network_acl_id", "egress_rule", "ip", "rule_action", "rule_number", "port_range"],
            [
                "action_result.parameter.egress_rule",
                "action_result.parameter.ip",
                "action_result.parameter.network_acl_id",
                "action_result.parameter.port_range",
                "action_result.parameter.rule_action",
                "action_result.parameter.rule_number",
                "action_result.data",
                "action_result.summary",
                .. Envelope,
            ]),
    };

    public static TheoryData<string> Actions() => new(Documented.Keys);

    [Theory]
    [MemberData(nameof(Actions))]
    public void App_json_keeps_the_documented_name_parameters_and_data_paths(string identifier)
    {
        var action = Contract.Find(identifier);
        Assert.NotNull(action);
        Assert.Equal(identifier.Replace('_', ' '), action.Name);
        var documented = Documented[identifier];
        Assert.Empty(documented.Parameters.Except(action.Parameters.Select(p => p.Name)));
        Assert.Empty(documented.DataPaths.Except(action.Output.Select(o => o.DataPath)));
    }

    private sealed record DocumentedAction(string[] Parameters, string[] DataPaths);
}
