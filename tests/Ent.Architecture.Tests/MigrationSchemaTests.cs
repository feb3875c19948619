using System.Reflection;
using Dapper;
using Ent.Kernel.Database;
using Ent.Kernel.Modules;
using Ent.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ent.Architecture.Tests;

/// <summary>
/// A module's migrations create and alter objects in its own schema only. PostgreSQL itself reports what each
/// migration did (an event trigger on ddl_command_end), so the check does not depend on parsing SQL.
/// </summary>
public sealed class MigrationSchemaTests
{
    private const string RecordDdl = """
        CREATE TABLE public.ddl_journal (commande text, type_objet text, schema text, identite text);
        CREATE FUNCTION public.noter_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO public.ddl_journal
            SELECT command_tag, object_type, schema_name, object_identity FROM pg_event_trigger_ddl_commands();
        END $$;
        CREATE EVENT TRIGGER noter_ddl ON ddl_command_end EXECUTE FUNCTION public.noter_ddl();
        """;

    private sealed record Ddl(string Commande, string TypeObjet, string? Schema, string Identite);

    private static async Task<IReadOnlyList<Ddl>> DdlOfAsync(EntModule module)
    {
        await using var db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync("arch"));
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync(RecordDdl);
        }

        await new MigrationRunner(db, [module], NullLogger<MigrationRunner>.Instance).RunAsync();
        await using var read = await db.OpenConnectionAsync();
        return [.. await read.QueryAsync<Ddl>("SELECT commande, type_objet AS typeobjet, schema, identite FROM public.ddl_journal")];
    }

    /// <summary>
    /// The schema an object lives in. PostgreSQL reports none for a trigger (it belongs to its table): its identity,
    /// "name on schema.table", names the table's.
    /// </summary>
    private static string? SchemaOf(Ddl d) => d.TypeObjet switch
    {
        "schema" => d.Identite,
        "trigger" when d.Schema is null => d.Identite.Split(" on ", 2) is [_, var table] ? table.Split('.')[0] : null,
        _ => d.Schema,
    };

    private static EntModule ModuleOf(Assembly assembly) =>
        (EntModule)assembly.GetExportedTypes().Single()
            .GetField("Module", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    public static TheoryData<string> Assemblies() => ModuleIsolationTests.Assemblies();

    [Theory]
    [MemberData(nameof(Assemblies))]
    public async Task A_module_migrations_touch_only_its_schema(string name)
    {
        var module = ModuleOf(ModuleIsolationTests.ModuleAssemblies.Single(a => a.GetName().Name == name));

        var ddl = await DdlOfAsync(module);

        Assert.NotEmpty(ddl);
        var outside = ddl.Where(d => SchemaOf(d) != module.Schema).ToList();
        Assert.True(outside.Count == 0,
            $"{name} touches objects outside schema {module.Schema}: " + string.Join(", ", outside.Select(d => $"{d.Commande} {d.Identite}")));
    }

    [Fact]
    public async Task The_check_sees_a_migration_that_reaches_into_another_schema()
    {
        var intruder = new EntModule("Intrus", "intrus",
        [
            new Migration(1, "0001_intrus.sql", """
                CREATE TABLE t (x int); CREATE SCHEMA autre; CREATE TABLE autre.t (x int);
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER ici BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
                CREATE TRIGGER la BEFORE INSERT ON autre.t FOR EACH ROW EXECUTE FUNCTION f();
                """),
        ]);

        var ddl = await DdlOfAsync(intruder);

        Assert.Contains(ddl, d => SchemaOf(d) == "autre" && d.Identite == "autre.t");
        Assert.Contains(ddl, d => d.TypeObjet == "schema" && SchemaOf(d) == "autre");
        Assert.Contains(ddl, d => d.TypeObjet == "trigger" && SchemaOf(d) == "autre");
        Assert.Contains(ddl, d => d.TypeObjet == "trigger" && SchemaOf(d) == "intrus");
    }
}
