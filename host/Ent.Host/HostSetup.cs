using System.Text.Json;
using Ent.Kernel;
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
        builder.Services.AddEntOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
    }

    public static void UseEntHost(this WebApplication app)
    {
        app.UseEntProxy(); // first: every later step sees the client's address, scheme and host
        app.UseCorrelationId();
        app.UseSecurityHeaders();
        app.UseEntRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

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
