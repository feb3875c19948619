using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Moderation;

/// <summary>
/// The region's switch: its administrators suspend a profile's sending in every établissement at once (PUT), with a
/// reason shown to those it touches, list what is in force (GET) and lift it (DELETE). Anyone else gets 404.
/// Routes: /api/communication/region/messagerie/suspensions[/{profil}].
/// </summary>
internal static class SuspendreMessagerieRegionEndpoint
{
    /// <summary>A region-wide suspension in force.</summary>
    /// <param name="Profil">The profile.</param>
    /// <param name="Motif">The reason shown.</param>
    /// <param name="Le">Since when (UTC).</param>
    internal sealed record SuspensionRegion(string Profil, string Motif, DateTime Le);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/region/messagerie/suspensions", Lister)
            .WithName("ListerSuspensionsMessagerieRegion")
            .WithSummary("Les suspensions de la messagerie en vigueur dans toute la région (administrateurs de la région).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/region/messagerie/suspensions/{profil}", Suspendre)
            .WithName("SuspendreMessagerieRegion")
            .WithSummary("Suspend l'envoi de messages d'un profil dans tous les établissements (administrateurs de la région).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/region/messagerie/suspensions/{profil}", Retablir)
            .WithName("RetablirMessagerieRegion")
            .WithSummary("Rétablit l'envoi de messages d'un profil dans tous les établissements (administrateurs de la région).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult Introuvable() => Problemes.Introuvable("Aucune ressource ne correspond à cette adresse.");

    private static async Task<Results<Ok<SuspensionRegion[]>, ProblemHttpResult>> Lister(
        ICurrentUser utilisateur, IRattachements rattachements, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId || !await rattachements.EstAdministrateurRegionAsync(personneId, ct))
        {
            return Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<SuspensionRegion>(new CommandDefinition("""
            SELECT profil, motif, suspendu_le AS le FROM communication.suspension_messagerie
            WHERE etablissement_id IS NULL AND leve_le IS NULL ORDER BY suspendu_le
            """, cancellationToken: ct))).ToArray());
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Suspendre(
        string profil, SuspendreMessagerieEndpoint.SaisieSuspension saisie, ICurrentUser utilisateur, IRattachements rattachements,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (AdministrationMessagerie.ProfilInvalide(profil) is { } profilInvalide)
        {
            return profilInvalide;
        }

        var erreurs = new Erreurs();
        var motif = AdministrationMessagerie.Motif(saisie.Motif, erreurs);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId || !await rattachements.EstAdministrateurRegionAsync(personneId, ct))
        {
            return Introuvable();
        }

        await SuspendreMessagerieEndpoint.EcrireAsync(db, null, profil, motif, personneId, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Retablir(
        string profil, ICurrentUser utilisateur, IRattachements rattachements, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (AdministrationMessagerie.ProfilInvalide(profil) is { } profilInvalide)
        {
            return profilInvalide;
        }

        if (utilisateur.PersonneId is not { } personneId || !await rattachements.EstAdministrateurRegionAsync(personneId, ct))
        {
            return Introuvable();
        }

        await SuspendreMessagerieEndpoint.EcrireAsync(db, null, profil, null, personneId, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }
}
