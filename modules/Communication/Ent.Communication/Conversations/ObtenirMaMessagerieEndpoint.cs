using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// GET /api/communication/me/messagerie — whether I may write, in each établissement where I hold a profile, and if not
/// why (the suspension's reason, shown to those it touches); my hourly allowance. Reading stays possible in any case.
/// </summary>
internal static class ObtenirMaMessagerieEndpoint
{
    /// <summary>My messaging in one établissement.</summary>
    /// <param name="EtablissementId">The établissement.</param>
    /// <param name="Etablissement">Its name.</param>
    /// <param name="Profils">My profiles there (eleve, responsable, enseignant, cpe, direction, personnel).</param>
    /// <param name="PeutEcrire">True when I may write now.</param>
    /// <param name="Raison">Why not, in French (suspension or block).</param>
    /// <param name="EnvoisParHeure">My sendings an hour at most.</param>
    /// <param name="EnvoisDerniereHeure">My sendings in the last hour (all établissements).</param>
    internal sealed record MessagerieEtablissement(
        Guid EtablissementId, string Etablissement, string[] Profils, bool PeutEcrire, [property: System.ComponentModel.DataAnnotations.MaxLength(4000)] string? Raison,
        int EnvoisParHeure, int EnvoisDerniereHeure);

    /// <summary>My messaging.</summary>
    /// <param name="Etablissements">One entry per établissement where I hold a profile.</param>
    /// <param name="NonLues">Conversations with unread messages.</param>
    internal sealed record MaMessagerie(MessagerieEtablissement[] Etablissements, int NonLues);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/messagerie", Handle)
        .WithName("ObtenirMaMessagerie")
        .WithSummary("Puis-je écrire (et sinon pourquoi) dans chacun de mes établissements ; mes conversations non lues.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT count(DISTINCT envoi_id)::int FROM communication.message WHERE auteur_id = @personneId AND envoye_le > @depuis;
        SELECT count(*)::int FROM communication.participant p
        WHERE p.personne_id = @personneId AND EXISTS (
            SELECT 1 FROM communication.message m
            WHERE m.conversation_id = p.conversation_id AND m.auteur_id <> @personneId AND (p.lu_jusqua IS NULL OR m.envoye_le > p.lu_jusqua));
        """;

    private static async Task<Results<Ok<MaMessagerie>, ProblemHttpResult>> Handle(
        ICurrentUser utilisateur, ReglesMessagerie regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var etats = await regles.EtatsAsync(personneId, avecDestinataires: false, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { personneId, depuis = clock.GetUtcNow().AddHours(-1) }, cancellationToken: ct));
        var envois = await lecture.ReadSingleAsync<int>();
        var nonLues = await lecture.ReadSingleAsync<int>();
        return TypedResults.Ok(new MaMessagerie(
            [.. etats.Select(e => new MessagerieEtablissement(e.EtablissementId, e.Etablissement, e.Profils, e.Raison is null, e.Raison, e.EnvoisParHeure, envois))],
            nonLues));
    }
}
