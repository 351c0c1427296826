using AwsContainment.Tools.ContractCode;

// Run from anywhere in the repository: it writes ContractCodeGenerator.OutputPath below the folder holding AwsContainment.sln.
var root = new DirectoryInfo(Directory.GetCurrentDirectory());
while (root is not null && !File.Exists(Path.Combine(root.FullName, "AwsContainment.sln")))
{
    root = root.Parent;
}
if (root is null)
{
    Console.Error.WriteLine("contract code: run this inside the repository (no AwsContainment.sln above the current folder)");
    return 2;
}
try
{
    var generated = ContractCodeGenerator.Generate(root.FullName);
    var path = Path.Combine(root.FullName, ContractCodeGenerator.OutputPath);
    var changed = !File.Exists(path) || File.ReadAllText(path) != generated.Text;
    if (changed)
    {
        File.WriteAllText(path, generated.Text);
    }
    Console.Error.WriteLine($"{ContractCodeGenerator.OutputPath}: {generated.Actions} actions, {(changed ? "written" : "unchanged")}");
    foreach (var handler in generated.MissingHandlers)
    {
        Console.Error.WriteLine($"no class {handler} under {ContractCodeGenerator.ConnectorFolder} yet: write it, then run this again so the catalog finds its namespace");
    }
    return 0;
}
catch (InvalidDataException error)
{
    Console.Error.WriteLine($"contract code: {error.Message}");
    return 1;
}
