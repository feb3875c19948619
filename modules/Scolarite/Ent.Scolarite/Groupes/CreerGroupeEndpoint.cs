using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Groupes;

/// <summary>
/// POST /api/scolarite/etablissements/{uai}/groupes — the administrators create a group of the current school year
/// (pupils of one or several classes taught together, e.g. a language or an option).
/// </summary>
internal static class CreerGroupeEndpoint
{
    /// <summary>A new group of the current school year.</summary>
    /// <param name="Code">Short code, unique in the établissement this year: 1 to 20 letters, digits, « - » or « _ », e.g. ESP2 (stored in capitals).</param>
    /// <param name="Libelle">Name (1 to 200 characters), e.g. « Espagnol LV2 ».</param>
    internal sealed record NouveauGroupe(string Code, string Libelle);

    /// <summary>The group created.</summary>
    /// <param name="Id">The group's id.</param>
    /// <param name="AnneeScolaire">Its school year, e.g. 2026-2027.</param>
    /// <param name="Code">Short code.</param>
    /// <param name="Libelle">Name.</param>
    internal sealed record GroupeCree(Guid Id, string AnneeScolaire, string Code, string Libelle);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/groupes", Handle)
        .WithName("CreerGroupe")
        .WithSummary("Crée un groupe d'élèves de l'année scolaire en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        INSERT INTO scolarite.groupe (id, etablissement_id, annee_scolaire, code, libelle)
        VALUES (@Id, @etablissementId, @AnneeScolaire, @Code, @Libelle)
        """;

    private static async Task<Results<Created<GroupeCree>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NouveauGroupe demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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

        var (code, libelle) = (CodeStructure.Normaliser(demande.Code), demande.Libelle?.Trim() ?? string.Empty);
        var erreurs = new Erreurs()
            .Require(code is not null, "code", CodeStructure.Message)
            .Require(libelle.Length is >= 1 and <= CodeStructure.LongueurLibelle, "libelle", "Le libellé du groupe compte de 1 à 200 caractères.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var groupe = new GroupeCree(Guid.CreateVersion7(), AnneeScolaire.Courante(clock), code!, libelle);
        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(Sql, new
            {
                groupe.Id, etablissementId = etablissement.Id, groupe.AnneeScolaire, groupe.Code, groupe.Libelle,
            }, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problemes.Conflit($"L'établissement a déjà un groupe de code {groupe.Code} cette année.");
        }

        return TypedResults.Created((string?)null, groupe);
    }
}
