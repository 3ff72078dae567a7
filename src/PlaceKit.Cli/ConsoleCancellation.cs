using System.Runtime.InteropServices;

namespace PlaceKit.Cli;

/// <summary>
/// Ctrl+C and SIGTERM for the <c>placekit</c> process: the first cancels the run's token, so the run stops at its next
/// safe point, deletes its temporary files and exits 130 with <c>error: cancelled; the previous outputs are untouched</c>;
/// a second Ctrl+C (or SIGTERM, SIGQUIT) ends the process at once with exit code 130.
/// </summary>
/// <remarks>
/// Safe points: between stages, between authorities and chunks while clustering, and before the outputs are moved
/// into place; once the swap of the outputs has started it finishes (it is a few renames), so the outputs are
/// always the old ones or the new ones. After an abort (second signal) a hidden temporary sibling may be left next to
/// the output; the next run into the same output deletes it.
/// </remarks>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _error;
    private int _signals;

    internal ConsoleCancellation(TextWriter error)
    {
        _error = error;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle),
        ];
    }

    /// <summary>Cancelled by the first signal.</summary>
    internal CancellationToken Token => _cts.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // handled here: the runtime must not end the process on its own
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _error.WriteLine("placekit: cancelling at the next safe point (press Ctrl+C again to stop at once)");
            _cts.Cancel();
            return;
        }

        _error.WriteLine("error: aborted; the previous outputs are untouched (the next run deletes any temporary files)");
        _error.Flush();
        Environment.Exit(130);
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
