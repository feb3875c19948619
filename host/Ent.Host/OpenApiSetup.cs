using Ent.Kernel.Modules;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Ent.Host;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) and its browsable UI (/api/docs). Operation ids come from each endpoint's
/// WithName: they are the generated TypeScript client's method names, so they never change once published.
/// </summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddEntOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Ent — API",
                Version = "v1",
                Description = "API de l'espace numérique de travail Ent. Chaque module expose ses opérations sous /api/{module}. " +
                              "Les erreurs sont des « problem details » (RFC 9457) en français.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.CustomSchemaIds(t => t.Name);
            foreach (var xml in Directory.EnumerateFiles(AppContext.BaseDirectory, "Ent.*.xml"))
            {
                o.IncludeXmlComments(xml);
            }

            o.DocumentFilter<ModuleTagsFilter>();
        });
        return services;
    }

    public static WebApplication UseEntOpenApi(this WebApplication app)
    {
        app.UseSwagger(o =>
        {
            o.RouteTemplate = "openapi/{documentName}.json";
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        });
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Ent v1");
            o.DocumentTitle = "Ent — documentation de l'API";
        });
        return app;
    }

    /// <summary>Every module's tag with its French description, in the registry's order.</summary>
    private sealed class ModuleTagsFilter(IEnumerable<EntModule> modules) : IDocumentFilter
    {
        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            swaggerDoc.Tags = new HashSet<OpenApiTag>(modules.Select(m => new OpenApiTag { Name = m.Tag, Description = m.Description }));
        }
    }
}
