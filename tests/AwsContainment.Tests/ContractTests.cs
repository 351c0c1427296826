using System.Text.RegularExpressions;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host.Contract;
using AwsContainment.Tools.ContractCode;

namespace AwsContainment.Tests;

/// <summary>Holds app.json, the handlers and the fixtures to each other.</summary>
public sealed class ContractTests
{
    private static readonly AppContract Contract = AppContract.Load(Path.Combine(TestEnvironment.RepositoryRoot, "app.json"));

    /// <summary>The generated records and catalog are app.json's: each action has its handler, found by name, and its typed parameters.</summary>
    [Fact]
    public void The_generated_action_catalog_is_that_of_app_json()
    {
        var committed = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, ContractCodeGenerator.OutputPath));

        var generated = ContractCodeGenerator.Generate(TestEnvironment.RepositoryRoot);

        Assert.True(generated.Text == committed, $"{ContractCodeGenerator.OutputPath} is not what app.json gives: run `{ContractCodeGenerator.Command}`");
        Assert.Equal(Contract.Actions.Select(a => a.Identifier), ActionCatalog.All.Select(a => a.Identifier));
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

    /// <summary>S3's REST calls name no action: the IAM action each one the connector makes needs.</summary>
    private static readonly Dictionary<string, string> S3Permissions = new(StringComparer.Ordinal)
    {
        ["s3:GET ?max-buckets=1"] = "s3:ListAllMyBuckets",
        ["s3:GET ?policy"] = "s3:GetBucketPolicy",
        ["s3:PUT ?policy"] = "s3:PutBucketPolicy",
        ["s3:DELETE ?policy"] = "s3:DeleteBucketPolicy",
        ["s3:GET ?publicAccessBlock"] = "s3:GetBucketPublicAccessBlock",
        ["s3:PUT ?publicAccessBlock"] = "s3:PutBucketPublicAccessBlock",
        ["s3:DELETE ?publicAccessBlock"] = "s3:DeletePublicAccessBlock",
    };

    /// <summary>
    /// A least-privilege role built from app.rules.json must not fail on a call the action makes only now and then
    /// (recovering from a fault, say): every call of every recording of an action, and every call the fault suite's
    /// variants of it answer (its retries and read-backs), is among the action's declared permissions. The STS
    /// AssumeRole of the common role_arn parameter is left out: the asset's identity makes it, not the action's.
    /// </summary>
    [Fact]
    public void Every_call_an_action_is_recorded_or_faulted_making_is_a_declared_permission()
    {
        var undeclared = new List<string>();
        foreach (var action in Contract.Actions)
        {
            var calls = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFiles(Path.Combine(TestEnvironment.FixturesDirectory, action.Identifier), "*.json"))
            {
                var recording = Recording.Load(path);
                var throughRole = recording.Parameters.Any(set => set?["role_arn"] is not null);
                calls.UnionWith(recording.Exchanges.Select(Permission).Where(call => !(throughRole && call == "sts:AssumeRole")));
            }
            if (Faults.FaultSuiteTests.IsFaulted(action))
            {
                calls.UnionWith(Faults.FaultSuiteTests.FaultedExchanges(action.Identifier).Select(Permission));
            }
            calls.ExceptWith(action.Permissions);
            undeclared.AddRange(calls.Select(call => $"{action.Identifier}: {call}"));
        }
        Assert.True(undeclared.Count == 0, "calls made without a declared permission (app.rules.json):\n" + string.Join("\n", undeclared));
    }

    private static string Permission(Exchange call)
    {
        var service = call.Service is "elb" or "elbv2" ? "elasticloadbalancing" : call.Service;
        return call.Form?.GetValueOrDefault("Action") is { } action ? $"{service}:{action}"
            : call.Target is { } target ? $"{service}:{target[(target.LastIndexOf('.') + 1)..]}"
            : S3Permissions.GetValueOrDefault(Faults.FaultVariant.Operation(call), Faults.FaultVariant.Operation(call));
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
