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
/// PUT /api/viescolaire/eleves/{eleveId}/autorisations-sortie — a legal guardian grants or refuses the pupil's standing
/// exit authorisations for the current school year, and signs: who, when, from which address. Each line is a new
/// signature; the latest of each type is the one in force, the earlier ones stay as the history. Types left out keep
/// their latest signature. Only a legal guardian signs: the pupil, the teachers and the desk get 404, as every refused
/// write does here.
/// </summary>
internal static class SignerAutorisationsSortieEndpoint
{
    /// <summary>The authorisations to sign.</summary>
    /// <param name="Autorisations">One line per type (each type at most once).</param>
    /// <param name="JeCertifie">The guardian's explicit attestation: must be true (the box « Je certifie… » ticked).</param>
    internal sealed record SignatureAutorisations([property: MaxLength(3)] LigneAutorisationSortie[]? Autorisations, bool? JeCertifie);

    /// <summary>One authorisation granted or refused.</summary>
    /// <param name="Type">absence_professeur_fin_journee, heures_libres or pause_meridienne.</param>
    /// <param name="Accordee">True to grant it, false to refuse it.</param>
    internal sealed record LigneAutorisationSortie(string? Type, bool? Accordee);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/eleves/{eleveId:guid}/autorisations-sortie", Handle)
        .WithName("SignerAutorisationsSortie")
        .WithSummary("Un responsable légal accorde ou refuse, en les signant, les autorisations de sortie de l'élève pour l'année.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO viescolaire.autorisation_sortie (eleve_id, annee_scolaire, type, accordee, signee_par, signee_le, adresse)
        SELECT @eleveId, @annee, l.type, l.accordee, @signeePar, @maintenant, @adresse
        FROM unnest(@types, @accordees) AS l(type, accordee)
        """;

    private static async Task<Results<Ok<SortiesEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, SignatureAutorisations signature, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, Horaires horaires, CancellationToken ct)
    {
        var lignes = signature.Autorisations ?? [];
        var erreurs = Valider(lignes, signature.JeCertifie);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!await LectureSorties.EstResponsableLegalAsync(annuaire, personneId, eleveId, ct))
        {
            // Those who see the pupil's page learn why; a stranger learns nothing, not even that the pupil exists.
            return Problemes.Introuvable(await regles.PeutLireAsync(personneId, eleveId, Domaine.VieScolaire, ct)
                ? "Seul un responsable légal de l'élève peut signer ses autorisations de sortie."
                : "Aucun élève ne correspond à cette adresse.");
        }

        var annee = Horaires.AnneeScolaire(horaires.Aujourdhui);
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            eleveId,
            annee,
            signeePar = personneId,
            maintenant = clock.GetUtcNow(),
            adresse = http.Connection.RemoteIpAddress,
            types = lignes.Select(l => l.Type!).ToArray(),
            accordees = lignes.Select(l => l.Accordee!.Value).ToArray(),
        }, cancellationToken: ct));

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "SignerAutorisationsSortie", ct);
        return TypedResults.Ok(await LectureSorties.ChargerAsync(conn, eleveId, annee, annuaire, ct));
    }

    private static Erreurs Valider(LigneAutorisationSortie[] lignes, bool? jeCertifie)
    {
        var erreurs = new Erreurs();
        if (lignes.Length is 0 or > 3)
        {
            erreurs.Add("autorisations", "Indiquez de 1 à 3 autorisations à accorder ou refuser.");
        }

        var vus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lignes.Length; i++)
        {
            var (ligne, champ) = (lignes[i], $"autorisations[{i}]");
            if (!TypesAutorisation.Existe(ligne.Type))
            {
                erreurs.Add($"{champ}.type", "L'autorisation est « absence_professeur_fin_journee », « heures_libres » ou « pause_meridienne ».");
            }
            else if (!vus.Add(ligne.Type!))
            {
                erreurs.Add($"{champ}.type", "Cette autorisation figure deux fois.");
            }

            if (ligne.Accordee is null)
            {
                erreurs.Add($"{champ}.accordee", "Indiquez si vous accordez (true) ou refusez (false) cette autorisation.");
            }
        }

        return erreurs.Require(jeCertifie is true, "jeCertifie", "Cochez la case pour signer les autorisations.");
    }
}
