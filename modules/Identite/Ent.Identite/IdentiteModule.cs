using Ent.Identite.Annuaire;
using Ent.Identite.Contracts;
using Ent.Identite.DataProtection;
using Ent.Identite.Demo;
using Ent.Identite.EduConnect;
using Ent.Identite.Etablissements;
using Ent.Kernel;
using Ent.Kernel.Demo;
using Ent.Kernel.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ent.Kernel.Database;

namespace Ent.Identite;

/// <summary>Identité: établissements, persons, accounts, profiles and family links.</summary>
public static class IdentiteModule
{
    private static readonly EntModule Module = new("Identite", "identite",
        "Établissements, personnes, comptes, profils et liens entre responsables et élèves.", typeof(IdentiteModule).Assembly);

    public static IServiceCollection AddIdentite(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddSingleton<IAnnuaire, Annuaire.Annuaire>();
        services.AddSingleton<IDemoData, IdentiteDemo>();
        services.AddSingleton<CorrespondanceEduConnect>();
        services.AddSingleton<IdentitesExternes>();

        services.AddDataProtection().SetApplicationName("Ent");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<EntDatabase>())));
        return services;
    }

    public static IEndpointRouteBuilder MapIdentite(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Module.RoutePrefix).WithTags(Module.Tag);
        ListerEtablissementsEndpoint.Map(group);
        ObtenirEtablissementEndpoint.Map(group);
        RechercherEtablissementsEndpoint.Map(group);
        return app;
    }
}
