using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/me/annonces — the announcements addressed to the caller and in their publication window,
/// newest first: what a family sees in its list and on its home page (unread ones stand out, those to confirm too).
/// Only what targets the caller: the list is read from their own recipient rows.
/// </summary>
internal static class ListerMesAnnoncesEndpoint
{
    /// <summary>An announcement addressed to me.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Titre">Title.</param>
    /// <param name="Texte">Plain text; shown as text, never as HTML.</param>
    /// <param name="Auteur">« Prénom Nom » of who published it.</param>
    /// <param name="Etablissement">The établissement's name.</param>
    /// <param name="PublieeLe">Start of its publication (UTC).</param>
    /// <param name="Lue">I opened it.</param>
    /// <param name="AccuseLecture">A confirmation of reading is asked of the families.</param>
    /// <param name="AConfirmer">I must still confirm it (a family that has not yet).</param>
    /// <param name="ConfirmeeLe">When I confirmed it.</param>
    /// <param name="PiecesJointes">Its files.</param>
    /// <param name="ModifieeLe">When its sender last corrected it, if they did.</param>
    internal sealed record AnnonceRecue(Guid Id, string Titre, [property: MaxLength(10000)] string Texte, string Auteur, string Etablissement,
        DateTimeOffset PublieeLe, bool Lue, bool AccuseLecture, bool AConfirmer, DateTimeOffset? ConfirmeeLe, PieceJointeAnnonce[] PiecesJointes,
        DateTimeOffset? ModifieeLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/annonces", Handle)
        .WithName("ListerMesAnnonces")
        .WithSummary("Les annonces qui me sont adressées et en cours de publication, les plus récentes d'abord.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal sealed record Ligne(Guid Id, Guid EtablissementId, Guid AuteurId, string Titre, string Texte, DateTimeOffset VisibleDu,
        DateTimeOffset? LueLe, bool AccuseLecture, string Profil, DateTimeOffset? ConfirmeeLe, DateTimeOffset? ModifieeLe);

    private const string Sql = """
        SELECT a.id, a.etablissement_id, a.auteur_id, a.titre, a.texte, a.visible_du, d.lue_le, a.accuse_lecture, d.profil, d.confirmee_le, a.modifiee_le
        FROM communication.annonce_destinataire d JOIN communication.annonce a ON a.id = d.annonce_id
        WHERE d.personne_id = @moi AND a.visible_du <= @maintenant AND (a.visible_au IS NULL OR a.visible_au > @maintenant) AND a.retiree_le IS NULL
        ORDER BY a.visible_du DESC, a.id DESC
        LIMIT 50
        """;

    private static async Task<Results<Ok<AnnonceRecue[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IAnnuaire annuaire,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        List<Ligne> lignes;
        ILookup<Guid, PieceJointeAnnonce> pieces;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new { moi, maintenant = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
            pieces = await StockageAnnonces.DesAnnoncesAsync(conn, [.. lignes.Select(l => l.Id)], ct);
        }

        return TypedResults.Ok(await AnnoncesRecues.HabillerAsync(annuaire, lignes, pieces, ct));
    }
}

/// <summary>An announcement row as its recipient sees it, with its author's and établissement's names.</summary>
internal static class AnnoncesRecues
{
    public static async Task<ListerMesAnnoncesEndpoint.AnnonceRecue[]> HabillerAsync(IAnnuaire annuaire, IReadOnlyList<ListerMesAnnoncesEndpoint.Ligne> lignes,
        ILookup<Guid, PieceJointeAnnonce> pieces, CancellationToken ct)
    {
        var auteurs = lignes.Count == 0
            ? []
            : (await annuaire.TrouverPersonnesAsync([.. lignes.Select(l => l.AuteurId).Distinct()], ct)).ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        var etablissements = new Dictionary<Guid, string>();
        foreach (var id in lignes.Select(l => l.EtablissementId).Distinct())
        {
            etablissements[id] = (await annuaire.TrouverEtablissementAsync(id, ct))?.Nom ?? string.Empty;
        }

        return [.. lignes.Select(l => new ListerMesAnnoncesEndpoint.AnnonceRecue(l.Id, l.Titre, l.Texte, auteurs.GetValueOrDefault(l.AuteurId, "L'établissement"),
            etablissements[l.EtablissementId], l.VisibleDu, l.LueLe is not null, l.AccuseLecture,
            l.AccuseLecture && l.Profil == "responsable" && l.ConfirmeeLe is null, l.ConfirmeeLe, [.. pieces[l.Id]], l.ModifieeLe))];
    }
}
