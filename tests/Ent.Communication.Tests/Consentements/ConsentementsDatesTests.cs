using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Consentements;

/// <summary>The demo lycée with the clock pinned on a given morning, Paris time (it then runs on).</summary>
public abstract class ConsentementsDateApp(DateTimeOffset depart) : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    public DateTimeOffset Depart => depart;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(depart.ToUniversalTime())));
    }
}

/// <summary>The last day of a school year: the outing asked falls in the next one.</summary>
public sealed class ConsentementsLe31AoutApp() : ConsentementsDateApp(new DateTimeOffset(2027, 8, 31, 10, 0, 0, TimeSpan.FromHours(2)));

/// <summary>The first day of a school year (rentrée).</summary>
public sealed class ConsentementsLe1erSeptembreApp() : ConsentementsDateApp(new DateTimeOffset(2027, 9, 1, 10, 0, 0, TimeSpan.FromHours(2)));

/// <summary>New Year's Day: the outing, three weeks ahead, is in the new civil year.</summary>
public sealed class ConsentementsLe1erJanvierApp() : ConsentementsDateApp(new DateTimeOffset(2027, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)));

/// <summary>
/// The whole chain on the days where school-year and civil-year boundaries could bite: the demo outing is ahead with its
/// deadline still open, a teacher asks their class, a guardian signs, the teacher's list shows it, the statement names
/// the outing's day in Paris time.
/// </summary>
public static class ChaineConsentement
{
    private sealed record Cree(Guid Id, int Eleves, int Responsables);

    public static async Task VerifierAsync(ConsentementsDateApp app)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var maintenant = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        // The demo's outing: three weeks ahead, answers still open, a few already signed.
        var demo = Ent.Kernel.Demo.DemoIds.Of("consentement", "orsay-2nde1");
        var (debutDemo, limiteDemo) = await conn.QuerySingleAsync<(DateTimeOffset, DateTimeOffset)>(
            "SELECT debut, date_limite FROM communication.consentement WHERE id = @demo", new { demo });
        Assert.True(limiteDemo > maintenant && debutDemo > limiteDemo && debutDemo < maintenant.AddDays(22));

        var seconde1 = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = '2NDE1'");
        var debut = maintenant.AddDays(21);
        var reponse = await app.ClientConnecte("prof.01").PostAsJsonAsync("/api/communication/etablissements/0750000A/consentements", new
        {
            titre = "Sortie d'un jour charnière", description = "Visite.", lieu = "Paris", debut, fin = debut.AddHours(6), coutCentimes = 0,
            dateLimite = maintenant.AddDays(14), classes = new[] { seconde1 },
        });
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
        var cree = await reponse.ReadAsync<Cree>();
        Assert.True(cree.Eleves > 0);

        var (eleve, login) = await conn.QueryFirstAsync<(Guid, string)>("""
            SELECT f.eleve_id, k.identifiant FROM communication.consentement_famille f JOIN identite.compte k ON k.personne_id = f.responsable_id
            WHERE f.consentement_id = @id ORDER BY f.eleve_id, k.identifiant
            """, new { id = cree.Id });
        var signee = await app.ClientConnecte(login).PutAsJsonAsync($"/api/communication/consentements/{cree.Id}/eleves/{eleve}/reponse",
            new { accord = true, jeCertifie = true });
        Assert.Equal(HttpStatusCode.OK, signee.StatusCode);
        var jour = TimeZoneInfo.ConvertTime(debut, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"))
            .ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        Assert.Contains(jour, (string?)(await signee.ReadJsonAsync())["attestation"], StringComparison.Ordinal);

        var suivi = await (await app.ClientConnecte("prof.01").GetAsync($"/api/communication/consentements/{cree.Id}/suivi")).ReadJsonAsync();
        Assert.Equal(1, (int)suivi["accordes"]!);
        Assert.Contains(suivi["lignes"]!.AsArray(), l => (string?)l!["eleveId"] == eleve.ToString() && (string?)l["statut"] == "accorde");
    }
}

public sealed class ConsentementsLe31AoutTests(ConsentementsLe31AoutApp app) : IClassFixture<ConsentementsLe31AoutApp>
{
    [Fact]
    public Task The_chain_holds_on_31_August() => ChaineConsentement.VerifierAsync(app);
}

public sealed class ConsentementsLe1erSeptembreTests(ConsentementsLe1erSeptembreApp app) : IClassFixture<ConsentementsLe1erSeptembreApp>
{
    [Fact]
    public Task The_chain_holds_on_1_September() => ChaineConsentement.VerifierAsync(app);
}

public sealed class ConsentementsLe1erJanvierTests(ConsentementsLe1erJanvierApp app) : IClassFixture<ConsentementsLe1erJanvierApp>
{
    [Fact]
    public Task The_chain_holds_on_1_January() => ChaineConsentement.VerifierAsync(app);
}
