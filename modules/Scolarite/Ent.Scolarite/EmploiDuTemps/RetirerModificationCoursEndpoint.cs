using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// DELETE /api/scolarite/etablissements/{uai}/modifications-cours/{id} — the desk or the direction withdraws a change: the
/// lesson takes place as timetabled again (an extra lesson no longer takes place). The pupils and their families are
/// told, as for the change. Anyone not on the desk, and a change of another établissement, get 404.
/// </summary>
internal static class RetirerModificationCoursEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/etablissements/{uai}/modifications-cours/{id:guid}", Handle)
        .WithName("RetirerModificationCours")
        .WithSummary("Retire une modification de cours : le cours a lieu comme prévu (un cours ajouté n'a plus lieu) ; élèves et familles sont prévenus.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string SupprimerSql = """
        DELETE FROM scolarite.modification_cours WHERE id = @id AND etablissement_id = @etablissementId
        RETURNING id, service_id, nature, debut_prevu, debut, fin, salle, motif, saisi_le
        """;

    private const string CreneauSql = """
        SELECT fin, salle FROM scolarite.creneau
        WHERE service_id = @serviceId AND jour = @jour AND debut = @heure AND valide_du <= @date AND valide_au >= @date LIMIT 1
        """;

    private sealed record Retiree(
        Guid Id, Guid ServiceId, string Nature, DateTimeOffset? DebutPrevu, DateTimeOffset? Debut, DateTimeOffset? Fin, string? Salle, string? Motif,
        DateTimeOffset SaisiLe);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid id, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IEvenements evenements, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var (etablissement, invalide, introuvable) = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (utilisateur.PersonneId is null)
        {
            return Problemes.SansPersonne();
        }

        if (etablissement is null)
        {
            return introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var retiree = await conn.QuerySingleOrDefaultAsync<Retiree>(new CommandDefinition(SupprimerSql,
            new { id, etablissementId = etablissement.Id }, tx, cancellationToken: ct));
        if (retiree is null)
        {
            return Problemes.Introuvable("Aucune modification de cours de cet établissement ne correspond.");
        }

        var service = (await VuesEmploiDuTemps.ServicesAsync(conn, [retiree.ServiceId], ct))[retiree.ServiceId];
        var eleves = await ModifierCoursEndpoint.ElevesAsync(conn, tx, [retiree.ServiceId], ct);
        // The lesson as timetabled again: its slot gives its end and room (a cancellation stored neither).
        var (debut, fin, salle) = (retiree.DebutPrevu ?? retiree.Debut!.Value, retiree.Fin, retiree.Salle);
        if (retiree.DebutPrevu is { } prevu)
        {
            var creneau = await conn.QuerySingleOrDefaultAsync<(TimeOnly Fin, string? Salle)?>(new CommandDefinition(CreneauSql, new
            {
                serviceId = retiree.ServiceId, jour = (short)Planning.IsoJour(Planning.Jour(prevu)), heure = Planning.Heure(prevu), date = Planning.Jour(prevu),
            }, tx, cancellationToken: ct));
            (fin, salle) = creneau is { } c ? (Planning.Instant(Planning.Jour(prevu), c.Fin), c.Salle) : (retiree.Fin ?? prevu.AddHours(1), null);
        }

        await evenements.PublierAsync(new CoursModifies(etablissement.Id, $"edt-retrait:{retiree.Id:N}:{retiree.SaisiLe.UtcTicks}", [
            new CoursModifie(retiree.Id, service.MatiereLibelle, ModifierCoursEndpoint.StatutDe(retiree.Nature), retiree.DebutPrevu, debut,
                fin ?? debut.AddHours(1), salle, null, retiree.Motif, true, eleves[retiree.ServiceId])]), conn, tx, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
