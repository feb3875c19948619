using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.Enseignement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>
/// PUT /api/scolarite/evaluations/{evaluationId}/notes — the teacher enters or corrects results for the whole class in
/// one request. Every line is validated first; one bad line and nothing is written, and the answer names each bad line
/// (<c>notes[3].valeur</c>). Lines left out are untouched; a line with neither mark, marker nor comment clears the result.
/// New and changed results reach the pupil and their guardians (in-app notification) at once, or on the publication day.
/// </summary>
internal static class SaisirNotesEndpoint
{
    /// <summary>The results to write.</summary>
    /// <param name="Notes">One line per pupil (each pupil at most once), at most 200 lines.</param>
    internal sealed record SaisieNotes([property: MaxLength(200)] LigneSaisie[]? Notes);

    /// <summary>A pupil's result.</summary>
    /// <param name="EleveId">A pupil taught in this service.</param>
    /// <param name="Valeur">The mark, from 0 to the assessment's scale, two decimals at most.</param>
    /// <param name="Marqueur">Instead of a mark: absent, dispense, non_note or non_rendu.</param>
    /// <param name="Commentaire">A short comment for the family (500 characters at most).</param>
    internal sealed record LigneSaisie(Guid EleveId, decimal? Valeur, string? Marqueur, [property: MaxLength(500)] string? Commentaire);

    public static readonly string[] Marqueurs = ["absent", "dispense", "non_note", "non_rendu"];

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/evaluations/{evaluationId:guid}/notes", Handle)
        .WithName("SaisirNotes")
        .WithSummary("Saisit ou corrige en une fois les résultats d'une de mes évaluations (tout ou rien).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // The assessment's row is locked: two saves of the same grid (two tabs) run one after the other, and the changed
    // results are computed against what the first one committed.
    private const string VerrouSql = """
        SELECT e.bareme, e.titre, e.publication, e.periode_id FROM scolarite.evaluation e WHERE e.id = @evaluationId FOR UPDATE;
        SELECT eleve_id, valeur, marqueur, commentaire FROM scolarite.note WHERE evaluation_id = @evaluationId;
        """;

    private const string EcrireSql = """
        INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, marqueur, commentaire, saisie_par, saisie_le)
        SELECT @evaluationId, l.eleve_id, l.valeur, l.marqueur, l.commentaire, @auteurId, @maintenant
        FROM unnest(@eleves, @valeurs, @marqueurs, @commentaires) AS l(eleve_id, valeur, marqueur, commentaire)
        ON CONFLICT (evaluation_id, eleve_id) DO UPDATE
        SET valeur = excluded.valeur, marqueur = excluded.marqueur, commentaire = excluded.commentaire,
            saisie_par = excluded.saisie_par, saisie_le = excluded.saisie_le;
        DELETE FROM scolarite.note WHERE evaluation_id = @evaluationId AND eleve_id = ANY(@effaces);
        """;

    private static async Task<Results<Ok<GrilleNotes>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid evaluationId, SaisieNotes saisie, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IJournalAcces journal,
        IEvenements evenements, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var lignes = saisie.Notes ?? [];
        if (lignes.Length is 0 or > 200)
        {
            return new Erreurs().Add("notes", "Indiquez de 1 à 200 résultats.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ServiceEnseignant.DeLEvaluationAsync(conn, evaluationId, personneId, ct) is not { } service)
        {
            return Problemes.Introuvable("Aucune de vos évaluations ne correspond à cette adresse.");
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        decimal bareme;
        string titre;
        DateOnly? publication;
        Guid periodeId;
        Dictionary<Guid, (decimal? Valeur, string? Marqueur, string? Commentaire)> avant;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(VerrouSql, new { evaluationId }, tx, cancellationToken: ct)))
        {
            (bareme, titre, publication, periodeId) = await lecture.ReadSingleAsync<(decimal, string, DateOnly?, Guid)>();
            avant = (await lecture.ReadAsync<(Guid EleveId, decimal? Valeur, string? Marqueur, string? Commentaire)>())
                .ToDictionary(n => n.EleveId, n => (n.Valeur, n.Marqueur, n.Commentaire));
        }

        var eleves = (await service.ElevesAsync(conn, ct, tx)).ToHashSet();
        var erreurs = Valider(lignes, bareme, eleves, avant.Keys);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var normalisees = lignes.Select(l => (l.EleveId, l.Valeur, l.Marqueur,
            Commentaire: string.IsNullOrWhiteSpace(l.Commentaire) ? null : l.Commentaire.Trim())).ToList();
        var ecrites = normalisees.Where(l => l.Valeur is not null || l.Marqueur is not null).ToList();
        var effaces = normalisees.Where(l => l.Valeur is null && l.Marqueur is null && avant.ContainsKey(l.EleveId)).Select(l => l.EleveId).ToArray();
        var changees = ecrites.Where(l => !avant.TryGetValue(l.EleveId, out var a) || a != (l.Valeur, l.Marqueur, l.Commentaire)).ToList();

        await conn.ExecuteAsync(new CommandDefinition(EcrireSql, new
        {
            evaluationId,
            auteurId = personneId,
            maintenant = clock.GetUtcNow(),
            eleves = changees.Select(l => l.EleveId).ToArray(),
            valeurs = changees.Select(l => l.Valeur).ToArray(),
            marqueurs = changees.Select(l => l.Marqueur).ToArray(),
            commentaires = changees.Select(l => l.Commentaire).ToArray(),
            effaces,
        }, tx, cancellationToken: ct));

        if (changees.Count > 0)
        {
            // Families see the grades from the publication day (midnight, Paris time by the host's clock), else now.
            var maintenant = clock.GetUtcNow();
            var visibleLe = publication is { } jour
                ? new DateTimeOffset(jour.ToDateTime(TimeOnly.MinValue), clock.LocalTimeZone.GetUtcOffset(jour.ToDateTime(TimeOnly.MinValue)))
                : maintenant;
            await evenements.PublierAsync(new NotesPubliees(evaluationId, service.EtablissementId, periodeId, service.MatiereCode, service.Matiere, titre,
                visibleLe > maintenant ? visibleLe : maintenant, changees.Select(l => l.EleveId).ToArray()), conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        await journal.NoterAsync(http, utilisateur, changees.Select(l => l.EleveId).Concat(effaces).ToArray(), Domaine.TravailScolaire,
            ActionAcces.Modification, "SaisirNotes", ct);
        return TypedResults.Ok(await GrilleNotes.ChargerAsync(conn, service, evaluationId, annuaire, ct));
    }

    private static Erreurs Valider(LigneSaisie[] lignes, decimal bareme, HashSet<Guid> eleves, IEnumerable<Guid> dejaNotes)
    {
        var erreurs = new Erreurs();
        var connus = eleves.Union(dejaNotes).ToHashSet();
        var vus = new HashSet<Guid>();
        for (var i = 0; i < lignes.Length; i++)
        {
            var (ligne, champ) = (lignes[i], $"notes[{i}]");
            if (!connus.Contains(ligne.EleveId))
            {
                erreurs.Add($"{champ}.eleveId", "Cet élève ne fait pas partie de la classe ou du groupe de l'évaluation.");
            }
            else if (!vus.Add(ligne.EleveId))
            {
                erreurs.Add($"{champ}.eleveId", "Cet élève figure deux fois dans la saisie.");
            }

            if (ligne.Valeur is not null && ligne.Marqueur is not null)
            {
                erreurs.Add(champ, "Indiquez soit une note, soit Absent / Dispensé / Non noté / Non rendu, pas les deux.");
            }

            if (ligne.Valeur is { } valeur && (valeur < 0 || valeur > bareme || decimal.Round(valeur, 2) != valeur))
            {
                erreurs.Add($"{champ}.valeur", $"La note est comprise entre 0 et {bareme:0.##}, avec deux décimales au plus.");
            }

            if (ligne.Marqueur is { } marqueur && !Marqueurs.Contains(marqueur))
            {
                erreurs.Add($"{champ}.marqueur", "Le marqueur est « absent », « dispense », « non_note » ou « non_rendu ».");
            }

            if (ligne.Commentaire is { Length: > 500 })
            {
                erreurs.Add($"{champ}.commentaire", "Le commentaire fait 500 caractères au plus.");
            }
        }

        return erreurs;
    }
}
