using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Justificatifs;

/// <summary>
/// GET /api/viescolaire/etablissements/{uai}/justificatifs?statut=a_examiner — the vie scolaire desk's queue: the
/// justifications waiting for review, oldest first (the others, newest decision first), each with the pupil and their
/// class, the guardian who sent it, the absences covered, the reason, the comment and the document's presence. For the
/// établissement's CPE and head; anyone else gets 404. Each pupil listed is logged.
/// </summary>
internal static class ListerJustificatifsEtablissementEndpoint
{
    public const int TailleParDefaut = 100;
    public const int TailleMax = 200;

    /// <summary>A page of the queue.</summary>
    /// <param name="Statut">The filter applied: a_examiner, accepte, refuse or tous.</param>
    /// <param name="Page">Page number, from 1.</param>
    /// <param name="Taille">At most this many justifications per page.</param>
    /// <param name="Suivante">True when another page follows.</param>
    /// <param name="Justificatifs">The justifications: waiting ones oldest first, decided ones newest decision first.</param>
    internal sealed record FileJustificatifs(string Statut, int Page, int Taille, bool Suivante, Justificatif[] Justificatifs);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/justificatifs", Handle)
        .WithName("ListerJustificatifsEtablissement")
        .WithSummary("Les justificatifs à examiner d'un établissement, du plus ancien au plus récent (CPE et direction).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Waiting ones in the order they came (the partial index serves it); decided ones as a history, latest first.
    private const string Sql = """
        SELECT id FROM viescolaire.justificatif
        WHERE etablissement_id = @etablissementId AND (@statut = 'tous' OR statut = @statut)
        ORDER BY CASE WHEN statut = 'a_examiner' THEN 0 ELSE 1 END,
                 CASE WHEN statut = 'a_examiner' THEN depose_le END ASC,
                 decide_le DESC, id
        LIMIT @limite OFFSET @decalage
        """;

    private static async Task<Results<Ok<FileJustificatifs>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? statut, int? page, int? taille, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles,
        IJournalAcces journal, IAnnuaire annuaire, IServicesEnseignement enseignement, NpgsqlDataSource db, CancellationToken ct)
    {
        var (filtre, numero, parPage) = (statut ?? "a_examiner", page ?? 1, taille ?? TailleParDefaut);
        var erreurs = new Erreurs()
            .Require(filtre == "tous" || LectureJustificatifs.Statuts.Contains(filtre), "statut",
                "Le statut est « a_examiner », « accepte », « refuse » ou « tous ».")
            .Require(numero is >= 1 and <= 100_000, "page", "La page est comprise entre 1 et 100 000.")
            .Require(parPage is >= 1 and <= TailleMax, "taille", $"La taille d'une page est comprise entre 1 et {TailleMax}.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var (etablissement, invalide, _) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        // The same answer for an unknown établissement and one whose desk the caller is not part of.
        if (etablissement is null || utilisateur.PersonneId is not { } personneId
            || !await regles.PeutSuivreVieScolaireAsync(personneId, etablissement.Id, ct))
        {
            return Problemes.Introuvable($"Aucune file de justificatifs n'est disponible pour l'UAI {Uai.Normalize(uai)}.");
        }

        // One row more than the page tells whether another follows.
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(Sql,
            new { etablissementId = etablissement.Id, statut = filtre, limite = parPage + 1, decalage = (numero - 1) * parPage },
            cancellationToken: ct))).AsList();
        var justificatifs = await LectureJustificatifs.ChargerAsync(conn, [.. ids.Take(parPage)], annuaire, enseignement, ct);
        await journal.NoterAsync(http, utilisateur, justificatifs.Select(j => j.Eleve.Id).Distinct().ToArray(), Domaine.VieScolaire,
            ActionAcces.Lecture, "ListerJustificatifsEtablissement", ct);
        return TypedResults.Ok(new FileJustificatifs(filtre, numero, parPage, ids.Count > parPage, justificatifs));
    }
}
