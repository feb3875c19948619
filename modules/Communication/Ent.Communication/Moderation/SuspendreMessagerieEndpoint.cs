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
/// PUT /api/communication/etablissements/{uai}/messagerie/suspensions/{profil} — the établissement's head suspends a
/// profile's sending at once (e.g. the pupils'), with a reason shown to those it touches; DELETE lifts it. Reading what
/// was received stays possible. Anyone else gets 404.
/// </summary>
internal static class SuspendreMessagerieEndpoint
{
    /// <summary>Why the sending is suspended (shown to those concerned).</summary>
    internal sealed record SaisieSuspension(string? Motif);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPut("/etablissements/{uai}/messagerie/suspensions/{profil}", Suspendre)
            .WithName("SuspendreMessagerie")
            .WithSummary("Suspend l'envoi de messages d'un profil dans l'établissement, avec une raison montrée aux personnes concernées.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/etablissements/{uai}/messagerie/suspensions/{profil}", Retablir)
            .WithName("RetablirMessagerie")
            .WithSummary("Rétablit l'envoi de messages d'un profil dans l'établissement.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    // One suspension in force per établissement and profile: a second one changes the reason.
    private const string SuspendreSql = """
        UPDATE communication.suspension_messagerie SET motif = @motif, suspendu_par = @personneId, suspendu_le = @maintenant
        WHERE etablissement_id IS NOT DISTINCT FROM @etablissementId AND profil = @profil AND leve_le IS NULL;
        INSERT INTO communication.suspension_messagerie (id, etablissement_id, profil, motif, suspendu_par, suspendu_le)
        SELECT @id, @etablissementId, @profil, @motif, @personneId, @maintenant
        WHERE NOT EXISTS (SELECT 1 FROM communication.suspension_messagerie
                          WHERE etablissement_id IS NOT DISTINCT FROM @etablissementId AND profil = @profil AND leve_le IS NULL);
        """;

    private const string RetablirSql = """
        UPDATE communication.suspension_messagerie SET leve_par = @personneId, leve_le = @maintenant
        WHERE etablissement_id IS NOT DISTINCT FROM @etablissementId AND profil = @profil AND leve_le IS NULL
        """;

    public static async Task EcrireAsync(NpgsqlDataSource db, Guid? etablissementId, string profil, string? motif, Guid personneId, DateTimeOffset maintenant,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Two heads suspending at once: one row in force, not a unique-index violation.
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@cle, 0))",
            new { cle = $"suspension:{etablissementId}:{profil}" }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(motif is null ? RetablirSql : SuspendreSql,
            new { id = Guid.CreateVersion7(), etablissementId, profil, motif, personneId, maintenant }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Suspendre(
        string uai, string profil, SaisieSuspension saisie, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces,
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

        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        await EcrireAsync(db, etablissement.Id, profil, motif, acces.PersonneId, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Retablir(
        string uai, string profil, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (AdministrationMessagerie.ProfilInvalide(profil) is { } profilInvalide)
        {
            return profilInvalide;
        }

        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        await EcrireAsync(db, etablissement.Id, profil, null, acces.PersonneId, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }
}
