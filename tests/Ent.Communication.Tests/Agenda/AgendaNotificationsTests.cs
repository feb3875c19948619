using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Scolarite.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Agenda;

/// <summary>
/// The school calendar's notifications (issue #16): an event created, changed or cancelled is told once to each person
/// it concerns, in the application, with a link to it; a change says what changed; a description alone, or an event
/// already over, notifies nobody. The clock is pinned at Wednesday 25 November 2026 (AgendaApp): these tests do not
/// depend on today's date (31 August, 1 September and 1 January alike).
/// </summary>
public sealed partial class AgendaTests
{
    private sealed record Notification(Guid PersonneId, string Sujet, string Texte, string Lien, string Categorie);

    private async Task<List<Notification>> NotificationsAsync(Guid evenement, string version)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.QueryAsync<Notification>("""
            SELECT personne_id, sujet, texte, lien, categorie FROM communication.message_sortant
            WHERE cle_idempotence LIKE 'evenement:' || @evenement || ':' || @version || ':%' AND canal = 'application'
            """, new { evenement = evenement.ToString(), version })).AsList();
    }

    private Task<Guid> PersonneAsync(string qui) =>
        app.ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @login", new { login = app.Logins[qui] });

    /// <summary>The legal guardians of a class's pupils, and its teaching team (Scolarité's contract).</summary>
    private async Task<HashSet<Guid>> FamillesEtEquipeAsync(Guid classe)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var familles = await conn.QueryAsync<Guid>("""
            SELECT DISTINCT l.responsable_id FROM scolarite.inscription_classe i JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
            WHERE i.classe_id = @classe
            """, new { classe });
        var equipe = await app.Services.GetRequiredService<IDivisions>().EnseignantsAsync([classe], CancellationToken.None);
        return [.. familles.Concat(equipe)];
    }

    private static object Rencontre(string titre, Guid[] divisions, string[] profils, string jour, string? lieu, string description = "Ordre du jour à venir.") =>
        new { categorie = "reunion_parents", titre, description, lieu, jourDebut = jour, heureDebut = "17:30", heureFin = "19:00", divisions, profils };

    [Fact]
    public async Task Un_evenement_cree_est_notifie_une_fois_a_chaque_personne_concernee_comme_le_calendrier_le_montre()
    {
        var cree = await CreerAsync("direction", Rencontre("Rencontre parents 2NDE1", [app.Seconde1], ["familles"], "2026-12-10", "Salle B"));

        var notifications = await NotificationsAsync(cree.Id, "0");
        var notifies = notifications.Select(n => n.PersonneId).ToList();
        Assert.Equal(notifies.Count, notifies.Distinct().Count());
        // The class's families and its teaching team (concerned by whatever happens to its class); not its author.
        var attendus = await FamillesEtEquipeAsync(app.Seconde1);
        attendus.Remove(await PersonneAsync("direction"));
        Assert.Equal(attendus.Order(), notifies.Order());
        var n = notifications[0];
        Assert.Equal(("agenda", "Agenda : Rencontre parents 2NDE1"), (n.Categorie, n.Sujet));
        Assert.Equal("Nouvel événement le jeudi 10 décembre 2026 de 17:30 à 19:00 (Salle B).", n.Texte);
        Assert.Equal($"/agenda?jour=2026-12-10&evenement={cree.Id}", n.Lien);

        // The same people as the calendar shows it to, for the cast: the family and the class's teacher are told; the
        // pupils (not invited), another family, another teacher, the nurse are not, and do not see it. The CPE sees every
        // event to manage it but is not notified of a class's.
        foreach (var qui in new[] { "responsable", "enseignant", "élève", "autre responsable", "autre enseignant", "infirmier" })
        {
            Assert.Equal(notifies.Contains(await PersonneAsync(qui)), (await MesAsync(qui)).Any(e => e.Id == cree.Id));
        }

        Assert.DoesNotContain(await PersonneAsync("cpe"), notifies);
    }

    [Fact]
    public async Task Une_modification_dit_ce_qui_change_et_la_description_seule_ne_notifie_personne()
    {
        var cree = await CreerAsync("cpe", Rencontre("Réunion de rentrée 2NDE1", [app.Seconde1], ["familles", "eleves"], "2026-12-10", "Salle B"));
        var url = $"/api/communication/evenements/{cree.Id}";
        var concernes = (await NotificationsAsync(cree.Id, "0")).Select(n => n.PersonneId).Order().ToList();
        Assert.Contains(await PersonneAsync("élève"), concernes);

        // A corrected description: nobody is told (the calendar shows it at once).
        Assert.Equal(HttpStatusCode.OK, (await app.De("cpe").PutAsJsonAsync(url,
            Rencontre("Réunion de rentrée 2NDE1", [app.Seconde1], ["familles", "eleves"], "2026-12-10", "Salle B", "Ordre du jour : les options."))).StatusCode);
        Assert.Empty(await NotificationsAsync(cree.Id, "1"));

        // A new day and place: the same people, told what changed.
        Assert.Equal(HttpStatusCode.OK, (await app.De("cpe").PutAsJsonAsync(url,
            Rencontre("Réunion de rentrée 2NDE1", [app.Seconde1], ["familles", "eleves"], "2026-12-11", "CDI"))).StatusCode);
        var changement = await NotificationsAsync(cree.Id, "2");
        Assert.Equal(concernes, changement.Select(n => n.PersonneId).Order());
        Assert.All(changement, n => Assert.Equal("Agenda modifié : Réunion de rentrée 2NDE1", n.Sujet));
        Assert.Equal("Nouvelle date : le vendredi 11 décembre 2026 de 17:30 à 19:00 (auparavant : le jeudi 10 décembre 2026 de 17:30 à 19:00). "
                     + "Nouveau lieu : CDI (auparavant : Salle B).", changement[0].Texte);

        // Moved to TG1: 2NDE1's people learn it left their calendar, TG1's learn of it as new.
        Assert.Equal(HttpStatusCode.OK, (await app.De("cpe").PutAsJsonAsync(url,
            Rencontre("Réunion de rentrée", [app.Terminale1], ["familles", "eleves"], "2026-12-11", "CDI"))).StatusCode);
        var deplacement = (await NotificationsAsync(cree.Id, "3")).ToDictionary(n => n.PersonneId);
        Assert.StartsWith("L'événement prévu le vendredi 11 décembre 2026", deplacement[await PersonneAsync("responsable")].Texte);
        Assert.EndsWith("ne figure plus dans votre agenda.", deplacement[await PersonneAsync("élève")].Texte);
        Assert.StartsWith("Nouvel événement le vendredi 11 décembre 2026", deplacement[await PersonneAsync("autre responsable")].Texte);
        Assert.StartsWith("Nouvel événement", deplacement[await PersonneAsync("autre élève")].Texte);
        Assert.DoesNotContain(await PersonneAsync("infirmier"), deplacement.Keys);
    }

    [Fact]
    public async Task Une_suppression_annonce_l_annulation_et_un_evenement_passe_ne_notifie_personne()
    {
        // Over already (20 November, before the pinned 25th): neither its creation nor its deletion is told.
        var passe = await CreerAsync("direction", Rencontre("Conseil passé", [app.Seconde1], ["familles"], "2026-11-20", null));
        Assert.Empty(await NotificationsAsync(passe.Id, "0"));
        Assert.Equal(HttpStatusCode.NoContent, (await app.De("direction").DeleteAsync($"/api/communication/evenements/{passe.Id}")).StatusCode);
        Assert.Empty(await NotificationsAsync(passe.Id, "annule"));

        // Today's (25 November) is not over: created and cancelled, each person told twice, once each time.
        var aujourdhui = await CreerAsync("direction", Rencontre("Réunion du jour", [app.Seconde1], ["familles"], "2026-11-25", "Salle B"));
        var concernes = (await NotificationsAsync(aujourdhui.Id, "0")).Select(n => n.PersonneId).Order().ToList();
        Assert.NotEmpty(concernes);
        Assert.Equal(HttpStatusCode.NoContent, (await app.De("direction").DeleteAsync($"/api/communication/evenements/{aujourdhui.Id}")).StatusCode);
        var annulation = await NotificationsAsync(aujourdhui.Id, "annule");
        Assert.Equal(concernes, annulation.Select(n => n.PersonneId).Order());
        Assert.All(annulation, n => Assert.Equal(("Annulé : Réunion du jour", "/agenda"), (n.Sujet, n.Lien)));
        Assert.Equal("L'événement prévu le mercredi 25 novembre 2026 de 17:30 à 19:00 (Salle B) est annulé.", annulation[0].Texte);
    }
}
