using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Modules;
using Ent.Scolarite.Classes;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.Demo;
using Ent.Scolarite.Equipes;
using Ent.Scolarite.Groupes;
using Ent.Scolarite.Matieres;
using Ent.Scolarite.Notation;
using Ent.Scolarite.Periodes;
using Ent.Scolarite.ServicesEnseignement;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Scolarite;

/// <summary>Scolarité: school years, classes, groups, enrolments and teaching teams; grades and report cards come next.</summary>
public static class ScolariteModule
{
    private static readonly EntModule Module = new("Scolarite", "scolarite",
        "Années scolaires, classes et inscriptions ; évaluations, notes et bulletins.", typeof(ScolariteModule).Assembly);

    public static IServiceCollection AddScolarite(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddSingleton<IDemoData, ScolariteDemo>();
        services.AddSingleton<IEquipesPedagogiques, EquipesPedagogiques>();
        return services;
    }

    public static IEndpointRouteBuilder MapScolarite(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerClassesEndpoint.Map(group);

        // Structure (administrators)
        ListerPeriodesEndpoint.Map(group);
        DefinirPeriodesEndpoint.Map(group);
        PublierBulletinsEndpoint.Map(group);
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

        return app;
    }
}
