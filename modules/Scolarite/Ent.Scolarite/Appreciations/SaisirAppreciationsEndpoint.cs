using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Enseignement;
using Ent.Scolarite.Periodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Appreciations;

/// <summary>
/// PUT /api/scolarite/services/{serviceId}/periodes/{periodeId}/appreciations — the service's teacher writes the
/// period's appraisals, several pupils at once, all or nothing. An empty text removes the appraisal.
/// </summary>
internal static class SaisirAppreciationsEndpoint
{
    /// <summary>Appraisals to write.</summary>
    /// <param name="Appreciations">One line per pupil, at most 200.</param>
    internal sealed record SaisieAppreciations([property: MaxLength(200)] LigneAppreciation[]? Appreciations);

    /// <summary>A pupil's appraisal.</summary>
    /// <param name="EleveId">A pupil taught in this service.</param>
    /// <param name="Texte">The appraisal (600 characters at most); empty or null removes it.</param>
    internal sealed record LigneAppreciation(Guid EleveId, [property: MaxLength(600)] string? Texte);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/services/{serviceId:guid}/periodes/{periodeId:guid}/appreciations", Handle)
        .WithName("SaisirAppreciations")
        .WithSummary("Saisit les appréciations de la période pour un de mes services d'enseignement (tout ou rien).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        INSERT INTO scolarite.appreciation (service_id, periode_id, eleve_id, texte, auteur_id, modifie_le)
        SELECT @serviceId, @periodeId, l.eleve_id, l.texte, @auteurId, now()
        FROM unnest(@eleves, @textes) AS l(eleve_id, texte)
        ON CONFLICT (service_id, periode_id, eleve_id) DO UPDATE
        SET texte = excluded.texte, auteur_id = excluded.auteur_id, modifie_le = excluded.modifie_le;
        DELETE FROM scolarite.appreciation WHERE service_id = @serviceId AND periode_id = @periodeId AND eleve_id = ANY(@effaces);
        """;

    private static async Task<Results<Ok<AppreciationsService>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, Guid periodeId, SaisieAppreciations saisie, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var lignes = saisie.Appreciations ?? [];
        if (lignes.Length is 0 or > 200)
        {
            return new Erreurs().Add("appreciations", "Indiquez de 1 à 200 appréciations.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var service = await ServiceEnseignant.DuEnseignantAsync(conn, serviceId, personneId, ct);
        if (service is null || !await ObtenirAppreciationsEndpoint.PeriodeDuServiceAsync(conn, service, periodeId, ct))
        {
            return Problemes.Introuvable("Aucun de vos services d'enseignement ne correspond à cette adresse.");
        }

        var eleves = (await service.ElevesAsync(conn, ct)).ToHashSet();
        var erreurs = LignesEleves.Valider(lignes.Select(l => (l.EleveId, l.Texte)).ToArray(), "appreciations", "texte", 600, eleves);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var ecrites = lignes.Where(l => !string.IsNullOrWhiteSpace(l.Texte)).ToArray();
        // A published report card shows these texts: they change only once the head has withdrawn the publication.
        if (!await Periode.EcrireSiNonPublieAsync(conn, periodeId, Sql, new
        {
            serviceId,
            periodeId,
            auteurId = personneId,
            eleves = ecrites.Select(l => l.EleveId).ToArray(),
            textes = ecrites.Select(l => l.Texte!.Trim()).ToArray(),
            effaces = lignes.Where(l => string.IsNullOrWhiteSpace(l.Texte)).Select(l => l.EleveId).ToArray(),
        }, ct))
        {
            return Problemes.Conflit(Periode.BulletinsPubliesDetail);
        }

        await journal.NoterAsync(http, utilisateur, lignes.Select(l => l.EleveId).ToArray(), Domaine.TravailScolaire, ActionAcces.Modification,
            "SaisirAppreciations", ct);
        return TypedResults.Ok(await AppreciationsService.ChargerAsync(conn, service, periodeId, annuaire, ct));
    }
}
