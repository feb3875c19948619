using System.ComponentModel.DataAnnotations;
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
/// POST /api/viescolaire/demandes-sortie/{id}/visa — the vie scolaire desk (CPE, head) of the request's établissement
/// accepts or refuses a pending one-off exit request, with a comment if it wishes. Once handled the request no longer
/// changes: a second visa, or a visa on a cancelled request, gets 409. Anyone else (a teacher included) gets 404.
/// </summary>
internal static class ViserDemandeSortieEndpoint
{
    /// <summary>The desk's decision.</summary>
    /// <param name="Accepte">True: the pupil may leave; false: refused.</param>
    /// <param name="Commentaire">A word for the family (500 characters at most), e.g. the reason of a refusal.</param>
    internal sealed record VisaDemandeSortie(bool? Accepte, [property: MaxLength(500)] string? Commentaire);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/demandes-sortie/{id:guid}/visa", Handle)
        .WithName("ViserDemandeSortie")
        .WithSummary("La vie scolaire accepte ou refuse une demande de sortie exceptionnelle (une seule fois).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        UPDATE viescolaire.demande_sortie
        SET statut = @statut, traitee_par = @par, traitee_le = @maintenant, commentaire = @commentaire
        WHERE id = @id
        """;

    private static async Task<Results<Ok<DemandeSortie>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, VisaDemandeSortie visa, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var commentaire = string.IsNullOrWhiteSpace(visa.Commentaire) ? null : visa.Commentaire.Trim();
        var erreurs = new Erreurs()
            .Require(visa.Accepte is not null, "accepte", "Indiquez si la sortie est acceptée (true) ou refusée (false).")
            .Require(commentaire is not { Length: > 500 }, "commentaire", "Le commentaire fait 500 caractères au plus.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var demande = await LectureSorties.TrouverDemandeAsync(conn, id, ct);
        if (demande is null || !await regles.PeutSuivreVieScolaireAsync(personneId, demande.EtablissementId, ct))
        {
            return Problemes.Introuvable("Aucune demande de sortie de votre établissement ne correspond à cette adresse.");
        }

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            demande = (await LectureSorties.TrouverDemandeAsync(conn, id, ct, tx))!;
            if (demande.Statut != "en_attente")
            {
                return Problemes.Conflit(LectureSorties.DejaTraitee(demande));
            }

            await conn.ExecuteAsync(new CommandDefinition(Sql, new
            {
                id, statut = visa.Accepte!.Value ? "acceptee" : "refusee", par = personneId, maintenant = clock.GetUtcNow(), commentaire,
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        await journal.NoterAsync(http, utilisateur, demande.EleveId, Domaine.VieScolaire, ActionAcces.Modification, "ViserDemandeSortie", ct);
        return TypedResults.Ok(await LectureSorties.VueAsync((await LectureSorties.TrouverDemandeAsync(conn, id, ct))!, annuaire, ct));
    }
}
