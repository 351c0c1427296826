using System.Diagnostics;
using System.Globalization;

namespace AwsContainment.Host.Cli;

/// <summary>
/// How far a run is: parameter sets done and failed, and in an outbreak how many instances are isolated. On a
/// terminal it is one line of stderr rewritten in place (sets done, isolated, failed, seconds so far), for an analyst
/// watching a long list of sets or a playbook, cleared when the run ends; logs and SOAR platforms never see it. A run
/// that isolated anything ends with one line saying when the last instance was isolated, terminal or not: in an
/// outbreak that is the figure that matters.
/// </summary>
internal sealed class RunProgress : IDisposable
{
    private readonly TextWriter _stderr;
    private readonly string _action;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _ticks;
    private readonly Lock _gate = new();
    private int _done;
    private int _failed;
    private int _isolated;
    private TimeSpan _lastIsolated;
    private int _width;
    private bool _closed;

    public RunProgress(TextWriter stderr, string action, int total, bool onTerminal)
    {
        (_stderr, _action, _total) = (stderr, action, total);
        _ticks = onTerminal ? new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1)) : null;
    }

    /// <summary>Counts one finished parameter set.</summary>
    public void SetFinished(bool succeeded)
    {
        lock (_gate)
        {
            _done++;
            _failed += succeeded ? 0 : 1;
        }
        Draw();
    }

    /// <summary>Counts one set whose first containing step is done.</summary>
    public void SetIsolated()
    {
        lock (_gate)
        {
            _isolated++;
            _lastIsolated = _clock.Elapsed;
        }
        Draw();
    }

    /// <summary>The run's closing line when it isolated anything, for the analyst and the benchmark; null otherwise.</summary>
    public string? Outcome()
    {
        lock (_gate)
        {
            return _isolated == 0 ? null : string.Create(CultureInfo.InvariantCulture,
                $"{_action}: {_isolated} of {_total} isolated, the last {_lastIsolated.TotalSeconds:0.0} s after the start; {_done - _failed} contained, {_failed} failed, {_clock.Elapsed.TotalSeconds:0.0} s in all");
        }
    }

    private void Draw()
    {
        if (_ticks is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_closed)
            {
                // A tick already under way when the run ended must not redraw the cleared line.
                return;
            }
            var isolated = _isolated > 0 ? $", {_isolated} isolated" : "";
            var line = $"{_action}: {_done} of {_total} parameter sets done{isolated}{(_failed > 0 ? $", {_failed} failed" : "")} ({_clock.Elapsed.TotalSeconds:0} s)";
            _stderr.Write("\r" + line.PadRight(_width));
            _stderr.Flush();
            _width = line.Length;
        }
    }

    public void Dispose()
    {
        if (_ticks is null)
        {
            return;
        }
        _ticks.Dispose();
        lock (_gate)
        {
            _closed = true;
            _stderr.Write("\r" + new string(' ', _width) + "\r");
            _stderr.Flush();
        }
    }
}
