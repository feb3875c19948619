using System.Text.RegularExpressions;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Rgpd;

/// <summary>
/// The register of processing (docs/registre-des-traitements/) is kept true by the database itself: every table of
/// every schema Ent's migrations create must be described in one of its files, once, and no file describes a table that
/// does not exist (a table renamed or dropped leaves no stale line).
/// </summary>
public sealed partial class RegistreTraitementsTests(EntApp app) : IClassFixture<EntApp>
{
    // A table's line: its first cell is the table's qualified name in backquotes, e.g. | `identite.personne` | … |
    [GeneratedRegex(@"^\|\s*`(?<table>[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex LigneTable();

    public static Dictionary<string, List<string>> TablesDuRegistre()
    {
        var dossier = Path.Combine(Http.RepositoryRoot(), "docs", "registre-des-traitements");
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var fichier in Directory.EnumerateFiles(dossier, "*.md").Where(f => Path.GetFileName(f) != "README.md"))
        {
            foreach (Match m in LigneTable().Matches(File.ReadAllText(fichier)))
            {
                var table = m.Groups["table"].Value;
                if (!tables.TryGetValue(table, out var fichiers))
                {
                    tables[table] = fichiers = [];
                }

                fichiers.Add(Path.GetFileName(fichier));
            }
        }

        return tables;
    }

    private async Task<List<string>> TablesDeLaBaseAsync()
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        // Every ordinary or partitioned table of every schema but PostgreSQL's own, the migrations' journals included.
        return (await conn.QueryAsync<string>("""
            SELECT n.nspname || '.' || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'
            ORDER BY 1
            """)).AsList();
    }

    [Fact]
    public async Task Every_table_of_the_database_is_in_the_register_once()
    {
        var base_ = await TablesDeLaBaseAsync();
        var registre = TablesDuRegistre();

        Assert.NotEmpty(base_);
        var absentes = base_.Where(t => !registre.ContainsKey(t)).ToList();
        Assert.True(absentes.Count == 0,
            $"Tables absentes du registre des traitements (docs/registre-des-traitements/) : {string.Join(", ", absentes)}");
        var doublons = registre.Where(kv => kv.Value.Count > 1).Select(kv => $"{kv.Key} ({string.Join(", ", kv.Value)})").ToList();
        Assert.True(doublons.Count == 0, $"Tables décrites plusieurs fois dans le registre : {string.Join("; ", doublons)}");
    }

    [Fact]
    public async Task The_register_describes_no_table_that_does_not_exist()
    {
        var base_ = (await TablesDeLaBaseAsync()).ToHashSet(StringComparer.Ordinal);

        var inconnues = TablesDuRegistre().Keys.Where(t => !base_.Contains(t)).Order(StringComparer.Ordinal).ToList();

        Assert.True(inconnues.Count == 0, $"Le registre décrit des tables qui n'existent pas : {string.Join(", ", inconnues)}");
    }
}
