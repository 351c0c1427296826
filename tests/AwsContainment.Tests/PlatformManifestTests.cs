using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainment.Tests;

/// <summary>
/// app.json is what Splunk SOAR installs: it holds every key the SOAR SDK's models require and no key they do not
/// know, as listed (with the model each comes from) in soar/splunk/app-json-keys.txt; the runner's own rules live in
/// app.rules.json.
/// </summary>
public sealed partial class PlatformManifestTests
{
    private static readonly JsonObject App = JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "app.json")))!.AsObject();

    private static readonly Dictionary<string, string[]> Keys = File.ReadLines(Path.Combine(TestEnvironment.RepositoryRoot, "soar", "splunk", "app-json-keys.txt"))
        .Select(line => KeysLine().Match(line))
        .Where(match => match.Success)
        .ToDictionary(match => $"{match.Groups[1].Value} {match.Groups[2].Value}", match => match.Groups[3].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void The_keys_file_names_every_place_app_json_has()
    {
        foreach (var place in new[] { "app", "action", "configuration", "parameter", "output" })
        {
            Assert.NotEmpty(Keys[$"required {place}"]);
            Assert.Empty(Keys[$"required {place}"].Except(Keys[$"allowed {place}"]));
        }
    }

    [Fact]
    public void App_json_holds_every_required_key_and_only_keys_the_platform_knows()
    {
        var problems = new List<string>();
        Check("app.json", App, "app", problems);
        foreach (var (name, field) in App["configuration"]!.AsObject())
        {
            Check($"configuration.{name}", field!.AsObject(), "configuration", problems);
        }
        foreach (var action in App["actions"]!.AsArray().Select(a => a!.AsObject()))
        {
            var identifier = (string)action["identifier"]!;
            Check(identifier, action, "action", problems);
            foreach (var (name, parameter) in action["parameters"]!.AsObject())
            {
                Check($"{identifier}.{name}", parameter!.AsObject(), "parameter", problems);
            }
            foreach (var output in action["output"]!.AsArray().Select(o => o!.AsObject()))
            {
                Check($"{identifier} {output["data_path"]}", output, "output", problems);
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_parameter_with_a_value_type_is_primary_and_every_action_names_its_platform_versions()
    {
        foreach (var action in App["actions"]!.AsArray().Select(a => a!.AsObject()))
        {
            Assert.Equal("EQ(*)", (string?)action["versions"]);
            Assert.Contains((string?)action["render"]?["type"], new[] { "table", "custom" });
            foreach (var (name, parameter) in action["parameters"]!.AsObject())
            {
                Assert.True(parameter!["contains"] is null || (bool?)parameter["primary"] == true, $"{action["identifier"]}.{name} has contains but is not primary");
            }
            var columns = action["output"]!.AsArray().Where(o => o!["column_name"] is not null).Select(o => (int)o!["column_order"]!).ToList();
            Assert.Equal(Enumerable.Range(0, columns.Count), columns);
        }
    }

    [Fact]
    public void The_platform_imports_the_python_module_and_finds_both_logos()
    {
        var module = (string)App["main_module"]!;
        Assert.EndsWith(".py", module, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "soar", "splunk", module)), $"{module} is not in soar/splunk");
        foreach (var logo in new[] { (string)App["logo"]!, (string)App["logo_dark"]! })
        {
            Assert.True(File.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "soar", "splunk", logo)), $"{logo} is not in soar/splunk");
        }
        Assert.Matches(@"^3\.\d+(, 3\.\d+)*$", (string)App["python_version"]!);
    }

    [RequiresFact(Requirement.Python3)]
    public async Task App_json_and_its_rules_are_as_the_converter_writes_them()
    {
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "soar", "splunk", "conform_app_json.py");
        var check = await Soar.PythonScript.RunAsync(script, ["--check"]);
        Assert.True(check.ExitCode == 0, $"an entry was written by hand and not converted: {check.Stderr}");
    }

    private static void Check(string where, JsonObject node, string place, List<string> problems)
    {
        var keys = node.Select(p => p.Key).ToList();
        problems.AddRange(Keys[$"required {place}"].Except(keys).Select(k => $"{where} lacks '{k}'"));
        problems.AddRange(keys.Except(Keys[$"allowed {place}"]).Select(k => $"{where} has '{k}', which the platform does not know (app.rules.json is the place for it)"));
    }

    [GeneratedRegex(@"^(required|allowed) (\w+):(.*)$")]
    private static partial Regex KeysLine();
}
