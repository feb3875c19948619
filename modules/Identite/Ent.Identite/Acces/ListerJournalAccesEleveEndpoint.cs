using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Acces;

/// <summary>
/// GET /api/identite/eleves/{eleveId}/journal-acces — who accessed a pupil's data, newest first. For the pupil and
/// their legal guardians (RGPD right of access); anyone else gets 404, as if the pupil did not exist.
/// </summary>
internal static class ListerJournalAccesEleveEndpoint
{
    /// <summary>One read or change of the pupil's data.</summary>
    /// <param name="Le">When (UTC).</param>
    /// <param name="Qui">Who, as « Prénom Nom »: shown for the pupil, their guardians and the staff of the établissement only; null otherwise.</param>
    /// <param name="Qualite">In what capacity: eleve, responsable, enseignant, a staff function (cpe, direction, infirmier…), administrateur_region, application or autre.</param>
    /// <param name="Application">The third-party application, when the access came through one.</param>
    /// <param name="Quoi">What was read or changed (the name of the API operation).</param>
    /// <param name="Domaine">travail_scolaire, vie_scolaire, sante, messages or identite.</param>
    /// <param name="Action">lecture or modification.</param>
    internal sealed record AccesEleve(DateTime Le, string? Qui, string Qualite, string? Application, string Quoi, string Domaine, string Action);

    /// <summary>A page of the pupil's access log.</summary>
    /// <param name="Page">Page number, from 1.</param>
    /// <param name="Taille">At most this many accesses per page.</param>
    /// <param name="Suivante">True when an older page follows.</param>
    /// <param name="Acces">The accesses, newest first.</param>
    internal sealed record JournalAccesEleve(int Page, int Taille, bool Suivante, AccesEleve[] Acces);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/journal-acces", Handle)
        .WithName("ListerJournalAccesEleve")
        .WithSummary("Liste qui a consulté ou modifié les données d'un élève, du plus récent au plus ancien (l'élève et ses responsables légaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // The accessor's name is shown only where the family may know it: themselves, the other guardians, the school's
    // staff and teachers. Any other person stays anonymous ("autre"): never another family's data.
    private const string Sql = $"""
        SELECT j.le,
               CASE WHEN q.qualite IS NOT NULL THEN p.prenom || ' ' || p.nom END AS qui,
               CASE WHEN j.personne_id IS NULL THEN 'application' ELSE coalesce(q.qualite, 'autre') END AS qualite,
               j.client_id AS application, j.quoi, j.domaine, j.action
        FROM identite.journal_acces j
        LEFT JOIN identite.personne p ON p.id = j.personne_id
        {QualiteAcces.Lateral}
        WHERE j.eleve_id = @eleveId
        ORDER BY j.le DESC, j.id DESC
        LIMIT @limite OFFSET @decalage
        """;

    private static async Task<Results<Ok<JournalAccesEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, int? page, int? taille, ICurrentUser utilisateur, ReglesAcces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        var (numero, parPage) = (page ?? 1, taille ?? Pagination.TailleParDefaut);
        var erreurs = Pagination.Valider(numero, parPage);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId || !await regles.PeutConsulterJournalEleveAsync(personneId, eleveId, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        // One row more than the page tells whether another page follows, without counting the whole log.
        await using var conn = await db.OpenConnectionAsync(ct);
        var acces = (await conn.QueryAsync<AccesEleve>(new CommandDefinition(Sql,
            new { eleveId, limite = parPage + 1, decalage = (numero - 1) * parPage }, cancellationToken: ct))).AsList();
        return TypedResults.Ok(new JournalAccesEleve(numero, parPage, acces.Count > parPage, [.. acces.Take(parPage)]));
    }
}
