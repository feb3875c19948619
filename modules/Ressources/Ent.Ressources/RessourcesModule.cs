using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Modules;
using Ent.Ressources.Demo;
using Ent.Ressources.Liens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Ressources;

/// <summary>Ressources: digital textbooks through the GAR, the resources a pupil used, useful links.</summary>
public static class RessourcesModule
{
    private static readonly EntModule Module = new("Ressources", "ressources",
        "Ressources numériques (manuels via le GAR), ressources consultées, liens utiles.", typeof(RessourcesModule).Assembly);

    public static IServiceCollection AddRessources(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddSingleton<IDemoData, RessourcesDemo>();
        return services;
    }

    public static IEndpointRouteBuilder MapRessources(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerLiensUtilesEndpoint.Map(group);
        return app;
    }
}
