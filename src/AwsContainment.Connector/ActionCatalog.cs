using AwsContainment.Connector.Connectivity;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector;

/// <summary>Every action handler this connector has; contract tests hold this list and app.json to each other.</summary>
public static class ActionCatalog
{
    public static IReadOnlyList<IAwsAction> All { get; } =
    [
        new TestConnectivityAction(),
        new ContainInstanceAction(),
        new RevertContainmentAction(),
    ];
}
