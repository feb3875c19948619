using System.Net;
using Dapper;
using Ent.Identite.Acces;
using Ent.Identite.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Acces;

/// <summary>The access log: one row per access, append-only in the database itself, purged after its retention.</summary>
public sealed class JournalAccesTests(AccesApp app) : IClassFixture<AccesApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private IJournalAcces Journal => app.Services.GetRequiredService<IJournalAcces>();

    private sealed record Ligne(Guid? PersonneId, string? ClientId, Guid EleveId, Guid? EtablissementId, string Domaine,
        string Action, string Quoi, string? Adresse, DateTime Le);

    private async Task<List<Ligne>> LignesAsync(Guid eleveId)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<Ligne>("""
            SELECT personne_id, client_id, eleve_id, etablissement_id, domaine, action, quoi, host(adresse) AS adresse, le
            FROM identite.journal_acces WHERE eleve_id = @eleveId ORDER BY id
            """, new { eleveId })).AsList();
    }

    [Fact]
    public async Task An_access_appends_one_row_with_who_when_which_pupil_what_and_from_where()
    {
        var eleve = app.Personnes["élève hors groupe"];
        var avant = DateTime.UtcNow.AddSeconds(-5);

        await Journal.NoterAsync(new AccesDonnees(app.Personnes["cpe"], null, eleve, Domaine.VieScolaire, ActionAcces.Lecture,
            "ListerAbsencesEleve", IPAddress.Parse("192.0.2.10")), CancellationToken.None);
        await Journal.NoterAsync(new AccesDonnees(null, "appli-tierce", eleve, Domaine.TravailScolaire, ActionAcces.Modification,
            "SaisirNote", IPAddress.IPv6Loopback, app.AutreEtablissementId), CancellationToken.None);

        var lignes = await LignesAsync(eleve);
        Assert.Equal(2, lignes.Count);
        var lecture = lignes[0];
        Assert.Equal(app.Personnes["cpe"], lecture.PersonneId);
        Assert.Null(lecture.ClientId);
        Assert.Equal(app.DemoEtablissementId, lecture.EtablissementId); // the pupil's own, when the caller gives none
        Assert.Equal(("vie_scolaire", "lecture", "ListerAbsencesEleve", "192.0.2.10"), (lecture.Domaine, lecture.Action, lecture.Quoi, lecture.Adresse));
        Assert.InRange(lecture.Le, avant, DateTime.UtcNow.AddSeconds(5));
        var modification = lignes[1];
        Assert.Equal((null, "appli-tierce", app.AutreEtablissementId), (modification.PersonneId, modification.ClientId, modification.EtablissementId));
        Assert.Equal(("travail_scolaire", "modification", "::1"), (modification.Domaine, modification.Action, modification.Adresse));
    }

    [Fact]
    public async Task Concurrent_accesses_share_statements_and_each_returns_once_its_row_is_committed()
    {
        var eleve = Guid.NewGuid();
        var acces = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await Journal.NoterAsync(new AccesDonnees(app.Personnes["cpe"], null, eleve, Domaine.VieScolaire, ActionAcces.Lecture,
                $"Lecture{i}", IPAddress.Loopback), CancellationToken.None);
            // Returned: the row is committed and visible to any other connection.
            await using var conn = await Db.OpenConnectionAsync();
            return await conn.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @eleve AND quoi = @quoi", new { eleve, quoi = $"Lecture{i}" });
        })).ToList();

        Assert.All(await Task.WhenAll(acces), n => Assert.Equal(1, n));
        await using var conn = await Db.OpenConnectionAsync();
        var (lignes, transactions) = await conn.QuerySingleAsync<(long, long)>(
            "SELECT count(*), count(DISTINCT xmin::text) FROM identite.journal_acces WHERE eleve_id = @eleve", new { eleve });
        Assert.Equal(200, lignes);
        Assert.True(transactions < lignes, $"{transactions} commits for {lignes} rows: no statement was shared");
    }

    [Fact]
    public async Task A_request_whose_row_is_refused_fails_alone_and_the_others_of_its_statement_are_written()
    {
        var eleve = Guid.NewGuid();
        // quoi longer than the 100 characters the table accepts: that request's INSERT fails, as it would on its own.
        var acces = Enumerable.Range(0, 60).Select(i => Task.Run(() => Journal.NoterAsync(new AccesDonnees(app.Personnes["cpe"], null, eleve,
            Domaine.VieScolaire, ActionAcces.Lecture, i == 30 ? new string('x', 101) : $"Lecture{i}", null), CancellationToken.None))).ToList();

        var echec = await Assert.ThrowsAsync<PostgresException>(() => acces[30]);
        Assert.Equal(PostgresErrorCodes.CheckViolation, echec.SqlState);
        await Task.WhenAll(acces.Where((_, i) => i != 30));
        Assert.Equal(59, (await LignesAsync(eleve)).Count);
    }

    [Theory]
    [InlineData("UPDATE identite.journal_acces SET quoi = 'effacé' WHERE eleve_id = @eleveId")]
    [InlineData("DELETE FROM identite.journal_acces WHERE eleve_id = @eleveId")]
    [InlineData("TRUNCATE identite.journal_acces")]
    public async Task The_database_refuses_to_change_or_delete_the_log(string sql)
    {
        var eleve = Guid.NewGuid();
        await Journal.NoterAsync(new AccesDonnees(app.Personnes["direction"], null, eleve, Domaine.Identite, ActionAcces.Lecture,
            "ObtenirEleve", null), CancellationToken.None);

        await using var conn = await Db.OpenConnectionAsync();
        var refus = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql, new { eleveId = eleve }));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refus.SqlState);
        Assert.Contains("ajout seul", refus.MessageText, StringComparison.Ordinal);
        var ligne = Assert.Single(await LignesAsync(eleve));
        Assert.Equal("ObtenirEleve", ligne.Quoi);
    }

    [Fact]
    public async Task The_purge_removes_only_rows_older_than_the_retention()
    {
        var eleve = Guid.NewGuid();
        await using (var conn = await Db.OpenConnectionAsync())
        {
            // Rows of the past are written directly: the log accepts any INSERT, it refuses only changes.
            await conn.ExecuteAsync("""
                INSERT INTO identite.journal_acces (le, personne_id, eleve_id, domaine, action, quoi)
                SELECT now() - make_interval(days => d), @personne, @eleve, 'sante', 'lecture', 'il y a ' || d || ' jours'
                FROM unnest(ARRAY[1000, 366, 364, 10]) d
                """, new { personne = app.Personnes["infirmier"], eleve });
        }

        var supprimees = await app.Services.GetRequiredService<JournalAcces>().PurgerAsync(CancellationToken.None);

        Assert.True(supprimees >= 2, $"{supprimees} row(s) purged");
        Assert.Equal(["il y a 364 jours", "il y a 10 jours"], (await LignesAsync(eleve)).Select(l => l.Quoi));
    }

    [Fact]
    public async Task Outside_the_purge_a_delete_stays_refused_in_the_same_session()
    {
        var eleve = Guid.NewGuid();
        await Journal.NoterAsync(new AccesDonnees(app.Personnes["cpe"], null, eleve, Domaine.VieScolaire, ActionAcces.Lecture, "X", null),
            CancellationToken.None);
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteScalarAsync<long>("SELECT identite.purger_journal_acces(now() - interval '1 year')");

        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(
            "DELETE FROM identite.journal_acces WHERE eleve_id = @eleve", new { eleve }));
    }
}
