using Ent.Identite.Acces;
using Ent.Identite.Activation;
using Ent.Identite.Administration;
using Ent.Identite.Annuaire;
using Ent.Identite.Appareils;
using Ent.Identite.Contracts;
using Ent.Identite.DataProtection;
using Ent.Identite.Demo;
using Ent.Identite.DoubleAuthentification;
using Ent.Identite.EduConnect;
using Ent.Identite.Connexion;
using Ent.Identite.Etablissements;
using Ent.Identite.ImportAaf;
using Ent.Identite.Moi;
using Ent.Identite.Oidc;
using Ent.Identite.Rgpd;
using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Modules;
using Ent.Kernel.Rgpd;
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
        services.AddSingleton<IRattachements, Annuaire.Rattachements>(); // issue 16 (messagerie): profiles for the messaging rules
        services.AddSingleton<IDemoData, IdentiteDemo>();
        services.AddOidcServer();

        services.AddSingleton<ReglesAcces>();
        services.AddSingleton<IReglesAcces>(sp => sp.GetRequiredService<ReglesAcces>());
        services.AddSingleton<JournalAcces>();
        services.AddSingleton<IJournalAcces>(sp => sp.GetRequiredService<JournalAcces>());
        services.AddOptions<JournalAccesOptions>().BindConfiguration(JournalAccesOptions.Section)
            .Validate(o => o.RetentionJours >= 1, "Ent:JournalAcces:RetentionJours est un nombre de jours, au moins 1.")
            .ValidateOnStart();
        services.AddHostedService<PurgeJournalAcces>();

        // issue 19: the help desk shown at the bottom of the login and error pages; nothing set, nothing shown.
        services.AddOptions<Connexion.SupportOptions>().BindConfiguration(Connexion.SupportOptions.Section)
            .Validate(o => o.Valide(), Connexion.SupportOptions.Erreur)
            .ValidateOnStart();
        services.AddScoped<SecondFacteur>();
        services.AddSingleton<Connexion.LimiteGlobaleOubli>();

        services.AddSingleton<CorrespondanceEduConnect>();
        services.AddSingleton<IdentitesExternes>();

        services.AddDataProtection().SetApplicationName("Ent");
        // Keys in the database, each encrypted with a key kept outside it (a dump alone opens no TOTP secret).
        services.AddSingleton<CleProtection>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<EntDatabase>());
            o.XmlEncryptor = new ChiffrementCles(sp.GetRequiredService<CleProtection>());
        }));
        services.AddSingleton<IStartupTask, VerificationClesProtection>();

        services.AddOptions<ImportAafOptions>().BindConfiguration(ImportAafOptions.Section)
            .Validate(o => o.TailleMaxOctets > 0 && o.TailleMaxTotaleOctets > 0 && o.TailleMaxTeleversementOctets > 0,
                "Ent:ImportAaf : les tailles maximales sont des nombres d'octets positifs.")
            .ValidateOnStart();
        services.AddSingleton<ImportsAaf>();
        services.AddSingleton<FileAttente>();
        services.AddHostedService<TraitementImports>();

        // issue 18 (RGPD): the families' exports, built in the background from every module's contribution.
        services.AddSingleton<ExportsRgpd>();
        services.AddHostedService<TraitementExports>();
        services.AddSingleton<IContributionExport, ContributionIdentite>();
        services.AddSingleton<IContributionExport, ContributionJournalAcces>();
        // The retention purges of every module, once a day across the hosts.
        services.AddSingleton<PlanificateurPurges>();
        services.AddHostedService<TraitementPurges>();
        services.AddSingleton<IPurgeRetention, PurgeExportsRgpd>();
        services.AddSingleton<IPurgeRetention, PurgeExecutionsPurge>();
        services.AddSingleton<IPurgeRetention, EffacementPersonnes>();
        PurgesIdentite.Ajouter(services);
        return services;
    }

    /// <summary>
    /// The command line's directory import (<c>Ent.Host import-aaf &lt;dossier|zip&gt; [--rentree]</c>): runs it on a started
    /// host, writes the French summary and the rejected entries; 0 when it went through, 1 when refused or failed.
    /// </summary>
    public static async Task<int> ImporterAafAsync(IServiceProvider services, string chemin, bool rentree, TextWriter sortie, CancellationToken ct)
    {
        var imports = services.GetRequiredService<ImportsAaf>();
        var id = await imports.CreerAsync("commande", rentree, demandePar: null, etablissementId: null, ct);
        await imports.ExecuterAsync(id, chemin, ct);
        await using var conn = await services.GetRequiredService<EntDatabase>().DataSource.OpenConnectionAsync(ct);
        var (detail, _) = (await RapportImport.LireAsync(conn, id, ct))!.Value;
        await sortie.WriteAsync(RapportImport.Texte(detail));
        return detail.Import.Etat == "termine" ? 0 : 1;
    }

    public static IEndpointRouteBuilder MapIdentite(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerEtablissementsEndpoint.Map(group);
        ObtenirSupportEndpoint.Map(group);
        ObtenirEtablissementEndpoint.Map(group);
        RechercherEtablissementsEndpoint.Map(group);
        RechercherElevesEndpoint.Map(group);
        ObtenirMoiEndpoint.Map(group);
        ChangerLangueEndpoint.Map(group);
        ChangerMotDePasseEndpoint.Map(group);
        DemanderChangementContactEndpoint.Map(group);
        ConfirmerChangementContactEndpoint.Map(group);
        ListerAppareilsEndpoint.Map(group);
        OublierAppareilEndpoint.Map(group);
        DeconnecterPartoutEndpoint.Map(group);
        ListerApplicationsEndpoint.Map(group);
        RetirerApplicationEndpoint.Map(group);
        DemarrerDoubleAuthentificationEndpoint.Map(group);
        ConfirmerDoubleAuthentificationEndpoint.Map(group);
        DesactiverDoubleAuthentificationEndpoint.Map(group);
        ListerJournalAccesEleveEndpoint.Map(group);
        ListerJournalAccesEtablissementEndpoint.Map(group);
        RechercherPersonnesEndpoint.Map(group);
        ObtenirFichePersonneEndpoint.Map(group);
        DebloquerCompteEndpoint.Map(group);
        DesactiverCompteEndpoint.Map(group);
        ReactiverCompteEndpoint.Map(group);
        CorrigerLienResponsableEndpoint.Map(group);
        DoubleAuthentificationPersonnelEndpoints.Map(group);
        RetirerApplicationPersonneEndpoint.Map(group);
        ListerEtablissementsRegionEndpoint.Map(group);
        ImprimerLettresActivationEndpoint.Map(group);
        GenererCodeActivationEndpoint.Map(group);
        TeleverserImportEndpoint.Map(group, app.ServiceProvider.GetRequiredService<IOptions<ImportAafOptions>>().Value.TailleMaxTeleversementOctets);
        ListerImportsEndpoint.Map(group);
        ObtenirImportEndpoint.Map(group);
        DemanderExportEndpoint.Map(group);
        ListerExportsEndpoint.Map(group);
        TelechargerExportEndpoint.Map(group);
        OidcServer.MapOidcServer(app);
        ActivationEndpoints.Map(app);
        return app;
    }
}
