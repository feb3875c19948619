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
/// (cancelled ones too, so the desk knows). With enAttente=true: the requests still waiting for a visa from that day on
/// (the desk's work to do, tomorrow's included), by date then exit time. For the établissement's CPE and head; anyone
/// else gets 404. Each listed pupil's read is logged.
/// </summary>
internal static class ListerDemandesSortieJourEndpoint
{
    /// <summary>A day's requests.</summary>
    /// <param name="Date">The day (with enAttente, the first day).</param>
    /// <param name="EnAttente">How many still wait for the desk's visa.</param>
    /// <param name="Demandes">The requests, by date and exit time.</param>
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
        .WithSummary("Les demandes de sortie exceptionnelle d'un jour dans l'établissement, ou toutes celles en attente de visa à partir de ce jour (enAttente=true) ; vie scolaire : CPE, direction.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = $"""
        SELECT {LectureSorties.ColonnesDemande} FROM viescolaire.demande_sortie
        WHERE etablissement_id = @etablissementId
          AND (date = @date OR (@enAttente AND date > @date)) AND (NOT @enAttente OR statut = 'en_attente')
        ORDER BY date, heure_sortie, signee_le, id
        LIMIT 500
        """;

    private const string RegimesSql = """
        SELECT eleve_id, regime FROM viescolaire.regime_eleve
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee AND eleve_id = ANY(@eleves)
        """;

    private static async Task<Results<Ok<DemandesSortieJour>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? date, bool? enAttente, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
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
        Guid[] eleves;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            lignes = (await conn.QueryAsync<LectureSorties.LigneDemande>(new CommandDefinition(Sql,
                new { etablissementId = etablissement.Id, date = jour, enAttente = enAttente == true }, cancellationToken: ct))).AsList();
            eleves = lignes.Select(l => l.EleveId).Distinct().ToArray();
            regimes = (await conn.QueryAsync<(Guid EleveId, string Regime)>(new CommandDefinition(RegimesSql,
                new { etablissementId = etablissement.Id, annee = Horaires.AnneeScolaire(jour), eleves }, cancellationToken: ct)))
                .ToDictionary(r => r.EleveId, r => r.Regime);
        }

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
