using System.Globalization;
using System.Text;

namespace AwsContainment.Host.Contract;

/// <summary>
/// The per-action reference of docs/actions.md (parameters and their rules, output data paths, IAM permissions),
/// written from app.json so the contract is written once. The hand-written prose stays outside the markers.
/// </summary>
public static class ActionReference
{
    public const string Begin = "<!-- Generated from app.json by `runner docs docs/actions.md`: change app.json, then run it. -->";
    public const string End = "<!-- End of the part generated from app.json. -->";

    /// <summary><paramref name="document"/> with its generated part (added at the end when it has none) written anew.</summary>
    public static string Update(string document, AppContract contract)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        var generated = Begin + "\n\n" + Write(contract) + End;
        return begin >= 0 && end > begin
            ? document[..begin] + generated + document[(end + End.Length)..]
            : document.TrimEnd('\n') + "\n\n" + generated + "\n";
    }

    public static string Write(AppContract contract)
    {
        var text = new StringBuilder("## Reference: every action's parameters, output and permissions\n\n");
        foreach (var action in contract.Actions)
        {
            text.Append(CultureInfo.InvariantCulture, $"### {action.Name} (`{action.Identifier}`)\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{Cell(action.Description.TrimEnd('.'))}. Type `{action.Type}`{(action.ReadOnly ? ", read-only" : "")}.\n\n");
            if (action.Parameters.Count > 0)
            {
                text.Append("| parameter | type | required | default | rule | description |\n| --- | --- | --- | --- | --- | --- |\n");
                foreach (var p in action.Parameters)
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"| `{p.Name}` | {p.DataType}{(p.IsList ? " (list)" : "")} | {(p.Required ? "yes" : "no")} | {(p.Default is null ? "" : $"`{p.Default.ToJsonString()}`")} | {Cell(Rule(p))} | {Cell(p.Description)} |\n");
                }
                text.Append('\n');
            }
            if (action.Output.Count > 0)
            {
                text.Append("| output data path | type | contains |\n| --- | --- | --- |\n");
                foreach (var o in action.Output)
                {
                    text.Append(CultureInfo.InvariantCulture, $"| `{o.DataPath}` | {o.DataType} | {Cell(string.Join(", ", o.Contains))} |\n");
                }
                text.Append('\n');
            }
            if (action.Permissions.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"IAM permissions: {string.Join(", ", action.Permissions.Select(p => $"`{p}`"))}\n\n");
            }
        }
        return text.ToString();
    }

    private static string Rule(ParameterSpec p)
    {
        var rules = new List<string>();
        if (p.Contains.Count > 0) rules.Add(string.Join(", ", p.Contains));
        if (p.ValueList.Count > 0) rules.Add("one of " + string.Join(", ", p.ValueList.Select(v => $"`{v}`")));
        if (p.Minimum is { } min) rules.Add(string.Create(CultureInfo.InvariantCulture, $"≥ {min}"));
        if (p.Maximum is { } max) rules.Add(string.Create(CultureInfo.InvariantCulture, $"≤ {max}"));
        if (p.MaxLength is { } length) rules.Add(string.Create(CultureInfo.InvariantCulture, $"at most {length} characters"));
        if (p.PatternDescription is { } pattern) rules.Add(pattern);
        if (p.Requires.Count > 0) rules.Add("needs " + string.Join(", ", p.Requires.Select(r => $"`{r}`")));
        return string.Join("; ", rules);
    }

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}
