using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests;

/// <summary>
/// Retention (issue 18): the outbox's rows go 92 days after they left (delivered, failed, cancelled), never while they
/// wait; in-app notifications a year after their creation, read or not. Each purge deletes only what is older than its
/// retention at the instant given, and a second run deletes nothing more.
/// </summary>
public sealed class PurgesRetentionTests(EntApp app) : IClassFixture<EntApp>
{
    private IPurgeRetention Purge(string nom) => app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == nom);

    [Fact]
    public async Task Outbox_rows_go_92_days_after_they_left_never_while_they_wait()
    {
        var maintenant = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);
        var cle = $"test-purge:{Guid.NewGuid():N}";
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        // (suffix, status, left on)
        var lignes = new (string Suffixe, string Statut, DateTimeOffset? Parti, DateTimeOffset Cree)[]
        {
            ("ancien-envoye", "envoye", maintenant.AddDays(-93), maintenant.AddDays(-93)),
            ("ancien-echec", "echec", null, maintenant.AddDays(-100)),
            ("ancien-annule", "annule", null, maintenant.AddDays(-120)),
            ("recent-remis", "remis", maintenant.AddDays(-91), maintenant.AddDays(-95)),
            ("ancien-en-attente", "en_attente", null, maintenant.AddDays(-200)),
        };
        foreach (var l in lignes)
        {
            await conn.ExecuteAsync("""
                INSERT INTO communication.message_sortant (id, cree_le, canal, adresse, sujet, texte, cle_idempotence, statut, envoye_le, remis_le)
                VALUES (gen_random_uuid(), @cree, 'sms', '+33600000000', 'Sujet', 'Texte', @cle, @statut, @parti, CASE WHEN @statut = 'remis' THEN @parti END)
                """, new { cree = l.Cree, cle = $"{cle}:{l.Suffixe}", statut = l.Statut, parti = l.Parti });
        }

        var purge = Purge("communication.message_sortant");
        Assert.Contains("92 jours", purge.Duree, StringComparison.Ordinal);
        Assert.True(await purge.PurgerAsync(maintenant, CancellationToken.None) >= 3);
        var restants = (await conn.QueryAsync<string>("SELECT cle_idempotence FROM communication.message_sortant WHERE cle_idempotence LIKE @motif",
            new { motif = $"{cle}:%" })).Select(c => c[(cle.Length + 1)..]).Order().ToArray();
        Assert.Equal(["ancien-en-attente", "recent-remis"], restants);
        Assert.Equal(0, await purge.PurgerAsync(maintenant, CancellationToken.None));
    }

    [Fact]
    public async Task Notifications_go_a_year_after_their_creation_read_or_not()
    {
        var maintenant = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);
        var destinataire = Guid.NewGuid();
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        foreach (var (jours, lue) in new[] { (366, true), (400, false), (364, false) })
        {
            await conn.ExecuteAsync("""
                INSERT INTO communication.notification (id, destinataire_id, categorie, titre, texte, cle, visible_le, cree_le, lue_le)
                VALUES (gen_random_uuid(), @destinataire, 'notes', 'Titre', 'Texte', @cle, @cree, @cree, CASE WHEN @lue THEN @cree END)
                """, new { destinataire, cle = $"test:{jours}", cree = maintenant.AddDays(-jours), lue });
        }

        var purge = Purge("communication.notification");
        Assert.True(await purge.PurgerAsync(maintenant, CancellationToken.None) >= 2);
        Assert.Equal(["test:364"], (await conn.QueryAsync<string>(
            "SELECT cle FROM communication.notification WHERE destinataire_id = @destinataire", new { destinataire })).ToArray());
        Assert.Equal(0, await purge.PurgerAsync(maintenant, CancellationToken.None));
    }
}
