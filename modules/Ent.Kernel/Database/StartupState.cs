namespace Ent.Kernel.Database;

/// <summary>
/// Whether this instance has finished starting: the port is bound, the database answers, the migrations and the
/// start-up tasks have run. Until then <c>/health/ready</c> answers 503 and so does every request but the health
/// probes. Background work that needs the database (the delivery worker, purges) waits for <see cref="WhenReady"/>.
/// </summary>
public sealed class StartupState
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes once ready; cancelled when the start failed (the process is then exiting).</summary>
    public Task WhenReady => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();

    internal void MarkFailed() => _ready.TrySetCanceled();
}
