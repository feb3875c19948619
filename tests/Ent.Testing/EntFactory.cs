using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ent.Testing;

/// <summary>
/// WebApplicationFactory for the host. With minimal hosting, Program's own RunAsync and the factory both stop and
/// dispose the host when the factory is disposed (aspnetcore#40271); whichever comes second finds the service
/// provider disposed. Disposal here therefore waits for the host to have stopped for real (the embedded cluster
/// included, which a test may start again at once) and ignores that one exception.
/// Use only on a factory whose host was started.
/// </summary>
public class EntFactory : WebApplicationFactory<Program>
{
    public override async ValueTask DisposeAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() => stopped.TrySetResult());
        }
        catch (ObjectDisposedException)
        {
            stopped.TrySetResult();
        }

        try
        {
            await base.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is ObjectDisposedException))
        {
        }

        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        GC.SuppressFinalize(this);
    }
}
