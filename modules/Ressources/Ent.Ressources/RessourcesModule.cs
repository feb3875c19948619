using Ent.Kernel;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Modules;
using Ent.Kernel.Rgpd;
using Ent.Ressources.Demo;
using Ent.Ressources.Espaces;
using Ent.Ressources.Gar;
using Ent.Ressources.Gar.Flux;
using Ent.Ressources.Saml;
using Ent.Ressources.Liens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ent.Ressources;

/// <summary>Ressources: digital textbooks through the GAR, the resources a pupil used, useful links.</summary>
public static class RessourcesModule
{
    private static readonly EntModule Module = new("Ressources", "ressources",
        "Ressources numériques (manuels via le GAR), ressources consultées, liens utiles, espaces de classe.", typeof(RessourcesModule).Assembly);

    public static IServiceCollection AddRessources(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddSingleton<IDemoData, RessourcesDemo>();

        // GAR (issue 18): the web service over mutual TLS, Ent as its SAML identity provider, openings and their retention.
        services.AddOptions<GarOptions>().BindConfiguration(GarOptions.Section)
            .Validate(o => o.CacheMinutes is >= 0 and <= 60 && o.DelaiSansCacheSecondes is >= 1 and <= 60
                           && o.DelaiAvecCacheMillisecondes is >= 0 and <= 60_000 && o.Saml.ValiditeMinutes is >= 1 and <= 30,
                "Ent:Gar : CacheMinutes de 0 à 60, DelaiSansCacheSecondes de 1 à 60, DelaiAvecCacheMillisecondes de 0 à 60000, Saml:ValiditeMinutes de 1 à 30.")
            .Validate(o => o.EtablissementsFlux.All(Ent.Identite.Contracts.Uai.IsValid),
                "Ent:Gar:EtablissementsFlux ne contient que des UAI (7 chiffres suivis d'une lettre, par exemple 0750000A).")
            .Validate(o => o.UrlWebService is null || (Uri.TryCreate(o.UrlWebService, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps),
                "Ent:Gar:UrlWebService est une adresse https (le service web du GAR exige TLS mutuel).")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddHttpClient(ClientGar.NomClient)
            .ConfigurePrimaryHttpMessageHandler(sp => ClientGar.Gestionnaire(sp.GetRequiredService<IOptions<GarOptions>>().Value));
        services.AddSingleton<ClientGar>();
        services.AddSingleton<CertificatSaml>();
        services.AddScoped<UtilisateursGar>();
        services.AddSingleton<IPurgeRetention, PurgeOuverturesGar>();
        services.AddSingleton<IPurgeRetention, PurgeRequetesSamlGar>();
        services.AddSingleton<IPurgeRetention, Espaces.PurgeEspacesClasse>();
        services.AddSingleton<Ent.Kernel.Evenements.IGestionnaireEvenement<Ent.Identite.Contracts.PersonneEffacee>, Espaces.EffacementPersonneRessources>();
        services.AddSingleton<IContributionExport, ContributionOuverturesGar>();
        // The affectation flux (GAR-ENT files): built on demand for the direction, deposited daily in Ent:Gar:DossierFlux.
        services.AddScoped<GenerateurFluxGar>();
        services.AddSingleton<ProductionFluxGar>();
        services.AddHostedService<TraitementFluxGar>();
        services.AddSingleton<IPurgeRetention, PurgeFluxGar>();

        // Class workspaces (issue 18, espace de classe): documents per class and group, work handed in, a quota per établissement.
        services.AddOptions<EspacesOptions>().BindConfiguration(EspacesOptions.Section)
            .Validate(o => o.QuotaEspacesOctets >= 0, "Ent:Ressources:QuotaEspacesOctets est un nombre d'octets positif ou nul.")
            .ValidateOnStart();
        services.AddSingleton<StockageEspaces>();
        services.AddHealthChecks().AddCheck<StockageDocumentsHealthCheck<StockageEspaces>>("documents-ressources", tags: ["ready"]);
        services.AddScoped<ReglesEspaces>();
        services.AddSingleton<IContributionExport, ContributionRendus>();
        return services;
    }

    public static IEndpointRouteBuilder MapRessources(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerLiensUtilesEndpoint.Map(group);
        ListerMesRessourcesEndpoint.Map(group);
        OuvrirRessourceEndpoint.Map(group);
        ListerRessourcesOuvertesEndpoint.Map(group);
        ObtenirFluxGarEndpoint.Map(group);
        ListerMesEspacesEndpoint.Map(group);
        ObtenirContenuEspaceEndpoint.Map(group);
        DossiersEspaceEndpoints.Map(group);
        DeposerFichierEspaceEndpoints.Map(group);
        FichiersEspaceEndpoints.Map(group);
        DepotsEndpoints.Map(group);
        RendusEndpoints.Map(group);
        SamlGarEndpoints.Map(app);
        return app;
    }
}
