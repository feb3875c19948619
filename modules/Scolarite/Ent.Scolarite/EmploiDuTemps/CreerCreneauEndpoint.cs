using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// POST /api/scolarite/etablissements/{uai}/creneaux — the administrators add a weekly slot to a teaching service of the
/// current school year (rules: <see cref="GrilleEtablissement.Valider"/>). A slot that overlaps another of the same
/// service, teacher, class or group (or of a group holding the class's pupils) at the same time, in weeks and dates that
/// meet, is refused with 409 naming that slot.
/// </summary>
internal static class CreerCreneauEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/creneaux", Handle)
        .WithName("CreerCreneau")
        .WithSummary("Ajoute un créneau hebdomadaire à l'emploi du temps (administrateurs de l'établissement) ; 409 s'il en chevauche un autre.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    internal const string InsererSql = """
        INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, semaine, valide_du, valide_au)
        VALUES (@Id, @etablissementId, @ServiceId, @Jour, @Debut, @Fin, @Salle, @Semaine, @ValideDu, @ValideAu)
        """;

    /// <summary>Administrators' changes to one établissement's timetable are serialised: the overlap check then holds.</summary>
    internal const string VerrouSql = "SELECT pg_advisory_xact_lock(hashtextextended('scolarite.creneau:' || @etablissementId::text, 0))";

    private static async Task<Results<Created<CreneauEmploiDuTemps>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, CreneauSaisi demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(VerrouSql, new { etablissementId = etablissement.Id }, tx, cancellationToken: ct));
        var grille = await GrilleEtablissement.ChargerAsync(conn, tx, etablissement.Id, clock, annuaire, ct);
        var (creneau, erreurs) = grille.Valider(Guid.CreateVersion7(), demande);
        if (creneau is null)
        {
            return Problemes.Validation(erreurs.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        if (grille.PremierConflit(creneau, grille.Creneaux) is { } conflit)
        {
            return Problemes.Conflit(conflit);
        }

        await conn.ExecuteAsync(new CommandDefinition(InsererSql, Parametres(creneau, etablissement.Id), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/scolarite/etablissements/{etablissement.Uai}/creneaux/{creneau.Id}", grille.Afficher(creneau));
    }

    internal static object Parametres(Occupation c, Guid etablissementId) => new
    {
        c.Id, etablissementId, c.ServiceId, c.Jour, c.Debut, c.Fin, c.Salle, c.Semaine, c.ValideDu, c.ValideAu,
    };
}
