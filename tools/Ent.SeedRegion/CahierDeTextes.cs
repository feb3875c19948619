using Npgsql;

namespace Ent.SeedRegion;

/// <summary>
/// Issue 15's data for a lycée (ical-bench): a few changes to this week's lessons (a teacher absent for a day, lessons
/// moved, one replaced, an extra one) in <c>scolarite.modification_cours</c>, and a month of homework
/// (<c>scolarite.devoir</c>, about one lesson in two gives some, due that day: three weeks back, one ahead) with the
/// pupils' « fait » ticks on most of the past ones. Rows as the endpoints would write them. The homework tables are the
/// cahier de textes' (migration 0005): written only when they are there with the columns used here, so that this file
/// works on a database without them. Its own random generator (seeded by the lycée's number), so that the rest of the
/// lycée's data does not change with it.
/// </summary>
internal static class CahierDeTextes
{
    private static readonly string[] Consignes =
    [
        "<p>Exercices 12 à 15 p. 84.</p>",
        "<p>Relire le cours et apprendre les définitions du chapitre.</p>",
        "<p>Rédiger le paragraphe argumenté commencé en classe.</p>",
        "<p>Préparer l'exposé par groupes : plan et sources.</p>",
        "<p>Réviser le chapitre : <strong>évaluation</strong> en classe.</p>",
        "<p>Lire le document distribué et répondre aux questions 1 à 4.</p>",
        "<p>Terminer la fiche d'activité.</p>",
    ];

    private static int _dejaDit;

    private static readonly int[] Durees = [15, 20, 30, 30, 45, 60];

    private static readonly string[] ColonnesDevoir = ["id", "etablissement_id", "service_id", "pour_le", "consigne", "duree_minutes", "publie_le"];

    public static void Ecrire(NpgsqlConnection connexion, Compteurs compteurs, Lycee lycee, Calendrier calendrier)
    {
        var aleas = new Random(lycee.Numero * 7919);
        Modifications(connexion, compteurs, lycee, calendrier, aleas);
        if (DevoirsEcrivables(connexion))
        {
            Devoirs(connexion, compteurs, lycee, calendrier, aleas);
        }
    }

    private static void Modifications(NpgsqlConnection connexion, Compteurs compteurs, Lycee lycee, Calendrier calendrier, Random aleas)
    {
        var lundi = calendrier.Au.AddDays(1 - Calendrier.JourIso(calendrier.Au));
        var semaine = Enumerable.Range(0, 5).Select(lundi.AddDays).Where(calendrier.EstJourDeClasse).ToList();
        if (semaine.Count == 0)
        {
            return;
        }

        DateOnly Jour(Creneau c) => lundi.AddDays(c.Jour - 1);
        var cours = lycee.Creneaux.Where(c => semaine.Contains(Jour(c))).ToList();
        var saisiLe = calendrier.Maintenant.AddHours(-20);
        var (par, etablissement) = (lycee.Cpe.Id, lycee.Id);
        var pris = new HashSet<Guid>();
        Table.Copier(connexion, compteurs, "scolarite.modification_cours",
            "id, etablissement_id, service_id, nature, debut_prevu, debut, fin, salle, remplacant_id, motif, saisi_par, saisi_le", t =>
            {
                void Ligne(Creneau c, string nature, DateTimeOffset? prevu, DateTimeOffset? debut, string? salle, Guid? remplacant, string? motif)
                {
                    t.Ligne().Uuid(lycee.Ids.Nouveau()).Uuid(etablissement).Uuid(c.Service.Id).Texte(nature).Instant(prevu).Instant(debut)
                        .Instant(debut?.AddMinutes(55)).Texte(salle).Uuid(remplacant).Texte(motif).Uuid(par).Instant(saisiLe);
                }

                DateTimeOffset Debut(Creneau c) => Calendrier.Instant(Jour(c), new TimeOnly(c.Heure, 0));

                // A teacher absent for a day: all their lessons of that day cancelled.
                var absent = cours[aleas.Next(cours.Count)];
                foreach (var c in cours.Where(c => c.Service.Enseignant == absent.Service.Enseignant && c.Jour == absent.Jour))
                {
                    Ligne(c, "annule", Debut(c), null, null, null, "Professeur absent");
                    pris.Add(c.Id);
                }

                var autres = cours.Where(c => !pris.Contains(c.Id)).OrderBy(_ => aleas.Next()).Take(4).ToList();
                // Two lessons moved: one to the next day, same hour; one to another room.
                if (autres.Count > 0)
                {
                    var c = autres[0];
                    var decalage = c.Jour < 5 ? 1 : -1;
                    Ligne(c, "deplace", Debut(c), Debut(c).AddDays(decalage), $"Salle {200 + aleas.Next(40)}", null, "Cours avancé ou reporté");
                }

                if (autres.Count > 1)
                {
                    Ligne(autres[1], "deplace", Debut(autres[1]), Debut(autres[1]), $"Salle {200 + aleas.Next(40)}", null, "Changement de salle");
                }

                // One replaced by a colleague of the same subject.
                if (autres.Count > 2)
                {
                    var c = autres[2];
                    var collegue = lycee.Professeurs.FirstOrDefault(p => p.Matiere == c.Service.Matiere && p != c.Service.Enseignant)
                        ?? lycee.Professeurs.First(p => p != c.Service.Enseignant);
                    Ligne(c, "remplace", Debut(c), Debut(c), null, collegue.Personne.Id, "Professeur en formation");
                }

                // An extra lesson on Wednesday afternoon.
                if (autres.Count > 3)
                {
                    var c = autres[3];
                    var mercredi = lundi.AddDays(2);
                    Ligne(c, "ajoute", null, Calendrier.Instant(mercredi, new TimeOnly(14, 0)), "Salle 250", null, "Séance de soutien");
                }
            });
    }

    private static void Devoirs(NpgsqlConnection connexion, Compteurs compteurs, Lycee lycee, Calendrier calendrier, Random aleas)
    {
        var jours = calendrier.JoursDeClasse(calendrier.Au.AddDays(-21), calendrier.Au.AddDays(9)).ToList();
        var devoirs = new List<(Guid Id, Service Service, DateOnly PourLe)>();
        Table.Copier(connexion, compteurs, "scolarite.devoir", string.Join(", ", ColonnesDevoir), t =>
        {
            foreach (var jour in jours)
            {
                foreach (var c in lycee.Creneaux.Where(c => c.Jour == Calendrier.JourIso(jour)))
                {
                    if (aleas.NextDouble() >= 0.45)
                    {
                        continue;
                    }

                    var id = lycee.Ids.Nouveau();
                    // Given at an earlier lesson: published two days before, at the end of the day; a few still drafts.
                    DateTimeOffset? publie = aleas.NextDouble() < 0.03 ? null : Calendrier.Instant(jour.AddDays(-2), new TimeOnly(17, 30));
                    t.Ligne().Uuid(id).Uuid(lycee.Id).Uuid(c.Service.Id).Date(jour).Texte(Consignes[aleas.Next(Consignes.Length)])
                        .Entier(Durees[aleas.Next(Durees.Length)]).Instant(publie);
                    if (publie is not null)
                    {
                        devoirs.Add((id, c.Service, jour));
                    }
                }
            }
        });

        if (!Existe(connexion, "scolarite.devoir_fait"))
        {
            return;
        }

        // Most pupils tick the homework already due.
        Table.Copier(connexion, compteurs, "scolarite.devoir_fait", "devoir_id, eleve_id, fait_le", t =>
        {
            foreach (var (id, service, pourLe) in devoirs.Where(d => d.PourLe < calendrier.Au))
            {
                foreach (var eleve in service.Classe.Eleves.Where(_ => aleas.NextDouble() < 0.6))
                {
                    t.Ligne().Uuid(id).Uuid(eleve.Personne.Id).Instant(Calendrier.Instant(pourLe.AddDays(-1), new TimeOnly(19, 0)));
                }
            }
        });
    }

    private static bool Existe(NpgsqlConnection connexion, string table)
    {
        using var cmd = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connexion);
        cmd.Parameters.AddWithValue("table", table);
        return (bool)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// True when scolarite.devoir exists with the columns written here and asks for no other one (a NOT NULL column
    /// without a default): otherwise its homework is left out, with a word on the console, rather than failing the lycée.
    /// </summary>
    private static bool DevoirsEcrivables(NpgsqlConnection connexion)
    {
        if (!Existe(connexion, "scolarite.devoir"))
        {
            return false;
        }

        using var cmd = new NpgsqlCommand("""
            SELECT column_name, is_nullable = 'NO' AND column_default IS NULL FROM information_schema.columns
            WHERE table_schema = 'scolarite' AND table_name = 'devoir'
            """, connexion);
        var colonnes = new Dictionary<string, bool>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                colonnes[r.GetString(0)] = r.GetBoolean(1);
            }
        }

        var manquantes = ColonnesDevoir.Where(c => !colonnes.ContainsKey(c)).ToList();
        var requises = colonnes.Where(c => c.Value && !ColonnesDevoir.Contains(c.Key)).Select(c => c.Key).ToList();
        if (manquantes.Count == 0 && requises.Count == 0)
        {
            return true;
        }

        if (Interlocked.Exchange(ref _dejaDit, 1) == 0)
        {
            Console.WriteLine($"scolarite.devoir non écrite : colonnes absentes [{string.Join(", ", manquantes)}], requises en plus [{string.Join(", ", requises)}].");
        }

        return false;
    }
}
