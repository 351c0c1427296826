using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AwsContainment.Connector.Aws.Transport;

namespace AwsContainment.Host.Cli;

/// <summary>
/// Range checks for numeric options, reported by the parser as usage errors (exit 2) before anything runs:
/// a NaN, negative or absurd value never reaches a run.
/// </summary>
internal static class OptionRules
{
    /// <summary>A day: far beyond any AWS call, still a number a timer can hold.</summary>
    public const double MaxSeconds = 86_400;

    public static Option<int> Between(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (Value<int>(result) is { } value)
            {
                Check(value, min, max, option.Name, result.AddError);
            }
        });
        return option;
    }

    public static Option<int?> Between(this Option<int?> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (Value<int>(result) is { } value)
            {
                Check(value, min, max, option.Name, result.AddError);
            }
        });
        return option;
    }

    public static Option<double> Between(this Option<double> option, double min, double max)
    {
        option.Validators.Add(result =>
        {
            if (Value<double>(result) is { } value)
            {
                Check(value, min, max, option.Name, result.AddError);
            }
        });
        return option;
    }

    /// <summary>A duration in seconds: more than 0 (0 would time every set out at once), at most <see cref="MaxSeconds"/>.</summary>
    public static Option<double?> Seconds(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (Value<double>(result) is { } seconds && !(seconds > 0 && seconds <= MaxSeconds))
            {
                result.AddError($"{option.Name} takes seconds, more than 0 and at most {MaxSeconds.ToString(CultureInfo.InvariantCulture)}, got {seconds.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>
    /// <c>--call-timeout S</c>, of the runner and serve alike: how long each attempt of an AWS call may wait for its
    /// answer; none given is <see cref="AwsTransport.DefaultCallTimeout"/>.
    /// </summary>
    public static Option<double?> CallTimeout() => new Option<double?>("--call-timeout")
    {
        Description = $"Seconds each attempt of an AWS call may wait for its answer before it fails naming the endpoint (default {AwsTransport.DefaultCallTimeout.TotalSeconds})",
    }.Seconds();

    /// <summary>What <c>--call-timeout</c> gives, or its default.</summary>
    public static TimeSpan CallTimeout(ParseResult parsed, Option<double?> callTimeout) =>
        parsed.GetValue(callTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : AwsTransport.DefaultCallTimeout;

    /// <summary>
    /// A path argument that refuses what looks like an option: the parser hands it an unknown option, which would then
    /// be read as a file's path ("cannot read --dry-run"); <paramref name="unknown"/> says what is wrong with it instead.
    /// </summary>
    public static Argument<string?> NotAnOption(this Argument<string?> argument, Func<string, string> unknown)
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value is { Length: > 1 } token && token[0] == '-')
            {
                result.AddError(unknown(token));
            }
        });
        return argument;
    }

    // A value that did not convert ("eighty", a missing argument) already has the parser's own error; reading it throws.
    private static T? Value<T>(OptionResult result)
        where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T?>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static void Check(double value, double min, double max, string name, Action<string> error)
    {
        if (!(value >= min && value <= max))
        {
            error($"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
