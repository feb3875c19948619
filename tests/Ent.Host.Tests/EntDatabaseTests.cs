using Ent.Kernel.Database;
using Npgsql;

namespace Ent.Host.Tests;

/// <summary>The application's data source: statements prepared by default, the connection string's choice kept.</summary>
public sealed class EntDatabaseTests
{
    private static async Task<NpgsqlConnectionStringBuilder> ParametresAsync(string connectionString)
    {
        await using var database = new EntDatabase();
        database.Open(connectionString, embedded: false);
        return new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=ent", EntDatabase.MaxAutoPrepareParDefaut)]
    [InlineData("Host=127.0.0.1;Username=ent;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Username=ent;maxautoprepare=5", 5)]
    public async Task Statements_are_prepared_unless_the_connection_string_says_otherwise(string connectionString, int attendu)
    {
        var parametres = await ParametresAsync(connectionString);

        Assert.Equal(attendu, parametres.MaxAutoPrepare);
        Assert.Equal("ent", parametres.ApplicationName);
    }
}
