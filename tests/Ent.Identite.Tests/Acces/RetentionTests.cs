using Dapper;
using Ent.Identite.Acces;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Acces;

/// <summary>An instance configured with a retention of 30 days.</summary>
public sealed class Retention30App : EntApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:JournalAcces:RetentionJours"] = "30",
    };
}

public sealed class RetentionTests(Retention30App app) : IClassFixture<Retention30App>
{
    [Fact]
    public async Task The_retention_is_configurable()
    {
        var eleve = Guid.NewGuid();
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.journal_acces (le, client_id, eleve_id, domaine, action, quoi)
                SELECT now() - make_interval(days => d), 'appli', @eleve, 'messages', 'lecture', d::text
                FROM unnest(ARRAY[31, 29]) d
                """, new { eleve });
        }

        await app.Services.GetRequiredService<JournalAcces>().PurgerAsync(CancellationToken.None);

        await using var read = await db.OpenConnectionAsync();
        Assert.Equal(["29"], await read.QueryAsync<string>("SELECT quoi FROM identite.journal_acces WHERE eleve_id = @eleve", new { eleve }));
    }
}
