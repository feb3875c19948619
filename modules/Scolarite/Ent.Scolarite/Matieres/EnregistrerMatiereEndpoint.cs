using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Matieres;

/// <summary>
/// PUT /api/scolarite/etablissements/{uai}/matieres/{code} — the administrators create or change a subject. A new name
/// also renames the subject in this year's teaching services (which carry a copy of it for report cards); past years
/// keep the name they had.
/// </summary>
internal static partial class EnregistrerMatiereEndpoint
{
    /// <summary>What a subject is called and where it stands on the report card.</summary>
    /// <param name="Libelle">Name shown on report cards (1 to 200 characters), e.g. « Mathématiques ».</param>
    /// <param name="CodeNational">National code of the subject (BCN, six digits), if any.</param>
    /// <param name="Rang">Place on the report card, 0 to 999: smaller comes first.</param>
    internal sealed record DefinitionMatiere(string Libelle, string? CodeNational, [property: Range(0, 999)] int Rang);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/matieres/{code}", Handle)
        .WithName("EnregistrerMatiere")
        .WithSummary("Crée ou modifie une matière de l'établissement (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string EnregistrerSql = """
        INSERT INTO scolarite.matiere (etablissement_id, code, libelle, code_national, rang)
        VALUES (@etablissementId, @code, @libelle, @codeNational, @rang)
        ON CONFLICT (etablissement_id, code)
        DO UPDATE SET libelle = excluded.libelle, code_national = excluded.code_national, rang = excluded.rang
        RETURNING code, libelle, code_national, rang
        """;

    private const string RenommerServicesSql = """
        UPDATE scolarite.service_enseignement s SET matiere_libelle = @libelle
        WHERE s.matiere_code = @code AND s.matiere_libelle <> @libelle
          AND (s.classe_id IN (SELECT id FROM scolarite.classe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee)
               OR s.groupe_id IN (SELECT id FROM scolarite.groupe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee))
        """;

    private static async Task<Results<Ok<MatiereEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string code, DefinitionMatiere demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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

        var libelle = demande.Libelle?.Trim() ?? string.Empty;
        var codeNational = string.IsNullOrWhiteSpace(demande.CodeNational) ? null : demande.CodeNational.Trim();
        var erreurs = new Erreurs()
            .Require(MatiereEtablissement.CodeValide(code), "code", MatiereEtablissement.MessageCode)
            .Require(libelle.Length is >= 1 and <= 200, "libelle", "Le libellé de la matière compte de 1 à 200 caractères.")
            .Require(codeNational is null || CodeNational().IsMatch(codeNational), "codeNational",
                "Le code national d'une matière compte 6 chiffres, par exemple 061300.")
            .Require(demande.Rang is >= 0 and <= 999, "rang", "Le rang est un nombre de 0 à 999.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var parametres = new
        {
            etablissementId = etablissement.Id, code, libelle, codeNational, rang = (short)demande.Rang, annee = AnneeScolaire.Courante(clock),
        };
        var matiere = await conn.QuerySingleAsync<MatiereEtablissement>(new CommandDefinition(EnregistrerSql, parametres, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(RenommerServicesSql, parametres, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(matiere);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex CodeNational();
}
