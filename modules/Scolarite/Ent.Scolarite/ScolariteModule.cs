using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Modules;
using Ent.Scolarite.AFaire;
using Ent.Scolarite.Agenda;
using Ent.Scolarite.Annees;
using Ent.Scolarite.Appreciations;
using Ent.Scolarite.Bulletins;
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
        services.AddSingleton<IEquipesPedagogiques, EquipesPedagogiques>();
        services.AddSingleton<IServicesEnseignement, ServicesEnseignementLecture>();
        services.AddSingleton<IImportStructure, ImportStructure>();
        services.AddSingleton<IEmploiDuTemps, EmploiDuTempsLecture>();
        // iCal feeds (issue 15, ical-bench)
        services.AddSingleton<LimiteFluxIcal>();
        services.AddSingleton<IDevoirsAgenda, DevoirsAgendaLecture>();
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

        // iCal feeds (issue 15, ical-bench): the person's private calendar addresses, and the feed itself, outside /api.
        CreerFluxIcalEndpoint.Map(group);
        ListerFluxIcalEndpoint.Map(group);
        RevoquerFluxIcalEndpoint.Map(group);
        LireFluxIcalEndpoint.Map(app);
        return app;
    }
}
