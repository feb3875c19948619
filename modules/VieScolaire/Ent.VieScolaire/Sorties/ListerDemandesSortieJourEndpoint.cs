using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sorties;

/// <summary>
/// GET /api/viescolaire/etablissements/{uai}/demandes-sortie?date=YYYY-MM-DD — the vie scolaire desk's list of one-off
/// exit requests for a day (today, Paris time, by default), in the order the pupils leave: each with the pupil's name,
/// class and regime, the times, the reason, the guardian who signed, and where it stands. Every status is listed
/// (cancelled ones too, so the desk knows). For the établissement's CPE and head; anyone else gets 404. Each listed
/// pupil's read is logged.
/// </summary>
internal static class ListerDemandesSortieJourEndpoint
{
    /// <summary>A day's requests.</summary>
    /// <param name="Date">The day.</param>
    /// <param name="EnAttente">How many still wait for the desk's visa.</param>
    /// <param name="Demandes">The requests, by exit time.</param>
    internal sealed record DemandesSortieJour(DateOnly Date, int EnAttente, DemandeSortieJour[] Demandes);

    /// <summary>A request as the desk reads it, with the pupil.</summary>
    /// <param name="Eleve">The pupil's name.</param>
    /// <param name="Classe">Their class code this school year, e.g. 2NDE1, if they have one.</param>
    /// <param name="Regime">Their regime (externe, demi_pensionnaire, interne), null when not set.</param>
    /// <param name="Demande">The request.</param>
    internal sealed record DemandeSortieJour(PersonneSortie Eleve, string? Classe, string? Regime, DemandeSortie Demande);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/demandes-sortie", Handle)
        .WithName("ListerDemandesSortieJour")
        .WithSummary("Les demandes de sortie exceptionnelle d'un jour dans l'établissement (vie scolaire).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = $"""
        SELECT {LectureSorties.ColonnesDemande} FROM viescolaire.demande_sortie
        WHERE etablissement_id = @etablissementId AND date = @date
        ORDER BY heure_sortie, signee_le, id;
        SELECT eleve_id, regime FROM viescolaire.regime_eleve
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
          AND eleve_id IN (SELECT eleve_id FROM viescolaire.demande_sortie WHERE etablissement_id = @etablissementId AND date = @date);
        """;

    private static async Task<Results<Ok<DemandesSortieJour>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? date, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IServicesEnseignement services, IJournalAcces journal, NpgsqlDataSource db, Horaires horaires, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement)
        {
            return route.Introuvable!;
        }

        var jour = date ?? horaires.Aujourdhui;
        List<LectureSorties.LigneDemande> lignes;
        Dictionary<Guid, string> regimes;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
                         new { etablissementId = etablissement.Id, date = jour, annee = Horaires.AnneeScolaire(jour) }, cancellationToken: ct)))
        {
            lignes = (await lecture.ReadAsync<LectureSorties.LigneDemande>()).AsList();
            regimes = (await lecture.ReadAsync<(Guid EleveId, string Regime)>()).ToDictionary(r => r.EleveId, r => r.Regime);
        }

        var eleves = lignes.Select(l => l.EleveId).Distinct().ToArray();
        var noms = await LectureSorties.NomsAsync(annuaire, eleves.Concat(lignes.SelectMany(l => l.Personnes())), ct);
        var classes = eleves.Length == 0 ? new Dictionary<Guid, string>() : await services.ClassesAsync(eleves, ct);
        var demandes = lignes
            .Select(l => new DemandeSortieJour(noms(l.EleveId), classes.GetValueOrDefault(l.EleveId), regimes.GetValueOrDefault(l.EleveId),
                LectureSorties.Vue(l, noms)))
            .ToArray();

        await journal.NoterAsync(http, utilisateur, eleves, Domaine.VieScolaire, ActionAcces.Lecture, "ListerDemandesSortieJour", ct);
        return TypedResults.Ok(new DemandesSortieJour(jour, demandes.Count(d => d.Demande.Statut == "en_attente"), demandes));
    }
}
