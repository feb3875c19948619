using Ent.Host;
using Serilog;

Log.Logger = EntLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddEntHost();

    var app = builder.Build();
    app.UseEntHost();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    // Start-up failures we expect (no PostgreSQL, failed migration) say what to do; no stack trace for those.
    var expected = e is Ent.Kernel.Database.EmbeddedPostgresException or Ent.Kernel.Database.MigrationException;
    Log.Fatal(expected ? null : e, "Ent n'a pas pu démarrer : {Raison}", e.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
