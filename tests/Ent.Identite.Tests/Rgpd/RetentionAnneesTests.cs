using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Testing;
using Ent.VieScolaire.Documents;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Rgpd;

/// <summary>
/// Retention by school year (issue 18), on the whole demo lycée: Scolarité keeps a year's teaching record for the year
/// and the two following, Vie scolaire its attendance record for the year and the next; each is deleted at the rentrée
/// after, not a minute before (Paris time), with everything hanging from it, and a second run deletes nothing.
/// </summary>
public sealed class RetentionAnneesTests(EntApp app) : IClassFixture<EntApp>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private IPurgeRetention Purge(string nom) => app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == nom);

    private static DateTimeOffset ParisA(int annee, int mois, int jour, int heure, int minute)
    {
        var local = new DateTime(annee, mois, jour, heure, minute, 0);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    private static async Task<int> CompterAsync(NpgsqlConnection conn, string sql, object? p = null) => await conn.ExecuteScalarAsync<int>(sql, p);

    [Fact]
    public async Task The_demo_year_teaching_record_goes_at_the_third_rentree_after_it_not_before()
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var annee = await conn.ExecuteScalarAsync<string>("SELECT max(annee_scolaire) FROM scolarite.classe");
        var debut = int.Parse(annee![..4], System.Globalization.CultureInfo.InvariantCulture);
        const string Comptes = """
            SELECT (SELECT count(*) FROM scolarite.classe) + (SELECT count(*) FROM scolarite.inscription_classe)
                 + (SELECT count(*) FROM scolarite.service_enseignement) + (SELECT count(*) FROM scolarite.evaluation)
                 + (SELECT count(*) FROM scolarite.note) + (SELECT count(*) FROM scolarite.periode)
                 + (SELECT count(*) FROM scolarite.seance) + (SELECT count(*) FROM scolarite.devoir)
                 + (SELECT count(*) FROM scolarite.creneau)
            """;
        var avant = await CompterAsync(conn, Comptes);
        Assert.True(await CompterAsync(conn, "SELECT count(*) FROM scolarite.note") > 0, "la démo a des notes");
        var purge = Purge("scolarite.annee_scolaire");

        // 31 August of the third year after, 23:59 in Paris: the year is still among the kept ones (its ticks of
        // homework, of a past year, go).
        await purge.PurgerAsync(ParisA(debut + 3, 8, 31, 23, 59), CancellationToken.None);
        Assert.Equal(avant, await CompterAsync(conn, Comptes));

        // The rentrée: the whole year goes, classes to grades, in its établissement's transaction.
        Assert.True(await purge.PurgerAsync(ParisA(debut + 3, 9, 1, 0, 1), CancellationToken.None) > 0);
        Assert.Equal(0, await CompterAsync(conn, Comptes));
        Assert.Equal(0, await CompterAsync(conn, "SELECT count(*) FROM scolarite.groupe WHERE annee_scolaire = @annee", new { annee }));
        Assert.Equal(0, await CompterAsync(conn, "SELECT count(*) FROM scolarite.appreciation"));
        Assert.Equal(0, await purge.PurgerAsync(ParisA(debut + 3, 9, 1, 0, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Attendance_goes_at_the_second_rentree_after_its_year_with_the_justifications_documents()
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        // The demo's absences are all of its current school year (the Scolarité test may have erased the classes).
        var premier = await conn.ExecuteScalarAsync<DateOnly?>("SELECT min(jour) FROM viescolaire.absence");
        Assert.True(premier is not null, "la démo a des absences");
        var debut = premier!.Value.Month >= 9 ? premier.Value.Year : premier.Value.Year - 1;

        // A justification with its document (a file on disk), decided, covering a demo absence.
        var stockage = app.Services.GetRequiredService<StockageJustificatifs>();
        var ecrit = await stockage.EcrireAsync(new MemoryStream("%PDF-1.4 certificat"u8.ToArray()), CancellationToken.None);
        var (absenceId, eleveId, etablissementId) = await conn.QuerySingleAsync<(Guid, Guid, Guid)>(
            "SELECT id, eleve_id, etablissement_id FROM viescolaire.absence ORDER BY jour LIMIT 1");
        var documentId = Guid.NewGuid();
        var justificatifId = Guid.NewGuid();
        var depose = ParisA(debut, 10, 1, 9, 0);
        await conn.ExecuteAsync("""
            INSERT INTO viescolaire.document (id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@documentId, @nom, 'certificat.pdf', 'application/pdf', @taille, @sha, @eleveId, @depose);
            INSERT INTO viescolaire.justificatif (id, etablissement_id, eleve_id, motif_code, document_id, depose_par, depose_le, statut, decide_par, decide_le)
            SELECT @justificatifId, @etablissementId, @eleveId, (SELECT code FROM viescolaire.motif_absence LIMIT 1), @documentId, @eleveId, @depose, 'accepte', @eleveId, @depose;
            INSERT INTO viescolaire.justificatif_absence (justificatif_id, absence_id) VALUES (@justificatifId, @absenceId);
            """, new { documentId, nom = ecrit.NomStockage, taille = (int)ecrit.Taille, sha = ecrit.Sha256, eleveId, depose, justificatifId, etablissementId, absenceId });
        const string Comptes = """
            SELECT (SELECT count(*) FROM viescolaire.absence) + (SELECT count(*) FROM viescolaire.appel)
                 + (SELECT count(*) FROM viescolaire.appel_eleve) + (SELECT count(*) FROM viescolaire.justificatif)
            """;
        var avant = await CompterAsync(conn, Comptes);
        var purge = Purge("viescolaire.annee_scolaire");

        // The next rentrée: the year is kept, but the decided justification's certificate goes (the decision stays).
        await purge.PurgerAsync(ParisA(debut + 1, 9, 1, 0, 1), CancellationToken.None);
        Assert.Equal(avant, await CompterAsync(conn, Comptes));
        Assert.Null(await conn.ExecuteScalarAsync<Guid?>("SELECT document_id FROM viescolaire.justificatif WHERE id = @justificatifId", new { justificatifId }));
        Assert.Equal(0, await CompterAsync(conn, "SELECT count(*) FROM viescolaire.document WHERE id = @documentId", new { documentId }));
        Assert.Null(stockage.Ouvrir(ecrit.NomStockage));

        // 31 August of the year after next: still kept; the rentrée: gone, roll calls, absences and justifications.
        await purge.PurgerAsync(ParisA(debut + 2, 8, 31, 23, 59), CancellationToken.None);
        Assert.Equal(avant, await CompterAsync(conn, Comptes));
        Assert.True(await purge.PurgerAsync(ParisA(debut + 2, 9, 1, 0, 1), CancellationToken.None) > 0);
        Assert.Equal(0, await CompterAsync(conn, Comptes));
        Assert.Equal(0, await CompterAsync(conn, "SELECT count(*) FROM viescolaire.absence_historique"));
        Assert.Equal(0, await purge.PurgerAsync(ParisA(debut + 2, 9, 1, 0, 1), CancellationToken.None));
    }
}
