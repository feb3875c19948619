using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Acces;

/// <summary>
/// GET /api/identite/etablissements/{uai}/journal-acces — the accesses to the data of an établissement's pupils, newest
/// first, optionally for one pupil. For the head and the local administrators of that établissement, who answer for
/// its data, without the accesses to health data; for its nurse, those only (see
/// <see cref="ReglesAcces.JournalEtablissementVisibleAsync"/>); anyone else gets 404.
/// </summary>
internal static class ListerJournalAccesEtablissementEndpoint
{
    /// <summary>One read or change of a pupil's data.</summary>
    /// <param name="Le">When (UTC).</param>
    /// <param name="Qui">Who, as « Prénom Nom »; null for an application acting on its own.</param>
    /// <param name="Qualite">In what capacity: eleve, responsable, enseignant, a staff function (cpe, direction, infirmier…), administrateur_region, application or autre.</param>
    /// <param name="Application">The third-party application, when the access came through one.</param>
    /// <param name="EleveId">Whose data.</param>
    /// <param name="Eleve">The pupil, as « Prénom Nom ».</param>
    /// <param name="Quoi">What was read or changed (the name of the API operation).</param>
    /// <param name="Domaine">travail_scolaire, vie_scolaire, sante, messages or identite.</param>
    /// <param name="Action">lecture or modification.</param>
    /// <param name="Adresse">The caller's IP address, to investigate a misuse.</param>
    internal sealed record AccesEtablissement(DateTime Le, string? Qui, string Qualite, string? Application, Guid EleveId, string? Eleve,
        string Quoi, string Domaine, string Action, string? Adresse);

    /// <summary>A page of the établissement's access log.</summary>
    /// <param name="Page">Page number, from 1.</param>
    /// <param name="Taille">At most this many accesses per page.</param>
    /// <param name="Suivante">True when an older page follows.</param>
    /// <param name="Acces">The accesses, newest first.</param>
    internal sealed record JournalAccesEtablissement(int Page, int Taille, bool Suivante, AccesEtablissement[] Acces);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/journal-acces", Handle)
        .WithName("ListerJournalAccesEtablissement")
        .WithSummary("Liste les accès aux données des élèves d'un établissement, du plus récent au plus ancien (direction et administrateurs locaux : hors santé ; infirmerie : santé seulement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = $"""
        SELECT j.le,
               p.prenom || ' ' || p.nom AS qui,
               CASE WHEN j.personne_id IS NULL THEN 'application' ELSE coalesce(q.qualite, 'autre') END AS qualite,
               j.client_id AS application, j.eleve_id, e.prenom || ' ' || e.nom AS eleve,
               j.quoi, j.domaine, j.action, host(j.adresse) AS adresse
        FROM identite.journal_acces j
        LEFT JOIN identite.personne p ON p.id = j.personne_id
        LEFT JOIN identite.personne e ON e.id = j.eleve_id
        {QualiteAcces.Lateral}
        WHERE j.etablissement_id = @etablissementId AND (@eleveId::uuid IS NULL OR j.eleve_id = @eleveId)
          AND CASE WHEN j.domaine = 'sante' THEN @sante ELSE @horsSante END
        ORDER BY j.le DESC, j.id DESC
        LIMIT @limite OFFSET @decalage
        """;

    private static async Task<Results<Ok<JournalAccesEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid? eleveId, int? page, int? taille, ICurrentUser utilisateur, IAnnuaire annuaire, ReglesAcces regles,
        NpgsqlDataSource db, CancellationToken ct)
    {
        var (numero, parPage) = (page ?? 1, taille ?? Pagination.TailleParDefaut);
        var erreurs = Pagination.Valider(numero, parPage);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var (etablissement, invalide, _) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        // The same answer for an unknown établissement and one the caller does not run: its log is not theirs to know of.
        var nonAutorise = Problemes.Introuvable($"Aucun journal des accès n'est disponible pour l'UAI {Uai.Normalize(uai)}.");
        if (etablissement is null || utilisateur.PersonneId is not { } personneId
            || await regles.JournalEtablissementVisibleAsync(personneId, etablissement.Id, ct) is not { Rien: false } visible)
        {
            return nonAutorise;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var acces = (await conn.QueryAsync<AccesEtablissement>(new CommandDefinition(Sql,
            new
            {
                etablissementId = etablissement.Id, eleveId, sante = visible.Sante, horsSante = visible.HorsSante, limite = parPage + 1,
                decalage = (numero - 1) * parPage,
            },
            cancellationToken: ct))).AsList();
        return TypedResults.Ok(new JournalAccesEtablissement(numero, parPage, acces.Count > parPage, [.. acces.Take(parPage)]));
    }
}
