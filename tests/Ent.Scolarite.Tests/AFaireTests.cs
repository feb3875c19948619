using System.Net;
using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Ent.Scolarite.Tests;

/// <summary>The demo as it stands on 25 November 2026 at 11:00, Paris time (the clock then runs on).</summary>
public sealed class AFaireApp : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero))));
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parametres) ?? throw new InvalidOperationException(sql);
    }

    public async Task ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }
}

/// <summary>
/// The teachers' and the head's work to do (issue #13), with the clock pinned on 25 November 2026: the first trimester
/// ends in five days, so its appraisals and councils are due; the demo has graded and appraised it up to that day and
/// held no council yet. Each test changes its own class or service and reads its own baseline.
/// </summary>
public sealed class AFaireTests(AFaireApp app) : IClassFixture<AFaireApp>
{
    private const string MonAFaire = "/api/scolarite/me/a-faire";
    private const string AFaireLycee = "/api/scolarite/etablissements/0750000A/a-faire";

    private sealed record Evaluation(Guid EvaluationId, Guid ServiceId, Guid PeriodeId, string Titre, DateOnly Date, string Matiere, string Code, int Effectif, int Manquantes);

    private sealed record Appreciations(Guid ServiceId, Guid PeriodeId, string Periode, DateOnly FinPeriode, string Matiere, string Code, int Effectif, int Manquantes);

    private sealed record Conseil(Guid ClasseId, Guid PeriodeId, string Periode, string Code, int Effectif, int AppreciationsGeneralesManquantes, bool ConseilSaisi);

    private sealed record MonTravail(Evaluation[] EvaluationsANoter, Appreciations[] Appreciations, Conseil[] Conseils);

    private sealed record ClasseBulletins(Guid ClasseId, string Code, int Effectif, int AppreciationsManquantes, int AppreciationsGeneralesManquantes, bool ConseilSaisi, bool Prete);

    private sealed record Bulletins(Guid PeriodeId, string Libelle, DateOnly Fin, bool Terminee, ClasseBulletins[] Classes);

    private sealed record TravailLycee(Bulletins[] Bulletins);

    private async Task<T> LireAsync<T>(string qui, string route)
    {
        var response = await app.ClientConnecte(qui).GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<T>();
    }

    private Task<Guid> ServiceAsync(string prof, string classe, string matiere) => app.ScalarAsync<Guid>("""
        SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
        JOIN identite.compte k ON k.personne_id = s.enseignant_id
        WHERE k.identifiant = @prof AND c.code = @classe AND s.matiere_code = @matiere
        """, new { prof, classe, matiere });

    private Task<Guid> T1Async() => app.ScalarAsync<Guid>("SELECT id FROM scolarite.periode WHERE numero = 1");

    [Fact]
    public async Task A_teacher_sees_an_assessment_with_marks_missing_and_how_many()
    {
        var service = await ServiceAsync("prof.01", "2NDE2", "FRANCAIS");
        var evaluation = Guid.NewGuid();
        await app.ExecuterAsync("""
            INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, cree_par)
            SELECT @evaluation, s.id, @periode, '2026-11-24', 'Commentaire composé', 20, s.enseignant_id FROM scolarite.service_enseignement s WHERE s.id = @service;
            INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, saisie_par)
            SELECT @evaluation, i.eleve_id, 12, s.enseignant_id
            FROM scolarite.service_enseignement s JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
            WHERE s.id = @service ORDER BY i.eleve_id LIMIT 2;
            """, new { evaluation, service, periode = await T1Async() });
        var effectif = await app.ScalarAsync<int>(
            "SELECT count(*)::int FROM scolarite.inscription_classe i JOIN scolarite.service_enseignement s ON s.classe_id = i.classe_id WHERE s.id = @service",
            new { service });

        var travail = await LireAsync<MonTravail>("prof.01", MonAFaire);

        var aNoter = Assert.Single(travail.EvaluationsANoter, e => e.EvaluationId == evaluation);
        Assert.Equal((service, "Commentaire composé", new DateOnly(2026, 11, 24), "Français", "2NDE2", effectif, effectif - 2),
            (aNoter.ServiceId, aNoter.Titre, aNoter.Date, aNoter.Matiere, aNoter.Code, aNoter.Effectif, aNoter.Manquantes));
        // A fully graded assessment is not work to do; another teacher never sees this one.
        Assert.All(travail.EvaluationsANoter, e => Assert.True(e.Manquantes > 0));
        Assert.DoesNotContain((await LireAsync<MonTravail>("prof.11", MonAFaire)).EvaluationsANoter, e => e.EvaluationId == evaluation);
    }

    [Fact]
    public async Task A_teacher_sees_the_appraisals_missing_for_the_trimester_that_ends()
    {
        var service = await ServiceAsync("prof.01", "2NDE2", "FRANCAIS");
        var periode = await T1Async();
        var avant = (await LireAsync<MonTravail>("prof.01", MonAFaire)).Appreciations.SingleOrDefault(a => a.ServiceId == service)?.Manquantes ?? 0;
        await app.ExecuterAsync("""
            DELETE FROM scolarite.appreciation WHERE (service_id, periode_id, eleve_id) IN (
                SELECT service_id, periode_id, eleve_id FROM scolarite.appreciation
                WHERE service_id = @service AND periode_id = @periode ORDER BY eleve_id LIMIT 3)
            """, new { service, periode });

        var attendues = Assert.Single((await LireAsync<MonTravail>("prof.01", MonAFaire)).Appreciations, a => a.ServiceId == service);

        Assert.Equal((periode, "1er trimestre", new DateOnly(2026, 11, 30), "Français", "2NDE2", avant + 3),
            (attendues.PeriodeId, attendues.Periode, attendues.FinPeriode, attendues.Matiere, attendues.Code, attendues.Manquantes));
        Assert.DoesNotContain((await LireAsync<MonTravail>("prof.12", MonAFaire)).Appreciations, a => a.ServiceId == service);
    }

    [Fact]
    public async Task The_head_teacher_sees_the_council_to_record_until_it_is()
    {
        var classe = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = 'TG1'");
        var periode = await T1Async();

        var conseil = Assert.Single((await LireAsync<MonTravail>("prof.12", MonAFaire)).Conseils, c => c.ClasseId == classe);
        var effectif = await app.ScalarAsync<int>("SELECT count(*)::int FROM scolarite.inscription_classe WHERE classe_id = @classe", new { classe });
        Assert.Equal((periode, "1er trimestre", "TG1", effectif, effectif, false),
            (conseil.PeriodeId, conseil.Periode, conseil.Code, conseil.Effectif, conseil.AppreciationsGeneralesManquantes, conseil.ConseilSaisi));
        // Not head teacher of TG1: prof.01 has no council of it to record.
        Assert.DoesNotContain((await LireAsync<MonTravail>("prof.01", MonAFaire)).Conseils, c => c.ClasseId == classe);

        await app.ExecuterAsync("""
            INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, modifie_par)
            SELECT @classe, @periode, i.eleve_id, 'Bon trimestre.', gen_random_uuid() FROM scolarite.inscription_classe i WHERE i.classe_id = @classe
            """, new { classe, periode });

        Assert.DoesNotContain((await LireAsync<MonTravail>("prof.12", MonAFaire)).Conseils, c => c.ClasseId == classe);
    }

    [Fact]
    public async Task A_guardian_has_no_teaching_work()
    {
        var responsable = await app.ScalarAsync<string>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            ORDER BY k.identifiant LIMIT 1
            """);

        var travail = await LireAsync<MonTravail>(responsable, MonAFaire);

        Assert.Equal((0, 0, 0), (travail.EvaluationsANoter.Length, travail.Appreciations.Length, travail.Conseils.Length));
    }

    [Fact]
    public async Task The_head_sees_the_trimester_to_publish_and_each_class_readiness()
    {
        var classe = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = '1G1'");
        var periode = await T1Async();
        ClasseBulletins Ligne(TravailLycee t) => Assert.Single(Assert.Single(t.Bulletins).Classes, c => c.ClasseId == classe);
        var avant = Ligne(await LireAsync<TravailLycee>("direction", AFaireLycee));
        var effectif = await app.ScalarAsync<int>("SELECT count(*)::int FROM scolarite.inscription_classe WHERE classe_id = @classe", new { classe });

        // Two appraisals of the class go missing; its council has not met.
        await app.ExecuterAsync("""
            DELETE FROM scolarite.appreciation WHERE (service_id, periode_id, eleve_id) IN (
                SELECT a.service_id, a.periode_id, a.eleve_id FROM scolarite.appreciation a
                JOIN scolarite.inscription_classe i ON i.eleve_id = a.eleve_id AND i.classe_id = @classe
                JOIN scolarite.service_enseignement s ON s.id = a.service_id AND s.classe_id = @classe
                WHERE a.periode_id = @periode ORDER BY a.eleve_id, a.service_id LIMIT 2)
            """, new { classe, periode });
        var travail = await LireAsync<TravailLycee>("direction", AFaireLycee);

        var bulletins = Assert.Single(travail.Bulletins);
        Assert.Equal((periode, "1er trimestre", new DateOnly(2026, 11, 30), false), (bulletins.PeriodeId, bulletins.Libelle, bulletins.Fin, bulletins.Terminee));
        var ligne = Ligne(travail);
        Assert.Equal(("1G1", effectif, avant.AppreciationsManquantes + 2, effectif, false, false),
            (ligne.Code, ligne.Effectif, ligne.AppreciationsManquantes, ligne.AppreciationsGeneralesManquantes, ligne.ConseilSaisi, ligne.Prete));

        // The council held and the appraisals written again: the class is ready.
        await app.ExecuterAsync("""
            INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, modifie_par)
            SELECT @classe, @periode, i.eleve_id, 'Trimestre sérieux.', gen_random_uuid() FROM scolarite.inscription_classe i WHERE i.classe_id = @classe;
            INSERT INTO scolarite.appreciation (service_id, periode_id, eleve_id, texte, auteur_id)
            SELECT s.id, @periode, i.eleve_id, 'Travail régulier.', s.enseignant_id
            FROM scolarite.service_enseignement s JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
            WHERE s.classe_id = @classe
            ON CONFLICT DO NOTHING;
            """, new { classe, periode });
        var prete = Ligne(await LireAsync<TravailLycee>("direction", AFaireLycee));
        Assert.Equal((avant.AppreciationsManquantes, 0, true), (prete.AppreciationsManquantes, prete.AppreciationsGeneralesManquantes, prete.ConseilSaisi));
        Assert.Equal(avant.AppreciationsManquantes == 0, prete.Prete);
    }

    [Fact]
    public async Task Once_published_the_trimester_is_no_longer_work_to_do()
    {
        var periode = await T1Async();
        var route = $"/api/scolarite/etablissements/0750000A/periodes/{periode}/publication";
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("direction").PostAsync(route, null)).StatusCode);
        try
        {
            Assert.Empty((await LireAsync<TravailLycee>("direction", AFaireLycee)).Bulletins);
            Assert.DoesNotContain((await LireAsync<MonTravail>("prof.12", MonAFaire)).Conseils, c => c.PeriodeId == periode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("direction").DeleteAsync(route)).StatusCode);
        }
    }

    [Theory]
    [InlineData("cpe", "0750000A")]
    [InlineData("prof.12", "0750000A")]
    [InlineData("infirmerie", "0750000A")]
    [InlineData("direction", "0999999Z")]
    public async Task Only_the_head_and_local_administrators_read_the_etablissement_work(string qui, string uai)
    {
        var response = await app.ClientConnecte(qui).GetAsync($"/api/scolarite/etablissements/{uai}/a-faire");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await response.ReadJsonAsync())["type"]);
    }

    [Fact]
    public async Task A_guardian_gets_404_and_a_malformed_uai_400()
    {
        var responsable = await app.ScalarAsync<string>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            ORDER BY k.identifiant LIMIT 1
            """);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(responsable).GetAsync(AFaireLycee)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientConnecte("direction").GetAsync("/api/scolarite/etablissements/pas-un-uai/a-faire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(AFaireLycee)).StatusCode);
    }
}
