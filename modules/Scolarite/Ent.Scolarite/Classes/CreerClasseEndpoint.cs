using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Classes;

/// <summary>POST /api/scolarite/etablissements/{uai}/classes — the administrators create a class of the current school year.</summary>
internal static class CreerClasseEndpoint
{
    /// <summary>A new class of the current school year.</summary>
    /// <param name="Code">Short code, unique in the établissement this year: 1 to 20 letters, digits, « - » or « _ », e.g. 2NDE3 (stored in capitals).</param>
    /// <param name="Libelle">Name shown to families (1 to 200 characters), e.g. « Seconde 3 ».</param>
    /// <param name="Niveau">seconde, premiere or terminale.</param>
    internal sealed record NouvelleClasse(string Code, string Libelle, string Niveau);

    /// <summary>The class created.</summary>
    /// <param name="Id">The class's id.</param>
    /// <param name="AnneeScolaire">Its school year, e.g. 2026-2027.</param>
    /// <param name="Code">Short code.</param>
    /// <param name="Libelle">Name shown to families.</param>
    /// <param name="Niveau">seconde, premiere or terminale.</param>
    internal sealed record ClasseCreee(Guid Id, string AnneeScolaire, string Code, string Libelle, string Niveau);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/classes", Handle)
        .WithName("CreerClasse")
        .WithSummary("Crée une classe de l'année scolaire en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static readonly string[] Niveaux = ["seconde", "premiere", "terminale"];

    private const string Sql = """
        INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
        VALUES (@Id, @etablissementId, @AnneeScolaire, @Code, @Libelle, @Niveau)
        """;

    private static async Task<Results<Created<ClasseCreee>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NouvelleClasse demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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
            .Require(libelle.Length is >= 1 and <= CodeStructure.LongueurLibelle, "libelle", "Le libellé de la classe compte de 1 à 200 caractères.")
            .Require(Niveaux.Contains(demande.Niveau), "niveau", "Le niveau est « seconde », « premiere » ou « terminale ».");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var classe = new ClasseCreee(Guid.CreateVersion7(), AnneeScolaire.Courante(clock), code!, libelle, demande.Niveau);
        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(Sql, new
            {
                classe.Id, etablissementId = etablissement.Id, classe.AnneeScolaire, classe.Code, classe.Libelle, classe.Niveau,
            }, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problemes.Conflit($"L'établissement a déjà une classe de code {classe.Code} cette année.");
        }

        return TypedResults.Created((string?)null, classe);
    }
}
