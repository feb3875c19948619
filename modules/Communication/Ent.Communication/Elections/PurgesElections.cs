using Ent.Communication.Rgpd;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// Two months after an election's closing, the time the register gives the recourses against it, who could vote
/// (electoral list) and who voted (émargement) go. The
/// urn stays with the election: the results are counted from it on every read (<see cref="ObtenirResultatsElectionEndpoint"/>,
/// the online voters included, one ballot per « a voté »), and it names nobody. Batched, idempotent.
/// </summary>
internal sealed class PurgeListesElectorales(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "communication.election_electeur";

    public string Duree => "2 mois après la clôture du scrutin (délais de recours expirés)";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var limite = maintenant.AddMonths(-2);
        // The émargement first: it refers to the electoral list.
        return await PurgeParLots.SupprimerAsync(db, """
                DELETE FROM communication.election_emargement WHERE (election_id, personne_id) IN (
                    SELECT m.election_id, m.personne_id FROM communication.election_emargement m
                    JOIN communication.election e ON e.id = m.election_id WHERE e.cloture < @limite LIMIT 1000)
                """, new { limite }, ct)
            + await PurgeParLots.SupprimerAsync(db, """
                DELETE FROM communication.election_electeur WHERE (election_id, personne_id) IN (
                    SELECT x.election_id, x.personne_id FROM communication.election_electeur x
                    JOIN communication.election e ON e.id = x.election_id WHERE e.cloture < @limite LIMIT 1000)
                """, new { limite }, ct);
    }
}

/// <summary>
/// An election is kept the school year of its closing (the elected parents' term) and the next one, then goes whole:
/// its lists, candidates, urn (and electoral list and émargement, long gone by then). Batched, idempotent.
/// </summary>
internal sealed class PurgeElections(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "communication.election";

    public string Duree => "l'année scolaire de la clôture (mandat des élus) et la suivante";

    private const string SqlRacines = """
        SELECT id FROM communication.election WHERE cloture < @limite ORDER BY cloture LIMIT 1000 FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, null, SqlRacines, new { limite = PurgeParLots.DebutRentree(maintenant, 1).ToUniversalTime() },
            async lot =>
            {
                await lot.SupprimerAsync("DELETE FROM communication.election_emargement WHERE election_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.election_electeur WHERE election_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.election_urne WHERE election_id = ANY(@ids)");
                await lot.SupprimerAsync("""
                    DELETE FROM communication.election_candidat c USING communication.election_liste l
                    WHERE l.id = c.liste_id AND l.election_id = ANY(@ids)
                    """);
                await lot.SupprimerAsync("DELETE FROM communication.election_liste WHERE election_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.election WHERE id = ANY(@ids)");
            }, ct);
}
