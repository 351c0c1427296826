using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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
