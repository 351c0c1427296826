using System.Text.Json.Nodes;

namespace AwsContainment.Connector.Iam;

/// <summary>Creates IAM users (no policies yet) from a comma-separated list of names.</summary>
public sealed class CreateUserAction : CreateIdentitiesAction<CreateUserParameters>
{
    protected override string Title => "Create a User";

    protected override IReadOnlyList<string> Names(CreateUserParameters parameters) => parameters.UserName;

    protected override string Plural => "users";

    protected override IamNameRule Rule => IamNameRule.User;

    protected override string LimitReason => "Reach to Users limitation in your aws account.";

    protected override Task<JsonObject> CreateAsync(IIamClient iam, string name, CancellationToken cancellationToken) =>
        iam.CreateUserAsync(name, cancellationToken);
}
