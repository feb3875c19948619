using Npgsql;

namespace Ent.Kernel.Database;

/// <summary>
/// Holds the application's <see cref="NpgsqlDataSource"/>. It exists only once the database is known (a configured
/// server, or the embedded cluster once started), so that building the host — e.g. to write the OpenAPI document —
/// never needs a database.
/// </summary>
public sealed class EntDatabase : IAsyncDisposable
{
    /// <summary>How many statements each connection keeps prepared unless the connection string says otherwise.</summary>
    public const int MaxAutoPrepareParDefaut = 64;

    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("La base de données n'est pas encore prête.");

    public bool IsReady => _dataSource is not null;

    /// <summary>True when Ent started its own embedded cluster (no connection string configured).</summary>
    public bool IsEmbedded { get; private set; }

    internal void Open(string connectionString, bool embedded)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "ent";
        // Statements prepared on each pooled connection after their first uses: the server skips parsing and planning
        // the same few dozen queries on every request (issue #6: a guardian's home page +19% throughput). A connection
        // string that sets it (0 turns it off) wins.
        var donnee = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!donnee.ContainsKey("Max Auto Prepare") && !donnee.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = MaxAutoPrepareParDefaut;
        }

        _dataSource = builder.Build();
        IsEmbedded = embedded;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
