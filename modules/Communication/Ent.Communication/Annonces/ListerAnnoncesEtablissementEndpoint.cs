using Dapper;
using Ent.Communication.Audiences;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/etablissements/{uai}/annonces — the announcements published in the établissement with their
/// reading counts, newest first: every one for its direction and vie scolaire desk, a teacher's own for a teacher.
/// 404 for anyone who may not publish there.
/// </summary>
internal static class ListerAnnoncesEtablissementEndpoint
{
    /// <summary>An announcement sent, with its counts.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Titre">Title.</param>
    /// <param name="Auteur">« Prénom Nom » of who published it.</param>
    /// <param name="Audience">Who it addresses, in words.</param>
    /// <param name="AccuseLecture">Families are asked to confirm.</param>
    /// <param name="VisibleDu">Start of publication.</param>
    /// <param name="VisibleAu">End of publication, if any.</param>
    /// <param name="Destinataires">People addressed.</param>
    /// <param name="Lues">People who opened it.</param>
    /// <param name="Familles">Families addressed.</param>
    /// <param name="FamillesConfirmees">Families that confirmed.</param>
    /// <param name="RetireeLe">When it was withdrawn (the families no longer see it), if it was.</param>
    internal sealed record AnnonceEnvoyee(Guid Id, string Titre, string Auteur, [property: System.ComponentModel.DataAnnotations.MaxLength(500)] string Audience,
        bool AccuseLecture, DateTimeOffset VisibleDu, DateTimeOffset? VisibleAu, int Destinataires, int Lues, int Familles, int FamillesConfirmees,
        DateTimeOffset? RetireeLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/annonces", Handle)
        .WithName("ListerAnnoncesEtablissement")
        .WithSummary("Les annonces publiées dans l'établissement (les siennes pour un enseignant), avec leurs lectures et confirmations.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Ligne(Guid Id, string Titre, Guid AuteurId, string AudienceLibelle, bool AccuseLecture, DateTimeOffset VisibleDu,
        DateTimeOffset? VisibleAu, int Destinataires, int Lues, int Familles, int FamillesConfirmees, DateTimeOffset? RetireeLe);

    private const string Sql = """
        SELECT a.id, a.titre, a.auteur_id, a.audience_libelle, a.accuse_lecture, a.visible_du, a.visible_au,
               (SELECT count(*) FROM communication.annonce_destinataire d WHERE d.annonce_id = a.id)::int AS destinataires,
               (SELECT count(lue_le) FROM communication.annonce_destinataire d WHERE d.annonce_id = a.id)::int AS lues,
               (SELECT count(DISTINCT f.eleve_id) FROM communication.annonce_famille f WHERE f.annonce_id = a.id)::int AS familles,
               (SELECT count(DISTINCT f.eleve_id) FROM communication.annonce_famille f
                JOIN communication.annonce_destinataire d ON d.annonce_id = f.annonce_id AND d.personne_id = f.responsable_id
                WHERE f.annonce_id = a.id AND d.confirmee_le IS NOT NULL)::int AS familles_confirmees,
               a.retiree_le
        FROM communication.annonce a
        WHERE a.etablissement_id = @etablissementId AND (@toutes OR a.auteur_id = @moi)
        ORDER BY a.publiee_le DESC, a.id DESC
        LIMIT 50
        """;

    private static async Task<Results<Ok<AnnonceEnvoyee[]>, ValidationProblem, ProblemHttpResult>> Handle(string uai, ICurrentUser utilisateur,
        IAnnuaire annuaire, ResolutionAudience audiences, NpgsqlDataSource db, CancellationToken ct)
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

        var possible = route.Etablissement is { } e ? await audiences.PossibleAsync(moi, e.Id, ct) : null;
        if (route.Etablissement is not { } etablissement || possible is null)
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        List<Ligne> lignes;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql,
                new { etablissementId = etablissement.Id, toutes = possible.Etablissement, moi }, cancellationToken: ct))).AsList();
        }

        var auteurs = lignes.Count == 0
            ? []
            : (await annuaire.TrouverPersonnesAsync([.. lignes.Select(l => l.AuteurId).Distinct()], ct)).ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        return TypedResults.Ok(lignes.Select(l => new AnnonceEnvoyee(l.Id, l.Titre, auteurs.GetValueOrDefault(l.AuteurId, "?"), l.AudienceLibelle,
            l.AccuseLecture, l.VisibleDu, l.VisibleAu, l.Destinataires, l.Lues, l.Familles, l.FamillesConfirmees, l.RetireeLe)).ToArray());
    }
}
