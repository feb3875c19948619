using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// GET /api/communication/elections/{id} — an election, its lists and the caller's place in it (elector or not, « a
/// voté » or not). For the établissement's direction and its families (legal guardians of its pupils, and the electors
/// frozen at opening); 404 for anyone else. The candidates' dates of birth are for the direction only.
/// </summary>
internal static class ObtenirElectionEndpoint
{
    /// <summary>A candidate; <paramref name="DateNaissance"/> for the direction only.</summary>
    internal sealed record CandidatVue(int Rang, string Nom, string Prenom, DateOnly? DateNaissance);

    /// <summary>A list of candidates, in the ballot's order.</summary>
    internal sealed record ListeVue(Guid Id, int Rang, string Nom, CandidatVue[] Candidats);

    /// <summary>
    /// An election as the caller sees it. Etat: « a_venir », « ouverte », « close » (closed, results not published) or
    /// « publiee ». NombreElecteurs: frozen at opening (null before). Votants: electors who voted online, for the direction
    /// during the vote, for everyone after closing. Gestionnaire: the caller manages it. Electeur: on the electoral list.
    /// AVoteLe: when the caller voted (« a voté »). PeutVoter: the caller may vote now. BureauSaisi: the desk's count is in.
    /// </summary>
    internal sealed record ElectionVue(Guid Id, string Titre, string Etablissement, string Etat, DateTimeOffset Ouverture, DateTimeOffset Cloture,
        int Sieges, bool Correspondance, int? NombreElecteurs, int? Votants, ListeVue[] Listes, bool Gestionnaire, bool Electeur,
        DateTimeOffset? AVoteLe, bool PeutVoter, bool BureauSaisi);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/elections/{id:guid}", Handle)
        .WithName("ObtenirElection")
        .WithSummary("Une élection des parents : ses listes de candidats, son état et ma situation d'électeur.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, rang, nom FROM communication.election_liste WHERE election_id = @id ORDER BY rang;
        SELECT c.liste_id, c.rang, c.nom, c.prenom, c.date_naissance FROM communication.election_candidat c
        JOIN communication.election_liste l ON l.id = c.liste_id WHERE l.election_id = @id ORDER BY c.liste_id, c.rang;
        SELECT count(*)::int FROM communication.election_urne WHERE election_id = @id;
        """;

    private sealed record Liste(Guid Id, int Rang, string Nom);

    private sealed record Candidat(Guid ListeId, int Rang, string Nom, string Prenom, DateOnly DateNaissance);

    private static async Task<Results<Ok<ElectionVue>, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, Scrutins scrutins,
        IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await scrutins.OuvrirAsync(id, moi, ct) is not (var election, var regard))
        {
            return Problemes.Introuvable(Scrutins.Introuvable(id));
        }

        return TypedResults.Ok(await VueAsync(election, regard, annuaire, db, clock.GetUtcNow(), ct));
    }

    internal static async Task<ElectionVue> VueAsync(ElectionLigne election, Regard regard, IAnnuaire annuaire, NpgsqlDataSource db,
        DateTimeOffset maintenant, CancellationToken ct)
    {
        List<Liste> listes;
        ILookup<Guid, Candidat> candidats;
        int votants;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { id = election.Id }, cancellationToken: ct));
            listes = (await lecture.ReadAsync<Liste>()).AsList();
            candidats = (await lecture.ReadAsync<Candidat>()).ToLookup(c => c.ListeId);
            votants = await lecture.ReadSingleAsync<int>();
        }

        var etat = election.Etat(maintenant);
        var etablissement = await annuaire.TrouverEtablissementAsync(election.EtablissementId, ct);
        return new ElectionVue(election.Id, election.Titre, etablissement?.Nom ?? string.Empty, etat, election.Ouverture, election.Cloture,
            election.Sieges, election.Correspondance, election.NombreElecteurs,
            regard.Gestionnaire && etat != "a_venir" || etat is "close" or "publiee" ? votants : null,
            [.. listes.Select(l => new ListeVue(l.Id, l.Rang, l.Nom,
                [.. candidats[l.Id].Select(c => new CandidatVue(c.Rang, c.Nom, c.Prenom, regard.Gestionnaire ? c.DateNaissance : null))]))],
            regard.Gestionnaire, regard.Electeur, regard.AVoteLe, etat == "ouverte" && regard.Electeur && regard.AVoteLe is null,
            election.BureauSaisiLe is not null);
    }
}
