using System.Diagnostics;

namespace AwsContainment.Host.Cli;

/// <summary>
/// How far a run is, on one line of stderr rewritten in place (parameter sets done, failed, seconds so far), for an
/// analyst watching a terminal: a long list of parameter sets or a playbook shows it is still working. Written only
/// when stderr is a terminal, so logs and SOAR platforms never see it; the line is cleared when the run ends.
/// </summary>
internal sealed class TerminalProgress : IDisposable
{
    private readonly TextWriter _stderr;
    private readonly string _action;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _ticks;
    private readonly Lock _gate = new();
    private int _done;
    private int _failed;
    private int _width;
    private bool _closed;

    public TerminalProgress(TextWriter stderr, string action, int total)
    {
        (_stderr, _action, _total) = (stderr, action, total);
        _ticks = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
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

    private void Draw()
    {
        lock (_gate)
        {
            if (_closed)
            {
                // A tick already under way when the run ended must not redraw the cleared line.
                return;
            }
            var line = $"{_action}: {_done} of {_total} parameter sets done{(_failed > 0 ? $", {_failed} failed" : "")} ({_clock.Elapsed.TotalSeconds:0} s)";
            _stderr.Write("\r" + line.PadRight(_width));
            _stderr.Flush();
            _width = line.Length;
        }
    }

    public void Dispose()
    {
        _ticks.Dispose();
        lock (_gate)
        {
            _closed = true;
            _stderr.Write("\r" + new string(' ', _width) + "\r");
            _stderr.Flush();
        }
    }
}
