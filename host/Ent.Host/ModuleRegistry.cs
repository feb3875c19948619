using Ent.Communication;
using Ent.Identite;
using Ent.Ressources;
using Ent.Scolarite;
using Ent.VieScolaire;

namespace Ent.Host;

/// <summary>The five modules, in one place: add a module here and nowhere else in the host.</summary>
internal static class ModuleRegistry
{
    public static IServiceCollection AddModules(this IServiceCollection services) => services
        .AddIdentite()
        .AddScolarite()
        .AddVieScolaire()
        .AddCommunication()
        .AddRessources();

    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app) => app
        .MapIdentite()
        .MapScolarite()
        .MapVieScolaire()
        .MapCommunication()
        .MapRessources();
}
