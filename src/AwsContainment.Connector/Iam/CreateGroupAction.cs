using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Iam;

/// <summary>Creates IAM groups from a comma-separated list of names.</summary>
public sealed class CreateGroupAction : CreateIdentitiesAction<CreateGroupParameters>
{
    protected override string Title => "Create a Group";

    protected override IReadOnlyList<string> Names(CreateGroupParameters parameters) => parameters.GroupName;

    protected override string Plural => "groups";

    protected override IamNameRule Rule => IamNameRule.Group;

    protected override string LimitReason => "Reach to Groups limitation in your aws account.";

    protected override Task<JsonObject> CreateAsync(IIamClient iam, string name, CancellationToken cancellationToken) =>
        iam.CreateGroupAsync(name, cancellationToken);
}
