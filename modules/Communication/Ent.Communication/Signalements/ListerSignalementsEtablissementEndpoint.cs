using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// GET /api/communication/etablissements/{uai}/signalements?etat= — the receivers' queue: the reports whose receivers
/// include one of my functions there (a confidential one: as direction or CPE), those still open first. A person with
/// no function there (teachers, families, pupils) gets 404, as for an unknown établissement. Every pupil listed is in
/// the access log.
/// </summary>
internal static class ListerSignalementsEtablissementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/signalements", Handle)
        .WithName("ListerSignalementsEtablissement")
        .WithSummary("Les signalements reçus par mes fonctions dans l'établissement, les ouverts d'abord (destinataires).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, formulaire_id, etablissement_id, eleve_id, depose_par, profil, titre, destinataires, confidentiel, reponses::text AS reponses, etat,
               depose_le, modifie_le
        FROM communication.dossier_signalement
        WHERE etablissement_id = @etablissementId
          AND ((NOT confidentiel AND destinataires && @fonctions) OR (confidentiel AND destinataires && @confidentielles))
          AND (@etat::text IS NULL OR etat = @etat)
        ORDER BY etat = 'clos', modifie_le DESC, id
        LIMIT 200
        """;

    private static async Task<Results<Ok<ListerMesSignalementsEndpoint.SignalementResume[]>, ValidationProblem, ProblemHttpResult>> Handle(string uai,
        string? etat, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, AccesSignalements acces, IJournalAcces journal, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (etat is not null && !ReglesSignalement.Etats.Contains(etat))
        {
            return new Erreurs().Add("etat", "État inconnu : recu, en_cours, repondu ou clos.").ToProblem();
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        var fonctions = route.Etablissement is { } e ? await acces.FonctionsAsync(moi, e.Id, ct) : new HashSet<string>();
        if (route.Etablissement is not { } etablissement || !fonctions.Any(ReglesSignalement.FonctionsDestinataires.Contains))
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        List<Dossier> dossiers;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            dossiers = (await conn.QueryAsync<Dossier>(new CommandDefinition(Sql, new
            {
                etablissementId = etablissement.Id,
                fonctions = fonctions.ToArray(),
                confidentielles = fonctions.Where(ReglesSignalement.FonctionsConfidentielles.Contains).ToArray(),
                etat,
            }, cancellationToken: ct))).AsList();
        }

        // One entry per pupil and kind: a pupil's own confidential report under its own name (see ReglesSignalement.Operation).
        foreach (var parOperation in dossiers.GroupBy(d => ReglesSignalement.Operation("ListerSignalementsEtablissement", d)))
        {
            await journal.NoterAsync(http, utilisateur, [.. parOperation.Select(d => d.EleveId).Distinct()], Domaine.VieScolaire, ActionAcces.Lecture,
                ReglesSignalement.Operation("ListerSignalementsEtablissement", parOperation.First()), ct);
        }
        return TypedResults.Ok(await ListerMesSignalementsEndpoint.ResumerAsync(annuaire, dossiers, ct));
    }
}
