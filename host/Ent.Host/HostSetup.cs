using System.Text.Json;
using Ent.Kernel;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Ent.Host;

/// <summary>What Program.cs calls: services, then the request pipeline, in the order a request meets them.</summary>
internal static class HostSetup
{
    public const string DefaultUrl = "http://localhost:5080";

    public static void AddEntHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // API bodies are small; the few upload endpoints raise their own limit.
            k.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Ent:Limits:MaxRequestBodyBytes", 1L << 20);
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
        });

        builder.AddEntLogging();
        builder.AddEntProxy();
        builder.Services.AddEntKernel(builder.Configuration);
        builder.Services.AddModules();
        // Data protection's hosted service reads the key ring (kept in the database) before the port is bound, that
        // is before the database is open (issue #12: the database comes up after binding): it only pre-warms, and
        // logged an error at every start. The key ring is read at its first use instead, once the instance is ready.
        foreach (var prechauffage in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
                     && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            builder.Services.Remove(prechauffage);
        }
        builder.Services.AddEntOpenApi();
        builder.Services.AddEntCompression();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
    }

    /// <summary>
    /// Whether a start-up failure is one Ent explains (logged without a stack trace), and its message in French.
    /// A busy port fails before any database work (that runs once the port is bound): nothing was touched.
    /// </summary>
    public static (bool Expected, string Message) ExplainStartupFailure(Exception e) => e switch
    {
        Ent.Kernel.Database.EmbeddedPostgresException or Ent.Kernel.Database.MigrationException
            or Ent.Kernel.Database.DatabaseStartupException => (true, e.Message),
        Microsoft.Extensions.Options.OptionsValidationException o => (true, string.Join(" ", o.Failures)),
        // Several settings checked at start fail together (one setting read by another's check fails both): each once.
        AggregateException a when a.InnerExceptions.All(i => i is Microsoft.Extensions.Options.OptionsValidationException) =>
            (true, string.Join(" ", a.InnerExceptions.SelectMany(i => ((Microsoft.Extensions.Options.OptionsValidationException)i).Failures).Distinct())),
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } =>
            (true, "l'adresse d'écoute est déjà prise (une autre instance d'Ent, ou un autre programme, écoute ce port) : " +
                   "rien n'a été démarré ni modifié. Arrêtez l'autre programme ou choisissez un autre port (--urls)."),
        _ => (false, e.Message),
    };

    public static void UseEntHost(this WebApplication app)
    {
        app.UseEntProxy(); // first: every later step sees the client's address, scheme and host
        app.UseCorrelationId();
        app.UseSecurityHeaders();
        app.UseEntRequestLogging();
        app.UseEntCompression(); // before anything that writes a body, error pages included
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Until the database is reached and migrated (after the port is bound), 503 for all but the health probes.
        app.UseEntDemarrage();

        // Public files first: what follows requires a token unless an endpoint says otherwise.
        app.UseSpaFiles();
        app.UseEntOpenApi();

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapModules();
        app.MapSpaFallback();
    }
}
