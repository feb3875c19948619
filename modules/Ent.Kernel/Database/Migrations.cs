using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Kernel.Modules;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Kernel.Database;

/// <summary>A numbered SQL script embedded in a module's assembly as Migrations/NNNN_name.sql.</summary>
public sealed partial record Migration(int Number, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static IReadOnlyList<Migration> Of(Assembly assembly)
    {
        var found = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            found.Add(new Migration(int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value + ".sql", reader.ReadToEnd()));
        }

        var duplicate = found.GroupBy(m => m.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"Deux migrations portent le numéro {duplicate.Key} dans {assembly.GetName().Name}.");
        }

        return [.. found.OrderBy(m => m.Number)];
    }

    [GeneratedRegex(@"\.Migrations\.(?<name>(?<n>\d{4})_[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();
}

/// <summary>
/// Applies every module's pending migrations at start-up, in one transaction: a failing script leaves the database
/// exactly as it was. Each module's journal lives in its own schema. An advisory lock lets several host instances
/// start at once. A script already applied must never change: a different checksum stops start-up.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<EntModule> modules, ILogger<MigrationRunner> log)
{
    private const long LockKey = 0x456E745F6D6967; // "Ent_mig"

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));

        var applied = 0;
        foreach (var module in modules)
        {
            applied += await MigrateAsync(conn, tx, module, ct);
        }

        await tx.CommitAsync(ct);
        return applied;
    }

    private async Task<int> MigrateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, EntModule module, CancellationToken ct)
    {
        var schema = module.Schema; // checked against ^[a-z][a-z_]+$ by EntModule: safe as an identifier
        await conn.ExecuteAsync(new CommandDefinition($"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.journal_migrations (
                numero integer PRIMARY KEY,
                nom text NOT NULL,
                somme_controle text NOT NULL,
                appliquee_le timestamptz NOT NULL DEFAULT now()
            );
            """, transaction: tx, cancellationToken: ct));

        var journal = (await conn.QueryAsync<(int Numero, string Nom, string SommeControle)>(new CommandDefinition(
            $"SELECT numero, nom, somme_controle FROM {schema}.journal_migrations", transaction: tx, cancellationToken: ct)))
            .ToDictionary(j => j.Numero);

        var count = 0;
        foreach (var migration in module.Migrations)
        {
            if (journal.TryGetValue(migration.Number, out var done))
            {
                if (done.SommeControle != migration.Checksum)
                {
                    throw new MigrationException(
                        $"La migration {schema}/{migration.Name} a été modifiée après avoir été appliquée. " +
                        "Une migration livrée ne se modifie jamais : écrivez-en une nouvelle.");
                }

                continue;
            }

            try
            {
                // Unqualified names land in the module's own schema.
                await conn.ExecuteAsync(new CommandDefinition($"SET LOCAL search_path TO {schema}", transaction: tx, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, commandTimeout: 600, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO {schema}.journal_migrations (numero, nom, somme_controle) VALUES (@Number, @Name, @Checksum)",
                    migration, tx, cancellationToken: ct));
            }
            catch (PostgresException e)
            {
                throw new MigrationException(
                    $"La migration {schema}/{migration.Name} a échoué : {e.MessageText}" +
                    (e.Position > 0 ? $" (caractère {e.Position})" : string.Empty) +
                    ". La base de données est restée dans son état précédent ; Ent ne démarre pas.", e);
            }

            LogApplied(log, schema, migration.Name);
            count++;
        }

        await conn.ExecuteAsync(new CommandDefinition("RESET search_path", transaction: tx, cancellationToken: ct));
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration {Schema}/{Name} appliquée")]
    private static partial void LogApplied(ILogger logger, string schema, string name);
}

public sealed class MigrationException : Exception
{
    public MigrationException(string message) : base(message) { }

    public MigrationException(string message, Exception inner) : base(message, inner) { }
}
