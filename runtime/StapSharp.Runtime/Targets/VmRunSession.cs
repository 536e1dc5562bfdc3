using System.Diagnostics;
using StapSharp.Runtime.Machines;

namespace StapSharp.Runtime.Targets;

/// <summary>
/// Follows one VM run from boot to power-off: forwards output bytes and staprun's messages, reacts to the guest's markers,
/// turns the time limit and cancellation into a graceful stop request, and enforces hard bounds
/// (boot, module start, stop grace, power-off) by killing QEMU.
/// </summary>
internal sealed class VmRunSession
{
    private enum Phase { Booting, Starting, Running, Stopping, Finished }

    private static readonly TimeSpan PowerOffBound = TimeSpan.FromSeconds(30);

    private readonly QemuMachine _machine;
    private readonly GuestMarkers _markers;
    private readonly RunOptions _options;
    private readonly RunOutput _output;
    private readonly ExitMarkerScanner _exitMarker;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private Phase _phase = Phase.Booting;
    private TimeSpan? _deadline;
    private TimeSpan? _liveAt;
    private TimeSpan? _endedAt;
    private int? _exitCode;
    private bool _timedOut;
    private bool _cancelled;
    private string? _failure;

    public VmRunSession(QemuMachine machine, GuestMarkers markers, RunOptions options, RunOutput output)
    {
        _machine = machine;
        _markers = markers;
        _options = options;
        _output = output;
        _exitMarker = new ExitMarkerScanner(markers);
        _deadline = options.BootTimeout;
    }

    public async Task<RunResult> RunAsync(CancellationToken cancel)
    {
        var cancelSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancel.Register(() => cancelSignal.TrySetResult()).ConfigureAwait(false);
        var cancelSeen = false;
        Task<bool>? pendingRead = null;
        var events = _machine.Events;

        while (true)
        {
            var exited = false;
            while (events.TryRead(out var guestEvent))
            {
                if (await HandleAsync(guestEvent).ConfigureAwait(false))
                {
                    exited = true;
                }
            }

            if (exited)
            {
                break;
            }

            pendingRead ??= events.WaitToReadAsync().AsTask();
            using var delayCancel = new CancellationTokenSource();
            var delay = _deadline is { } deadline
                ? Task.Delay(Max(deadline - _clock.Elapsed, TimeSpan.Zero), delayCancel.Token)
                : Task.Delay(Timeout.Infinite, delayCancel.Token);
            var winner = await Task.WhenAny(pendingRead, delay, cancelSeen ? Task.Delay(Timeout.Infinite, delayCancel.Token) : cancelSignal.Task)
                .ConfigureAwait(false);
            delayCancel.Cancel();

            if (winner == pendingRead)
            {
                if (!await pendingRead.ConfigureAwait(false))
                {
                    break; // QEMU's streams closed
                }

                pendingRead = null;
            }
            else if (winner == cancelSignal.Task)
            {
                cancelSeen = true;
                await OnCancelAsync().ConfigureAwait(false);
            }
            else
            {
                await OnDeadlineAsync().ConfigureAwait(false);
            }
        }

        var end = _endedAt ?? _clock.Elapsed;
        var boot = _liveAt ?? end;
        return new RunResult(_exitCode, _timedOut, _cancelled, boot, end - boot)
        {
            Failure = _exitCode is null ? _failure ?? "the VM powered off without reporting staprun's exit code" : null,
        };
    }

    /// <summary>Returns true when QEMU has exited (the run is over).</summary>
    private async Task<bool> HandleAsync(GuestEvent guestEvent)
    {
        switch (guestEvent)
        {
            case GuestEvent.Output(var bytes):
                if (await _exitMarker.FeedAsync(bytes, _output.OnOutput).ConfigureAwait(false))
                {
                    OnExitCode(_exitMarker.ExitCode!.Value);
                    // Every output byte came before the marker: the guest may power off.
                    await _machine.SendControlAsync(GuestInitScript.ReceivedCommand).ConfigureAwait(false);
                }
                return false;
            case GuestEvent.Message(var line):
                await _output.OnMessage(line).ConfigureAwait(false);
                return false;
            case GuestEvent.Control(var line):
                await OnMarkerAsync(line.Trim()).ConfigureAwait(false);
                return false;
            case GuestEvent.Exited:
                await _exitMarker.FlushAsync(_output.OnOutput).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private async Task OnMarkerAsync(string line)
    {
        if (line == _markers.Up && _phase == Phase.Booting)
        {
            _phase = Phase.Starting;
            _deadline = _clock.Elapsed + _options.BootTimeout; // bound on loading the module
        }
        else if (line == _markers.Live && _phase is Phase.Booting or Phase.Starting)
        {
            _phase = Phase.Running;
            _liveAt = _clock.Elapsed;
            _deadline = _options.TimeLimit is { } limit ? _liveAt + limit : null;
        }
        else if (_markers.TryParseFailed(line) is { } reason)
        {
            // The guest powers off by itself; the console (added to the failure) holds the details.
            _failure = reason;
        }
        else if (line == _markers.Live && _phase == Phase.Stopping)
        {
            _liveAt ??= _clock.Elapsed;
            await _machine.SendControlAsync(GuestInitScript.StopCommand).ConfigureAwait(false); // the first one predated the watcher
        }
    }

    private void OnExitCode(int code)
    {
        _exitCode = code;
        _endedAt = _clock.Elapsed;
        _liveAt ??= _endedAt;
        _phase = Phase.Finished;
        _deadline = _clock.Elapsed + PowerOffBound;
    }

    private async Task OnCancelAsync()
    {
        switch (_phase)
        {
            case Phase.Booting:
                // staprun has not started: nothing to stop gracefully.
                _cancelled = true;
                _failure = "cancelled while the VM was booting";
                _machine.Kill();
                break;
            case Phase.Starting or Phase.Running:
                _cancelled = true;
                await RequestStopAsync().ConfigureAwait(false);
                break;
        }
    }

    private async Task OnDeadlineAsync()
    {
        switch (_phase)
        {
            case Phase.Booting:
                _failure = $"the VM did not boot within {_options.BootTimeout.TotalSeconds:0} s";
                _machine.Kill();
                break;
            case Phase.Starting:
                _failure = $"the module did not go live within {_options.BootTimeout.TotalSeconds:0} s of boot";
                _machine.Kill();
                break;
            case Phase.Running:
                _timedOut = true;
                await RequestStopAsync().ConfigureAwait(false);
                break;
            case Phase.Stopping:
                _failure = $"staprun did not stop within {_options.StopGracePeriod.TotalSeconds:0} s of the stop request; the VM was killed";
                _machine.Kill();
                break;
            case Phase.Finished:
                _machine.Kill(); // staprun reported; the guest just failed to power off
                break;
        }
        _deadline = null;
    }

    private async Task RequestStopAsync()
    {
        _phase = Phase.Stopping;
        _deadline = _clock.Elapsed + _options.StopGracePeriod;
        await _machine.SendControlAsync(GuestInitScript.StopCommand).ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
