using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dapper;
using Ent.Communication.Acheminement;
using Ent.Communication.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Ent.Communication.Tests.Push;

/// <summary>The host with Web Push on; WireMock stands in for the browsers' push services (an outside service).</summary>
public sealed class PushApp : EntApp
{
    public WireMockServer ServicePush { get; } = WireMockServer.Start();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Push:Actif"] = "true",
        ["Ent:Push:Sujet"] = "mailto:push@ent.invalid",
        ["Ent:Push:AutoriserHttpLocal"] = "true", // WireMock listens on http://localhost
        ["Ent:Push:DelaiSecondes"] = "3",
        ["Ent:Acheminement:IntervalleMs"] = "50",
        ["Ent:Acheminement:SondeSecondes"] = "1",
        ["Ent:Acheminement:DebutHeuresCalmes"] = "0",
        ["Ent:Acheminement:FinHeuresCalmes"] = "0",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        ServicePush.Stop();
        ServicePush.Dispose();
    }
}

/// <summary>
/// Web Push end to end at the HTTP level (issue 19): a guardian who chose push for absences gets, on each of their
/// devices, one VAPID-signed aes128gcm push for their child's absence marked by a teacher — once; a device whose push
/// service answers 410 is forgotten; nobody else lists or deletes my devices; bad subscriptions are refused in French.
/// </summary>
public sealed class PushTests(PushApp app) : IClassFixture<PushApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    /// <summary>A browser's subscription: a real P-256 public key (the payload is encrypted for it) and a 16-byte secret.</summary>
    private object Abonnement(string chemin)
    {
        using var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdh.ExportParameters(false).Q;
        var point = new byte[65];
        point[0] = 4;
        q.X!.CopyTo(point, 1);
        q.Y!.CopyTo(point, 33);
        return new
        {
            endpoint = $"{app.ServicePush.Url}{chemin}",
            expirationTime = (object?)null,
            keys = new { p256dh = Base64Url.EncodeToString(point), auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
        };
    }

    private IEnumerable<ILogEntry> Recus(string chemin) => app.ServicePush.LogEntries.Where(e => e.RequestMessage.Path == chemin);

    private static async Task AttendreAsync(Func<Task<bool>> condition, int secondes = 20)
    {
        var limite = DateTime.UtcNow.AddSeconds(secondes);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limite, "Délai dépassé");
            await Task.Delay(50);
        }
    }

    private static HttpRequestMessage Supprimer(string endpoint) =>
        new(HttpMethod.Delete, $"/api/communication/me/push/abonnements?endpoint={Uri.EscapeDataString(endpoint)}");

    [Fact]
    public async Task A_guardian_who_chose_push_gets_the_absence_on_each_device_signed_and_encrypted_once()
    {
        _ = app.Server;
        // prof.01 teaches French in 2NDE1; the 6th pupil's first guardian chooses push on two devices.
        var service = await ScalarAsync<Guid>("""
            SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            JOIN identite.compte k ON k.personne_id = s.enseignant_id WHERE k.identifiant = 'prof.01' AND c.code = '2NDE1' AND s.matiere_code = 'FRANCAIS'
            """);
        var eleve = await ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN identite.personne p ON p.id = i.eleve_id WHERE c.code = '2NDE1' ORDER BY p.nom, p.prenom, p.id OFFSET 6 LIMIT 1
            """);
        var responsable = await ScalarAsync<string>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            WHERE l.eleve_id = @eleve AND l.legal AND l.recoit_notifications ORDER BY k.identifiant LIMIT 1
            """, new { eleve });
        var parent = app.ClientConnecte(responsable);
        parent.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36");
        var appareils = new[] { $"/push/{Guid.NewGuid():N}", $"/push/{Guid.NewGuid():N}" };
        app.ServicePush.Given(Request.Create().WithPath(appareils).UsingPost()).RespondWith(Response.Create().WithStatusCode(201));
        Assert.Equal(HttpStatusCode.OK, (await parent.PutAsJsonAsync("/api/communication/me/preferences-push",
            new { absences = true, notes = false, messages = false, annonces = false })).StatusCode);
        foreach (var chemin in appareils)
        {
            var reponse = await parent.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(chemin));
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            Assert.Equal("Chrome sur Android", (await reponse.ReadJsonAsync())["appareil"]!.GetValue<string>());
        }

        var debut = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddMinutes(-20);
        var appel = await app.ClientConnecte("prof.01").PutAsJsonAsync($"/api/viescolaire/services/{service}/appel",
            new { debut, fin = debut.AddMinutes(55), eleves = new[] { new { eleveId = eleve, etat = "absent" } } });
        Assert.Equal(HttpStatusCode.OK, appel.StatusCode);

        await AttendreAsync(() => Task.FromResult(appareils.All(c => Recus(c).Any())));
        var clePublique = (await (await parent.GetAsync("/api/communication/push/cle-publique")).ReadJsonAsync())["clePublique"]!.GetValue<string>();
        foreach (var chemin in appareils)
        {
            var requete = Assert.Single(Recus(chemin)).RequestMessage;
            var authorization = requete.Headers!["Authorization"].Single();
            Assert.StartsWith("vapid t=", authorization, StringComparison.Ordinal);
            Assert.Contains($", k={clePublique}", authorization, StringComparison.Ordinal);
            Assert.Equal("aes128gcm", requete.Headers["Content-Encoding"].Single());
            Assert.True(int.Parse(requete.Headers["TTL"].Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Equal("high", requete.Headers["Urgency"].Single());
            Assert.NotEmpty(requete.BodyAsBytes!); // encrypted: nothing of the text in clear
            Assert.DoesNotContain("Absence", System.Text.Encoding.UTF8.GetString(requete.BodyAsBytes!), StringComparison.Ordinal);
        }

        // One outbox row for this guardian (sent to both devices), none for the other guardians (they did not choose push).
        await using var conn = await Db.OpenConnectionAsync();
        var lignes = (await conn.QueryAsync<(string Cle, string Statut, string? Reference)>("""
            SELECT cle_idempotence, statut, reference_fournisseur FROM communication.message_sortant
            WHERE canal = 'push' AND eleve_id = @eleve
            """, new { eleve })).ToList();
        var ligne = Assert.Single(lignes);
        Assert.EndsWith(":push", ligne.Cle, StringComparison.Ordinal);
        Assert.Equal("envoye", ligne.Statut);
        Assert.Equal("2 appareil(s)", ligne.Reference);

        // Exactly once: the same key queued again is the same message; nothing more reaches the devices.
        var personne = await ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @responsable", new { responsable });
        await app.Services.GetRequiredService<IMessagerie>().PlanifierAsync(
            new MessageSortant(Canal.Push, null, personne, "Absence", "Encore", ligne.Cle, eleve, null, "absence", "/absences"), CancellationToken.None);
        await Task.Delay(1500);
        Assert.All(appareils, c => Assert.Single(Recus(c)));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle = ligne.Cle }));
        Assert.Equal(2, await ScalarAsync<long>("""
            SELECT count(*) FROM communication.abonnement_push WHERE personne_id = @personne AND dernier_succes IS NOT NULL
            """, new { personne }));
    }

    [Fact]
    public async Task A_device_whose_push_service_answers_410_is_forgotten_and_the_others_still_get_it()
    {
        _ = app.Server;
        var client = app.ClientConnecte("prof.02");
        var personne = await ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'prof.02'");
        var perime = $"/push/perime-{Guid.NewGuid():N}";
        var valide = $"/push/{Guid.NewGuid():N}";
        app.ServicePush.Given(Request.Create().WithPath(perime).UsingPost()).RespondWith(Response.Create().WithStatusCode(410));
        app.ServicePush.Given(Request.Create().WithPath(valide).UsingPost()).RespondWith(Response.Create().WithStatusCode(201));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(perime))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(valide))).StatusCode);

        var cle = $"test-410:{Guid.NewGuid():N}:push";
        await app.Services.GetRequiredService<IMessagerie>().PlanifierAsync(
            new MessageSortant(Canal.Push, null, personne, "Message", "Bonjour", cle, Categorie: "messagerie", Lien: "/messagerie"), CancellationToken.None);
        await AttendreAsync(async () => await ScalarAsync<string>("SELECT statut FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle }) != "en_attente");

        Assert.Single(Recus(perime));
        Assert.Single(Recus(valide));
        var appareils = await (await client.GetAsync("/api/communication/me/push/abonnements")).ReadJsonAsync();
        var endpoints = appareils.AsArray().Select(a => a!["endpoint"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(app.ServicePush.Url + perime, endpoints);
        Assert.Contains(app.ServicePush.Url + valide, endpoints);
        Assert.Equal("envoye", await ScalarAsync<string>("SELECT statut FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle }));

        // The last device gone too: the message fails for good (nothing to retry), with the reason.
        var seul = $"/push/perime-{Guid.NewGuid():N}";
        app.ServicePush.Given(Request.Create().WithPath(seul).UsingPost()).RespondWith(Response.Create().WithStatusCode(404));
        var eleve = app.ClientConnecte("eleve.001");
        var eleveId = await ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'eleve.001'");
        Assert.Equal(HttpStatusCode.OK, (await eleve.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(seul))).StatusCode);
        var cle2 = $"test-404:{Guid.NewGuid():N}:push";
        await app.Services.GetRequiredService<IMessagerie>().PlanifierAsync(
            new MessageSortant(Canal.Push, null, eleveId, "Message", "Bonjour", cle2, Categorie: "messagerie"), CancellationToken.None);
        await AttendreAsync(async () => await ScalarAsync<string>("SELECT statut FROM communication.message_sortant WHERE cle_idempotence = @cle2", new { cle2 }) != "en_attente");
        Assert.Equal("echec", await ScalarAsync<string>("SELECT statut FROM communication.message_sortant WHERE cle_idempotence = @cle2", new { cle2 }));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM communication.abonnement_push WHERE personne_id = @eleveId", new { eleveId }));
    }

    [Fact]
    public async Task A_push_service_failing_with_503_backs_off_like_an_sms_gateway()
    {
        _ = app.Server;
        var client = app.ClientConnecte("prof.03");
        var personne = await ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'prof.03'");
        var chemin = $"/push/panne-{Guid.NewGuid():N}";
        app.ServicePush.Given(Request.Create().WithPath(chemin).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(chemin))).StatusCode);
        var cle = $"test-503:{Guid.NewGuid():N}:push";
        await app.Services.GetRequiredService<IMessagerie>().PlanifierAsync(
            new MessageSortant(Canal.Push, null, personne, "Message", "Bonjour", cle), CancellationToken.None);

        await AttendreAsync(async () => await ScalarAsync<int>(
            "SELECT count(*) FROM communication.message_sortant WHERE cle_idempotence = @cle AND erreur IS NOT NULL AND reclame_par IS NULL", new { cle }) == 1);
        await using var conn = await Db.OpenConnectionAsync();
        var (statut, erreur, attente) = await conn.QuerySingleAsync<(string, string, double)>("""
            SELECT statut, erreur, extract(epoch FROM prochaine_tentative - now())::float8 FROM communication.message_sortant WHERE cle_idempotence = @cle
            """, new { cle });
        Assert.Equal("en_attente", statut);
        Assert.Equal("Service push : HTTP 503", erreur);
        Assert.InRange(attente, 10, 125); // the backoff: 30 s, 1 min, 2 min… (the 1-s probe may have tried it once more)
        Assert.NotEmpty(Recus(chemin));
        await conn.ExecuteAsync("UPDATE communication.message_sortant SET statut = 'annule' WHERE cle_idempotence = @cle", new { cle });
    }

    [Fact]
    public async Task Nobody_else_lists_or_deletes_my_devices()
    {
        _ = app.Server;
        var moi = app.ClientConnecte("prof.04");
        var autre = app.ClientConnecte("prof.05");
        var chemin = $"/push/{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await moi.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(chemin))).StatusCode);
        var endpoint = app.ServicePush.Url + chemin;

        var siens = await (await autre.GetAsync("/api/communication/me/push/abonnements")).ReadJsonAsync();
        Assert.DoesNotContain(siens.AsArray(), a => a!["endpoint"]!.GetValue<string>() == endpoint);
        var refus = await autre.SendAsync(Supprimer(endpoint));
        Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
        Assert.Equal("Aucun de vos appareils n'a cet abonnement.", (await refus.ReadJsonAsync())["detail"]!.GetValue<string>());

        var miens = await (await moi.GetAsync("/api/communication/me/push/abonnements")).ReadJsonAsync();
        Assert.Contains(miens.AsArray(), a => a!["endpoint"]!.GetValue<string>() == endpoint);
        Assert.Equal(HttpStatusCode.NoContent, (await moi.SendAsync(Supprimer(endpoint))).StatusCode);
        Assert.Empty((await (await moi.GetAsync("/api/communication/me/push/abonnements")).ReadJsonAsync()).AsArray());

        var anonyme = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonyme.GetAsync("/api/communication/me/push/abonnements")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonyme.GetAsync("/api/communication/push/cle-publique")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonyme.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(chemin))).StatusCode);
    }

    [Fact]
    public async Task A_bad_subscription_is_refused_in_french_never_a_500()
    {
        _ = app.Server;
        var client = app.ClientConnecte("prof.06");
        var bon = (dynamic)Abonnement("/push/x");
        var cas = new object[]
        {
            new { endpoint = "http://push.example.com/abc123", keys = bon.keys }, // plain http off the loopback
            new { endpoint = "pas une adresse", keys = bon.keys },
            new { endpoint = app.ServicePush.Url + "/push/y", keys = new { p256dh = "AAAA", auth = "BBBB" } },
            new { endpoint = app.ServicePush.Url + "/push/y", keys = new { p256dh = (string)bon.keys.p256dh, auth = "%%%%%%%%%%%%%%%%%%%%%%" } },
            new { endpoint = app.ServicePush.Url + "/push/y" },
            new { },
        };
        foreach (var saisie in cas)
        {
            var reponse = await client.PostAsJsonAsync("/api/communication/me/push/abonnements", saisie);
            Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
            Assert.Equal("Les données envoyées ne sont pas valides", (await reponse.ReadJsonAsync())["title"]!.GetValue<string>());
        }

        var preferences = await client.PutAsJsonAsync("/api/communication/me/preferences-push", new { absences = true });
        Assert.Equal(HttpStatusCode.BadRequest, preferences.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/communication/me/push/abonnements"))).StatusCode);
    }

    [Fact]
    public async Task The_vapid_key_is_generated_once_and_its_private_half_stored_protected()
    {
        _ = app.Server;
        var client = app.ClientConnecte("prof.07");
        var premiere = (await (await client.GetAsync("/api/communication/push/cle-publique")).ReadJsonAsync())["clePublique"]!.GetValue<string>();
        var seconde = (await (await client.GetAsync("/api/communication/push/cle-publique")).ReadJsonAsync())["clePublique"]!.GetValue<string>();
        Assert.Equal(premiere, seconde);
        Assert.Equal(65, Base64Url.DecodeFromChars(premiere).Length);
        var privee = await ScalarAsync<string>("SELECT cle_privee FROM communication.cle_vapid");
        Assert.True(privee.Length > 100, "La clé privée est stockée protégée (data protection), pas en clair (43 caractères).");
    }

    private static readonly string[] Personnels = ["personnels"];

    /// <summary>Subscribes <paramref name="qui"/> on one device (WireMock answers 201) and chooses push for these kinds.</summary>
    private async Task<(HttpClient Client, Guid Personne, string Chemin)> AbonnerAsync(string qui, object preferences)
    {
        var client = app.ClientConnecte(qui);
        var chemin = $"/push/{Guid.NewGuid():N}";
        app.ServicePush.Given(Request.Create().WithPath(chemin).UsingPost()).RespondWith(Response.Create().WithStatusCode(201));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/communication/me/push/abonnements", Abonnement(chemin))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/communication/me/preferences-push", preferences)).StatusCode);
        return (client, await ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @qui", new { qui }), chemin);
    }

    [Fact]
    public async Task Messages_and_announcements_are_pushed_to_those_who_chose_them_only()
    {
        _ = app.Server;
        // prof.08 wants messages as push; prof.09 has a device but wants nothing as push.
        var (_, voulu, cheminVoulu) = await AbonnerAsync("prof.08", new { absences = false, notes = false, messages = true, annonces = true });
        var (_, refuse, cheminRefuse) = await AbonnerAsync("prof.09", new { absences = false, notes = false, messages = false, annonces = false });

        var envoi = await app.ClientConnecte("direction").PostAsJsonAsync("/api/communication/me/conversations",
            new { destinataires = new[] { voulu, refuse }, groupes = Array.Empty<string>(), sujet = "Conseil de classe", texte = "Mardi 17 h.", piecesJointes = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.Created, envoi.StatusCode);
        await AttendreAsync(() => Task.FromResult(Recus(cheminVoulu).Any()));
        Assert.Equal(1, await ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE canal = 'push' AND personne_id = @voulu AND categorie = 'messagerie'", new { voulu }));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE canal = 'push' AND personne_id = @refuse", new { refuse }));

        var annonce = await app.ClientConnecte("direction").PostAsJsonAsync("/api/communication/etablissements/0750000A/annonces", new
        {
            titre = "Journée pédagogique", texte = "Pas de cours vendredi.", accuseLecture = false,
            audience = new { etablissement = true, classes = Array.Empty<Guid>(), groupes = Array.Empty<Guid>(), profils = Personnels },
        });
        Assert.Equal(HttpStatusCode.Created, annonce.StatusCode);
        await AttendreAsync(() => Task.FromResult(Recus(cheminVoulu).Count() == 2));
        Assert.Equal(1, await ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE canal = 'push' AND personne_id = @voulu AND categorie = 'annonce'", new { voulu }));
        Assert.Empty(Recus(cheminRefuse));
    }

    [Fact]
    public async Task A_subscription_unused_for_a_year_is_purged_and_an_erased_person_loses_devices_and_choices()
    {
        _ = app.Server;
        var (_, personne, _) = await AbonnerAsync("prof.10", new { absences = true, notes = true, messages = true, annonces = true });
        await using var conn = await Db.OpenConnectionAsync();
        var vieux = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO communication.abonnement_push (id, personne_id, endpoint, p256dh, auth, appareil, cree_le, dernier_succes)
            SELECT @vieux, personne_id, endpoint || '-vieux', p256dh, auth, appareil, now() - interval '400 days', now() - interval '366 days'
            FROM communication.abonnement_push WHERE personne_id = @personne
            """, new { vieux, personne });

        var purge = app.Services.GetServices<Ent.Kernel.Rgpd.IPurgeRetention>().Single(p => p.Nom == "communication.abonnement_push");
        Assert.True(await purge.PurgerAsync(DateTimeOffset.UtcNow, CancellationToken.None) >= 1);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM communication.abonnement_push WHERE id = @vieux", new { vieux }));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM communication.abonnement_push WHERE personne_id = @personne", new { personne }));

        await using (var tx = await conn.BeginTransactionAsync())
        {
            foreach (var gestionnaire in app.Services.GetServices<Ent.Kernel.Evenements.IGestionnaireEvenement<Ent.Identite.Contracts.PersonneEffacee>>())
            {
                await gestionnaire.TraiterAsync(new Ent.Identite.Contracts.PersonneEffacee(personne), conn, tx, CancellationToken.None);
            }

            await tx.CommitAsync();
        }

        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM communication.abonnement_push WHERE personne_id = @personne", new { personne }));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM communication.preference_push WHERE personne_id = @personne", new { personne }));
    }

    private sealed class PushFictif : IFournisseurPush
    {
        public bool Configure => true;

        public TimeSpan EnvoiMax => TimeSpan.FromSeconds(5);

        public Task<ResultatEnvoi> EnvoyerAsync(MessagePush message, CancellationToken ct) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("2026-11-28T05:59:00Z", false)] // 06:59 in Paris
    [InlineData("2026-11-28T06:00:00Z", true)]  // 07:00
    [InlineData("2026-11-28T19:00:00Z", false)] // 20:00
    [InlineData("2026-06-15T18:00:00Z", false)] // 20:00 in summer
    public void Push_keeps_the_quiet_hours_of_sms(string utc, bool ouvert)
    {
        var travailleur = new Acheminement.Acheminement(null!, null!, null!, TimeProvider.System, Options.Create(new AcheminementOptions()),
            NullLogger<Acheminement.Acheminement>.Instance, push: new PushFictif());
        Assert.Equal(ouvert, travailleur.CanalOuvert("push", DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
