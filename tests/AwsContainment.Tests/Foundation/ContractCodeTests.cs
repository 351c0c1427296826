using AwsContainment.Tools.ContractCode;

namespace AwsContainment.Tests.Foundation;

/// <summary>How tools/ContractCode types an action's parameters from app.json, and what it says of a handler not yet written.</summary>
public sealed class ContractCodeTests
{
    [Fact]
    public void Each_parameter_gets_the_type_its_data_type_rules_required_flag_and_default_give()
    {
        var root = Repository(
            """
            {"actions":[{"action":"tag it","identifier":"tag_it","parameters":{
              "instance":{"data_type":"string","required":true,"order":0},
              "note":{"data_type":"string","order":1},
              "label":{"data_type":"string","default":"IR","order":2},
              "dry_run":{"data_type":"boolean","order":3},
              "count":{"data_type":"numeric","default":5,"order":4},
              "port":{"data_type":"numeric","order":5},
              "volumes":{"data_type":"string","allow_list":true,"order":6},
              "previous":{"data_type":"string","order":7},
              "region":{"data_type":"string","order":8}}}]}
            """,
            """
            {"common_parameters":{"region":{"data_type":"string","order":0}},
             "actions":{"tag_it":{"parameters":{"previous":{"json":true}}}}}
            """);

        var generated = ContractCodeGenerator.Generate(root);

        Assert.Contains(
            """
            public sealed record TagItParameters(
                string Instance,
                string? Note,
                string Label,
                bool DryRun,
                long Count,
                long? Port,
                IReadOnlyList<string> Volumes,
                JsonParameter? Previous,
                CommonParameters Common) : IActionParameters
            """.ReplaceLineEndings("\n"),
            generated.Text,
            StringComparison.Ordinal);
        Assert.Contains("CatalogAction.Of<TagItParameters>(\"tag_it\", new TagItAction(), TagItParameters.From)", generated.Text, StringComparison.Ordinal);
        Assert.Equal(["TagItAction"], generated.MissingHandlers);
    }

    [Fact]
    public void A_data_type_a_record_cannot_hold_is_refused_naming_the_parameter()
    {
        var root = Repository("""{"actions":[{"action":"tag it","identifier":"tag_it","parameters":{"when":{"data_type":"timestamp"}}}]}""", "{}");

        var error = Assert.Throws<InvalidDataException>(() => ContractCodeGenerator.Generate(root));

        Assert.Equal("tag_it: parameter 'when' has data_type 'timestamp'; a record holds boolean, numeric or string", error.Message);
    }

    private static string Repository(string app, string rules)
    {
        var root = Directory.CreateTempSubdirectory("awsc-contract-code-").FullName;
        File.WriteAllText(Path.Combine(root, "app.json"), app);
        File.WriteAllText(Path.Combine(root, "app.rules.json"), rules);
        Directory.CreateDirectory(Path.Combine(root, ContractCodeGenerator.ConnectorFolder));
        return root;
    }
}
