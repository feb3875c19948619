using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// GET /api/communication/me/consentements — a guardian's consent forms: each outing or project their children are asked
/// to, child by child, with their own answer in force, the other guardians' (a family sees its own), and the two
/// statements they would sign (yes, no) word for word, so that the screen shows exactly what is certified. Only forms
/// of the past school year's worth (the outing ended less than a year ago). Everyone else gets an empty list.
/// </summary>
internal static class ListerMesConsentementsEndpoint
{
    /// <summary>A child of mine asked, and where things stand.</summary>
    /// <param name="EleveId">The child.</param>
    /// <param name="Eleve">« Prénom Nom ».</param>
    /// <param name="Statut">The child's standing: en_attente, accorde, refuse (all guardians' answers together).</param>
    /// <param name="MonAccord">My answer in force (null: not answered).</param>
    /// <param name="SigneeLe">When I signed it.</param>
    /// <param name="AutresReponses">The other guardians' answers, in words (« Jean Martin : oui »).</param>
    /// <param name="AttestationOui">What I certify by consenting, word for word.</param>
    /// <param name="AttestationNon">What I certify by refusing, word for word.</param>
    internal sealed record EnfantConsentement(Guid EleveId, string Eleve, string Statut, bool? MonAccord, DateTimeOffset? SigneeLe, string[] AutresReponses,
        [property: MaxLength(2000)] string AttestationOui, [property: MaxLength(2000)] string AttestationNon);

    /// <summary>A consent form addressed to me.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Titre">What.</param>
    /// <param name="Description">Details (plain text).</param>
    /// <param name="Lieu">Where.</param>
    /// <param name="Debut">Start.</param>
    /// <param name="Fin">End.</param>
    /// <param name="CoutCentimes">Cost per pupil, euro cents.</param>
    /// <param name="DateLimite">I may answer (or change my answer) until then.</param>
    /// <param name="Ouvert">Answers are still accepted.</param>
    /// <param name="Organisateur">Who asks.</param>
    /// <param name="Etablissement">The établissement's name.</param>
    /// <param name="Enfants">My children asked.</param>
    /// <param name="PiecesJointes">Its documents.</param>
    internal sealed record MonConsentement(Guid Id, string Titre, [property: MaxLength(5000)] string Description, string Lieu, DateTimeOffset Debut,
        DateTimeOffset Fin, int CoutCentimes, DateTimeOffset DateLimite, bool Ouvert, string Organisateur, string Etablissement, EnfantConsentement[] Enfants,
        PieceJointeConsentement[] PiecesJointes);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/consentements", Handle)
        .WithName("ListerMesConsentements")
        .WithSummary("Les demandes d'autorisation adressées à mes enfants : sorties et projets, ma réponse et ce que je signe.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = $"""
        SELECT {Consentement.Colonnes} FROM communication.consentement
        WHERE id IN (SELECT consentement_id FROM communication.consentement_famille WHERE responsable_id = @moi) AND fin > @depuis
        ORDER BY debut DESC, id LIMIT 50
        """;

    // Every guardian of my children asked on those forms, with their answer in force.
    private const string ReponsesSql = """
        SELECT f.consentement_id, f.eleve_id, f.responsable_id, r.accord, r.signee_le
        FROM communication.consentement_famille f
        LEFT JOIN LATERAL (
            SELECT accord, signee_le FROM communication.consentement_reponse x
            WHERE x.consentement_id = f.consentement_id AND x.eleve_id = f.eleve_id AND x.responsable_id = f.responsable_id
            ORDER BY x.id DESC LIMIT 1) r ON true
        WHERE f.consentement_id = ANY(@ids)
          AND f.eleve_id IN (SELECT eleve_id FROM communication.consentement_famille WHERE responsable_id = @moi AND consentement_id = f.consentement_id)
        """;

    private sealed record Reponse(Guid ConsentementId, Guid EleveId, Guid ResponsableId, bool? Accord, DateTimeOffset? SigneeLe);

    private static async Task<Results<Ok<MonConsentement[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IAnnuaire annuaire, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<Consentement.Ligne>(new CommandDefinition(Sql, new { moi, depuis = maintenant.AddYears(-1) }, cancellationToken: ct))).AsList();
        if (lignes.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<MonConsentement>());
        }

        var ids = lignes.Select(l => l.Id).ToArray();
        var reponses = (await conn.QueryAsync<Reponse>(new CommandDefinition(ReponsesSql, new { ids, moi }, cancellationToken: ct))).AsList();
        var pieces = await StockageConsentements.DesConsentementsAsync(conn, ids, ct);
        var noms = (await annuaire.TrouverPersonnesAsync([.. reponses.SelectMany(r => new[] { r.EleveId, r.ResponsableId })
                .Concat(lignes.Select(l => l.OrganisateurId)).Append(moi).Distinct()], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        string Nom(Guid id) => noms.GetValueOrDefault(id, "?");
        var etablissements = new Dictionary<Guid, string>();
        foreach (var id in lignes.Select(l => l.EtablissementId).Distinct())
        {
            etablissements[id] = (await annuaire.TrouverEtablissementAsync(id, ct))?.Nom ?? string.Empty;
        }

        return TypedResults.Ok(lignes.Select(c => new MonConsentement(c.Id, c.Titre, c.Description, c.Lieu, c.Debut, c.Fin, c.CoutCentimes, c.DateLimite,
            c.DateLimite > maintenant, Nom(c.OrganisateurId), etablissements[c.EtablissementId],
            [.. reponses.Where(r => r.ConsentementId == c.Id).GroupBy(r => r.EleveId).OrderBy(g => Nom(g.Key), StringComparer.CurrentCulture).Select(g =>
            {
                var mienne = g.FirstOrDefault(r => r.ResponsableId == moi);
                return new EnfantConsentement(g.Key, Nom(g.Key), Consentement.Statut(g.Select(r => r.Accord)), mienne?.Accord, mienne?.SigneeLe,
                    [.. g.Where(r => r.ResponsableId != moi).Select(r => $"{Nom(r.ResponsableId)} : {r.Accord switch { true => "oui", false => "non", null => "pas encore répondu" }}")],
                    Consentement.Attestation(Nom(moi), Nom(g.Key), true, c), Consentement.Attestation(Nom(moi), Nom(g.Key), false, c));
            })], [.. pieces[c.Id]])).ToArray());
    }
}
