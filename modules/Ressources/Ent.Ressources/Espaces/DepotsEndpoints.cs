using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>
/// POST /api/ressources/espaces/{divisionId}/depots — a teacher of the division collects work: a title, instructions, a
/// deadline in the future. GET …/depots lists the space's dépôts, the latest deadline first, for every reader of the
/// space (what each pupil handed in is read through the rendus' endpoints). Anyone else gets 404.
/// </summary>
internal static class DepotsEndpoints
{
    /// <summary>A new dépôt.</summary>
    /// <param name="Titre">Title (1 to 200 characters).</param>
    /// <param name="Consignes">Instructions (4000 characters at most).</param>
    /// <param name="DateLimite">Deadline, with its offset (e.g. 2026-12-18T18:00:00+01:00), in the future.</param>
    internal sealed record NouveauDepot(string? Titre, [property: MaxLength(4000)] string? Consignes, DateTimeOffset? DateLimite);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/espaces/{divisionId:guid}/depots", Creer)
            .WithName("CreerDepotEspaceClasse")
            .WithSummary("Crée un dépôt de travaux avec une date limite (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/espaces/{divisionId:guid}/depots", Lister)
            .WithName("ListerDepotsEspaceClasse")
            .WithSummary("Les dépôts de travaux de l'espace de classe, la date limite la plus tardive d'abord.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string InsertSql = """
        INSERT INTO ressources.espace_depot (id, etablissement_id, division_id, titre, consignes, date_limite, cree_par, cree_le)
        VALUES (@id, @etablissementId, @divisionId, @titre, @consignes, @dateLimite, @moi, @maintenant)
        """;

    private static async Task<Results<Created<Depot>, ValidationProblem, ProblemHttpResult>> Creer(Guid divisionId, NouveauDepot demande,
        ICurrentUser utilisateur, ReglesEspaces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true } acces)
        {
            return ReglesEspaces.Introuvable();
        }

        var maintenant = clock.GetUtcNow();
        var erreurs = new Erreurs();
        var titre = Saisie.Texte(demande.Titre);
        if (titre is null)
        {
            erreurs.Add("titre", "Donnez un titre au dépôt.");
        }
        else if (titre.Length > 200)
        {
            erreurs.Add("titre", "Le titre fait 200 caractères au plus.");
        }

        if (demande.DateLimite is not { } dateLimite)
        {
            erreurs.Add("dateLimite", "Indiquez la date limite de remise.");
        }
        else if (dateLimite <= maintenant)
        {
            erreurs.Add("dateLimite", "La date limite doit être dans le futur.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var depot = new Depot(Guid.NewGuid(), divisionId, titre!, Saisie.Texte(demande.Consignes), demande.DateLimite!.Value.ToUniversalTime(), true, maintenant);
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            depot.Id, acces.Division.EtablissementId, divisionId, depot.Titre, depot.Consignes, depot.DateLimite, moi, maintenant,
        }, cancellationToken: ct));
        return TypedResults.Created($"/api/ressources/espaces/{divisionId}/depots/{depot.Id}/rendus", depot);
    }

    private static async Task<Results<Ok<Depot[]>, ProblemHttpResult>> Lister(Guid divisionId, ICurrentUser utilisateur, ReglesEspaces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is null)
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await Depots.ListerAsync(conn, divisionId, null, clock.GetUtcNow(), null, ct)).ToArray());
    }
}
