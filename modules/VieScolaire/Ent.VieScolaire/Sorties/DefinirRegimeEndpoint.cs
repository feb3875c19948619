using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sorties;

/// <summary>
/// PUT /api/viescolaire/eleves/{eleveId}/regime — the vie scolaire desk (CPE, head) of the pupil's établissement sets the
/// pupil's regime for the current school year. Every change is kept (regime_historique). Anyone else gets 404.
/// </summary>
internal static class DefinirRegimeEndpoint
{
    /// <summary>The regime to set.</summary>
    /// <param name="Regime">externe, demi_pensionnaire or interne.</param>
    internal sealed record ChoixRegime(string? Regime);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/eleves/{eleveId:guid}/regime", Handle)
        .WithName("DefinirRegime")
        .WithSummary("Fixe le régime (externe, demi-pensionnaire, interne) d'un élève pour l'année scolaire en cours (vie scolaire).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // The current row is locked first: two desks setting the regime at once write their history one after the other.
    // Setting the regime it already has changes nothing and leaves no history line.
    private const string EcrireSql = """
        WITH avant AS (
            SELECT regime FROM viescolaire.regime_eleve WHERE eleve_id = @eleveId AND annee_scolaire = @annee FOR UPDATE
        )
        INSERT INTO viescolaire.regime_historique (eleve_id, annee_scolaire, regime_avant, regime, par, le)
        SELECT @eleveId, @annee, (SELECT regime FROM avant), @regime, @par, @maintenant
        WHERE (SELECT regime FROM avant) IS DISTINCT FROM @regime;
        INSERT INTO viescolaire.regime_eleve (eleve_id, annee_scolaire, etablissement_id, regime, modifie_par, modifie_le)
        VALUES (@eleveId, @annee, @etablissementId, @regime, @par, @maintenant)
        ON CONFLICT (eleve_id, annee_scolaire) DO UPDATE
        SET etablissement_id = excluded.etablissement_id, regime = excluded.regime, modifie_par = excluded.modifie_par,
            modifie_le = excluded.modifie_le
        WHERE regime_eleve.regime <> excluded.regime OR regime_eleve.etablissement_id <> excluded.etablissement_id;
        """;

    private static async Task<Results<Ok<SortiesEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, ChoixRegime choix, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, Horaires horaires, CancellationToken ct)
    {
        if (!Regimes.Tous.Contains(choix.Regime))
        {
            return new Erreurs().Add("regime", "Le régime est « externe », « demi_pensionnaire » ou « interne ».").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var etablissement = await annuaire.TrouverEtablissementEleveAsync(eleveId, ct);
        if (etablissement is null || !await regles.PeutSuivreVieScolaireAsync(personneId, etablissement.Id, ct))
        {
            return Problemes.Introuvable("Aucun élève de votre établissement ne correspond à cette adresse.");
        }

        var annee = Horaires.AnneeScolaire(horaires.Aujourdhui);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition(EcrireSql, new
            {
                eleveId, annee, etablissementId = etablissement.Id, regime = choix.Regime, par = personneId, maintenant = clock.GetUtcNow(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "DefinirRegime", ct);
        return TypedResults.Ok(await LectureSorties.ChargerAsync(conn, eleveId, annee, annuaire, ct));
    }
}
