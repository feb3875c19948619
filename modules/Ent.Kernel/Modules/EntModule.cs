using System.Reflection;
using System.Text.RegularExpressions;

namespace Ent.Kernel.Modules;

/// <summary>
/// What the host needs to know of a module: its PostgreSQL schema (created and evolved by the numbered SQL migrations
/// embedded in <see cref="Assembly"/>), and the OpenAPI tag and route prefix of its endpoints.
/// </summary>
public sealed partial record EntModule
{
    public EntModule(string tag, string schema, string description, Assembly assembly)
        : this(tag, schema, description, assembly, null)
    {
    }

    /// <summary>A module whose migrations are given rather than read from its assembly (tests of the runner).</summary>
    internal EntModule(string tag, string schema, IReadOnlyList<Database.Migration> migrations)
        : this(tag, schema, tag, typeof(EntModule).Assembly, migrations)
    {
    }

    private EntModule(string tag, string schema, string description, Assembly assembly, IReadOnlyList<Database.Migration>? migrations)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"Invalid schema name '{schema}'.", nameof(schema));
        }

        Tag = tag;
        Schema = schema;
        Description = description;
        Assembly = assembly;
        _migrations = migrations;
    }

    private readonly IReadOnlyList<Database.Migration>? _migrations;

    /// <summary>The module's numbered SQL scripts, in order.</summary>
    public IReadOnlyList<Database.Migration> Migrations => _migrations ?? Database.Migration.Of(Assembly);

    /// <summary>OpenAPI tag, also the name of the generated TypeScript client (e.g. <c>Identite</c> → IdentiteClient).</summary>
    public string Tag { get; }

    /// <summary>The only schema the module's SQL touches; also its route segment: /api/&lt;schema&gt;.</summary>
    public string Schema { get; }

    /// <summary>French description shown in the API documentation.</summary>
    public string Description { get; }

    public Assembly Assembly { get; }

    public string RoutePrefix => "/api/" + Schema;

    [GeneratedRegex("^[a-z][a-z_]{1,40}$")]
    private static partial Regex SchemaName();
}
