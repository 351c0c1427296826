using System.Runtime.CompilerServices;

namespace AwsContainment.Connector.Aws;

/// <summary>
/// Walks every page of a listing. Each service names its cursor differently (EC2 and Auto Scaling
/// <c>NextToken</c>, IAM <c>Marker</c>, ELB <c>Marker</c> answered as <c>NextMarker</c>: API names, as the model
/// reads them); the loop is the same.
/// </summary>
public static class Paging
{
    public static async IAsyncEnumerable<AwsReply> PagesAsync(
        this IAwsCaller caller,
        string action,
        Action<QueryParameters> fill,
        string requestCursor,
        string responseCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var parameters = caller.NewParameters();
            fill(parameters);
            parameters.Add(requestCursor, cursor);
            var reply = await caller.CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
            yield return reply;
            cursor = (string?)reply.Body[responseCursor];
        }
        while (!string.IsNullOrEmpty(cursor));
    }
}
