using Dapper;
using Ent.Kernel.Database;
using Ent.Kernel.Modules;
using Ent.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ent.Host.Tests;

/// <summary>Migrations apply in one transaction, once, in order; a failure leaves the database as it was.</summary>
public sealed class MigrationRunnerTests
{
    private static async Task<NpgsqlDataSource> FreshDatabaseAsync() =>
        NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync("migrations"));

    private static MigrationRunner Runner(NpgsqlDataSource db, params EntModule[] modules) =>
        new(db, modules, NullLogger<MigrationRunner>.Instance);

    private static async Task<bool> SchemaExistsAsync(NpgsqlDataSource db, string schema)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", new { schema });
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_database_as_it_was_and_says_which_one()
    {
        await using var db = await FreshDatabaseAsync();
        var good = new EntModule("A", "module_a", [new Migration(1, "0001_a.sql", "CREATE TABLE t (x int);")]);
        var broken = new EntModule("B", "module_b",
        [
            new Migration(1, "0001_b.sql", "CREATE TABLE u (x int);"),
            new Migration(2, "0002_casse.sql", "ALTER TABLE u ADD COLUMN y nexiste_pas;"),
        ]);

        var e = await Assert.ThrowsAsync<MigrationException>(() => Runner(db, good, broken).RunAsync());

        Assert.Contains("module_b/0002_casse.sql", e.Message, StringComparison.Ordinal);
        Assert.Contains("nexiste_pas", e.Message, StringComparison.Ordinal);
        Assert.Contains("état précédent", e.Message, StringComparison.Ordinal);
        Assert.False(await SchemaExistsAsync(db, "module_a"));
        Assert.False(await SchemaExistsAsync(db, "module_b"));
    }

    [Fact]
    public async Task Each_migration_applies_once_and_is_journaled_in_its_module_schema()
    {
        await using var db = await FreshDatabaseAsync();
        var v1 = new EntModule("A", "module_a", [new Migration(1, "0001_a.sql", "CREATE TABLE t (x int);")]);
        var v2 = new EntModule("A", "module_a",
        [
            new Migration(1, "0001_a.sql", "CREATE TABLE t (x int);"),
            new Migration(2, "0002_a.sql", "INSERT INTO t VALUES (42);"),
        ]);

        Assert.Equal(1, await Runner(db, v1).RunAsync());
        Assert.Equal(1, await Runner(db, v2).RunAsync());
        Assert.Equal(0, await Runner(db, v2).RunAsync());

        await using var conn = await db.OpenConnectionAsync();
        Assert.Equal(42, await conn.ExecuteScalarAsync<int>("SELECT x FROM module_a.t"));
        Assert.Equal([1, 2], await conn.QueryAsync<int>("SELECT numero FROM module_a.journal_migrations ORDER BY numero"));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_stops_start_up()
    {
        await using var db = await FreshDatabaseAsync();
        await Runner(db, new EntModule("A", "module_a", [new Migration(1, "0001_a.sql", "CREATE TABLE t (x int);")])).RunAsync();

        var edited = new EntModule("A", "module_a", [new Migration(1, "0001_a.sql", "CREATE TABLE t (x bigint);")]);
        var e = await Assert.ThrowsAsync<MigrationException>(() => Runner(db, edited).RunAsync());

        Assert.Contains("modifiée après avoir été appliquée", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_starting_together_apply_each_migration_once()
    {
        await using var db = await FreshDatabaseAsync();
        var module = new EntModule("A", "module_a",
            [new Migration(1, "0001_a.sql", "CREATE TABLE t (x int); SELECT pg_sleep(0.3); INSERT INTO t VALUES (1);")]);

        var applied = await Task.WhenAll(Runner(db, module).RunAsync(), Runner(db, module).RunAsync());

        Assert.Equal(1, applied.Sum());
        await using var conn = await db.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM module_a.t"));
    }

    [Fact]
    public void Migrations_are_read_in_number_order_from_the_module_assembly()
    {
        var migrations = Migration.Of(typeof(Ent.Identite.IdentiteModule).Assembly);

        Assert.NotEmpty(migrations);
        Assert.Equal("0001_annuaire.sql", migrations[0].Name);
        Assert.Equal(migrations.Select(m => m.Number).Order(), migrations.Select(m => m.Number));
    }
}
