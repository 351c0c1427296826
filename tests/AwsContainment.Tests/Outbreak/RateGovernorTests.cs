using AwsContainment.Connector.Aws;

namespace AwsContainment.Tests.Outbreak;

/// <summary>The governor's pacing and adaptation, on a clock that moves only when the test moves it.</summary>
public sealed class RateGovernorTests
{
    private readonly FakeClock _clock = new();

    private TokenBucket Bucket(double capacity, double refill) =>
        new RateGovernor(ThrottleTable.Uniform(new BucketSize(capacity, refill)), _clock).For("account\nendpoint\nus-east-1", "ec2", "ModifyInstanceAttribute", filteredOrPaged: false)!;

    [Fact]
    public void A_full_bucket_answers_at_once_then_hands_out_tokens_at_its_refill_rate()
    {
        var bucket = Bucket(capacity: 5, refill: 2);

        var burst = Enumerable.Range(0, 5).Select(_ => bucket.AcquireAsync(deferred: false, CancellationToken.None)).ToList();
        var sixth = bucket.AcquireAsync(deferred: false, CancellationToken.None);
        var seventh = bucket.AcquireAsync(deferred: false, CancellationToken.None);

        Assert.All(burst, call => Assert.True(call.IsCompletedSuccessfully));
        GrantedAfter(sixth, TimeSpan.FromMilliseconds(500));
        GrantedAfter(seventh, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Moves the clock to just before <paramref name="wait"/> (the call still waits), then to it (granted).</summary>
    private void GrantedAfter(Task call, TimeSpan wait)
    {
        _clock.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted, $"granted before {wait.TotalMilliseconds} ms");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(call.IsCompletedSuccessfully, $"not granted after {wait.TotalMilliseconds} ms");
    }

    [Fact]
    public void Calls_not_deferred_get_the_next_token_before_deferred_calls_that_waited_longer()
    {
        var bucket = Bucket(capacity: 1, refill: 1);
        Assert.True(bucket.AcquireAsync(deferred: false, CancellationToken.None).IsCompletedSuccessfully);

        var evidence = bucket.AcquireAsync(deferred: true, CancellationToken.None);
        var isolation = bucket.AcquireAsync(deferred: false, CancellationToken.None);

        GrantedAfter(isolation, TimeSpan.FromSeconds(1));
        GrantedAfter(evidence, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_throttle_empties_the_bucket_and_slows_its_refill_for_one_interval_not_seconds()
    {
        var bucket = Bucket(capacity: 10, refill: 10);
        Assert.True(bucket.AcquireAsync(deferred: false, CancellationToken.None).IsCompletedSuccessfully);

        bucket.Throttled(sentAt: _clock.GetTimestamp());
        var retry = bucket.AcquireAsync(deferred: false, CancellationToken.None);

        Assert.Equal(10 * TokenBucket.Backoff, bucket.Rate, 6);
        GrantedAfter(retry, TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / 7.0))); // one refill interval at the slower rate
    }

    [Fact]
    public void Throttles_of_calls_sent_before_the_rate_fell_do_not_lower_it_again()
    {
        var bucket = Bucket(capacity: 10, refill: 10);
        var sentTogether = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(10));

        bucket.Throttled(sentTogether);
        bucket.Throttled(sentTogether);
        bucket.Throttled(sentTogether);
        Assert.Equal(7, bucket.Rate, 6);

        _clock.Advance(TimeSpan.FromMilliseconds(10));
        bucket.Throttled(_clock.GetTimestamp());
        Assert.Equal(4.9, bucket.Rate, 6);
    }

    [Fact]
    public void Successes_bring_the_rate_back_to_the_documented_one_and_no_higher()
    {
        var bucket = Bucket(capacity: 10, refill: 10);
        bucket.Throttled(_clock.GetTimestamp());
        Assert.Equal(7, bucket.Rate, 6);

        for (var i = 0; i < 10; i++)
        {
            bucket.Succeeded();
        }
        Assert.Equal(9, bucket.Rate, 6); // a fiftieth of the documented rate per success
        for (var i = 0; i < 10; i++)
        {
            bucket.Succeeded();
        }
        Assert.Equal(10, bucket.Rate, 6);
    }

    [Fact]
    public void Repeated_throttles_never_take_the_rate_below_a_twentieth_of_the_documented_one()
    {
        var bucket = Bucket(capacity: 10, refill: 10);
        for (var i = 0; i < 30; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            bucket.Throttled(_clock.GetTimestamp());
        }
        Assert.Equal(0.5, bucket.Rate, 6);
    }

    [Fact]
    public async Task A_call_cancelled_while_it_waits_gives_its_place_to_the_next()
    {
        var bucket = Bucket(capacity: 1, refill: 1);
        Assert.True(bucket.AcquireAsync(deferred: false, CancellationToken.None).IsCompletedSuccessfully);
        using var timeout = new CancellationTokenSource();

        var cancelled = bucket.AcquireAsync(deferred: false, timeout.Token);
        var next = bucket.AcquireAsync(deferred: false, CancellationToken.None);
        await timeout.CancelAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(0, bucket.Waiting);
    }

    [Fact]
    public void Sets_share_a_bucket_per_account_endpoint_region_service_and_EC2_action()
    {
        var governor = new RateGovernor(ThrottleTable.Aws, _clock);
        var scope = "111122223333\nhttps://ec2.us-east-1.amazonaws.com/\nus-east-1";

        Assert.Same(governor.For(scope, "ec2", "ModifyInstanceAttribute", false), governor.For(scope, "ec2", "ModifyInstanceAttribute", false));
        Assert.NotSame(governor.For(scope, "ec2", "ModifyInstanceAttribute", false), governor.For(scope.Replace("us-east-1", "eu-west-1"), "ec2", "ModifyInstanceAttribute", false));
        Assert.NotSame(governor.For(scope, "ec2", "ModifyInstanceAttribute", false), governor.For(scope, "ec2", "ModifyInstanceMetadataOptions", false));
        Assert.NotSame(governor.For(scope, "ec2", "ModifyInstanceAttribute", false), governor.For(scope.Replace("111122223333", "444455556666"), "ec2", "ModifyInstanceAttribute", false));
    }

    [Theory]
    [InlineData("ModifyInstanceAttribute", false, 50, 5)]
    [InlineData("CreateTags", false, 100, 10)]
    [InlineData("ModifyNetworkInterfaceAttribute", false, 100, 5)]
    [InlineData("AuthorizeSecurityGroupIngress", false, 50, 5)]
    [InlineData("DescribeInstances", false, 50, 10)]
    [InlineData("DescribeInstances", true, 100, 20)]
    [InlineData("DescribeInstanceAttribute", false, 100, 20)]
    public void EC2s_buckets_are_the_documented_ones(string action, bool filtered, double capacity, double refill)
    {
        Assert.Equal(new BucketSize(capacity, refill), ThrottleTable.Aws.Bucket("ec2", action, filtered)!.Value.Size);
    }

    [Fact]
    public void The_replay_servers_table_throttles_only_what_AWS_documents_and_what_it_names()
    {
        var table = ThrottleTable.Parse("aws, mutating=10/2.5, iam=4/1");

        Assert.Equal(new BucketSize(10, 2.5), table.Bucket("ec2", "ModifyInstanceAttribute", false)!.Value.Size);
        Assert.Equal(new BucketSize(100, 10), table.Bucket("ec2", "CreateTags", false)!.Value.Size);
        Assert.Equal(new BucketSize(4, 1), table.Bucket("iam", "PutRolePolicy", false)!.Value.Size);
        Assert.Null(table.Bucket("elbv2", "DescribeTargetHealth", false));
        Assert.NotNull(ThrottleTable.Aws.Bucket("elbv2", "DescribeTargetHealth", false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ec2")]
    [InlineData("aws,mutating")]
    [InlineData("aws,mutating=10")]
    [InlineData("aws,mutating=0/5")]
    [InlineData("aws,mutating=10/0")]
    [InlineData("aws,mutating=ten/5")]
    public void A_malformed_throttle_table_is_refused_in_one_sentence(string spec)
    {
        var refusal = Assert.Throws<InvalidDataException>(() => ThrottleTable.Parse(spec));
        Assert.StartsWith("--throttle", refusal.Message, StringComparison.Ordinal);
    }
}
