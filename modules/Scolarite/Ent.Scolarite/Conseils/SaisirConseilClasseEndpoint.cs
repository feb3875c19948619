using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Appreciations;
using Ent.Scolarite.Periodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Conseils;

/// <summary>
/// PUT /api/scolarite/classes/{classeId}/periodes/{periodeId}/conseil — records the council's outcome, several pupils
/// at once, all or nothing. The general appraisal is the head teacher's alone; the decision is recorded by the head
/// teacher or the head of the établissement, who chairs the council. A field left out (null) is left as it is; an
/// empty text clears it.
/// </summary>
internal static class SaisirConseilClasseEndpoint
{
    /// <summary>The council's outcome to record.</summary>
    /// <param name="Eleves">One line per pupil, at most 60.</param>
    internal sealed record SaisieConseil([property: MaxLength(60)] LigneConseil[]? Eleves);

    /// <summary>A pupil's outcome.</summary>
    /// <param name="EleveId">A pupil of the class.</param>
    /// <param name="AppreciationGenerale">The head teacher's appraisal (1000 characters at most); null: unchanged; empty: removed.</param>
    /// <param name="Decision">felicitations, compliments, encouragements, mise_en_garde_travail, mise_en_garde_comportement, avertissement; null: unchanged; empty: removed.</param>
    internal sealed record LigneConseil(Guid EleveId, string? AppreciationGenerale, string? Decision);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/classes/{classeId:guid}/periodes/{periodeId:guid}/conseil", Handle)
        .WithName("SaisirConseilClasse")
        .WithSummary("Saisit l'appréciation générale (professeur principal) et la décision du conseil de classe (tout ou rien).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, decision, modifie_par, modifie_le)
        SELECT @classeId, @periodeId, l.eleve_id, nullif(l.appreciation, ''), nullif(l.decision, ''), @auteurId, now()
        FROM unnest(@eleves, @appreciations, @decisions) AS l(eleve_id, appreciation, decision)
        ON CONFLICT (classe_id, periode_id, eleve_id) DO UPDATE
        SET appreciation_generale = CASE WHEN excluded.appreciation_generale IS NULL AND NOT (@elevesSansAppreciation @> ARRAY[excluded.eleve_id])
                                         THEN conseil_classe.appreciation_generale ELSE excluded.appreciation_generale END,
            decision = CASE WHEN excluded.decision IS NULL AND NOT (@elevesSansDecision @> ARRAY[excluded.eleve_id])
                            THEN conseil_classe.decision ELSE excluded.decision END,
            modifie_par = excluded.modifie_par, modifie_le = excluded.modifie_le
        """;

    private static async Task<Results<Ok<ConseilClasse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid classeId, Guid periodeId, SaisieConseil saisie, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles,
        IAnnuaire annuaire, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var lignes = saisie.Eleves ?? [];
        if (lignes.Length is 0 or > 60)
        {
            return new Erreurs().Add("eleves", "Indiquez de 1 à 60 élèves.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ConseilClasse.AccederAsync(conn, regles, personneId, classeId, periodeId, ct) is not { } acces)
        {
            return Problemes.Introuvable("Aucune de vos classes ne correspond à cette adresse.");
        }

        var eleves = (await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @classeId", new { classeId }, cancellationToken: ct))).ToHashSet();
        var erreurs = LignesEleves.Valider(lignes.Select(l => (l.EleveId, l.AppreciationGenerale)).ToArray(), "eleves", "appreciationGenerale", 1000, eleves);
        for (var i = 0; i < lignes.Length; i++)
        {
            if (lignes[i].AppreciationGenerale is not null && !acces.EstProfesseurPrincipal)
            {
                erreurs.Add($"eleves[{i}].appreciationGenerale", "Seul le professeur principal de la classe écrit l'appréciation générale.");
            }

            if (lignes[i].Decision is { Length: > 0 } decision && !ConseilClasse.Decisions.Contains(decision))
            {
                erreurs.Add($"eleves[{i}].decision", "La décision est l'une de : " + string.Join(", ", ConseilClasse.Decisions) + ".");
            }
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        // A published report card shows these texts: they change only once the head has withdrawn the publication.
        if (!await Periode.EcrireSiNonPublieAsync(conn, periodeId, Sql, new
        {
            classeId,
            periodeId,
            auteurId = personneId,
            eleves = lignes.Select(l => l.EleveId).ToArray(),
            appreciations = lignes.Select(l => l.AppreciationGenerale?.Trim()).ToArray(),
            decisions = lignes.Select(l => l.Decision).ToArray(),
            elevesSansAppreciation = lignes.Where(l => l.AppreciationGenerale is not null && l.AppreciationGenerale.Trim().Length == 0)
                .Select(l => l.EleveId).ToArray(),
            elevesSansDecision = lignes.Where(l => l.Decision is "").Select(l => l.EleveId).ToArray(),
        }, ct))
        {
            return Problemes.Conflit(Periode.BulletinsPubliesDetail);
        }

        await journal.NoterAsync(http, utilisateur, lignes.Select(l => l.EleveId).ToArray(), Domaine.TravailScolaire, ActionAcces.Modification,
            "SaisirConseilClasse", ct);
        return TypedResults.Ok(await ConseilClasse.ChargerAsync(conn, acces, annuaire, ct));
    }
}
