using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// GET /api/communication/elections/{id}/resultats — the count: electors, voters, blank and spoilt (desk), votes cast,
/// turnout, each list's votes (online and desk) and seats by the highest remainder, and who is elected. Who may know
/// the election exists but not its results yet gets 403: everyone before closing (the urn is sealed, nobody counts it
/// early — not the head either), the families until the head publishes. Anyone else: 404.
/// </summary>
internal static class ObtenirResultatsElectionEndpoint
{
    /// <summary>A list's result.</summary>
    internal sealed record ResultatListe(Guid Id, string Nom, int Voix, int VoixEnLigne, int VoixBureau, int Sieges, string[] Elus);

    /// <summary>
    /// The results of an election. Inscrits: electors frozen at opening. Votants: online voters plus the desk's.
    /// Participation: voters ÷ electors, in percent, one decimal. Quotient: votes cast ÷ seats, two decimals.
    /// </summary>
    internal sealed record ResultatsElection(Guid Id, string Titre, int Sieges, int Inscrits, int Votants, int VotantsEnLigne, int BlancsNuls,
        int Exprimes, decimal Participation, decimal Quotient, bool Correspondance, bool BureauSaisi, DateTimeOffset? PublieeLe, ResultatListe[] Listes);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/elections/{id:guid}/resultats", Handle)
        .WithName("ObtenirResultatsElection")
        .WithSummary("Les résultats d'une élection des parents (après la clôture ; pour les familles, une fois publiés).")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ResultatsElection>, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, Scrutins scrutins,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await scrutins.OuvrirAsync(id, moi, ct) is not (var election, var regard))
        {
            return Problemes.Introuvable(Scrutins.Introuvable(id));
        }

        if (election.ScelleeLe is null || clock.GetUtcNow() < election.Cloture)
        {
            return Scrutins.Refus($"Les résultats sont connus après la clôture du scrutin, le {VoterEndpoint.Paris(election.Cloture)}.", "resultats-avant-cloture");
        }

        if (election.PublieeLe is null && !regard.Gestionnaire)
        {
            return Scrutins.Refus("Les résultats n'ont pas encore été publiés par le chef d'établissement.", "resultats-non-publies");
        }

        return TypedResults.Ok(await CompterAsync(db, election, ct));
    }

    private sealed record Decompte(Guid Id, string Nom, int VoixEnLigne, int VoixBureau);

    private sealed record Naissance(Guid ListeId, string Nom, string Prenom, DateOnly DateNaissance);

    internal static async Task<ResultatsElection> CompterAsync(NpgsqlDataSource db, ElectionLigne election, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT l.id, l.nom, (SELECT count(*)::int FROM communication.election_urne u WHERE u.liste_id = l.id) AS voix_en_ligne,
                   coalesce(l.voix_bureau, 0) AS voix_bureau
            FROM communication.election_liste l WHERE l.election_id = @id ORDER BY l.rang;
            SELECT c.liste_id, c.nom, c.prenom, c.date_naissance FROM communication.election_candidat c
            JOIN communication.election_liste l ON l.id = c.liste_id WHERE l.election_id = @id ORDER BY c.liste_id, c.rang;
            SELECT count(*)::int FROM communication.election_urne WHERE election_id = @id;
            """, new { id = election.Id }, cancellationToken: ct));
        var listes = (await lecture.ReadAsync<Decompte>()).AsList();
        var candidats = (await lecture.ReadAsync<Naissance>()).ToLookup(c => c.ListeId);
        // Online voters counted from the urn (one ballot per « a voté », written together): the émargement is purged two
        // months after the closing (PurgeListesElectorales), the urn stays with the election.
        var votantsEnLigne = await lecture.ReadSingleAsync<int>();

        var sieges = RepartitionSieges.Repartir(election.Sieges,
            [.. listes.Select(l => new RepartitionSieges.ListeDecompte(l.Id, l.VoixEnLigne + l.VoixBureau, [.. candidats[l.Id].Select(c => c.DateNaissance)]))]);
        var exprimes = listes.Sum(l => l.VoixEnLigne + l.VoixBureau);
        var blancsNuls = election.BureauBlancsNuls ?? 0;
        var votants = votantsEnLigne + (election.BureauVotants ?? 0);
        var inscrits = election.NombreElecteurs ?? 0;
        return new ResultatsElection(election.Id, election.Titre, election.Sieges, inscrits, votants, votantsEnLigne, blancsNuls, exprimes,
            inscrits == 0 ? 0 : Math.Round(100m * votants / inscrits, 1, MidpointRounding.AwayFromZero),
            Math.Round((decimal)exprimes / election.Sieges, 2, MidpointRounding.AwayFromZero), election.Correspondance,
            election.BureauSaisiLe is not null, election.PublieeLe,
            [.. listes.Select((l, i) => new ResultatListe(l.Id, l.Nom, l.VoixEnLigne + l.VoixBureau, l.VoixEnLigne, l.VoixBureau, sieges[i],
                [.. candidats[l.Id].Take(sieges[i]).Select(c => $"{c.Prenom} {c.Nom}")]))]);
    }
}
