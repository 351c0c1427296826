using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Connector.Aws;

/// <summary>Reads AWS error answers of every protocol, and turns any failure into one sentence a responder can act on.</summary>
public static class AwsErrors
{
    /// <summary>Where <see cref="QueryServiceClient"/> leaves the retry count on a failed call's exception.</summary>
    public const string RetryAttemptsKey = "AwsContainment.RetryAttempts";

    /// <summary>
    /// The exception for an error answer. EC2 writes <c>Response/Errors/Error</c> with <c>RequestID</c>, the query
    /// services <c>ErrorResponse/Error</c> with <c>RequestId</c>, JSON services <c>__type</c> and <c>message</c>;
    /// a body that is none of these (a proxy's HTML page, a cut-off answer) still yields the HTTP status.
    /// </summary>
    public static AmazonServiceException FromErrorBody(byte[] body, IReadOnlyDictionary<string, string> headers, Exception? inner, HttpStatusCode status)
    {
        var requestId = AwsResponseMetadata.RequestIdHeader(headers) ?? "";
        string? code = null, message = null;
        var type = ErrorType.Unknown;
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.StartsWith('<'))
        {
            try
            {
                var root = XDocument.Parse(text).Root!;
                var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                code = Child(error, "Code");
                message = Child(error, "Message");
                type = Child(error, "Type") switch { "Sender" => ErrorType.Sender, "Receiver" => ErrorType.Receiver, _ => ErrorType.Unknown };
                requestId = Child(root, "RequestID") ?? Child(root, "RequestId") ?? requestId;
            }
            catch (XmlException)
            {
                // Not XML after all: fall through to the HTTP status.
            }
        }
        else if (text.StartsWith('{'))
        {
            try
            {
                var json = JsonNode.Parse(text) as JsonObject;
                code = (json?["__type"]?.GetValue<string>() ?? headers.GetValueOrDefault("x-amzn-errortype"))?.Split('#')[^1].Split(':')[0];
                message = json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>();
            }
            catch (JsonException)
            {
                // Fall through to the HTTP status.
            }
        }
        code ??= status.ToString();
        message ??= $"AWS answered HTTP {(int)status} without a readable error";
        if (type == ErrorType.Unknown)
        {
            type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        }
        return new AmazonServiceException(message, inner, type, code, requestId, status);
    }

    /// <summary>The longest error message of AWS's a sentence quotes: a real one is a line; an endpoint's 20 MB one is cut.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>One sentence for a failed call: AWS's code, message and request id, or what went wrong on the way.</summary>
    /// <summary>
    /// Whether an error code says a named thing does not exist where the runner looked (EC2's <c>*.NotFound</c>,
    /// Elastic Load Balancing's <c>*NotFound</c>, IAM's <c>NoSuchEntity</c>); S3's bucket names are global, so
    /// <c>NoSuchBucket</c> is not about where.
    /// </summary>
    public static bool IsNotFound(string? code) => code is not null && (code.EndsWith("NotFound", StringComparison.Ordinal) || code == "NoSuchEntity");

    public static string Describe(Exception error) => error switch
    {
        _ when Cause<AnswerTooLargeException>(error) is { } tooLarge => tooLarge.Message,
        AmazonUnmarshallingException => "AWS's answer could not be read: it is malformed" + RequestIdSuffix((AmazonServiceException)error),
        AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode) =>
            $"{Shortened(service.ErrorCode)}: {Shortened(service.Message)}{RequestIdSuffix(service)}",
        AmazonServiceException service => $"{Shortened(service.Message)}{RequestIdSuffix(service)}",
        HttpRequestException or IOException or AmazonClientException { InnerException: HttpRequestException or IOException } =>
            $"Could not reach AWS: {Unreachable(error).TrimEnd('.')}",
        TaskCanceledException or OperationCanceledException => "The call to AWS was cancelled or timed out",
        AmazonClientException client => client.Message.TrimEnd('.'),
        _ => error.Message.TrimEnd('.'),
    };

    private static string Shortened(string text)
    {
        text = text.TrimEnd('.');
        return text.Length <= MaxMessageLength ? text : $"{text[..MaxMessageLength]}… ({text.Length} characters)";
    }

    private static T? Cause<T>(Exception error)
        where T : Exception
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is T found)
            {
                return found;
            }
        }
        return null;
    }

    // A failed connect's HttpRequestException names the endpoint ("Connection refused (127.0.0.1:9)"); its socket error does not.
    private static string Unreachable(Exception error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is HttpRequestException { InnerException: System.Net.Sockets.SocketException } connect)
            {
                return connect.Message;
            }
        }
        return Innermost(error).Message;
    }

    /// <summary>Whether <paramref name="error"/> is a failed AWS call (an error answer, or no answer at all) rather than a bug.</summary>
    public static bool IsAwsFailure(Exception error) =>
        error is AmazonServiceException or AmazonClientException or HttpRequestException or IOException;

    /// <summary>
    /// Whether the failed call had been sent more than once after a transient fault (a 5xx, a throttle, a dropped
    /// connection), so that its own first attempt may have taken effect: an "already exists" or "no such entity"
    /// answer is then most likely about what this call did, not about someone else.
    /// </summary>
    public static bool WasRepeated(Exception error) => error.Data[RetryAttemptsKey] is int and > 0;

    /// <summary>
    /// Whether a failed call is worth repeating as the SDK's standard retry mode would: a 5xx, a throttle, a
    /// timeout or a connection that failed or was cut. Such a call may or may not have taken effect.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        AmazonServiceException service when (int)service.StatusCode >= 500 || Transient.Contains(service.ErrorCode ?? "") => true,
        AmazonServiceException => false,
        HttpRequestException or IOException => true,
        AmazonClientException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    /// <summary>Whether AWS's error code says the call was throttled (and so not carried out).</summary>
    public static bool IsThrottlingCode(string code) => Throttling.Contains(code);

    /// <summary>Whether AWS throttled the failed call: it was not carried out.</summary>
    public static bool IsThrottle(Exception error) => error is AmazonServiceException { ErrorCode: { } code } && Throttling.Contains(code);

    // The throttling error codes of botocore's standard retry mode.
    private static readonly HashSet<string> Throttling =
    [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ];

    // Its transient error codes: the throttles and timeouts.
    private static readonly HashSet<string> Transient = [.. Throttling, "RequestTimeout", "RequestTimeoutException"];

    /// <summary>A file on this machine (a journal, a recording) that could not be found, read or written: never "could not reach AWS".</summary>
    public static bool IsLocalFileError(Exception error) =>
        error is FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException or FileLoadException or UnauthorizedAccessException;

    /// <summary>AWS's error code of a failed call, or null when the failure never reached AWS.</summary>
    public static string? Code(Exception error) => (error as AmazonServiceException)?.ErrorCode;

    private static string RequestIdSuffix(AmazonServiceException error) =>
        string.IsNullOrEmpty(error.RequestId) ? "" : $" (request id {Shortened(error.RequestId)})";

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }
        return error;
    }

    private static string? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
