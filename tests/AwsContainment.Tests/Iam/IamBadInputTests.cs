namespace AwsContainment.Tests.Iam;

/// <summary>
/// Bad input to the IAM actions fails before any AWS call, with a message naming the parameter, the value and the
/// rule: ranges and naming rules in app.json, per-name rules and policy documents in the handlers.
/// </summary>
public sealed class IamBadInputTests
{
    public static TheoryData<string, string[], string> Refused() => new()
    {
        { "list users", ["max_users=1001"], "parameter 'max_users' must be between 1 and 1000, got 1001" },
        { "list users", ["max_users=0"], "parameter 'max_users' must be between 1 and 1000, got 0" },
        { "list users", ["max_users=fifty"], "parameter 'max_users' must be a whole number, got \"fifty\"" },
        { "list users", ["user=Jane Doe"], "parameter 'user': \"Jane Doe\" is not an IAM user name: 1 to 64 letters, digits or +=,.@_-" },
        { "list users", ["user=" + new string('u', 65)], "parameter 'user': \"" },
        { "list groups", ["max_groups=5000"], "parameter 'max_groups' must be between 1 and 1000, got 5000" },
        { "list policies", ["max_policies=1001"], "parameter 'max_policies' must be between 1 and 1000, got 1001" },
        { "list policies", ["scope=Customer"], "parameter 'scope' must be one of All, AWS, Local, got \"Customer\"" },
        { "list policies", ["only_attached=maybe"], "parameter 'only_attached' must be true or false, got \"maybe\"" },
        { "add user to group", ["group_name=Incident Response", "user_name=dev.alice"], "parameter 'group_name': \"Incident Response\" is not an IAM group name: 1 to 128 letters, digits or +=,.@_-" },
        { "remove user from group", ["group_name=" + new string('g', 129), "user_name=dev.alice"], "parameter 'group_name': \"" },
        { "add user to group", ["group_name=Developers", "user_name= , "], "parameter 'user_name' must list at least one value" },
        { "attach policy", ["identity_type=Computer", "identity_name=Developers", "policy_name=SecurityAudit"], "parameter 'identity_type' must be one of User, Group, Role, got \"Computer\"" },
        { "attach policy", ["identity_name=arn:aws:iam::777777777777:group/Developers", "policy_name=SecurityAudit"], "is not an IAM user, group or role name: 1 to 128 letters, digits or +=,.@_-" },
        { "attach policy", ["identity_name=Developers", "policy_name=arn:aws:iam::aws:policy/SecurityAudit"], "parameter 'policy_name': \"arn:aws:iam::aws:policy/SecurityAudit\" is not a policy name: 1 to 128 letters, digits or +=,.@_-" },
        { "create policy", ["policy_name=S3 read only", "policy_document={}"], "parameter 'policy_name': \"S3 read only\" is not a policy name" },
        { "create policy", ["policy_name=S3-read-only", "policy_document={\"Version\":\"2012-10-17\",\"Statement\":[]}", "description=" + new string('d', 1001)], "parameter 'description' must be at most 1000 characters, got 1001" },
        { "create user", [], "missing required parameter 'user_name'" },
        {
            "create user", ["user_name=Jane Doe,dev#bob," + new string('u', 65)],
            "Error executing action 'Create a User'. Reason: Jane Doe, dev#bob: Usernames must contain only alphanumeric characters and/or the following: +=,.@-. "
                + new string('u', 65) + ": Usernames must be at most 64 characters long."
        },
        { "create group", ["group_name=Incident Response"], "Error executing action 'Create a Group'. Reason: Incident Response: Group names must contain only alphanumeric characters and/or the following: +=,.@_-." },
        { "create policy", ["policy_name=S3-read-only", "policy_document=[]"], "Could not create S3-read-only policy. The policy document was malformed. Reason: the document must be a JSON object" },
        { "disable user access", ["user_name=Jane Doe"], "Action wasn't able to add deny policy to the following users in AWS IAM: Jane Doe. Reason: Usernames must contain only alphanumeric characters and/or the following: +=,.@-." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Bad_input_is_refused_before_any_AWS_call(string action, string[] parameters, string expected) =>
        Assert.Contains(expected, await RunnerHarness.RefusedMessageAsync(action, parameters), StringComparison.Ordinal);
}
