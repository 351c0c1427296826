using AwsContainment.Connector.Iam;

namespace AwsContainment.Tests.Iam;

/// <summary>IAM's naming rules, checked in the handlers one name at a time (so one bad name never stops the others).</summary>
public sealed class IamNameRuleTests
{
    private const string UserCharacters = "Usernames must contain only alphanumeric characters and/or the following: +=,.@-.";
    private const string GroupCharacters = "Group names must contain only alphanumeric characters and/or the following: +=,.@_-.";

    public static TheoryData<string, string?> UserNames() => new()
    {
        { "JorgeSouza", null },
        { "dev.alice", null },
        { "svc+ci=prod,eu@corp_x-1", null },
        { "a", null },
        { new string('u', 64), null },
        { new string('u', 65), "Usernames must be at most 64 characters long." },
        { "Jane Doe", UserCharacters },
        { "dev#bob", UserCharacters },
        { "dev/bob", UserCharacters },
        { "usér", UserCharacters },
        { "dev*", UserCharacters },
        { new string('!', 70), UserCharacters },
    };

    public static TheoryData<string, string?> GroupNames() => new()
    {
        { "Developers", null },
        { new string('g', 128), null },
        { new string('g', 129), "Group names must be at most 128 characters long." },
        { "Incident Response", GroupCharacters },
        { "Ops:OnCall", GroupCharacters },
    };

    [Theory]
    [MemberData(nameof(UserNames))]
    public void User_names_follow_IAMs_rule(string name, string? problem) => Assert.Equal(problem, IamNameRule.User.Problem(name));

    [Theory]
    [MemberData(nameof(GroupNames))]
    public void Group_names_follow_IAMs_rule(string name, string? problem) => Assert.Equal(problem, IamNameRule.Group.Problem(name));
}
