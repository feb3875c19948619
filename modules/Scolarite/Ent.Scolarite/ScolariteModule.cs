using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Documents;
using Ent.Kernel.Modules;
using Ent.Scolarite.AFaire;
using Ent.Scolarite.Agenda;
using Ent.Scolarite.Annees;
using Ent.Scolarite.Appreciations;
using Ent.Scolarite.Bulletins;
using Ent.Scolarite.CahierDeTextes;
using Ent.Scolarite.Classes;
using Ent.Scolarite.Conseils;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.Demo;
using Ent.Scolarite.EmploiDuTemps;
using Ent.Scolarite.Enseignement;
using Ent.Scolarite.Equipes;
using Ent.Scolarite.Evaluations;
using Ent.Scolarite.Groupes;
using Ent.Scolarite.ImportAaf;
using Ent.Scolarite.Matieres;
using Ent.Scolarite.Notation;
using Ent.Scolarite.Notes;
using Ent.Scolarite.Periodes;
using Ent.Scolarite.ServicesEnseignement;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Scolarite;

/// <summary>Scolarité: school years and periods, classes, groups, teaching teams; assessments, grades, appraisals, report cards.</summary>
public static class ScolariteModule
{
    private static readonly EntModule Module = new("Scolarite", "scolarite",
        "Années scolaires, classes et inscriptions ; évaluations, notes et bulletins.", typeof(ScolariteModule).Assembly);

    public static IServiceCollection AddScolarite(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddSingleton<IDemoData, ScolariteDemo>();
        services.AddSingleton<IDemoData, NotesDemo>();
        services.AddSingleton<IDemoData, AnneePrecedenteDemo>();
        services.AddSingleton<IDemoData, EmploiDuTempsDemo>(); // edt-admin: the timetable (Order 11, before VieScolaire's 12)
        services.AddSingleton<IEquipesPedagogiques, EquipesPedagogiques>();
        services.AddSingleton<Ent.Kernel.Rgpd.IContributionExport, Rgpd.ContributionScolarite>();
        // Retention (issue 18): a school year's record after two more years; revoked calendar feeds; erased people.
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, Rgpd.PurgeAnneesScolarite>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, Rgpd.PurgeFluxIcal>();
        services.AddSingleton<Ent.Kernel.Evenements.IGestionnaireEvenement<Ent.Identite.Contracts.PersonneEffacee>, Rgpd.EffacementPersonneScolarite>();
        services.AddSingleton<IServicesEnseignement, ServicesEnseignementLecture>();
        services.AddSingleton<IRelationsPedagogiques, RelationsPedagogiques>(); // issue 16 (messagerie): teaching links in bulk
        services.AddSingleton<IImportStructure, ImportStructure>();
        services.AddSingleton<IEmploiDuTemps, EmploiDuTempsLecture>();
        services.AddSingleton<IDemoData, ModificationsCoursDemo>(); // issue #15 (edt-vues): a few lesson changes this week
        // Cahier de textes (issue 15, cdt): the lessons' files in Scolarité's own documents folder.
        services.AddOptions<PiecesJointesOptions>().BindConfiguration(PiecesJointesOptions.Section);
        services.AddSingleton<StockagePiecesJointes>();
        services.AddHealthChecks().AddCheck<StockageDocumentsHealthCheck<StockagePiecesJointes>>("documents-scolarite", tags: ["ready"]);
        services.AddSingleton<IDemoData, CahierDeTextesDemo>();
        // iCal feeds (issue 15, ical-bench)
        services.AddSingleton<LimiteFluxIcal>();
        services.AddSingleton<IDevoirsAgenda, DevoirsAgendaLecture>();
        // Classes and groups for Communication (issue 16): announcements' audiences, the school calendar.
        services.AddSingleton<IDivisions, DivisionsLecture>();
        // Enrolments and teaching services in bulk for the GAR's affectation flux (Ressources, issue 18).
        services.AddSingleton<IAffectations, AffectationsLecture>();
        return services;
    }

    public static IEndpointRouteBuilder MapScolarite(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerClassesEndpoint.Map(group);

        // Teachers: their services, assessments, grades and appraisals; head teachers and the head: class councils.
        ObtenirMonEnseignementEndpoint.Map(group);
        ListerEvaluationsEndpoint.Map(group);
        CreerEvaluationEndpoint.Map(group);
        ModifierEvaluationEndpoint.Map(group);
        SupprimerEvaluationEndpoint.Map(group);
        ObtenirGrilleNotesEndpoint.Map(group);
        SaisirNotesEndpoint.Map(group);
        ObtenirAppreciationsEndpoint.Map(group);
        SaisirAppreciationsEndpoint.Map(group);
        ObtenirConseilClasseEndpoint.Map(group);
        SaisirConseilClasseEndpoint.Map(group);

        // Pupils and families: their school years, grades, latest grades, report cards.
        ListerAnneesEleveEndpoint.Map(group);
        ListerNotesEleveEndpoint.Map(group);
        ListerDernieresNotesEndpoint.Map(group);
        ObtenirBulletinEndpoint.Map(group);
        AfficherBulletinEndpoint.Map(group);
        TelechargerBulletinEndpoint.Map(group);

        // Structure (administrators)
        ListerPeriodesEndpoint.Map(group);
        DefinirPeriodesEndpoint.Map(group);
        PublierBulletinsEndpoint.Map(group);
        ObtenirAFaireEtablissementEndpoint.Map(group);
        ObtenirMonAFaireEndpoint.Map(group);
        DepublierBulletinsEndpoint.Map(group);
        ListerMatieresEndpoint.Map(group);
        EnregistrerMatiereEndpoint.Map(group);
        ObtenirParametresNotationEndpoint.Map(group);
        ModifierParametresNotationEndpoint.Map(group);
        ObtenirStructureEndpoint.Map(group);
        CreerClasseEndpoint.Map(group);
        RemplacerElevesClasseEndpoint.Map(group);
        RemplacerProfesseursPrincipauxEndpoint.Map(group);
        CreerGroupeEndpoint.Map(group);
        RemplacerElevesGroupeEndpoint.Map(group);
        CreerServiceEnseignementEndpoint.Map(group);
        ModifierServiceEnseignementEndpoint.Map(group);
        SupprimerServiceEnseignementEndpoint.Map(group);

        // edt-admin: the timetable's weekly slots, the week A/B calendar, the CSV import (administrators)
        ListerCreneauxEndpoint.Map(group);
        CreerCreneauEndpoint.Map(group);
        ModifierCreneauEndpoint.Map(group);
        SupprimerCreneauEndpoint.Map(group);
        ImporterCreneauxEndpoint.Map(group);
        ListerSemainesEndpoint.Map(group);
        DeclarerSemainesEndpoint.Map(group);
        // Timetable views and lesson changes (issue #15, edt-vues).
        ObtenirEmploiDuTempsEleveEndpoint.Map(group);
        ObtenirMonEmploiDuTempsEndpoint.Map(group);
        ObtenirMonEmploiDuTempsEnseignantEndpoint.Map(group);
        ObtenirEmploiDuTempsEtablissementEndpoint.Map(group);
        ModifierCoursEndpoint.Map(group);
        RetirerModificationCoursEndpoint.Map(group);
        // Cahier de textes (issue 15, cdt): teachers write lessons' pages, files, links and homework; families read them
        // and tick homework done (pupil) or seen (guardian).
        ListerSeancesServiceEndpoint.Map(group);
        EnregistrerSeanceEndpoint.Map(group);
        SupprimerSeanceEndpoint.Map(group);
        DeposerPieceJointeEndpoint.Map(group);
        SupprimerPieceJointeEndpoint.Map(group);
        TelechargerPieceJointeEndpoint.Map(group);
        ObtenirChargeDevoirsEndpoint.Map(group);
        ListerCahierDeTextesClasseEndpoint.Map(group);
        ListerCahierDeTextesEleveEndpoint.Map(group);
        ListerDevoirsEleveEndpoint.Map(group);
        CocherDevoirEndpoints.Map(group);
        // iCal feeds (issue 15, ical-bench): the person's private calendar addresses, and the feed itself, outside /api.
        CreerFluxIcalEndpoint.Map(group);
        ListerFluxIcalEndpoint.Map(group);
        RevoquerFluxIcalEndpoint.Map(group);
        LireFluxIcalEndpoint.Map(app);
        return app;
    }
}
