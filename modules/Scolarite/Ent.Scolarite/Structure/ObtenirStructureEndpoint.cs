using System.Globalization;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.ServicesEnseignement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Structure;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/structure — everything the administrators arrange for the current school
/// year: classes with their pupils and head teachers, groups with their pupils, teaching services; and the names of the
/// établissement's teachers and pupils, to show and to choose from. For the administrators only: it names pupils.
/// </summary>
internal static class ObtenirStructureEndpoint
{
    /// <summary>The school structure of the current year.</summary>
    /// <param name="AnneeScolaire">e.g. 2026-2027.</param>
    /// <param name="Classes">The classes, by level then code.</param>
    /// <param name="Groupes">The groups, by code.</param>
    /// <param name="Services">The teaching services of the classes and groups, by subject.</param>
    /// <param name="Enseignants">The établissement's teachers (and anyone a service or a class still names), by name.</param>
    /// <param name="Eleves">The établissement's pupils (and anyone a class or group still names), by name.</param>
    internal sealed record StructureEtablissement(string AnneeScolaire, ClasseStructure[] Classes, GroupeStructure[] Groupes,
        ServiceEnseignement[] Services, PersonneStructure[] Enseignants, PersonneStructure[] Eleves);

    /// <summary>A class, its pupils and its head teachers.</summary>
    /// <param name="Id">The class's id.</param>
    /// <param name="Code">Short code, e.g. 2NDE1.</param>
    /// <param name="Libelle">Name shown to families, e.g. « Seconde 1 ».</param>
    /// <param name="Niveau">seconde, premiere or terminale.</param>
    /// <param name="EleveIds">Its pupils.</param>
    /// <param name="ProfesseurPrincipalIds">Its head teachers (two at most).</param>
    internal sealed record ClasseStructure(Guid Id, string Code, string Libelle, string Niveau, Guid[] EleveIds, Guid[] ProfesseurPrincipalIds);

    /// <summary>A group (pupils of several classes taught together) and its pupils.</summary>
    /// <param name="Id">The group's id.</param>
    /// <param name="Code">Short code, e.g. ESP2.</param>
    /// <param name="Libelle">Name, e.g. « Espagnol LV2 ».</param>
    /// <param name="EleveIds">Its pupils.</param>
    internal sealed record GroupeStructure(Guid Id, string Code, string Libelle, Guid[] EleveIds);

    /// <summary>A person the structure names.</summary>
    /// <param name="Id">The person's id.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Prenom">First name.</param>
    internal sealed record PersonneStructure(Guid Id, string Nom, string Prenom);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/structure", Handle)
        .WithName("ObtenirStructure")
        .WithSummary("Donne la structure de l'année scolaire en cours : classes, groupes, services d'enseignement, élèves et enseignants (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Dapper matches no constructor parameter to a uuid[] column (it sees System.Array): rows fill properties instead.
    private sealed class ClasseLigne
    {
        public Guid Id { get; init; }

        public string Code { get; init; } = string.Empty;

        public string Libelle { get; init; } = string.Empty;

        public string Niveau { get; init; } = string.Empty;

        public Guid[] EleveIds { get; init; } = [];

        public Guid[] ProfesseurPrincipalIds { get; init; } = [];
    }

    private sealed class GroupeLigne
    {
        public Guid Id { get; init; }

        public string Code { get; init; } = string.Empty;

        public string Libelle { get; init; } = string.Empty;

        public Guid[] EleveIds { get; init; } = [];
    }

    private const string Sql = $"""
        SELECT c.id, c.code, c.libelle, c.niveau,
               ARRAY(SELECT i.eleve_id FROM scolarite.inscription_classe i WHERE i.classe_id = c.id ORDER BY i.eleve_id) AS eleve_ids,
               ARRAY(SELECT p.enseignant_id FROM scolarite.professeur_principal p WHERE p.classe_id = c.id ORDER BY p.enseignant_id)
                   AS professeur_principal_ids
        FROM scolarite.classe c
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        ORDER BY CASE c.niveau WHEN 'seconde' THEN 1 WHEN 'premiere' THEN 2 ELSE 3 END, c.code;

        SELECT g.id, g.code, g.libelle,
               ARRAY(SELECT i.eleve_id FROM scolarite.inscription_groupe i WHERE i.groupe_id = g.id ORDER BY i.eleve_id) AS eleve_ids
        FROM scolarite.groupe g
        WHERE g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee
        ORDER BY g.code;

        SELECT {ServiceEnseignement.Colonnes}
        FROM {ServiceEnseignement.DeLAnnee}
        ORDER BY s.matiere_libelle, coalesce(c.code, g.code), s.id;
        """;

    private static async Task<Results<Ok<StructureEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        var annee = AnneeScolaire.Courante(clock);
        ClasseStructure[] classes;
        GroupeStructure[] groupes;
        ServiceEnseignement[] services;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
                new { etablissementId = etablissement.Id, annee }, cancellationToken: ct));
            classes = [.. (await lecture.ReadAsync<ClasseLigne>())
                .Select(c => new ClasseStructure(c.Id, c.Code, c.Libelle, c.Niveau, c.EleveIds, c.ProfesseurPrincipalIds))];
            groupes = [.. (await lecture.ReadAsync<GroupeLigne>()).Select(g => new GroupeStructure(g.Id, g.Code, g.Libelle, g.EleveIds))];
            services = [.. await lecture.ReadAsync<ServiceEnseignement>()];
        }

        var enseignants = await PersonnesAsync(annuaire, etablissement.Id, Profils.Enseignant,
            [.. services.Select(s => s.EnseignantId), .. classes.SelectMany(c => c.ProfesseurPrincipalIds)], ct);
        var eleves = await PersonnesAsync(annuaire, etablissement.Id, Profils.Eleve,
            [.. classes.SelectMany(c => c.EleveIds), .. groupes.SelectMany(g => g.EleveIds)], ct);
        return TypedResults.Ok(new StructureEtablissement(annee, classes, groupes, services, enseignants, eleves));
    }

    private static readonly StringComparer Francais = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);

    /// <summary>The établissement's people of a profile (by name), plus those the structure names who no longer hold it (a teacher who left).</summary>
    private static async Task<PersonneStructure[]> PersonnesAsync(IAnnuaire annuaire, Guid etablissementId, string profil,
        IReadOnlyCollection<Guid> nommees, CancellationToken ct)
    {
        var personnes = (await annuaire.ListerPersonnesAsync(etablissementId, profil, ct)).ToList();
        var manquantes = nommees.Except(personnes.Select(p => p.Id)).ToArray();
        if (manquantes.Length > 0)
        {
            personnes.AddRange(await annuaire.TrouverPersonnesAsync(manquantes, ct));
            personnes = [.. personnes.OrderBy(p => p.Nom, Francais).ThenBy(p => p.Prenom, Francais).ThenBy(p => p.Id)];
        }

        return [.. personnes.Select(p => new PersonneStructure(p.Id, p.Nom, p.Prenom))];
    }
}
