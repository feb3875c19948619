namespace Ent.SeedRegion;

internal sealed record Appel(Guid Id, Service Service, DateTimeOffset Debut, DateTimeOffset Fin, DateTimeOffset FaitLe);

/// <summary>A pupil who was not present at a roll call: absent, late or excluded from the lesson.</summary>
internal sealed record EtatAppel(Appel Appel, Eleve Eleve, string Etat, int? Minutes);

internal sealed class AbsenceSeed
{
    public required Guid Id { get; init; }
    public required EtatAppel Etat { get; init; }
    public required DateOnly Jour { get; init; }
    public required string DemiJournee { get; init; }
    public string Type => Etat.Etat == "retard" ? "retard" : "absence";
    public string Statut { get; set; } = "non_justifiee";
    public string? Motif { get; set; }

    /// <summary>The roll call's notice to the family (the event's key in the outbox).</summary>
    public required Guid Signalement { get; init; }
}

internal sealed class JustificatifSeed
{
    public required Guid Id { get; init; }
    public required Eleve Eleve { get; init; }
    public required List<AbsenceSeed> Absences { get; init; }
    public required (string Code, string Libelle, int Poids) Motif { get; init; }
    public required Responsable DeposePar { get; init; }
    public required DateTimeOffset DeposeLe { get; init; }
    public required string Statut { get; init; }
    public DateTimeOffset? DecideLe { get; init; }
    public string? RaisonRefus { get; init; }
    public string? Commentaire { get; init; }
}

/// <summary>
/// The lycée's attendance over the elapsed school days: a roll call for nearly every lesson (2% forgotten, which the
/// desk's "roll calls not taken" then lists), about 5% of pupil-lessons absent or late — most in whole days or
/// half-days, as illnesses go — and the families' justifications, mostly accepted, some refused, the recent ones
/// still to send or to examine.
/// </summary>
internal sealed class Assiduite
{
    // Per pupil of average absenteeism (1.0): whole day, half-day, one lesson, late for one lesson.
    private const double JourEntier = 0.027;
    private const double DemiJournee = 0.015;
    private const double UnCours = 0.008;
    private const double Retard = 0.006;
    private const double Exclusion = 0.0004;
    private const double AppelOublie = 0.02;

    public List<Appel> Appels { get; } = [];
    public List<EtatAppel> Etats { get; } = [];
    public List<AbsenceSeed> Absences { get; } = [];
    public List<JustificatifSeed> Justificatifs { get; } = [];

    /// <summary>Pupil-lessons of the elapsed days (taken roll calls), for the absence rate.</summary>
    public long ElevesCours { get; private set; }

    public static Assiduite Generer(Lycee lycee, Calendrier calendrier)
    {
        var assiduite = new Assiduite();
        var aleas = lycee.Aleas;
        var parJour = lycee.Creneaux.GroupBy(c => c.Jour).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Heure).ToList());
        var episodes = new List<List<AbsenceSeed>>();
        foreach (var jour in calendrier.JoursEcoules())
        {
            if (!parJour.TryGetValue(Calendrier.JourIso(jour), out var cours))
            {
                continue;
            }

            // Each pupil's day: away all day, away one half-day, or there.
            var absentJour = new Dictionary<Eleve, string>();
            foreach (var eleve in lycee.Eleves)
            {
                var tirage = aleas.NextDouble() / eleve.Absenteisme;
                if (tirage < JourEntier)
                {
                    absentJour[eleve] = "jour";
                }
                else if (tirage < JourEntier + DemiJournee)
                {
                    absentJour[eleve] = aleas.Next(2) == 0 ? "matin" : "apres_midi";
                }
            }

            var episodesDuJour = new Dictionary<Eleve, List<AbsenceSeed>>();
            foreach (var creneau in cours)
            {
                if (aleas.NextDouble() < AppelOublie)
                {
                    continue;
                }

                var debut = Calendrier.Instant(jour, new TimeOnly(creneau.Heure, 0));
                var appel = new Appel(lycee.Ids.Nouveau(), creneau.Service, debut, debut.AddMinutes(55), debut.AddMinutes(2 + aleas.Next(11)));
                assiduite.Appels.Add(appel);
                var demi = creneau.Heure < 12 ? "matin" : "apres_midi";
                foreach (var eleve in creneau.Service.Classe.Eleves)
                {
                    assiduite.ElevesCours++;
                    string? etat = null;
                    int? minutes = null;
                    if (absentJour.TryGetValue(eleve, out var quand) && (quand == "jour" || quand == demi))
                    {
                        etat = "absent";
                    }
                    else
                    {
                        var tirage = aleas.NextDouble() / eleve.Absenteisme;
                        if (tirage < UnCours)
                        {
                            etat = "absent";
                        }
                        else if (tirage < UnCours + Retard)
                        {
                            etat = "retard";
                            minutes = aleas.NextDouble() switch { < 0.45 => 5, < 0.75 => 10, < 0.9 => 15, _ => 20 + aleas.Next(25) };
                        }
                        else if (tirage < UnCours + Retard + Exclusion)
                        {
                            etat = "exclu";
                        }
                    }

                    if (etat is null)
                    {
                        continue;
                    }

                    var ligne = new EtatAppel(appel, eleve, etat, minutes);
                    assiduite.Etats.Add(ligne);
                    if (etat == "exclu")
                    {
                        continue;
                    }

                    var absence = new AbsenceSeed
                    {
                        Id = lycee.Ids.Nouveau(), Etat = ligne, Jour = jour, DemiJournee = demi, Signalement = lycee.Ids.Nouveau(),
                    };
                    assiduite.Absences.Add(absence);
                    // A day's absences of a pupil make one episode (one justification); each lateness is its own.
                    if (etat == "retard")
                    {
                        episodes.Add([absence]);
                    }
                    else if (episodesDuJour.TryGetValue(eleve, out var episode))
                    {
                        episode.Add(absence);
                    }
                    else
                    {
                        episodesDuJour[eleve] = [absence];
                        episodes.Add(episodesDuJour[eleve]);
                    }
                }
            }
        }

        foreach (var episode in episodes)
        {
            assiduite.Justifier(lycee, calendrier, episode);
        }

        return assiduite;
    }

    /// <summary>The family's justification of an episode and the desk's decision, by its age on the day reached.</summary>
    private void Justifier(Lycee lycee, Calendrier calendrier, List<AbsenceSeed> episode)
    {
        var aleas = lycee.Aleas;
        var premiere = episode[0];
        var retard = premiere.Type == "retard";
        var age = calendrier.Au.DayNumber - premiere.Jour.DayNumber;
        var tirage = aleas.NextDouble();
        // Thresholds: [nothing sent, sent and waiting, accepted]; the rest is refused.
        var (rien, attente, accepte) = (retard, age) switch
        {
            (false, <= 2) => (0.70, 0.95, 1.0),
            (false, <= 7) => (0.30, 0.50, 0.95),
            (false, _) => (0.12, 0.15, 0.93),
            (true, <= 7) => (0.70, 0.80, 0.98),
            (true, _) => (0.55, 0.57, 0.95),
        };
        if (tirage < rien)
        {
            return;
        }

        var eleve = premiere.Etat.Eleve;
        var deposant = eleve.Responsables.Count > 1 && aleas.NextDouble() < 0.25 ? eleve.Responsables[1].Responsable : eleve.Responsables[0].Responsable;
        var deposeLe = Calendrier.Instant(premiere.Jour.AddDays(aleas.Next(4)), new TimeOnly(18 + aleas.Next(4), aleas.Next(60)));
        if (deposeLe >= calendrier.Maintenant)
        {
            return;
        }

        var motif = retard
            ? Referentiel.Motifs[aleas.NextDouble() switch { < 0.6 => 3, < 0.8 => 1, _ => 5 }]
            : TirerMotif(aleas);
        DateTimeOffset? decideLe = tirage < attente
            ? null
            : Calendrier.Instant(DateOnly.FromDateTime(Calendrier.Local(deposeLe).DateTime).AddDays(1 + aleas.Next(2)), new TimeOnly(8 + aleas.Next(4), aleas.Next(60)));
        if (decideLe >= calendrier.Maintenant)
        {
            decideLe = null;
        }

        var statut = decideLe is null ? "a_examiner" : tirage < accepte ? "accepte" : "refuse";
        var justificatif = new JustificatifSeed
        {
            Id = lycee.Ids.Nouveau(),
            Eleve = eleve,
            Absences = episode,
            Motif = motif,
            DeposePar = deposant,
            DeposeLe = deposeLe,
            Statut = statut,
            DecideLe = decideLe,
            RaisonRefus = statut == "refuse" ? lycee.Tirer(Referentiel.RaisonsRefus) : null,
            Commentaire = motif.Code == "autre" ? "Démarche administrative, convocation jointe."
                : aleas.NextDouble() < 0.2 ? "Certificat médical joint." : null,
        };
        Justificatifs.Add(justificatif);
        foreach (var absence in episode)
        {
            (absence.Statut, absence.Motif) = statut switch
            {
                "accepte" => ("justifiee", motif.Code),
                "refuse" => ("refusee", null),
                _ => ("justificatif_depose", (string?)null),
            };
        }
    }

    private static (string Code, string Libelle, int Poids) TirerMotif(Random aleas)
    {
        var tirage = aleas.Next(Referentiel.Motifs.Sum(m => m.Poids));
        foreach (var motif in Referentiel.Motifs)
        {
            if ((tirage -= motif.Poids) < 0)
            {
                return motif;
            }
        }

        return Referentiel.Motifs[0];
    }
}
