using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Foundation;

/// <summary>docs/actions.md's reference part is app.json's contract as it is now, written by <c>runner docs</c>.</summary>
public sealed class ActionReferenceTests
{
    private static readonly AppContract Contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));

    [Fact]
    public void The_generated_part_of_docs_actions_md_matches_app_json()
    {
        var document = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "actions.md"));

        Assert.True(ActionReference.Update(document, Contract) == document,
            "docs/actions.md's generated part is stale: run `dotnet run --project src/AwsContainment.Host -- docs docs/actions.md`");
    }

    [Fact]
    public void Every_action_parameter_rule_and_permission_is_in_the_reference()
    {
        var reference = ActionReference.Write(Contract);

        foreach (var action in Contract.Actions)
        {
            Assert.Contains($"### {action.Name} (`{action.Identifier}`)", reference, StringComparison.Ordinal);
            Assert.All(action.Parameters, p => Assert.Contains($"| `{p.Name}` |", reference, StringComparison.Ordinal));
            Assert.All(action.Output, o => Assert.Contains($"| `{o.DataPath}` |", reference, StringComparison.Ordinal));
            Assert.All(action.Permissions, p => Assert.Contains($"`{p}`", reference, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Updating_keeps_the_hand_written_prose_around_the_generated_part()
    {
        var once = ActionReference.Update("# Every action\n\nProse.\n", Contract);
        var stale = once.Replace("| `instance` |", "| `instance_id` |", StringComparison.Ordinal) + "\nAfter.\n";

        var updated = ActionReference.Update(stale, Contract);

        Assert.StartsWith("# Every action\n\nProse.\n\n" + ActionReference.Begin, once, StringComparison.Ordinal);
        Assert.Equal(once + "\nAfter.\n", updated);
    }
}
