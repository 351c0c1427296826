using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Host.Serving;

/// <summary>What the replay server does instead of answering: cut the connection, a 5xx, or AWS throttling.</summary>
public enum FaultKind
{
    Drop,
    ServerError,
    Throttle,
}

/// <summary>
/// Which requests the replay server fails and how: every <see cref="Every"/>th request (counting from 1) gets
/// <see cref="Kind"/>, in the error shape of the protocol the request used, so clients retry as they would on AWS.
/// </summary>
public sealed record FaultPlan(int Every, FaultKind Kind)
{
    public static FaultPlan None { get; } = new(0, FaultKind.Drop);

    public static FaultKind ParseKind(string text) => text.ToLowerInvariant() switch
    {
        "drop" => FaultKind.Drop,
        "500" or "5xx" => FaultKind.ServerError,
        "throttle" => FaultKind.Throttle,
        _ => throw new UsageException($"--fault takes drop, 500 or throttle, got '{text}'"),
    };

    public bool Injects(long requestNumber) => Every > 0 && requestNumber % Every == 0;

    /// <summary>AWS's throttling answer to <paramref name="incoming"/>, in its service's shape.</summary>
    public static Exchange Throttle(Exchange incoming) => new FaultPlan(1, FaultKind.Throttle).Answer(incoming);

    public Exchange Answer(Exchange incoming)
    {
        if (Kind == FaultKind.Drop)
        {
            return new Exchange { Service = incoming.Service, Fault = "drop" };
        }
        var (status, code, message) = (Kind, incoming.Service) switch
        {
            (FaultKind.Throttle, "ec2") => (503, "RequestLimitExceeded", "Request limit exceeded."),
            (FaultKind.Throttle, "s3") => (503, "SlowDown", "Please reduce your request rate."),
            (FaultKind.Throttle, _) => (400, incoming.Target is null ? "Throttling" : "ThrottlingException", "Rate exceeded"),
            (_, "ec2") => (500, "InternalError", "An internal error has occurred"),
            _ => (500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
        };
        return ErrorAnswer(incoming, status, code, message);
    }

    /// <summary>An error answer to <paramref name="incoming"/> in the error shape of the protocol it used, as AWS writes it.</summary>
    public static Exchange ErrorAnswer(Exchange incoming, int status, string code, string message)
    {
        var requestId = Guid.NewGuid().ToString();
        var escaped = System.Security.SecurityElement.Escape(message);
        var (contentType, body) = incoming.Service switch
        {
            _ when incoming.Target is not null => ("application/x-amz-json-1.1", new System.Text.Json.Nodes.JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString()),
            "ec2" => ("text/xml;charset=UTF-8", $"<Response><Errors><Error><Code>{code}</Code><Message>{escaped}</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>"),
            "s3" => ("application/xml", $"<Error><Code>{code}</Code><Message>{escaped}</Message><RequestId>{requestId}</RequestId></Error>"),
            _ => ("text/xml", $"<ErrorResponse><Error><Type>{(status >= 500 ? "Receiver" : "Sender")}</Type><Code>{code}</Code><Message>{escaped}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>"),
        };
        return new Exchange
        {
            Service = incoming.Service,
            Status = status,
            Headers = new() { ["content-type"] = contentType, ["x-amzn-requestid"] = requestId, ["date"] = DateTime.UtcNow.ToString("r") },
            Body = body,
        };
    }
}
