using System.Text.RegularExpressions;
using AwsContainment.Connector;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests;

/// <summary>Holds app.json, the handlers and the fixtures to each other.</summary>
public sealed class ContractTests
{
    private static readonly AppContract Contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));

    [Fact]
    public void Every_app_json_action_has_a_handler_and_every_handler_an_action()
    {
        var handlers = ActionCatalog.All.Select(a => a.Identifier).ToHashSet(StringComparer.Ordinal);
        var documented = Contract.Actions.Select(a => a.Identifier).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(documented.Except(handlers));
        Assert.Empty(handlers.Except(documented));
        Assert.Equal(ActionCatalog.All.Count, handlers.Count);
    }

    [Fact]
    public void Every_undo_names_an_action_that_names_it_back()
    {
        var undone = Contract.Actions.Where(a => a.Undo is not null).ToList();
        Assert.Contains(undone, a => a.Identifier == "remove_tag");
        foreach (var action in undone)
        {
            var undo = Contract.Find(action.Undo!);
            Assert.True(undo is not null, $"{action.Identifier}'s undo '{action.Undo}' is no action of app.json");
            Assert.True(undo.Undo == action.Name, $"{action.Identifier} is undone by '{undo.Name}', which names '{undo.Undo}' as its undo");
        }
    }

    [Fact]
    public void Every_action_takes_the_common_parameters_after_its_own()
    {
        var common = Contract.CommonParameters.Select(p => p.Name).ToList();
        Assert.Equal(["region", "role_arn", "external_id"], common);
        foreach (var action in Contract.Actions)
        {
            Assert.Equal(common, action.Parameters.TakeLast(common.Count).Select(p => p.Name));
            Assert.All(common, name => Assert.Contains(action.Output, o => o.DataPath == $"action_result.parameter.{name}"));
        }
    }

    [Fact]
    public void Every_action_has_a_recording_and_declares_its_permissions()
    {
        foreach (var action in Contract.Actions)
        {
            var folder = Path.Combine(TestEnvironment.FixturesDirectory, action.Identifier);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json").Any(), $"no recording under tests/fixtures/{action.Identifier}");
            Assert.NotEmpty(action.Permissions);
            Assert.All(action.Permissions, p => Assert.Matches("^[a-z0-9-]+:[A-Za-z0-9*]+$", p));
        }
    }

    [Fact]
    public void Every_parameter_contains_type_can_be_validated()
    {
        var parameters = Contract.Actions.SelectMany(a => a.Parameters).Concat(Contract.Configuration);
        foreach (var parameter in parameters)
        {
            Assert.All(parameter.Contains, c => Assert.True(Contract.ContainsTypes.ContainsKey(c), $"parameter '{parameter.Name}' contains '{c}', which app.rules.json's contains_types does not define"));
            if (parameter.Pattern is not null)
            {
                _ = new Regex(parameter.Pattern);
            }
            Assert.True(parameter.DataType is "string" or "numeric" or "boolean" or "password", $"parameter '{parameter.Name}' has unknown data_type {parameter.DataType}");
        }
    }

    [Fact]
    public void Every_action_documents_the_standard_result_paths()
    {
        foreach (var action in Contract.Actions)
        {
            var paths = action.Output.Select(o => o.DataPath).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("action_result.status", paths);
            Assert.Contains("action_result.message", paths);
            Assert.Contains("summary.total_objects", paths);
            Assert.Contains("summary.total_objects_successful", paths);
            Assert.All(action.Parameters, p => Assert.Contains($"action_result.parameter.{p.Name}", paths));
            Assert.True(action.Type is "test" or "investigate" or "contain" or "correct" or "generic", $"{action.Identifier} has type {action.Type}");
        }
    }
}
