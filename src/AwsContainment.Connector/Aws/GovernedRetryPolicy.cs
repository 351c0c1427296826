using System.Runtime.ExceptionServices;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Connector.Aws;

/// <summary>Where a client's calls are paced: the process's governor, and the account, endpoint, region and service they reach.</summary>
public sealed record GovernorLane(RateGovernor Governor, string Scope, string Service)
{
    public TokenBucket? For(string action, bool filteredOrPaged) => Governor.For(Scope, Service, action, filteredOrPaged);
}

/// <summary>A request that names its AWS action itself (the query clients' calls); others are named after their request type.</summary>
internal interface IGovernedRequest
{
    string Action { get; }

    /// <summary>Whether it asks with a filter or for a page: EC2 then draws from its larger read bucket.</summary>
    bool FilteredOrPaged { get; }
}

/// <summary>
/// The SDK's standard retry mode with the governor in it: every attempt waits for its bucket's token; a throttle is
/// told to the bucket and retried without the SDK's retry count or retry quota (AWS applied nothing), for as long as
/// <see cref="RateGovernor.ThrottleBudget"/> and the call's cancellation allow, and a call cut short while waiting
/// after a throttle fails with that throttle, so the set's failure names it. Other faults keep the standard rules:
/// the configured number of retries with exponential backoff, which the fault recovery of mutating calls relies on.
/// </summary>
internal sealed class GovernedRetryPolicy : StandardRetryPolicy
{
    private readonly GovernorLane? _lane;
    private readonly int _faultRetries;

    public GovernedRetryPolicy(IClientConfig config, GovernorLane? lane)
        : base(config)
    {
        _lane = lane;
        _faultRetries = config.MaxErrorRetry;
        MaxRetries = int.MaxValue;
        if (RetryBackoff.Limit is { } limit)
        {
            MaxBackoffInMilliseconds = (int)limit.TotalMilliseconds;
        }
    }

    public override bool RetryLimitReached(IExecutionContext executionContext) => false;

    public override Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception)
    {
        var call = WireCall.Current;
        if (IsThrottlingError(exception))
        {
            var clock = _lane?.Governor.Clock ?? TimeProvider.System;
            Bucket(executionContext)?.Throttled(call?.SentAt ?? long.MaxValue);
            call?.Throttled(clock.GetTimestamp());
            var budget = _lane?.Governor.ThrottleBudget ?? RateGovernor.DefaultThrottleBudget;
            return Task.FromResult(call is { FirstThrottle: { } first } && clock.GetElapsedTime(first) < budget);
        }
        if (executionContext.RequestContext.Retries - (call?.ThrottleRetries ?? 0) >= _faultRetries)
        {
            return Task.FromResult(false);
        }
        return base.RetryForExceptionAsync(executionContext, exception);
    }

    public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError)
    {
        if (isThrottlingError)
        {
            WireCall.Current?.CountThrottleRetry();
            return true;
        }
        return base.OnRetry(executionContext, bypassAcquireCapacity, isThrottlingError);
    }

    public override void NotifySuccess(IExecutionContext executionContext)
    {
        Bucket(executionContext)?.Succeeded();
        base.NotifySuccess(executionContext);
    }

    /// <summary>Before every attempt: a fault's backoff first, then the bucket's token.</summary>
    public override async Task ObtainSendTokenAsync(IExecutionContext executionContext, Exception exception)
    {
        var cancellationToken = executionContext.RequestContext.CancellationToken;
        var throttled = exception is not null && IsThrottlingError(exception);
        if (exception is not null && !throttled)
        {
            await Task.Delay(FaultBackoff(executionContext.RequestContext.Retries - (WireCall.Current?.ThrottleRetries ?? 0)), cancellationToken).ConfigureAwait(false);
        }
        if (Bucket(executionContext) is not { } bucket)
        {
            return;
        }
        try
        {
            await bucket.AcquireAsync(RateGovernor.IsDeferred, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (throttled)
        {
            ExceptionDispatchInfo.Throw(exception!);
        }
        WireCall.Current?.Sent(_lane!.Governor.Clock.GetTimestamp());
    }

    // The standard mode's exponential backoff with full jitter, counted over the retries after faults only.
    private TimeSpan FaultBackoff(int retry) =>
        TimeSpan.FromMilliseconds(Math.Min(Random.Shared.NextDouble() * Math.Pow(2, retry - 1) * 1000, MaxBackoffInMilliseconds));

    // The backoff is taken in ObtainSendTokenAsync, before the token, so that a token is never held through it.
    public override Task WaitBeforeRetryAsync(IExecutionContext executionContext) => Task.CompletedTask;

    private TokenBucket? Bucket(IExecutionContext executionContext)
    {
        if (_lane is null)
        {
            return null;
        }
        var request = executionContext.RequestContext.OriginalRequest;
        return request is IGovernedRequest named
            ? _lane.For(named.Action, named.FilteredOrPaged)
            : _lane.For(RequestAction(executionContext.RequestContext.RequestName), filteredOrPaged: false);
    }

    private static string RequestAction(string requestName) =>
        requestName.EndsWith("Request", StringComparison.Ordinal) ? requestName[..^"Request".Length] : requestName;
}
