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
/// PUT /api/scolarite/etablissements/{uai}/creneaux/{id} — the administrators change a slot of the current school year
/// (every field, the service included: the same rules and overlap check as its creation). A lesson change already entered
/// for the old time stays attached to it.
/// </summary>
internal static class ModifierCreneauEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/creneaux/{id:guid}", Handle)
        .WithName("ModifierCreneau")
        .WithSummary("Modifie un créneau de l'emploi du temps (administrateurs de l'établissement) ; 409 s'il en chevauche un autre.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string ModifierSql = """
        UPDATE scolarite.creneau
        SET service_id = @ServiceId, jour = @Jour, debut = @Debut, fin = @Fin, salle = @Salle, semaine = @Semaine, valide_du = @ValideDu, valide_au = @ValideAu
        WHERE id = @Id AND etablissement_id = @etablissementId
        """;

    private static async Task<Results<Ok<CreneauEmploiDuTemps>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid id, CreneauSaisi demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
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
        await conn.ExecuteAsync(new CommandDefinition(CreerCreneauEndpoint.VerrouSql, new { etablissementId = etablissement.Id }, tx, cancellationToken: ct));
        var grille = await GrilleEtablissement.ChargerAsync(conn, tx, etablissement.Id, clock, annuaire, ct);
        if (!grille.Creneaux.Exists(c => c.Id == id))
        {
            return Problemes.Introuvable("L'emploi du temps de l'établissement n'a aucun créneau de cet identifiant cette année.");
        }

        var (creneau, erreurs) = grille.Valider(id, demande);
        if (creneau is null)
        {
            return Problemes.Validation(erreurs.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        if (grille.PremierConflit(creneau, grille.Creneaux) is { } conflit)
        {
            return Problemes.Conflit(conflit);
        }

        await conn.ExecuteAsync(new CommandDefinition(ModifierSql, CreerCreneauEndpoint.Parametres(creneau, etablissement.Id), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(grille.Afficher(creneau));
    }
}
