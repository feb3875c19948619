using System.Net;
using System.Text;
using Dapper;
using Ent.Testing;

namespace Ent.Communication.Tests.Elections;

/// <summary>
/// The host with every log line it writes captured (the console, where Serilog writes, request lines included).
/// </summary>
public sealed class ElectionsAppJournalise : ElectionsApp
{
    private readonly StringWriter _capture = new();
    private TextWriter? _console;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Information: the request log's lines too (one per request), not only warnings.
        ["Serilog:MinimumLevel:Default"] = "Information",
    };

    public override async Task InitializeAsync()
    {
        _console = Console.Out;
        Console.SetOut(TextWriter.Synchronized(new Tee(_console, _capture)));
        await base.InitializeAsync();
    }

    public string Journaux()
    {
        lock (_capture)
        {
            return _capture.ToString();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_console is not null)
        {
            Console.SetOut(_console);
        }
    }

    private sealed class Tee(TextWriter a, StringWriter b) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            a.Write(value);
            lock (b)
            {
                b.Write(value);
            }
        }

        public override void Write(string? value)
        {
            a.Write(value);
            lock (b)
            {
                b.Write(value);
            }
        }
    }
}

/// <summary>
/// The secret of the ballot, checked against everything the run leaves behind (issue 17): after an election is closed
/// and sealed, every table of every schema — its system columns xmin and ctid included —, the access log and the
/// captured log lines hold no link between an elector and their choice. Its own database: the urn's heap is this
/// election's alone.
/// </summary>
public sealed class SecretDuVoteTests(ElectionsAppJournalise app) : IClassFixture<ElectionsAppJournalise>
{
    private sealed record Ligne(string Table, long Xmin, string Ctid, string Texte);

    [Fact]
    public async Task After_closing_no_table_system_column_access_log_or_log_line_links_an_elector_to_a_ballot()
    {
        var election = await app.CreerAsync();
        app.Horloge.Avancer(TimeSpan.FromMinutes(1));
        var parents = await app.ParentsAsync(8);
        var votes = new List<(Guid Electeur, Guid Liste, string Recu)>();
        for (var i = 0; i < parents.Count; i++)
        {
            var liste = election.Listes[i % 3 == 0 ? 1 : 0].Id;
            var reponse = await app.VoterAsync(parents[i], election.Id, liste);
            Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
            votes.Add((await app.PersonneAsync(parents[i]), liste, (await reponse.ReadAsync<ElectionsApp.AVote>()).Recu));
        }

        // During the vote, what README says an operator could learn: each ballot shares its transaction id with its
        // émargement. (This is why the urn is rewritten at closing.)
        var pendant = await app.ScalarAsync<int>("""
            SELECT count(*)::int FROM communication.election_urne u JOIN communication.election_emargement m
            ON m.xmin::text = u.xmin::text WHERE u.election_id = @id
            """, new { id = election.Id });
        Assert.Equal(votes.Count, pendant);

        // It closes; the first request after closing seals the urn (the background job would within seconds).
        app.Horloge.Avancer(TimeSpan.FromMinutes(3));
        Assert.Equal("close", (await app.VueAsync("direction", election.Id)).Etat);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("direction").GetAsync($"/api/communication/elections/{election.Id}/resultats")).StatusCode);

        // Every row of every table of every schema, as text, with its xmin and ctid.
        var tables = await app.ListeAsync<(string, string)>("""
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2
            """);
        Assert.Contains(tables, t => t == ("identite", "journal_acces"));
        var lignes = new List<Ligne>();
        foreach (var (schema, table) in tables)
        {
            lignes.AddRange(await app.ListeAsync<Ligne>($"""
                SELECT '{schema}.{table}' AS table, t.xmin::text::bigint AS xmin, t.ctid::text AS ctid, to_jsonb(t)::text AS texte
                FROM "{schema}"."{table}" t
                """));
        }

        string Hex(byte[] octets) => "\\\\x" + Convert.ToHexString(octets).ToLowerInvariant();
        var electeurs = votes.Select(v => v.Electeur.ToString()).ToArray();
        var listes = election.Listes.Select(l => l.Id.ToString()).ToArray();
        var empreintes = votes.Select(v => Hex(Ent.Communication.Elections.Scrutins.Empreinte(election.Id, v.Recu))).ToArray();
        var urne = lignes.Where(l => l.Table == "communication.election_urne" && l.Texte.Contains(election.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(votes.Count, urne.Count);

        // No row names an elector together with a list or a receipt; no receipt is stored anywhere; the urn names no one.
        foreach (var ligne in lignes)
        {
            var electeur = electeurs.Any(e => ligne.Texte.Contains(e, StringComparison.Ordinal));
            Assert.False(electeur && listes.Any(l => ligne.Texte.Contains(l, StringComparison.Ordinal)), $"{ligne.Table} : {ligne.Texte}");
            Assert.False(electeur && empreintes.Any(h => ligne.Texte.Contains(h, StringComparison.Ordinal)), $"{ligne.Table} : {ligne.Texte}");
            Assert.DoesNotContain(votes, v => ligne.Texte.Contains(v.Recu, StringComparison.Ordinal)
                                              || ligne.Texte.Contains(v.Recu.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
        }

        // xmin: the ballots all carry the sealing's transaction, which wrote no row naming an elector.
        var xminUrne = Assert.Single(urne.Select(l => l.Xmin).Distinct());
        Assert.DoesNotContain(lignes, l => l.Xmin == xminUrne && electeurs.Any(e => l.Texte.Contains(e, StringComparison.Ordinal)));
        var emargements = lignes.Where(l => l.Table == "communication.election_emargement" && l.Texte.Contains(election.Id.ToString(), StringComparison.Ordinal))
            .ToList();
        Assert.Equal(votes.Count, emargements.Count);

        // ctid: the heap order of the ballots is their random key's order, not the voting order.
        var parCtid = urne.OrderBy(l => Ctid(l.Ctid)).Select(l => l.Texte).ToList();
        var cles = await app.ListeAsync<Guid>("SELECT cle FROM communication.election_urne WHERE election_id = @id ORDER BY ctid", new { id = election.Id });
        Assert.Equal(await app.ListeAsync<Guid>("SELECT cle FROM communication.election_urne WHERE election_id = @id ORDER BY cle", new { id = election.Id }), cles);
        Assert.Equal(votes.Count, parCtid.Count);

        // The access log: « a voté » for each elector, never a list, a receipt or a hash (checked above with every table).
        Assert.Equal(votes.Count, await app.ScalarAsync<int>(
            "SELECT count(DISTINCT personne_id)::int FROM identite.journal_acces WHERE quoi = 'VoterElection' AND personne_id = ANY(@ids)",
            new { ids = votes.Select(v => v.Electeur).ToArray() }));

        // The log lines (request lines included): no list, no receipt, no hash.
        var journaux = app.Journaux();
        Assert.Contains($"/api/communication/elections/{election.Id}/vote", journaux, StringComparison.Ordinal);
        foreach (var secret in listes.Concat(votes.Select(v => v.Recu)).Concat(empreintes))
        {
            Assert.DoesNotContain(secret, journaux, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static (int Page, int Ligne) Ctid(string ctid)
    {
        var parties = ctid.Trim('(', ')').Split(',');
        return (int.Parse(parties[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parties[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
