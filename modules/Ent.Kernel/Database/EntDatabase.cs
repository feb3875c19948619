using Npgsql;

namespace Ent.Kernel.Database;

/// <summary>
/// Holds the application's <see cref="NpgsqlDataSource"/>. It exists only once the database is known (a configured
/// server, or the embedded cluster once started), so that building the host — e.g. to write the OpenAPI document —
/// never needs a database.
/// </summary>
public sealed class EntDatabase : IAsyncDisposable
{
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
