using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// The ticks on a pupil's homework, two pairs of routes that mirror each other:
/// PUT|DELETE /api/scolarite/eleves/{eleveId}/devoirs/{devoirId}/fait — the pupil themself ticks (or unticks) it done;
/// PUT|DELETE /api/scolarite/eleves/{eleveId}/devoirs/{devoirId}/vu — one of their legal guardians ticks it seen (their
/// own tick: each guardian has theirs). The homework must be published and one of the pupil's services'. Anyone else,
/// and any other homework, gets 404. Each change is logged.
/// </summary>
internal static class CocherDevoirEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPut("/eleves/{eleveId:guid}/devoirs/{devoirId:guid}/fait", (Guid eleveId, Guid devoirId, HttpContext http, ICurrentUser utilisateur,
                IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
                CocherAsync(Coche.Fait, true, eleveId, devoirId, http, utilisateur, regles, journal, db, clock, ct))
            .WithName("CocherDevoirFait")
            .WithSummary("L'élève coche un devoir « fait ».")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/eleves/{eleveId:guid}/devoirs/{devoirId:guid}/fait", (Guid eleveId, Guid devoirId, HttpContext http, ICurrentUser utilisateur,
                IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
                CocherAsync(Coche.Fait, false, eleveId, devoirId, http, utilisateur, regles, journal, db, clock, ct))
            .WithName("DecocherDevoirFait")
            .WithSummary("L'élève retire sa coche « fait » d'un devoir.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/eleves/{eleveId:guid}/devoirs/{devoirId:guid}/vu", (Guid eleveId, Guid devoirId, HttpContext http, ICurrentUser utilisateur,
                IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
                CocherAsync(Coche.Vu, true, eleveId, devoirId, http, utilisateur, regles, journal, db, clock, ct))
            .WithName("CocherDevoirVu")
            .WithSummary("Un responsable légal coche un devoir de son enfant « vu ».")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/eleves/{eleveId:guid}/devoirs/{devoirId:guid}/vu", (Guid eleveId, Guid devoirId, HttpContext http, ICurrentUser utilisateur,
                IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
                CocherAsync(Coche.Vu, false, eleveId, devoirId, http, utilisateur, regles, journal, db, clock, ct))
            .WithName("DecocherDevoirVu")
            .WithSummary("Un responsable légal retire sa coche « vu » d'un devoir de son enfant.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private enum Coche { Fait, Vu }

    // The homework is the pupil's: published, of their class's or groups' services this school year.
    private const string DevoirSql = """
        SELECT EXISTS (
            SELECT 1 FROM scolarite.devoir d
            JOIN scolarite.service_enseignement s ON s.id = d.service_id
            LEFT JOIN scolarite.classe c ON c.id = s.classe_id
            LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
            WHERE d.id = @devoirId AND d.publie_le <= @maintenant AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
              AND s.id IN (SELECT s2.id FROM scolarite.service_enseignement s2
                           JOIN scolarite.inscription_classe ic ON ic.classe_id = s2.classe_id WHERE ic.eleve_id = @eleveId
                           UNION ALL
                           SELECT s2.id FROM scolarite.service_enseignement s2
                           JOIN scolarite.inscription_groupe ig ON ig.groupe_id = s2.groupe_id WHERE ig.eleve_id = @eleveId))
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> CocherAsync(
        Coche coche, bool cocher, Guid eleveId, Guid devoirId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var autorise = coche == Coche.Fait
            ? personneId == eleveId && await regles.PeutLireAsync(personneId, eleveId, Domaine.TravailScolaire, ct)
            : await regles.EstResponsableLegalAsync(personneId, eleveId, ct);
        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!autorise || !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(DevoirSql,
                new { devoirId, eleveId, maintenant, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct)))
        {
            return Problemes.Introuvable("Aucun devoir de cet élève ne correspond à cette adresse.");
        }

        var sql = (coche, cocher) switch
        {
            (Coche.Fait, true) => """
                INSERT INTO scolarite.devoir_fait (devoir_id, eleve_id, fait_le) VALUES (@devoirId, @eleveId, @maintenant) ON CONFLICT DO NOTHING
                """,
            (Coche.Fait, false) => "DELETE FROM scolarite.devoir_fait WHERE devoir_id = @devoirId AND eleve_id = @eleveId",
            (Coche.Vu, true) => """
                INSERT INTO scolarite.devoir_vu (devoir_id, eleve_id, responsable_id, vu_le) VALUES (@devoirId, @eleveId, @personneId, @maintenant)
                ON CONFLICT DO NOTHING
                """,
            _ => "DELETE FROM scolarite.devoir_vu WHERE devoir_id = @devoirId AND eleve_id = @eleveId AND responsable_id = @personneId",
        };
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition(sql, new { devoirId, eleveId, personneId, maintenant }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Modification,
            (coche, cocher) switch
            {
                (Coche.Fait, true) => "CocherDevoirFait",
                (Coche.Fait, false) => "DecocherDevoirFait",
                (Coche.Vu, true) => "CocherDevoirVu",
                _ => "DecocherDevoirVu",
            }, ct);
        return TypedResults.NoContent();
    }
}
