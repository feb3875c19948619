using Dapper;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Acces;

/// <summary>
/// GET /api/identite/eleves/{eleveId}/journal-acces — who accessed a pupil's data, newest first, in French
/// (« Claire Roux, professeur·e de mathématiques, a consulté les notes »). For the pupil and their legal guardians
/// (RGPD right of access); anyone else gets 404, as if the pupil did not exist. <c>famille=false</c> leaves out the
/// family's own reads, which otherwise swamp the rest; <c>avant</c> (the last entry's id) pages without shifting
/// when new accesses arrive. The accesses to a confidential report the pupil filed about themself are shown to the pupil
/// only, not to their guardians (LibellesAcces.ReserveesALEleve).
/// </summary>
internal static class ListerJournalAccesEleveEndpoint
{
    /// <summary>One read or change of the pupil's data.</summary>
    /// <param name="Id">The entry, to ask for the next page (<c>avant</c>).</param>
    /// <param name="Le">When (UTC).</param>
    /// <param name="Qui">Who, as « Prénom Nom »: shown for the pupil, their guardians and the staff of the établissement only; null otherwise.</param>
    /// <param name="Qualite">In what capacity: eleve, responsable, enseignant, a staff function (cpe, direction, infirmier…), administrateur_region, application or autre.</param>
    /// <param name="Role">The capacity in French, e.g. « professeur·e de mathématiques », « sa mère », « conseiller·ère principal·e d'éducation ».</param>
    /// <param name="Libelle">What the person did, in French, e.g. « a consulté les notes ».</param>
    /// <param name="Application">The third-party application, when the access came through one (never Ent's own web application).</param>
    /// <param name="ParLaFamille">True when the pupil themself or one of their guardians did it.</param>
    /// <param name="Quoi">The name of the API operation (for support; not for display).</param>
    /// <param name="Domaine">travail_scolaire, vie_scolaire, sante, messages or identite.</param>
    /// <param name="Action">lecture or modification.</param>
    internal sealed record AccesEleve(
        long Id, DateTime Le, string? Qui, string Qualite, string Role, string Libelle, string? Application, bool ParLaFamille,
        string Quoi, string Domaine, string Action);

    /// <summary>A page of the pupil's access log.</summary>
    /// <param name="Page">Page number, from 1 (always 1 when <c>avant</c> is given).</param>
    /// <param name="Taille">At most this many accesses per page.</param>
    /// <param name="Suivante">True when an older page follows: ask for it with <c>avant</c> = the last entry's id.</param>
    /// <param name="Acces">The accesses, newest first.</param>
    internal sealed record JournalAccesEleve(int Page, int Taille, bool Suivante, AccesEleve[] Acces);

    private sealed record Ligne(
        long Id, DateTime Le, Guid? PersonneId, string? Qui, string Qualite, string? Lien, string? Application, string Quoi, string Domaine, string Action);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/journal-acces", Handle)
        .WithName("ListerJournalAccesEleve")
        .WithSummary("Liste qui a consulté ou modifié les données d'un élève, du plus récent au plus ancien, en français (l'élève et ses responsables légaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // The accessor's name is shown only where the family may know it: themselves, the other guardians, the school's
    // staff and teachers. Any other person stays anonymous ("autre"): never another family's data. No e-mail, no
    // address: a name and a role are all the family needs. Ent's own web application is not named.
    private const string Sql = $"""
        SELECT j.id, j.le, j.personne_id,
               CASE WHEN q.qualite IS NOT NULL THEN p.prenom || ' ' || p.nom END AS qui,
               CASE WHEN j.personne_id IS NULL THEN 'application' ELSE coalesce(q.qualite, 'autre') END AS qualite,
               l.lien,
               CASE WHEN j.client_id <> @spa THEN coalesce(a."DisplayName", j.client_id) END AS application,
               j.quoi, j.domaine, j.action
        FROM identite.journal_acces j
        LEFT JOIN identite.personne p ON p.id = j.personne_id
        {QualiteAcces.Lateral}
        LEFT JOIN identite.lien_responsable l ON q.qualite = 'responsable' AND l.responsable_id = j.personne_id AND l.eleve_id = j.eleve_id
        LEFT JOIN identite.oidc_application a ON a."ClientId" = j.client_id
        WHERE j.eleve_id = @eleveId
          AND (@famille OR q.qualite IS NULL OR q.qualite NOT IN ('eleve', 'responsable'))
          AND (@lecteurEleve OR NOT j.quoi = ANY(@reservees))
          AND (@avant::bigint IS NULL OR (j.le, j.id) < (SELECT c.le, c.id FROM identite.journal_acces c WHERE c.id = @avant AND c.eleve_id = @eleveId))
        ORDER BY j.le DESC, j.id DESC
        LIMIT @limite OFFSET @decalage
        """;

    private static async Task<Results<Ok<JournalAccesEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, int? page, int? taille, bool? famille, long? avant, ICurrentUser utilisateur, ReglesAcces regles,
        IEquipesPedagogiques equipes, NpgsqlDataSource db, CancellationToken ct)
    {
        var (numero, parPage) = (page ?? 1, taille ?? Pagination.TailleParDefaut);
        var erreurs = Pagination.Valider(numero, parPage)
            .Require(avant is null || (avant > 0 && numero == 1), "avant", "Le curseur « avant » est l'identifiant d'une entrée, sans numéro de page.");
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
        var lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new
        {
            eleveId, spa = Oidc.ClientsOidc.Spa, famille = famille ?? true, avant,
            // What the pupil confided to the school alone stays out of their guardians' view (LibellesAcces.ReserveesALEleve).
            lecteurEleve = personneId == eleveId, reservees = LibellesAcces.ReserveesALEleve,
            limite = parPage + 1, decalage = (numero - 1) * parPage,
        }, cancellationToken: ct))).AsList();

        var page1 = lignes.Take(parPage).ToList();
        var enseignants = page1.Where(l => l.Qualite == "enseignant" && l.PersonneId is not null).Select(l => l.PersonneId!.Value).Distinct().ToArray();
        var matieres = await equipes.MatieresEnseigneesAsync(eleveId, enseignants, ct);
        var acces = page1.Select(l => new AccesEleve(l.Id, l.Le, l.Qui, l.Qualite,
            LibellesAcces.Role(l.Qualite, l.Lien, l.PersonneId is { } p && matieres.TryGetValue(p, out var m) ? m : []),
            LibellesAcces.Operation(l.Quoi, l.Action), l.Application, l.Qualite is "eleve" or "responsable",
            l.Quoi, l.Domaine, l.Action)).ToArray();
        return TypedResults.Ok(new JournalAccesEleve(numero, parPage, lignes.Count > parPage, acces));
    }
}
