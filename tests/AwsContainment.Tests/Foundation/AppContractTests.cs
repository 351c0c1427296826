using AwsContainment.Host;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Foundation;

/// <summary>Reading app.json: a broken contract is refused at load with a sentence, and actions are found by either name.</summary>
public sealed class AppContractTests
{
    [Theory]
    [InlineData("""{"actions": [""", "app.json is not valid JSON")]
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
}
