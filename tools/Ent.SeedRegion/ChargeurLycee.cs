using Npgsql;
using static Ent.SeedRegion.Referentiel;

namespace Ent.SeedRegion;

/// <summary>
/// Writes one lycée, table after table in the order of their foreign keys, each through one binary COPY. Rows that
/// scale with time (grades, notifications) are generated while they are streamed; the rest was built in memory.
/// Every value respects the migrations' constraints, and each row is what the API itself would have written (texts,
/// keys and statuses are those of the endpoints and event handlers they stand for).
/// </summary>
internal sealed class ChargeurLycee(NpgsqlConnection connexion, Compteurs compteurs, Lycee lycee, Calendrier calendrier, OptionsSeed options,
    string motDePasseHash)
{
    /// <summary>The address in SMS texts: Ent's default public address.</summary>
    private const string UrlPublique = "http://localhost:5080";

    private readonly Random _aleas = lycee.Aleas;
    private readonly DateTimeOffset _maintenant = calendrier.Maintenant;

    /// <summary>Notifications and messages older than this are not written (options.JoursNotifications).</summary>
    private DateTimeOffset DebutNotifications => options.JoursNotifications is { } jours ? _maintenant.AddDays(-jours) : DateTimeOffset.MinValue;

    private DateTimeOffset Rentree => Calendrier.Instant(calendrier.DebutAnnee, new TimeOnly(8, 0)).AddDays(-3);

    private void Copier(string table, string colonnes, Action<Table> ecrire) => Table.Copier(connexion, compteurs, table, colonnes, ecrire);

    /// <summary>Writes the lycée; returns its attendance, for the run's figures.</summary>
    public Assiduite Charger()
    {
        var assiduite = Assiduite.Generer(lycee, calendrier);
        var periodes = calendrier.Trimestres.Select(t => (Id: lycee.Ids.Nouveau(), t.Numero, t.Debut, t.Fin, Publies: BulletinsPublies(t.Fin))).ToArray();
        var evaluations = Evaluations(periodes.Select(p => (p.Id, p.Debut, p.Fin)).ToArray());

        Identite();
        Scolarite(periodes, evaluations);
        VieScolaire(assiduite);
        var applications = new List<NotificationSeed>();
        MessagesSortants(assiduite, applications);
        Notifications(evaluations, applications);
        Communication();
        Copier("ressources.lien_utile", "id, etablissement_id, titre, url, description, ordre", t =>
        {
            var liens = new[]
            {
                ("Portail du CDI", "https://cdi.example.org/", "Catalogue et ressources du centre de documentation."),
                ("Onisep : s'orienter après le bac", "https://www.onisep.fr/", "Formations, métiers, Parcoursup."),
                ("Site du lycée", $"https://{lycee.Uai.ToLowerInvariant()}.example.org/", null),
            };
            for (var i = 0; i < liens.Length; i++)
            {
                t.Ligne().Uuid(lycee.Ids.Nouveau()).Uuid(lycee.Id).Texte(liens[i].Item1).Texte(liens[i].Item2).Texte(liens[i].Item3).Entier(i + 1);
            }
        });
        // Issue 15: this week's lesson changes and a month of homework (CahierDeTextes.cs), last so that nothing above changes.
        CahierDeTextes.Ecrire(connexion, compteurs, lycee, calendrier);
        return assiduite;
    }

    /// <summary>Report cards are published ten days after a trimester ends, when that day is reached.</summary>
    private DateTimeOffset? BulletinsPublies(DateOnly fin)
    {
        var le = Calendrier.Instant(fin.AddDays(10), new TimeOnly(18, 0));
        return le < _maintenant ? le : null;
    }

    private void Identite()
    {
        Copier("identite.etablissement", "id, uai, nom, academie, adresse, code_postal, commune, cree_le, double_authentification_personnel", t =>
            t.Ligne().Uuid(lycee.Id).Texte(lycee.Uai).Texte(lycee.Nom).Texte(lycee.Academie).Texte(lycee.Adresse).Texte(lycee.CodePostal)
                .Texte(lycee.Commune).Instant(Rentree.AddDays(-60)).Booleen(false));

        Copier("identite.personne", "id, nom, prenom, date_naissance, ine, email, mobile, eleve_id_national, cree_le", t =>
        {
            foreach (var p in lycee.Personnes)
            {
                t.Ligne().Uuid(p.Id).Texte(p.Nom).Texte(p.Prenom).Date(p.Naissance).Texte(p.Ine).Texte(p.Email).Texte(p.Mobile)
                    .Texte(p.EleveIdNational).Instant(Rentree);
            }
        });

        // One hash for every account: hashing a million passwords (PBKDF2) would take hours.
        Copier("identite.compte", "id, personne_id, identifiant, mot_de_passe_hash, etat, cree_le", t =>
        {
            foreach (var p in lycee.Personnes)
            {
                t.Ligne().Uuid(lycee.Ids.Nouveau()).Uuid(p.Id).Texte(p.Identifiant).Texte(motDePasseHash).Texte("actif").Instant(Rentree);
            }
        });

        Copier("identite.rattachement", "personne_id, etablissement_id, profil, fonction", t =>
        {
            foreach (var (p, fonction) in lycee.Personnels)
            {
                t.Ligne().Uuid(p.Id).Uuid(lycee.Id).Texte("personnel").Texte(fonction);
            }

            foreach (var p in lycee.Professeurs)
            {
                t.Ligne().Uuid(p.Personne.Id).Uuid(lycee.Id).Texte("enseignant").Null();
            }

            foreach (var e in lycee.Eleves)
            {
                t.Ligne().Uuid(e.Personne.Id).Uuid(lycee.Id).Texte("eleve").Null();
            }

            foreach (var r in lycee.Responsables)
            {
                t.Ligne().Uuid(r.Personne.Id).Uuid(lycee.Id).Texte("responsable").Null();
            }
        });

        Copier("identite.lien_responsable",
            "responsable_id, eleve_id, lien, legal, recoit_courrier, recoit_notifications, contact_prioritaire", t =>
            {
                foreach (var e in lycee.Eleves)
                {
                    foreach (var l in e.Responsables)
                    {
                        t.Ligne().Uuid(l.Responsable.Personne.Id).Uuid(e.Personne.Id).Texte(l.Lien).Booleen(true).Booleen(true)
                            .Booleen(l.Responsable.RecoitNotifications).Booleen(l.Prioritaire);
                    }
                }
            });
    }

    internal sealed record EvaluationSeed(
        Guid Id, Service Service, Guid PeriodeId, DateOnly Date, string Titre, decimal Bareme, decimal Coefficient, string Mode,
        DateTimeOffset SaisieLe);

    /// <summary>
    /// About eight assessments per service and trimester, in proportion to the part of the trimester elapsed (up to three
    /// days before the day reached), on days the service has a lesson; grades entered two to nine days later.
    /// </summary>
    private List<EvaluationSeed> Evaluations((Guid Id, DateOnly Debut, DateOnly Fin)[] periodes)
    {
        var jours = lycee.Creneaux.GroupBy(c => c.Service).ToDictionary(g => g.Key, g => g.Select(c => c.Jour).ToHashSet());
        var limite = calendrier.Au.AddDays(-3);
        var liste = new List<EvaluationSeed>();
        foreach (var (periodeId, debut, fin) in periodes)
        {
            var total = calendrier.JoursDeClasse(debut, fin).Count();
            var ecoules = calendrier.JoursDeClasse(debut, fin < limite ? fin : limite).ToList();
            if (ecoules.Count == 0)
            {
                continue;
            }

            foreach (var service in lycee.Services)
            {
                var possibles = ecoules.Where(j => jours.TryGetValue(service, out var js) && js.Contains(Calendrier.JourIso(j))).ToList();
                var nombre = (int)Math.Round((7 + _aleas.Next(3)) * (double)ecoules.Count / total);
                nombre = Math.Min(nombre, possibles.Count);
                for (var k = 0; k < nombre; k++)
                {
                    var date = possibles[(int)((k + 0.5) * possibles.Count / nombre)];
                    var delai = Math.Min(2 + _aleas.Next(8), calendrier.Au.DayNumber - date.DayNumber - 1);
                    var mode = _aleas.NextDouble() switch { < 0.03 => "bonus", < 0.05 => "facultative", _ => "normale" };
                    liste.Add(new EvaluationSeed(
                        lycee.Ids.Nouveau(), service, periodeId, date,
                        $"{lycee.Tirer(TitresEvaluations)} n° {k + 1}",
                        _aleas.NextDouble() switch { < 0.15 => 10m, < 0.2 => 40m, _ => 20m },
                        _aleas.NextDouble() switch { < 0.05 => 0.5m, < 0.3 => 2m, _ => 1m },
                        mode,
                        Calendrier.Instant(date.AddDays(delai), new TimeOnly(19 + _aleas.Next(3), _aleas.Next(60)))));
                }
            }
        }

        return liste;
    }

    private void Scolarite((Guid Id, short Numero, DateOnly Debut, DateOnly Fin, DateTimeOffset? Publies)[] periodes, List<EvaluationSeed> evaluations)
    {
        Copier("scolarite.matiere", "etablissement_id, code, libelle, code_national, rang", t =>
        {
            foreach (var m in Matieres)
            {
                t.Ligne().Uuid(lycee.Id).Texte(m.Code).Texte(m.Libelle).Null().Court(m.Rang);
            }
        });
        Copier("scolarite.parametres_notation", "etablissement_id, non_rendu", t =>
            t.Ligne().Uuid(lycee.Id).Texte(_aleas.NextDouble() < 0.3 ? "zero" : "exclu"));
        Copier("scolarite.periode", "id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le", t =>
        {
            foreach (var p in periodes)
            {
                t.Ligne().Uuid(p.Id).Uuid(lycee.Id).Texte(calendrier.AnneeScolaire).Texte("trimestre").Court(p.Numero).Date(p.Debut).Date(p.Fin)
                    .Instant(p.Publies);
            }
        });
        Copier("scolarite.classe", "id, etablissement_id, annee_scolaire, code, libelle, niveau", t =>
        {
            foreach (var c in lycee.Classes)
            {
                t.Ligne().Uuid(c.Id).Uuid(lycee.Id).Texte(calendrier.AnneeScolaire).Texte(c.Code).Texte(c.Libelle).Texte(c.Niveau);
            }
        });
        Copier("scolarite.inscription_classe", "classe_id, eleve_id", t =>
        {
            foreach (var e in lycee.Eleves)
            {
                t.Ligne().Uuid(e.Classe.Id).Uuid(e.Personne.Id);
            }
        });
        Copier("scolarite.service_enseignement", "id, enseignant_id, matiere_code, matiere_libelle, classe_id, groupe_id, coefficient", t =>
        {
            foreach (var s in lycee.Services)
            {
                t.Ligne().Uuid(s.Id).Uuid(s.Enseignant.Personne.Id).Texte(s.Matiere.Code).Texte(s.Matiere.Libelle).Uuid(s.Classe.Id).Null()
                    .Nombre(s.Matiere.Coefficient);
            }
        });
        // The timetable (Scolarité's): every week, valid the whole school year. Each class has its room; sport is in the gym.
        var salles = lycee.Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => $"Salle {101 + x.i}");
        Copier("scolarite.creneau", "id, etablissement_id, service_id, jour, debut, fin, salle, semaine, valide_du, valide_au", t =>
        {
            foreach (var c in lycee.Creneaux)
            {
                t.Ligne().Uuid(c.Id).Uuid(lycee.Id).Uuid(c.Service.Id).Court(c.Jour).Heure(new TimeOnly(c.Heure, 0)).Heure(new TimeOnly(c.Heure, 55))
                    .Texte(c.Service.Matiere.Code == "EPS" ? "Gymnase" : salles[c.Service.Classe]).Null()
                    .Date(calendrier.DebutAnnee).Date(calendrier.DebutAnnee.AddYears(1).AddDays(-1));
            }
        });
        Copier("scolarite.professeur_principal", "classe_id, enseignant_id", t =>
        {
            foreach (var c in lycee.Classes.Where(c => c.Principal is not null))
            {
                t.Ligne().Uuid(c.Id).Uuid(c.Principal!.Personne.Id);
            }
        });
        Copier("scolarite.evaluation",
            "id, service_id, periode_id, date, titre, bareme, coefficient, mode, compte_dans_moyenne, publication, cree_par, cree_le", t =>
            {
                foreach (var e in evaluations)
                {
                    t.Ligne().Uuid(e.Id).Uuid(e.Service.Id).Uuid(e.PeriodeId).Date(e.Date).Texte(e.Titre).Nombre(e.Bareme).Nombre(e.Coefficient)
                        .Texte(e.Mode).Booleen(true).Null().Uuid(e.Service.Enseignant.Personne.Id)
                        .Instant(Calendrier.Instant(e.Date, new TimeOnly(17, 30)).AddDays(-7));
                }
            });
        Copier("scolarite.note", "evaluation_id, eleve_id, valeur, marqueur, commentaire, saisie_par, saisie_le", t =>
        {
            foreach (var e in evaluations)
            {
                foreach (var eleve in e.Service.Classe.Eleves)
                {
                    var (valeur, marqueur) = Note(e, eleve);
                    t.Ligne().Uuid(e.Id).Uuid(eleve.Personne.Id).Nombre(valeur).Texte(marqueur)
                        .Texte(valeur is not null && _aleas.NextDouble() < 0.04 ? lycee.Tirer(CommentairesNotes) : null)
                        .Uuid(e.Service.Enseignant.Personne.Id).Instant(e.SaisieLe);
                }
            }
        });

        // Appraisals and class councils of the trimesters whose report cards are out.
        var publiees = periodes.Where(p => p.Publies is not null).ToArray();
        Copier("scolarite.appreciation", "service_id, periode_id, eleve_id, texte, auteur_id, modifie_le", t =>
        {
            foreach (var p in publiees)
            {
                foreach (var s in lycee.Services)
                {
                    foreach (var eleve in s.Classe.Eleves)
                    {
                        t.Ligne().Uuid(s.Id).Uuid(p.Id).Uuid(eleve.Personne.Id)
                            .Texte(Appreciations[Math.Clamp((int)(NiveauEn(eleve, s.Matiere) * Appreciations.Length), 0, Appreciations.Length - 1)])
                            .Uuid(s.Enseignant.Personne.Id).Instant(p.Publies!.Value.AddDays(-8));
                    }
                }
            }
        });
        Copier("scolarite.conseil_classe", "classe_id, periode_id, eleve_id, appreciation_generale, decision, modifie_par, modifie_le", t =>
        {
            foreach (var p in publiees)
            {
                foreach (var c in lycee.Classes.Where(c => c.Principal is not null))
                {
                    foreach (var eleve in c.Eleves)
                    {
                        var niveau = eleve.Niveau;
                        t.Ligne().Uuid(c.Id).Uuid(p.Id).Uuid(eleve.Personne.Id)
                            .Texte(niveau switch
                            {
                                >= 0.75 => "Un trimestre sérieux et réussi : continuez ainsi.",
                                >= 0.4 => "Des résultats encourageants ; la participation orale reste à développer.",
                                _ => "Trimestre fragile : le travail personnel doit être plus régulier.",
                            })
                            .Texte(niveau switch
                            {
                                >= 0.9 => "felicitations",
                                >= 0.8 => "compliments",
                                >= 0.7 => "encouragements",
                                < 0.06 => "mise_en_garde_travail",
                                _ => null,
                            })
                            .Uuid(c.Principal!.Personne.Id).Instant(p.Publies!.Value.AddDays(-5));
                    }
                }
            }
        });
    }

    /// <summary>A pupil's level in a subject, 0..1: their overall level, shifted per subject (stable, no memory kept).</summary>
    private static double NiveauEn(Eleve eleve, Matiere matiere)
    {
        var h = Melanger((ulong)eleve.Personne.Id.GetHashCode() ^ ((ulong)matiere.Rang << 32));
        return Math.Clamp(eleve.Niveau + ((h % 1000 / 1000.0) - 0.5) * 0.5, 0, 1);
    }

    private static ulong Melanger(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>A mark on the assessment's scale in half points (7 to 17 out of 20 by level, ± 3 on the day), or a marker.</summary>
    private (decimal? Valeur, string? Marqueur) Note(EvaluationSeed e, Eleve eleve)
    {
        var tirage = _aleas.NextDouble();
        if (tirage < 0.02)
        {
            return (null, "absent");
        }

        if (tirage < 0.05 && e.Service.Matiere.Code == "EPS")
        {
            return (null, "dispense");
        }

        if (tirage < 0.03)
        {
            return (null, "non_rendu");
        }

        if (tirage < 0.033)
        {
            return (null, "non_note");
        }

        var surVingt = Math.Clamp(6 + (11 * NiveauEn(eleve, e.Service.Matiere)) + (_aleas.NextDouble() * 6) - 3, 0, 20);
        var valeur = Math.Round((decimal)surVingt * e.Bareme / 20m * 2, MidpointRounding.AwayFromZero) / 2;
        return (Math.Min(valeur, e.Bareme), null);
    }

    private void VieScolaire(Assiduite assiduite)
    {
        Copier("viescolaire.parametres_vie_scolaire", "etablissement_id, seuil_demi_journees_mois", t => t.Ligne().Uuid(lycee.Id).Entier(4));

        var regimes = lycee.Eleves.Select(e => (e, _aleas.NextDouble() switch { < 0.7 => "demi_pensionnaire", < 0.95 => "externe", _ => "interne" })).ToList();
        var cpe = lycee.Cpe.Id;
        Copier("viescolaire.regime_eleve", "eleve_id, annee_scolaire, etablissement_id, regime, modifie_par, modifie_le", t =>
        {
            foreach (var (e, regime) in regimes)
            {
                t.Ligne().Uuid(e.Personne.Id).Texte(calendrier.AnneeScolaire).Uuid(lycee.Id).Texte(regime).Uuid(cpe).Instant(Rentree);
            }
        });
        Copier("viescolaire.regime_historique", "eleve_id, annee_scolaire, regime_avant, regime, par, le", t =>
        {
            foreach (var (e, regime) in regimes)
            {
                t.Ligne().Uuid(e.Personne.Id).Texte(calendrier.AnneeScolaire).Null().Texte(regime).Uuid(cpe).Instant(Rentree);
            }
        });

        Copier("viescolaire.appel", "id, etablissement_id, service_id, debut, fin, cours, fait_par, fait_le, modifie_le", t =>
        {
            foreach (var a in assiduite.Appels)
            {
                t.Ligne().Uuid(a.Id).Uuid(lycee.Id).Uuid(a.Service.Id).Instant(a.Debut).Instant(a.Fin).Texte(a.Service.Cours)
                    .Uuid(a.Service.Enseignant.Personne.Id).Instant(a.FaitLe).Instant(a.FaitLe);
            }
        });

        // A pupil without a row is present (the roll call sheet reads it so); --appel-complet writes every pupil, as the API does.
        void Etats(Action<EtatAppel> ecrire)
        {
            if (!options.AppelComplet)
            {
                assiduite.Etats.ForEach(ecrire);
                return;
            }

            var absents = assiduite.Etats.ToLookup(e => e.Appel);
            foreach (var appel in assiduite.Appels)
            {
                var siens = absents[appel].ToDictionary(e => e.Eleve);
                foreach (var eleve in appel.Service.Classe.Eleves)
                {
                    ecrire(siens.GetValueOrDefault(eleve) ?? new EtatAppel(appel, eleve, "present", null));
                }
            }
        }

        Copier("viescolaire.appel_eleve", "appel_id, eleve_id, etat, minutes_retard", t =>
            Etats(e => t.Ligne().Uuid(e.Appel.Id).Uuid(e.Eleve.Personne.Id).Texte(e.Etat).Entier(e.Minutes)));
        Copier("viescolaire.appel_historique", "appel_id, eleve_id, etat_avant, etat, minutes_retard, par, le", t =>
            Etats(e => t.Ligne().Uuid(e.Appel.Id).Uuid(e.Eleve.Personne.Id).Null().Texte(e.Etat).Entier(e.Minutes)
                .Uuid(e.Appel.Service.Enseignant.Personne.Id).Instant(e.Appel.FaitLe)));

        Copier("viescolaire.absence",
            "id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours, appel_id, statut, motif_code, " +
            "commentaire, saisie_par, saisie_le, annulee_le", t =>
            {
                foreach (var a in assiduite.Absences)
                {
                    var appel = a.Etat.Appel;
                    t.Ligne().Uuid(a.Id).Uuid(lycee.Id).Uuid(a.Etat.Eleve.Personne.Id).Texte(a.Type).Instant(appel.Debut).Instant(appel.Fin).Date(a.Jour)
                        .Texte(a.DemiJournee).Entier(a.Etat.Minutes).Texte(appel.Service.Cours).Uuid(appel.Id).Texte(a.Statut).Texte(a.Motif).Null()
                        .Uuid(appel.Service.Enseignant.Personne.Id).Instant(appel.FaitLe).Null();
                }
            });
        Copier("viescolaire.justificatif",
            "id, etablissement_id, eleve_id, motif_code, commentaire, document_id, depose_par, depose_le, statut, decide_par, decide_le, raison_refus",
            t =>
            {
                foreach (var j in assiduite.Justificatifs)
                {
                    t.Ligne().Uuid(j.Id).Uuid(lycee.Id).Uuid(j.Eleve.Personne.Id).Texte(j.Motif.Code).Texte(j.Commentaire).Null()
                        .Uuid(j.DeposePar.Personne.Id).Instant(j.DeposeLe).Texte(j.Statut).Uuid(j.DecideLe is null ? null : cpe).Instant(j.DecideLe)
                        .Texte(j.RaisonRefus);
                }
            });
        Copier("viescolaire.justificatif_absence", "justificatif_id, absence_id", t =>
        {
            foreach (var j in assiduite.Justificatifs)
            {
                foreach (var a in j.Absences)
                {
                    t.Ligne().Uuid(j.Id).Uuid(a.Id);
                }
            }
        });

        // Each absence's history, as the roll call, the family's justification and the desk's decision wrote it.
        var justificatifs = assiduite.Justificatifs.SelectMany(j => j.Absences.Select(a => (a, j))).ToDictionary(x => x.a, x => x.j);
        Copier("viescolaire.absence_historique", "absence_id, statut, detail, par, le", t =>
        {
            foreach (var a in assiduite.Absences)
            {
                var appel = a.Etat.Appel;
                t.Ligne().Uuid(a.Id).Texte("non_justifiee")
                    .Texte(a.Type == "retard" ? $"Retard de {a.Etat.Minutes} min relevé à l'appel" : "Absence relevée à l'appel")
                    .Uuid(appel.Service.Enseignant.Personne.Id).Instant(appel.FaitLe);
                if (!justificatifs.TryGetValue(a, out var j))
                {
                    continue;
                }

                t.Ligne().Uuid(a.Id).Texte("justificatif_depose").Texte($"Justificatif déposé : {j.Motif.Libelle}").Uuid(j.DeposePar.Personne.Id)
                    .Instant(j.DeposeLe);
                if (j.DecideLe is { } decide)
                {
                    t.Ligne().Uuid(a.Id).Texte(j.Statut == "accepte" ? "justifiee" : "refusee")
                        .Texte(j.Statut == "accepte" ? $"Justificatif accepté : {j.Motif.Libelle}" : $"Justificatif refusé : {j.RaisonRefus}")
                        .Uuid(cpe).Instant(decide);
                }
            }
        });
    }

    /// <summary>An in-app message delivered: the notification the worker wrote from it (same key).</summary>
    internal sealed record NotificationSeed(Guid Destinataire, Guid Eleve, string Categorie, string Titre, string Texte, string Lien, string Cle,
        DateTimeOffset VisibleLe);

    /// <summary>
    /// The outbox as the delivery worker left it: each absence announced to the guardians who receive notifications,
    /// by their channels (SMS and in-app unless they chose otherwise), each decision on a justification to the guardian
    /// who sent it. Everything has left (SMS mostly with a delivery receipt, a few failures); nothing waits, so a host
    /// started on this database sends nothing.
    /// </summary>
    private void MessagesSortants(Assiduite assiduite, List<NotificationSeed> applications)
    {
        var debut = DebutNotifications;
        Copier("communication.message_sortant",
            "id, cree_le, canal, adresse, personne_id, sujet, texte, cle_idempotence, statut, tentatives, prochaine_tentative, erreur, " +
            "reference_fournisseur, envoye_le, remis_le, eleve_id, etablissement_id, categorie, lien", t =>
            {
                void Message(string canal, Responsable r, Eleve eleve, string sujet, string texte, string cle, string categorie, DateTimeOffset creeLe)
                {
                    var lien = $"/absences?eleve={eleve.Personne.Id}";
                    var envoyeLe = creeLe.AddSeconds(1 + _aleas.Next(20));
                    var tirage = _aleas.NextDouble();
                    var (statut, erreur) = canal switch
                    {
                        "sms" when tirage < 0.03 => ("echec", "La passerelle a refusé le message : numéro non attribué."),
                        "courriel" when tirage < 0.02 => ("echec", "Le serveur de messagerie a refusé l'adresse."),
                        "sms" when tirage < 0.30 => ("envoye", (string?)null),
                        "sms" => ("remis", null),
                        _ => ("envoye", null),
                    };
                    var parti = statut != "echec";
                    t.Ligne().Uuid(lycee.Ids.Nouveau()).Instant(creeLe).Texte(canal)
                        .Texte(canal switch { "sms" => r.Personne.Mobile, "courriel" => r.Personne.Email, _ => null })
                        .Uuid(r.Personne.Id).Texte(sujet).Texte(texte).Texte($"{cle}:{canal}").Texte(statut).Entier(1).Instant(creeLe.AddSeconds(120))
                        .Texte(erreur).Texte(parti && canal == "sms" ? $"sms-{_aleas.NextInt64():x16}" : null).Instant(parti ? envoyeLe : null)
                        .Instant(statut == "remis" ? envoyeLe.AddSeconds(3 + _aleas.Next(60)) : null)
                        .Uuid(eleve.Personne.Id).Uuid(lycee.Id).Texte(categorie).Texte(lien);
                    if (canal == "application")
                    {
                        applications.Add(new NotificationSeed(r.Personne.Id, eleve.Personne.Id, categorie, sujet, texte, lien, $"{cle}:{canal}", envoyeLe));
                    }
                }

                void AuxCanaux(Responsable r, Eleve eleve, string sujet, string court, string texte, string cle, string categorie, DateTimeOffset le)
                {
                    if (r.Sms && r.Personne.Mobile is not null)
                    {
                        Message("sms", r, eleve, sujet, court, cle, categorie, le);
                    }

                    if (r.Courriel && r.Personne.Email is not null)
                    {
                        Message("courriel", r, eleve, sujet, texte, cle, categorie, le);
                    }

                    if (r.Application)
                    {
                        Message("application", r, eleve, sujet, texte, cle, categorie, le);
                    }
                }

                foreach (var a in assiduite.Absences)
                {
                    var le = a.Etat.Appel.FaitLe;
                    if (le < debut)
                    {
                        continue;
                    }

                    var eleve = a.Etat.Eleve;
                    var prenomNom = $"{eleve.Personne.Prenom} {eleve.Personne.Nom}";
                    var local = Calendrier.Local(a.Etat.Appel.Debut);
                    var quand = $"le {local:dd/MM} à {local.Hour}h{local:mm}";
                    var quoi = a.Type == "retard" ? $"Retard de {a.Etat.Minutes} min" : "Absence";
                    var sujet = $"{(a.Type == "retard" ? "Retard" : "Absence")} de {prenomNom}";
                    var phrase = $"{quoi} de {prenomNom} en {a.Etat.Appel.Service.Cours} {quand}.";
                    foreach (var l in eleve.Responsables.Where(l => l.Responsable.RecoitNotifications))
                    {
                        AuxCanaux(l.Responsable, eleve, sujet, $"{phrase} Justifier : {UrlPublique}/absences",
                            $"{phrase} Vous pouvez la justifier en ligne depuis la page Absences.",
                            $"absence:{a.Id}:{a.Signalement:N}:{l.Responsable.Personne.Id}", "absence", le);
                    }
                }

                foreach (var j in assiduite.Justificatifs)
                {
                    if (j.DecideLe is not { } le || le < debut || !j.DeposePar.RecoitNotifications)
                    {
                        continue;
                    }

                    var eleve = j.Eleve.Personne;
                    var absences = j.Absences.Count > 1 ? $"des {j.Absences.Count} absences" : "de l'absence";
                    var texte = j.Statut == "accepte"
                        ? $"La vie scolaire a accepté votre justificatif {absences} de {eleve.Prenom} {eleve.Nom}."
                        : $"La vie scolaire a refusé votre justificatif {absences} de {eleve.Prenom} {eleve.Nom} : {j.RaisonRefus}";
                    AuxCanaux(j.DeposePar, j.Eleve, j.Statut == "accepte" ? "Justificatif accepté" : "Justificatif refusé", texte, texte,
                        $"justificatif:{j.Id}:{j.DeposePar.Personne.Id}", "justificatif", le);
                }
            });
    }

    /// <summary>
    /// In-app notifications: each assessment's grades announced to the pupils and their legal guardians when entered
    /// (Communication's NotesPubliees handler), and the in-app messages delivered. Older ones mostly read.
    /// </summary>
    private void Notifications(List<EvaluationSeed> evaluations, List<NotificationSeed> applications)
    {
        var debut = DebutNotifications;
        Copier("communication.notification", "id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le, cree_le, lue_le", t =>
        {
            void Ecrire(Guid destinataire, Guid eleve, string categorie, string titre, string texte, string lien, string cle, DateTimeOffset visible)
            {
                var ancienne = (_maintenant - visible).TotalDays > 2;
                DateTimeOffset? lue = _aleas.NextDouble() < (ancienne ? 0.65 : 0.25) ? visible.AddMinutes(10 + _aleas.Next(2000)) : null;
                t.Ligne().Uuid(lycee.Ids.Nouveau()).Uuid(destinataire).Uuid(eleve).Texte(categorie).Texte(titre).Texte(texte).Texte(lien).Texte(cle)
                    .Instant(visible).Instant(visible).Instant(lue < _maintenant ? lue : null);
            }

            foreach (var e in evaluations.Where(e => e.SaisieLe >= debut))
            {
                var titre = $"Nouvelle note en {e.Service.Matiere.Libelle}";
                foreach (var eleve in e.Service.Classe.Eleves)
                {
                    var lien = $"/notes?eleve={eleve.Personne.Id}";
                    var cle = $"notes:{e.Id}:{eleve.Personne.Id}";
                    Ecrire(eleve.Personne.Id, eleve.Personne.Id, "notes", titre, $"« {e.Titre} » : ta note est disponible.", lien, cle, e.SaisieLe);
                    foreach (var l in eleve.Responsables)
                    {
                        Ecrire(l.Responsable.Personne.Id, eleve.Personne.Id, "notes", titre,
                            $"« {e.Titre} » : la note de {eleve.Personne.Prenom} est disponible.", lien, cle, e.SaisieLe);
                    }
                }
            }

            foreach (var n in applications)
            {
                Ecrire(n.Destinataire, n.Eleve, n.Categorie, n.Titre, n.Texte, n.Lien, n.Cle, n.VisibleLe);
            }
        });
    }

    private void Communication()
    {
        Copier("communication.preference_notification", "personne_id, sms, courriel, application, modifie_le", t =>
        {
            foreach (var r in lycee.Responsables.Where(r => r.Preference is not null))
            {
                t.Ligne().Uuid(r.Personne.Id).Booleen(r.Sms).Booleen(r.Courriel).Booleen(r.Application).Instant(Rentree.AddDays(10 + _aleas.Next(20)));
            }
        });
        Copier("communication.annonce_publique", "id, etablissement_id, titre, texte, publiee_le, expire_le", t =>
        {
            t.Ligne().Uuid(lycee.Ids.Nouveau()).Uuid(lycee.Id).Texte($"Bienvenue sur l'ENT du {lycee.Nom}")
                .Texte("Retrouvez ici les notes, les absences et les messages de l'établissement. Votre identifiant vous a été remis par le secrétariat.")
                .Instant(Rentree).Null();
            var publiee = _maintenant.AddDays(-3);
            t.Ligne().Uuid(lycee.Ids.Nouveau()).Uuid(lycee.Id).Texte("Réunion parents-professeurs")
                .Texte("Les professeurs principaux reçoivent les familles le jeudi à partir de 17 h 30, sur rendez-vous.")
                .Instant(publiee).Instant(publiee.AddDays(14));
        });
    }
}
