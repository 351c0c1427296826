using System.Text.Json.Nodes;
using AwsContainment.Host;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Reading app.json and app.rules.json: a broken contract is refused at load with a sentence, actions are found by
/// either name, and a rule kept in app.rules.json binds as if it were in app.json.
/// </summary>
public sealed class AppContractTests
{
    [Theory]
    [InlineData("""{"actions": [""", "app.json is not valid JSON")]
    [InlineData("""{"actions": []} {}""", "app.json is not valid JSON")]
    [InlineData("""{"actions": [{"action": "a", "identifier": "a", "output": [{"data_path": }]}]}""", "app.json is not valid JSON")]
    [InlineData("""[]""", "app.json must be a JSON object")]
    [InlineData("""{"actions":[{"identifier":"tag_it"}]}""", "app.json: an action has no 'action' name")]
    [InlineData("""{"actions":[{"action":"tag it"}]}""", "app.json: an action has no 'identifier'")]
    public void A_broken_contract_is_refused_when_loaded(string json, string expected)
    {
        var error = Assert.Throws<UsageException>(() => AppContract.Parse(json));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_is_found_by_name_or_identifier_in_any_case_with_its_parameters_in_order()
    {
        var contract = AppContract.Parse("""
            {"configuration":{"region":{"data_type":"string","required":true}},
             "actions":[
              {"action":"tag it","identifier":"tag_it","parameters":{
                "value":{"data_type":"string","order":1,"default":"IR"},
                "instance":{"data_type":"string","required":true,"order":0,"contains":["aws ge instance id"]},
                "count":{"data_type":"numeric","minimum":1,"maximum":5,"max_length":3,"order":2}}},
              {"action":"other","identifier":"other_one"}]}
            """);

        var action = contract.Find(" TAG_IT ");
        Assert.NotNull(action);
        Assert.Same(action, contract.Find("Tag It"));
        Assert.Equal(["instance", "value", "count"], action.Parameters.Select(p => p.Name));
        Assert.Equal("IR", action.Parameters[1].Default!.ToString());
        Assert.Equal(["aws ge instance id"], action.Parameters[0].Contains);
        Assert.Equal((1.0, 5.0, 3), (action.Parameters[2].Minimum!.Value, action.Parameters[2].Maximum!.Value, action.Parameters[2].MaxLength!.Value));
        Assert.Null(contract.Find("untag it"));
        Assert.Equal(["tag_it", "other_one"], contract.Actions.Select(a => a.Identifier));
        Assert.True(Assert.Single(contract.Configuration).Required);
    }

    [Fact]
    public void Rules_kept_in_app_rules_json_bind_the_parameters_and_asset_fields_of_app_json()
    {
        var contract = AppContract.Parse(
            """
            {"configuration":{"region":{"data_type":"string","required":true}},
             "actions":[{"action":"tag it","identifier":"tag_it","parameters":{
                "instance":{"data_type":"string","required":true,"contains":["aws ge instance id"],"primary":true,"order":0},
                "count":{"data_type":"numeric","order":1},
                "volumes":{"data_type":"string","allow_list":true,"order":2}}}]}
            """,
            """
            {"contains_types":{"aws ge instance id":{"description":"an EC2 instance id","pattern":"^i-[0-9a-f]{8}$"}},
             "configuration":{"region":{"pattern":"^[a-z]{2}-[a-z]+-[0-9]$","pattern_description":"an AWS region name"}},
             "actions":{"tag_it":{"permissions":["ec2:CreateTags"],"parameters":{
                "count":{"minimum":1,"maximum":5},
                "volumes":{"pattern":"^vol-[0-9a-f]{8}$","pattern_description":"a volume id"}}}}}
            """);
        var action = contract.Find("tag it")!;
        var validator = new ParameterValidator(contract);

        var (_, problems) = validator.Validate(JsonNode.Parse("""{"instance":"i-xyz","count":"9","volumes":"vol-0123abcd, vol-x"}"""), action.Parameters);
        var (_, assetProblems) = validator.Validate(JsonNode.Parse("""{"region":"Frankfurt"}"""), contract.Configuration, "asset field");

        Assert.Equal(
            ["parameter 'instance': \"i-xyz\" is not an EC2 instance id", "parameter 'count' must be between 1 and 5, got 9", "parameter 'volumes': \"vol-x\" is not a volume id"],
            problems);
        Assert.Equal(["asset field 'region': \"Frankfurt\" is not an AWS region name"], assetProblems);
        Assert.Equal(["ec2:CreateTags"], action.Permissions);
    }

    [Fact]
    public void A_broken_rules_file_is_refused_when_loaded()
    {
        var error = Assert.Throws<UsageException>(() => AppContract.Parse("""{"actions":[]}""", """{"actions": {"""));
        Assert.StartsWith("app.rules.json is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
