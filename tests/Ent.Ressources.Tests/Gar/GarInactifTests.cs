using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Ressources.Tests.Gar;

/// <summary>
/// An ENT not connected to the GAR (no Ent:Gar:UrlWebService, the demo's case): the screen says so, nothing can be
/// opened, and no pseudonym is made for anyone (nothing is sent anywhere).
/// </summary>
public sealed class GarInactifTests(EntApp app) : IClassFixture<EntApp>
{
    [Fact]
    public async Task The_list_says_the_ENT_is_not_connected_nothing_opens_and_no_pseudonym_is_made()
    {
        using var eleve = app.ClientConnecte("eleve.051");

        var reponse = await eleve.GetAsync("/api/ressources/me/ressources-numeriques");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var liste = await reponse.ReadJsonAsync();
        Assert.False((bool)liste["garActif"]!);
        Assert.Equal(DemoLycee.Uai, (string?)liste["uai"]);
        Assert.Empty(liste["ressources"]!.AsArray());
        Assert.Contains("pas encore relié au GAR", (string?)liste["avertissement"], StringComparison.Ordinal);

        var ouverture = await eleve.PostAsJsonAsync("/api/ressources/me/ressources-numeriques/ouvertures", new { idRessource = "ark:/99999/maths2" });
        Assert.Equal(HttpStatusCode.NotFound, ouverture.StatusCode);
        Assert.Contains("pas encore relié au GAR", (string?)(await ouverture.ReadJsonAsync())["detail"], StringComparison.Ordinal);

        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM ressources.gar_identifiant WHERE personne_id = @id",
            new { id = DemoIds.Of("compte", "eleve.051") }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM ressources.gar_ouverture"));
    }
}
