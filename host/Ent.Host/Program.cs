using Ent.Host;
using Serilog;

Log.Logger = EntLogging.CreateBootstrapLogger();
try
{
    // build.ps1 import-aaf / rentree: import a directory export and exit.
    if (args is [CommandeImportAaf.Nom, ..])
    {
        return await CommandeImportAaf.ExecuterAsync(args);
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.AddEntHost();

    var app = builder.Build();
    app.UseEntHost();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    // Start-up failures we expect (no PostgreSQL, a bad setting, failed migration, busy port) say what to do; no
    // stack trace for those.
    var (expected, message) = HostSetup.ExplainStartupFailure(e);
    Log.Fatal(expected ? null : e, "Ent n'a pas pu démarrer : {Raison}", message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
