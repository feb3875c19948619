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
/// PUT /api/communication/etablissements/{uai}/messagerie/blocages/{personneId} — the établissement's head blocks a
/// sender's messaging there (after a report, typically), with a reason shown to them; DELETE lifts it. The person must
/// belong to the établissement; anyone else calling, or an unknown person: 404.
/// </summary>
internal static class BloquerExpediteurEndpoint
{
    /// <summary>Why the sender is blocked (shown to them).</summary>
    internal sealed record SaisieBlocage(string? Motif);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPut("/etablissements/{uai}/messagerie/blocages/{personneId:guid}", Bloquer)
            .WithName("BloquerExpediteur")
            .WithSummary("Bloque l'envoi de messages d'une personne dans l'établissement (administrateurs de l'établissement).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/etablissements/{uai}/messagerie/blocages/{personneId:guid}", Debloquer)
            .WithName("DebloquerExpediteur")
            .WithSummary("Rétablit l'envoi de messages d'une personne dans l'établissement.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string BloquerSql = """
        SELECT pg_advisory_xact_lock(hashtextextended(@cle, 0));
        UPDATE communication.blocage_messagerie SET motif = @motif, bloque_par = @parId, bloque_le = @maintenant
        WHERE etablissement_id = @etablissementId AND personne_id = @personneId AND leve_le IS NULL;
        INSERT INTO communication.blocage_messagerie (id, etablissement_id, personne_id, motif, bloque_par, bloque_le)
        SELECT @id, @etablissementId, @personneId, @motif, @parId, @maintenant
        WHERE NOT EXISTS (SELECT 1 FROM communication.blocage_messagerie
                          WHERE etablissement_id = @etablissementId AND personne_id = @personneId AND leve_le IS NULL);
        """;

    private const string DebloquerSql = """
        UPDATE communication.blocage_messagerie SET leve_par = @parId, leve_le = @maintenant
        WHERE etablissement_id = @etablissementId AND personne_id = @personneId AND leve_le IS NULL
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Bloquer(
        string uai, Guid personneId, SaisieBlocage saisie, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces,
        IRattachements rattachements, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
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

        if ((await rattachements.ProfilsAsync(personneId, ct)).All(p => p.EtablissementId != etablissement.Id))
        {
            return Problemes.Introuvable("Aucune personne de l'établissement ne correspond.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(BloquerSql, new
        {
            cle = $"blocage:{etablissement.Id}:{personneId}", id = Guid.CreateVersion7(), etablissementId = etablissement.Id, personneId, motif,
            parId = acces.PersonneId, maintenant = clock.GetUtcNow(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Debloquer(
        string uai, Guid personneId, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(DebloquerSql,
            new { etablissementId = etablissement.Id, personneId, parId = acces.PersonneId, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        return TypedResults.NoContent();
    }
}
