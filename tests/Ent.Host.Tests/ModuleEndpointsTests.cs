using System.Net;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>The public endpoints of Scolarité, VieScolaire, Communication and Ressources, on the demo lycée.</summary>
public sealed class ModuleEndpointsTests(EntApp app) : IClassFixture<EntApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_demo_lycee_has_four_classes_of_thirty_pupils()
    {
        var classes = await (await _client.GetAsync("/api/scolarite/etablissements/0750000A/classes")).ReadJsonAsync();

        Assert.Equal(["2NDE1", "2NDE2", "1G1", "TG1"], classes.AsArray().Select(c => (string)c!["code"]!));
        Assert.All(classes.AsArray(), c => Assert.Equal(30, (int)c!["effectif"]!));
        Assert.Equal("Seconde 1", (string?)classes[0]!["libelle"]);
    }

    [Fact]
    public async Task Absence_reasons_come_in_their_order()
    {
        var motifs = await (await _client.GetAsync("/api/viescolaire/motifs-absence")).ReadJsonAsync();

        Assert.Equal("maladie", (string?)motifs[0]!["code"]);
        Assert.Equal("Maladie", (string?)motifs[0]!["libelle"]);
        Assert.Equal(6, motifs.AsArray().Count);
    }

    [Fact]
    public async Task Public_announcements_come_newest_first()
    {
        var annonces = await (await _client.GetAsync("/api/communication/etablissements/0750000A/annonces-publiques")).ReadJsonAsync();

        Assert.Equal(["Réunion parents-professeurs", "Bienvenue sur l'ENT du Lycée démo"], annonces.AsArray().Select(a => (string)a!["titre"]!));
        Assert.True(DateTime.Parse((string)annonces[0]!["publieeLe"]!, System.Globalization.CultureInfo.InvariantCulture)
                    > DateTime.Parse((string)annonces[1]!["publieeLe"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_welcome_announcement_promises_only_what_exists()
    {
        var annonces = await (await _client.GetAsync("/api/communication/etablissements/0750000A/annonces-publiques")).ReadJsonAsync();
        var bienvenue = (string)annonces.AsArray().Single(a => (string)a!["titre"]! == "Bienvenue sur l'ENT du Lycée démo")!["texte"]!;

        Assert.Contains("notes", bienvenue, StringComparison.Ordinal);
        Assert.Contains("justification", bienvenue, StringComparison.Ordinal);
        Assert.Contains("autorisations de sortie", bienvenue, StringComparison.Ordinal);
        Assert.DoesNotContain("cahier de textes", bienvenue, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("message", bienvenue, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("devoirs", bienvenue, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Useful_links_are_https_and_ordered()
    {
        var liens = await (await _client.GetAsync("/api/ressources/etablissements/0750000a/liens-utiles")).ReadJsonAsync();

        Assert.Equal(["Onisep", "Parcoursup", "Éduscol"], liens.AsArray().Select(l => (string)l!["titre"]!));
        Assert.All(liens.AsArray(), l => Assert.StartsWith("https://", (string)l!["url"]!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/scolarite/etablissements/{0}/classes")]
    [InlineData("/api/communication/etablissements/{0}/annonces-publiques")]
    [InlineData("/api/ressources/etablissements/{0}/liens-utiles")]
    public async Task An_unknown_etablissement_is_404_and_a_malformed_uai_400(string route)
    {
        var unknown = await _client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "0999999Z"));
        var malformed = await _client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "lycee"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("0999999Z", (string)(await unknown.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await malformed.ReadJsonAsync())["errors"]!["uai"]);
    }
}
