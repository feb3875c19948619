using Dapper;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.EmploiDuTemps;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// The demo's cahier de textes: for every service of the demo lycée, a page for each of its lessons of the last four
/// weeks (the timetable's, read through <see cref="IEmploiDuTemps"/>: it runs after the timetable's demo), published at
/// the lesson's end, a link now and then, and homework every other lesson with varied due days (the class's next lesson
/// of the subject, as a teacher's default) and durations; pupils have ticked about two thirds of the homework already
/// due. Relative to the clock, deterministic, and written once: a database that has pages keeps them.
/// </summary>
internal sealed class CahierDeTextesDemo(IEmploiDuTemps edt, TimeProvider clock) : IDemoData
{
    public int Order => 25;

    private static readonly string[] Contenus =
    [
        "<p>Correction de l'exercice donné au dernier cours, puis <strong>cours</strong> : définitions et premiers exemples.</p>",
        "<p>Travail en groupes sur le document distribué.</p><ul><li>lecture et questions 1 à 3</li><li>mise en commun</li></ul>",
        "<h3>Leçon</h3><p>Reprise des notions essentielles, <em>à savoir pour la prochaine fois</em>.</p>",
        "<p>Activité d'introduction, puis exercices d'application (manuel p. 42).</p>",
        "<p>Évaluation formative en début d'heure, correction collective et méthode.</p>",
    ];

    private static readonly (string Consigne, int Minutes)[] Devoirs =
    [
        ("<p>Apprendre la leçon du jour.</p>", 20),
        ("<p>Exercices 3 et 4 p. 45.</p>", 30),
        ("<p>Terminer le document distribué.</p>", 15),
        ("<p>Lire le texte et répondre aux questions.</p>", 45),
        ("<p>Préparer l'exposé en groupe.</p>", 60),
        ("<p>Réviser pour le contrôle.</p>", 60),
    ];

    private static readonly (string Url, string Libelle)[] Liens =
    [
        ("https://www.lumni.fr/", "Lumni : vidéos de révision"),
        ("https://eduscol.education.fr/", "Éduscol"),
        ("https://fr.wikipedia.org/", "Wikipédia"),
    ];

    private sealed record ServiceDemo(Guid Id, Guid EtablissementId, Guid EnseignantId, Guid? ClasseId, Guid? GroupeId);

    // Deterministic (HashCode is seeded per process): the same pages on every machine for the same day.
    private static int Graine(Guid id, int i) => (int)((BitConverter.ToUInt32(id.ToByteArray(), 0) + (uint)i * 2654435761u) % 997);

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var annee = AnneeScolaire.Courante(clock);
        var maintenant = clock.GetUtcNow();
        var aujourdhui = Planning.Jour(maintenant);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var services = (await conn.QueryAsync<ServiceDemo>(new CommandDefinition("""
            SELECT s.id, coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id, s.enseignant_id, s.classe_id, s.groupe_id
            FROM scolarite.service_enseignement s
            LEFT JOIN scolarite.classe c ON c.id = s.classe_id LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
            WHERE coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
              AND coalesce(c.etablissement_id, g.etablissement_id) = (SELECT etablissement_id FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = @annee)
            ORDER BY s.id
            """, new { annee }, cancellationToken: ct))).AsList();
        if (services.Count == 0 || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM scolarite.seance WHERE etablissement_id = @etab)", new { etab = services[0].EtablissementId }, cancellationToken: ct)))
        {
            return;
        }

        var cours = await edt.DesServicesAsync([.. services.Select(s => s.Id)], aujourdhui.AddDays(-28), aujourdhui.AddDays(35), ct);
        if (cours.Count == 0)
        {
            return;
        }

        var eleves = (await conn.QueryAsync<(Guid ServiceId, Guid EleveId)>(new CommandDefinition("""
            SELECT s.id, coalesce(ic.eleve_id, ig.eleve_id)
            FROM scolarite.service_enseignement s
            LEFT JOIN scolarite.inscription_classe ic ON ic.classe_id = s.classe_id
            LEFT JOIN scolarite.inscription_groupe ig ON ig.groupe_id = s.groupe_id
            WHERE s.id = ANY(@ids) AND coalesce(ic.eleve_id, ig.eleve_id) IS NOT NULL
            """, new { ids = services.Select(s => s.Id).ToArray() }, cancellationToken: ct))).ToLookup(x => x.ServiceId, x => x.EleveId);

        var seances = new List<object>();
        var liens = new List<object>();
        var devoirs = new List<object>();
        var faits = new List<object>();
        foreach (var service in services)
        {
            var siens = cours.Where(c => c.ServiceId == service.Id && c.Statut != StatutCours.Annule && c.Fin <= maintenant).ToList();
            for (var i = 0; i < siens.Count; i++)
            {
                var c = siens[i];
                var graine = Graine(service.Id, i);
                var seanceId = DemoIds.Of("seance", $"{service.Id}:{c.Debut:O}");
                seances.Add(new
                {
                    Id = seanceId, service.EtablissementId, ServiceId = service.Id, c.Debut, c.Fin, Titre = $"Séance {i + 1}",
                    Contenu = Contenus[graine % Contenus.Length], PublieLe = c.Fin, Auteur = service.EnseignantId,
                });
                if (graine % 5 == 0)
                {
                    var lien = Liens[graine % Liens.Length];
                    liens.Add(new { Id = DemoIds.Of("seance-lien", seanceId.ToString()), SeanceId = seanceId, lien.Url, lien.Libelle });
                }

                if (i % 2 == 1 || i == siens.Count - 1)
                {
                    var (consigne, minutes) = Devoirs[graine % Devoirs.Length];
                    var prochain = Planning.Prochain(cours, service.Id, c.Fin);
                    var pourLe = graine % 3 == 0 || prochain is null ? Planning.Jour(c.Debut).AddDays(2 + graine % 6) : Planning.Jour(prochain.Debut);
                    var devoirId = DemoIds.Of("devoir", seanceId.ToString());
                    devoirs.Add(new
                    {
                        Id = devoirId, service.EtablissementId, ServiceId = service.Id, SeanceId = seanceId, PourLe = pourLe, Consigne = consigne,
                        Minutes = minutes, ARendre = graine % 4 == 0, Evaluation = consigne.Contains("contrôle"), PublieLe = c.Fin,
                    });
                    if (pourLe <= aujourdhui)
                    {
                        faits.AddRange(eleves[service.Id].Where(e => Graine(e, graine) % 3 != 0)
                            .Select(e => new { DevoirId = devoirId, EleveId = e, FaitLe = c.Fin.AddHours(20) }));
                    }
                }
            }
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.seance (id, etablissement_id, service_id, debut, fin, titre, contenu_html, publie_le, auteur_id, modifie_le)
            VALUES (@Id, @EtablissementId, @ServiceId, @Debut, @Fin, @Titre, @Contenu, @PublieLe, @Auteur, @PublieLe)
            ON CONFLICT DO NOTHING
            """, seances, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.seance_lien (id, seance_id, ordre, url, libelle) VALUES (@Id, @SeanceId, 1, @Url, @Libelle) ON CONFLICT DO NOTHING
            """, liens, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.devoir (id, etablissement_id, service_id, seance_id, pour_le, consigne, duree_minutes, a_rendre, evaluation, publie_le)
            VALUES (@Id, @EtablissementId, @ServiceId, @SeanceId, @PourLe, @Consigne, @Minutes, @ARendre, @Evaluation, @PublieLe)
            ON CONFLICT DO NOTHING
            """, devoirs, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.devoir_fait (devoir_id, eleve_id, fait_le) VALUES (@DevoirId, @EleveId, @FaitLe) ON CONFLICT DO NOTHING
            """, faits, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
