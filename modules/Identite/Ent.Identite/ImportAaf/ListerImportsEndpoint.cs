using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>
/// GET /api/identite/imports?uai= — the imports' history, newest first (the last 100): a region administrator sees them
/// all, or one établissement's with <c>uai</c>; a head or local administrator sees those made for their établissement.
/// Anyone else gets 403.
/// </summary>
internal static class ListerImportsEndpoint
{
    public const int Maximum = 100;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/imports", Handle)
        .WithName("ListerImports")
        .WithSummary("Historique des imports de l'annuaire, du plus récent au plus ancien (administrateur de la région, direction ou administrateur local).")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ImportResume[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string? uai, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        uai = uai is null ? null : Uai.Normalize(uai);
        if (uai is not null && !Uai.IsValid(uai))
        {
            return new Erreurs().Add("uai", "Une UAI s'écrit avec 7 chiffres et une lettre, par exemple 0750000A.").ToProblem();
        }

        var perimetre = await AdministrateursImport.PerimetreAsync(db, personneId, ct);
        if (perimetre.Rien)
        {
            return TypedResults.Problem("Seuls les administrateurs voient les imports de l'annuaire.", statusCode: 403, title: "Accès refusé",
                type: "urn:ent:probleme:acces-refuse");
        }

        Guid[]? ids = null;
        if (uai is not null || !perimetre.Region)
        {
            ids = [.. perimetre.Etablissements.Where(e => uai is null || e.Uai == uai).Select(e => e.Id)];
            if (perimetre.Region && uai is not null)
            {
                await using var c = await db.OpenConnectionAsync(ct);
                ids = [.. await Dapper.SqlMapper.QueryAsync<Guid>(c, new Dapper.CommandDefinition(
                    "SELECT id FROM identite.etablissement WHERE uai = @uai", new { uai }, cancellationToken: ct))];
            }

            if (ids.Length == 0)
            {
                return Problemes.Introuvable("Aucun établissement de votre périmètre ne porte cette UAI.");
            }
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var imports = await RapportImport.ListerAsync(conn, ids is null
                ? "ORDER BY i.cree_le DESC LIMIT @max"
                : "WHERE i.etablissement_id = ANY(@ids) OR EXISTS (SELECT 1 FROM identite.import_aaf_etablissement x WHERE x.import_id = i.id AND x.etablissement_id = ANY(@ids) AND i.etablissement_id IS NULL AND @region) ORDER BY i.cree_le DESC LIMIT @max",
            new { ids, max = Maximum, region = perimetre.Region }, ct);
        return TypedResults.Ok(imports.ToArray());
    }
}
