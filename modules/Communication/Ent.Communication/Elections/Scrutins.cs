using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>An election as the endpoints read it.</summary>
internal sealed record ElectionLigne(Guid Id, Guid EtablissementId, string Titre, int Sieges, DateTimeOffset Ouverture, DateTimeOffset Cloture,
    bool Correspondance, DateTimeOffset? ElecteursFigesLe, int? NombreElecteurs, DateTimeOffset? ScelleeLe, int? BureauVotants,
    int? BureauBlancsNuls, DateTimeOffset? BureauSaisiLe, DateTimeOffset? PublieeLe)
{
    /// <summary>« a_venir », « ouverte », « close » (counted, not published) or « publiee », at the given time.</summary>
    public string Etat(DateTimeOffset maintenant) =>
        PublieeLe is not null ? "publiee" : maintenant < Ouverture ? "a_venir" : maintenant < Cloture ? "ouverte" : "close";
}

/// <summary>Who the caller is to an election: its manager (the head, local administrators), a family, or nobody.</summary>
internal sealed record Regard(bool Gestionnaire, bool Famille, bool Electeur, DateTimeOffset? AVoteLe)
{
    public bool Voit => Gestionnaire || Famille || Electeur;
}

/// <summary>
/// The life of an election (issue 17): who may see it, the electoral list frozen at opening, the urn sealed at closing.
/// Both steps happen in the background job (<see cref="EntretienElections"/>) and, lazily, at the first request that
/// finds them due: whichever comes first does it once (the election's row is locked, the step re-checked).
/// </summary>
internal sealed class Scrutins(IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock)
{
    public const string Colonnes = """
        id, etablissement_id, titre, sieges, ouverture, cloture, correspondance, electeurs_figes_le, nombre_electeurs, scellee_le,
        bureau_votants, bureau_blancs_nuls, bureau_saisi_le, publiee_le
        """;

    /// <summary>The election, its due steps done, and the caller's regard; null when it does not exist or the caller may not see it.</summary>
    public async Task<(ElectionLigne Election, Regard Regard)?> OuvrirAsync(Guid id, Guid moi, CancellationToken ct)
    {
        await MettreAJourAsync(id, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var election = await conn.QuerySingleOrDefaultAsync<ElectionLigne>(new CommandDefinition(
            $"SELECT {Colonnes} FROM communication.election WHERE id = @id", new { id }, cancellationToken: ct));
        if (election is null)
        {
            return null;
        }

        var regard = await RegardAsync(conn, election, moi, ct);
        return regard.Voit ? (election, regard) : null;
    }

    public async Task<Regard> RegardAsync(NpgsqlConnection conn, ElectionLigne election, Guid moi, CancellationToken ct)
    {
        var gestionnaire = await regles.PeutAdministrerAsync(moi, election.EtablissementId, ct);
        var famille = await EstFamilleAsync(moi, election.EtablissementId, ct);
        var (electeur, aVoteLe) = await conn.QuerySingleAsync<(bool, DateTimeOffset?)>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM communication.election_electeur WHERE election_id = @id AND personne_id = @moi),
                   (SELECT vote_le FROM communication.election_emargement WHERE election_id = @id AND personne_id = @moi)
            """, new { id = election.Id, moi }, cancellationToken: ct));
        return new Regard(gestionnaire, famille, electeur, aVoteLe);
    }

    /// <summary>A legal guardian of a pupil of the établissement now (who will be an elector if still one at opening).</summary>
    public async Task<bool> EstFamilleAsync(Guid moi, Guid etablissementId, CancellationToken ct) =>
        (await annuaire.ListerRattachementsAsync(moi, ct)).Any(r => r.EtablissementId == etablissementId && r.Profil == Profils.Responsable);

    /// <summary>Freezes the electors of an election that has opened, seals the urn of one that has closed.</summary>
    public async Task MettreAJourAsync(Guid id, CancellationToken ct)
    {
        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (existe, etablissementId, aFiger, aSceller) = await conn.QuerySingleOrDefaultAsync<(bool, Guid, bool, bool)>(new CommandDefinition("""
            SELECT true, etablissement_id, electeurs_figes_le IS NULL AND ouverture <= @maintenant, scellee_le IS NULL AND cloture <= @maintenant
            FROM communication.election WHERE id = @id
            """, new { id, maintenant }, cancellationToken: ct));
        if (!existe)
        {
            return;
        }

        if (aFiger)
        {
            await FigerAsync(conn, id, etablissementId, maintenant, ct);
        }

        if (aSceller)
        {
            await ScellerAsync(conn, id, maintenant, ct);
        }
    }

    /// <summary>Every election due for a step (the background job's turn).</summary>
    public async Task MettreAJourToutesAsync(CancellationToken ct)
    {
        IEnumerable<Guid> dues;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            dues = await conn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT id FROM communication.election WHERE electeurs_figes_le IS NULL AND ouverture <= @maintenant
                UNION SELECT id FROM communication.election WHERE scellee_le IS NULL AND cloture <= @maintenant
                """, new { maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        }

        foreach (var id in dues)
        {
            await MettreAJourAsync(id, ct);
        }
    }

    /// <summary>The legal guardians of the établissement's pupils now: the electoral list, each person once.</summary>
    public async Task<Guid[]> ElecteursAsync(Guid etablissementId, CancellationToken ct)
    {
        var eleves = await annuaire.ListerPersonnesAsync(etablissementId, Profils.Eleve, ct);
        if (eleves.Count == 0)
        {
            return [];
        }

        return [.. (await annuaire.ListerResponsablesLegauxAsync([.. eleves.Select(e => e.Id)], ct)).Select(r => r.ResponsableId).Distinct()];
    }

    private async Task FigerAsync(NpgsqlConnection conn, Guid id, Guid etablissementId, DateTimeOffset maintenant, CancellationToken ct)
    {
        var electeurs = await ElecteursAsync(etablissementId, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The row lock makes the freeze happen once, whoever (job or request, any instance) gets there first.
        var dejaFige = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT electeurs_figes_le IS NOT NULL FROM communication.election WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (dejaFige)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO communication.election_electeur (election_id, personne_id) SELECT @id, p FROM unnest(@electeurs) AS p ON CONFLICT DO NOTHING;
            UPDATE communication.election SET electeurs_figes_le = @maintenant, nombre_electeurs = cardinality(@electeurs) WHERE id = @id;
            """, new { id, electeurs, maintenant }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Seals the urn at closing, in one statement: every ballot deleted and written again under a new random key, in key
    /// order. The rows written at the vote shared their transaction id (xmin) with the elector's émargement and sat in
    /// voting order; the new ones all carry the sealing's xmin and sit in an order that owes nothing to the vote. The
    /// dead versions are then vacuumed away (best effort: an old snapshot held elsewhere can delay it).
    /// </summary>
    private static async Task ScellerAsync(NpgsqlConnection conn, Guid id, DateTimeOffset maintenant, CancellationToken ct)
    {
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var dejaScellee = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT scellee_le IS NOT NULL FROM communication.election WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
            if (dejaScellee)
            {
                return;
            }

            await conn.ExecuteAsync(new CommandDefinition("""
                WITH anciens AS (DELETE FROM communication.election_urne WHERE election_id = @id RETURNING liste_id, empreinte_recu),
                     nouveaux AS (SELECT gen_random_uuid() AS cle, liste_id, empreinte_recu FROM anciens)
                INSERT INTO communication.election_urne (cle, election_id, liste_id, empreinte_recu)
                SELECT cle, @id, liste_id, empreinte_recu FROM nouveaux ORDER BY cle;
                UPDATE communication.election SET scellee_le = @maintenant WHERE id = @id;
                """, new { id, maintenant }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("VACUUM communication.election_urne", cancellationToken: ct));
        }
        catch (PostgresException)
        {
            // Autovacuum will do it; the live rows already link no one.
        }
    }

    /// <summary>A receipt: 80 random bits, as four groups of four letters and digits (no 0/O, 1/I confusion).</summary>
    public static string NouveauRecu()
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<byte> octets = stackalloc byte[16];
        RandomNumberGenerator.Fill(octets);
        var texte = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                texte.Append('-');
            }

            texte.Append(Alphabet[octets[i] % Alphabet.Length]);
        }

        return texte.ToString();
    }

    /// <summary>What the urn keeps of a receipt: SHA-256 of the election and the receipt (spaces, dashes and case ignored).</summary>
    public static byte[] Empreinte(Guid electionId, string recu)
    {
        var normalise = new string([.. recu.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return SHA256.HashData(Encoding.UTF8.GetBytes($"{electionId:N}:{normalise}"));
    }

    public static string Introuvable(Guid id) => $"Aucune élection ne correspond à {id}.";

    /// <summary>403 with a French reason: the election is known to the caller, what they ask is not available to them (yet).</summary>
    public static ProblemHttpResult Refus(string detail, string type) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé", type: "urn:ent:probleme:" + type);
}
