namespace AwsContainment.Host;

/// <summary>The invocation itself is wrong (unknown action, unreadable file, invalid JSON): exit 2 with this one line.</summary>
public sealed class UsageException(string message) : Exception(message);
