using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Periodes;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.AFaire;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/a-faire — the report cards the head has to publish (issue #13's head home
/// page): each period ended or ending (<see cref="Echeances"/>) whose report cards are not out, with each class's
/// readiness — appraisals missing, the council recorded or not. For those who publish (the head and the local
/// administrators, as for the publication itself); anyone else gets 404. Counts only, no pupil's name.
/// </summary>
internal static class ObtenirAFaireEtablissementEndpoint
{
    /// <summary>A class's readiness for a period's report cards.</summary>
    /// <param name="ClasseId">The class.</param>
    /// <param name="Code">Its code, e.g. 2NDE1.</param>
    /// <param name="Libelle">Its name.</param>
    /// <param name="Effectif">Its pupils.</param>
    /// <param name="AppreciationsManquantes">Appraisals missing: (pupil, teaching service of the pupil) pairs without one.</param>
    /// <param name="AppreciationsGeneralesManquantes">Pupils without the head teacher's general appraisal.</param>
    /// <param name="ConseilSaisi">True once anything of the council was recorded for the class.</param>
    /// <param name="Prete">Nothing missing and the council recorded.</param>
    internal sealed record ClasseBulletins(
        Guid ClasseId, string Code, string Libelle, int Effectif, int AppreciationsManquantes, int AppreciationsGeneralesManquantes,
        bool ConseilSaisi, bool Prete);

    /// <summary>A period whose report cards are to publish.</summary>
    /// <param name="PeriodeId">The period.</param>
    /// <param name="Libelle">Its name, e.g. « 1er trimestre ».</param>
    /// <param name="Debut">Its first day.</param>
    /// <param name="Fin">Its last day.</param>
    /// <param name="Terminee">True once its last day is past.</param>
    /// <param name="BulletinsPubliesLe">A publication set for a later time, if any (UTC).</param>
    /// <param name="Classes">Each class of the établissement, by code.</param>
    internal sealed record BulletinsAPublier(
        Guid PeriodeId, string Libelle, DateOnly Debut, DateOnly Fin, bool Terminee, DateTime? BulletinsPubliesLe, ClasseBulletins[] Classes);

    /// <summary>The établissement's report-card work to do, oldest period first.</summary>
    internal sealed record AFaireEtablissement(BulletinsAPublier[] Bulletins);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/a-faire", Handle)
        .WithName("ObtenirAFaireEtablissement")
        .WithSummary("Travail à faire de la direction : bulletins des périodes finies ou finissantes à publier, et où en est chaque classe.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string PeriodesSql = $"""
        SELECT p.id, p.etablissement_id, p.annee_scolaire, p.decoupage, p.numero, p.debut, p.fin, p.bulletins_publies_le
        FROM scolarite.periode p
        WHERE p.etablissement_id = @etablissementId AND p.annee_scolaire = @annee AND {Echeances.PeriodeDue}
        ORDER BY p.numero
        """;

    // Expected appraisals: each pupil of a class with each service teaching them (their class's, their groups').
    private const string ClassesSql = """
        WITH eleves AS (
            SELECT c.id AS classe_id, i.eleve_id
            FROM scolarite.classe c JOIN scolarite.inscription_classe i ON i.classe_id = c.id
            WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        ),
        attendues AS (
            SELECT e.classe_id, e.eleve_id, s.id AS service_id
            FROM eleves e JOIN scolarite.service_enseignement s ON s.classe_id = e.classe_id
            UNION
            SELECT e.classe_id, e.eleve_id, s.id
            FROM eleves e
            JOIN scolarite.inscription_groupe ig ON ig.eleve_id = e.eleve_id
            JOIN scolarite.groupe g ON g.id = ig.groupe_id AND g.annee_scolaire = @annee
            JOIN scolarite.service_enseignement s ON s.groupe_id = g.id
        )
        SELECT p.id AS periode_id, c.id AS classe_id, c.code, c.libelle,
               (SELECT count(*) FROM eleves e WHERE e.classe_id = c.id)::int AS effectif,
               (SELECT count(*) FROM attendues a WHERE a.classe_id = c.id
                  AND NOT EXISTS (SELECT 1 FROM scolarite.appreciation x
                                  WHERE x.service_id = a.service_id AND x.periode_id = p.id AND x.eleve_id = a.eleve_id))::int AS appreciations_manquantes,
               (SELECT count(*) FROM eleves e WHERE e.classe_id = c.id
                  AND NOT EXISTS (SELECT 1 FROM scolarite.conseil_classe k WHERE k.classe_id = c.id AND k.periode_id = p.id
                                  AND k.eleve_id = e.eleve_id AND k.appreciation_generale IS NOT NULL))::int AS appreciations_generales_manquantes,
               EXISTS (SELECT 1 FROM scolarite.conseil_classe k WHERE k.classe_id = c.id AND k.periode_id = p.id) AS conseil_saisi
        FROM scolarite.classe c
        CROSS JOIN unnest(@periodeIds) AS p(id)
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        ORDER BY c.code
        """;

    private sealed record LigneClasse(
        Guid PeriodeId, Guid ClasseId, string Code, string Libelle, int Effectif, int AppreciationsManquantes, int AppreciationsGeneralesManquantes,
        bool ConseilSaisi);

    private static async Task<Results<Ok<AFaireEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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

        var (aujourdhui, echeance, maintenant) = Echeances.Maintenant(clock);
        var parametres = new { etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock), aujourdhui, echeance, maintenant };
        await using var conn = await db.OpenConnectionAsync(ct);
        var periodes = (await conn.QueryAsync<Periode>(new CommandDefinition(PeriodesSql, parametres, cancellationToken: ct))).AsList();
        var classes = (await conn.QueryAsync<LigneClasse>(new CommandDefinition(ClassesSql, new
        {
            parametres.etablissementId, parametres.annee, periodeIds = periodes.Select(p => p.Id).ToArray(),
        }, cancellationToken: ct))).ToLookup(l => l.PeriodeId);

        return TypedResults.Ok(new AFaireEtablissement([.. periodes.Select(p => new BulletinsAPublier(p.Id, p.Libelle, p.Debut, p.Fin,
            p.Fin < aujourdhui, p.BulletinsPubliesLe, [.. classes[p.Id].Select(c => new ClasseBulletins(c.ClasseId, c.Code, c.Libelle,
                c.Effectif, c.AppreciationsManquantes, c.AppreciationsGeneralesManquantes, c.ConseilSaisi,
                c.AppreciationsManquantes == 0 && c.AppreciationsGeneralesManquantes == 0 && c.ConseilSaisi))]))]));
    }
}
