using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// GET /api/communication/etablissements/{uai}/consentements — the organiser's screen: the forms the caller follows up
/// (a teacher: their own; the direction and the vie scolaire desk: all of the établissement's), newest outing first, with
/// their counts, and the classes and groups the caller may ask (empty for the CPE, who follows but does not organise).
/// 404 for anyone else. Counts only, no names: nothing to log.
/// </summary>
internal static class ListerConsentementsEtablissementEndpoint
{
    /// <summary>A class or group one may ask consent of.</summary>
    internal sealed record DivisionConsentement(Guid Id, string Type, string Code, string Libelle);

    /// <summary>A form in the list.</summary>
    internal sealed record ResumeConsentement(Guid Id, string Titre, string Lieu, DateTimeOffset Debut, DateTimeOffset Fin, DateTimeOffset DateLimite,
        string Divisions, int Eleves, int Accordes, int Refuses, int EnAttente);

    /// <summary>The organiser's screen.</summary>
    /// <param name="Divisions">The classes and groups the caller may ask (none: they only follow up).</param>
    /// <param name="Consentements">The forms they follow up.</param>
    internal sealed record ConsentementsEtablissement(DivisionConsentement[] Divisions, ResumeConsentement[] Consentements);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/consentements", Handle)
        .WithName("ListerConsentementsEtablissement")
        .WithSummary("Les demandes d'autorisation que je suis dans l'établissement, et les classes et groupes auxquels je peux en adresser.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Per pupil: consents when some guardian's answer in force is yes and none is no (Consentement.Statut, in SQL).
    private const string Sql = """
        WITH en_vigueur AS (
            SELECT DISTINCT ON (r.consentement_id, r.eleve_id, r.responsable_id) r.consentement_id, r.eleve_id, r.accord
            FROM communication.consentement_reponse r JOIN communication.consentement c ON c.id = r.consentement_id
            WHERE c.etablissement_id = @etablissementId
            ORDER BY r.consentement_id, r.eleve_id, r.responsable_id, r.id DESC),
        eleves AS (
            SELECT f.consentement_id, f.eleve_id, bool_or(v.accord = false) AS refus, bool_or(v.accord) AS accord
            FROM (SELECT DISTINCT consentement_id, eleve_id FROM communication.consentement_famille) f
            LEFT JOIN en_vigueur v ON v.consentement_id = f.consentement_id AND v.eleve_id = f.eleve_id
            GROUP BY f.consentement_id, f.eleve_id)
        SELECT c.id, c.titre, c.lieu, c.debut, c.fin, c.date_limite, c.divisions_libelle AS divisions,
               count(e.eleve_id)::int AS eleves,
               count(*) FILTER (WHERE e.accord AND NOT coalesce(e.refus, false))::int AS accordes,
               count(*) FILTER (WHERE e.refus)::int AS refuses,
               count(*) FILTER (WHERE e.accord IS NULL AND e.refus IS NULL AND e.eleve_id IS NOT NULL)::int AS en_attente
        FROM communication.consentement c LEFT JOIN eleves e ON e.consentement_id = c.id
        WHERE c.etablissement_id = @etablissementId AND (@tout OR c.organisateur_id = @moi)
        GROUP BY c.id ORDER BY c.debut DESC, c.id LIMIT 200
        """;

    private static async Task<Results<Ok<ConsentementsEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(string uai, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, IDivisions divisions, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        var etablissementId = route.Etablissement?.Id ?? Guid.Empty;
        var possibles = route.Etablissement is null ? null : await Consentement.DivisionsPossiblesAsync(regles, divisions, moi, etablissementId, ct);
        var tout = route.Etablissement is not null && await Consentement.SuitToutAsync(regles, moi, etablissementId, ct);
        if (route.Etablissement is null || (possibles is null && !tout))
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var liste = await conn.QueryAsync<ResumeConsentement>(new CommandDefinition(Sql, new { etablissementId, tout, moi }, cancellationToken: ct));
        return TypedResults.Ok(new ConsentementsEtablissement(
            [.. (possibles ?? []).Select(d => new DivisionConsentement(d.Id, d.Type, d.Code, d.Libelle))], [.. liste]));
    }
}
