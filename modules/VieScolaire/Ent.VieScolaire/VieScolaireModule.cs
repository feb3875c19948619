using Ent.Kernel;
using Ent.Kernel.Demo;
using Ent.Kernel.Http;
using Ent.Kernel.Modules;
using Ent.VieScolaire.Absences;
using Ent.VieScolaire.Appels;
using Ent.VieScolaire.Contracts;
using Ent.VieScolaire.Demo;
using Ent.Kernel.Documents;
using Ent.VieScolaire.Documents;
using Ent.VieScolaire.Justificatifs;
using Ent.VieScolaire.Motifs;
using Ent.VieScolaire.TableauDeBord;
using Ent.VieScolaire.Sorties;
using Ent.VieScolaire.Sante;
using Ent.Kernel.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.VieScolaire;

/// <summary>Vie scolaire: roll calls, absences and lateness, justifications, exit authorisations, school health.</summary>
public static class VieScolaireModule
{
    private static readonly EntModule Module = new("VieScolaire", "viescolaire",
        "Appel, absences et retards, justificatifs des familles, autorisations de sortie, santé scolaire (infirmerie, PAI).", typeof(VieScolaireModule).Assembly);

    public static IServiceCollection AddVieScolaire(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddOptions<VieScolaireOptions>().BindConfiguration(VieScolaireOptions.Section);
        services.AddSingleton<Horaires>();
        services.AddSingleton<IAbsences, LeconsManquees>();
        services.AddSingleton<IDemoData, VieScolaireDemo>();
        services.AddSingleton<IDemoData, SortiesDemo>();
        services.AddSingleton<IDemoData, AbsencesAnneePrecedenteDemo>();
        services.AddOptions<DocumentsOptions>().BindConfiguration(DocumentsOptions.Section);
        services.AddSingleton<StockageJustificatifs>();
        services.AddSingleton<Ent.Kernel.Rgpd.IContributionExport, Rgpd.ContributionVieScolaire>();
        // School health (issue 18): encrypted with a key outside the database, checked at start; visits purged after two years.
        services.AddSingleton<CleSante>();
        services.AddSingleton<IStartupTask, VerificationCleSante>();
        services.AddSingleton<Ent.Kernel.Rgpd.IContributionExport, Rgpd.ContributionSante>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgePassagesInfirmerie>();
        // Retention (issue 18): a school year's attendance record after the next year; erased people's health records.
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, Rgpd.PurgeAnneesVieScolaire>();
        services.AddSingleton<Ent.Kernel.Evenements.IGestionnaireEvenement<Ent.Identite.Contracts.PersonneEffacee>, Rgpd.EffacementPersonneVieScolaire>();
        services.AddSingleton<IDemoData, SanteDemo>();
        services.AddHealthChecks().AddCheck<StockageDocumentsHealthCheck<StockageJustificatifs>>("documents", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapVieScolaire(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerMotifsAbsenceEndpoint.Map(group);

        // Teachers: the day's lessons and their roll calls.
        ListerMesCoursEndpoint.Map(group);
        ObtenirAppelEndpoint.Map(group);
        FaireAppelEndpoint.Map(group);

        // Families and the desk: absences and lateness.
        ListerAbsencesEleveEndpoint.Map(group);
        SignalerAbsenceEndpoint.Map(group);

        // The vie scolaire desk.
        ObtenirTableauDeBordEndpoint.Map(group);
        ListerAppelsNonFaitsEndpoint.Map(group);
        RelancerAppelEndpoint.Map(group);

        // Exits: the pupil's regime (desk), standing authorisations and one-off requests (guardians), the desk's visa.
        ObtenirSortiesEleveEndpoint.Map(group);
        DefinirRegimeEndpoint.Map(group);
        SignerAutorisationsSortieEndpoint.Map(group);
        CreerDemandeSortieEndpoint.Map(group);
        AnnulerDemandeSortieEndpoint.Map(group);
        ListerDemandesSortieJourEndpoint.Map(group);
        ViserDemandeSortieEndpoint.Map(group);

        // Justifications: the family sends, the desk decides; the document behind an access check.
        DeposerJustificatifEndpoint.Map(group);
        ListerJustificatifsEleveEndpoint.Map(group);
        ListerJustificatifsEtablissementEndpoint.Map(group);
        DeciderJustificatifEndpoint.Map(group);
        TelechargerDocumentJustificatifEndpoint.Map(group);

        // School health: the nurse records visits and PAI; the family (and the pupil from 15) reads; teachers see the flag.
        EnregistrerPassageEndpoint.Map(group);
        ObtenirDossierSanteEndpoint.Map(group);
        DefinirPaiEndpoint.Map(group);
        DocumentPaiEndpoints.Map(group);
        ListerPassagesJourEndpoint.Map(group);
        ObtenirConsignesPaiEndpoint.Map(group);
        return app;
    }
}
