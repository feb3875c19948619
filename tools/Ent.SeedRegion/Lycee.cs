using System.Globalization;
using System.Text;
using static Ent.SeedRegion.Referentiel;

namespace Ent.SeedRegion;

internal sealed class Personne
{
    public required Guid Id { get; init; }
    public required string Nom { get; init; }
    public required string Prenom { get; init; }
    public required string Identifiant { get; init; }
    public DateOnly? Naissance { get; init; }
    public string? Ine { get; init; }
    public string? EleveIdNational { get; init; }
    public string? Email { get; init; }
    public string? Mobile { get; init; }
}

internal sealed class Responsable
{
    public required Personne Personne { get; init; }
    public bool RecoitNotifications { get; init; } = true;

    /// <summary>The guardian's chosen channels (SMS, e-mail, in-app); null: no choice saved, SMS and in-app.</summary>
    public (bool Sms, bool Courriel, bool Application)? Preference { get; init; }

    public bool Sms => Preference?.Sms ?? true;
    public bool Courriel => Preference?.Courriel ?? false;
    public bool Application => Preference?.Application ?? true;
}

internal sealed record LienFamille(Responsable Responsable, string Lien, bool Prioritaire);

internal sealed class Eleve
{
    public required Personne Personne { get; init; }
    public required Classe Classe { get; init; }

    /// <summary>How often the pupil is away, around 1 (the average pupil).</summary>
    public required double Absenteisme { get; init; }

    /// <summary>The pupil's overall level, 0..1.</summary>
    public required double Niveau { get; init; }

    /// <summary>Guardians, the priority contact first (the order the directory gives them).</summary>
    public List<LienFamille> Responsables { get; } = [];
}

internal sealed class Enseignant
{
    public required Personne Personne { get; init; }
    public required Matiere Matiere { get; init; }
}

internal sealed class Classe
{
    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Libelle { get; init; }
    public required string Niveau { get; init; }
    public List<Eleve> Eleves { get; } = [];
    public Enseignant? Principal { get; set; }
}

internal sealed class Service
{
    public required Guid Id { get; init; }
    public required Classe Classe { get; init; }
    public required Matiere Matiere { get; init; }
    public required Enseignant Enseignant { get; init; }

    /// <summary>« Mathématiques — Seconde 1 », as the roll call and the families read it.</summary>
    public string Cours => $"{Matiere.Libelle} — {Classe.Libelle}";
}

internal sealed record Creneau(Guid Id, Service Service, short Jour, int Heure);

/// <summary>
/// One lycée, built in memory before it is written: its people, classes, teaching services and weekly timetable
/// (about 4,500 objects). What scales with time — grades, roll calls, messages — is generated while it is written.
/// </summary>
internal sealed class Lycee
{
    public const int ClassesParNiveau = 12;
    public const int Enseignants = 90;

    private static readonly int[] HeuresJour = [8, 9, 10, 11, 13, 14, 15, 16];

    private Lycee(int numero, Random aleas, Ids ids)
    {
        Numero = numero;
        Aleas = aleas;
        Ids = ids;
    }

    public int Numero { get; }
    public Random Aleas { get; }
    public Ids Ids { get; }
    public Guid Id { get; private set; }
    public string Uai { get; private set; } = "";
    public string Nom { get; private set; } = "";
    public string Academie { get; private set; } = "";
    public string Adresse { get; private set; } = "";
    public string CodePostal { get; private set; } = "";
    public string Commune { get; private set; } = "";
    /// <summary>Everyone, in the order their ids were drawn (ascending).</summary>
    public List<Personne> Personnes { get; } = [];
    public List<(Personne Personne, string Fonction)> Personnels { get; } = [];
    public List<Enseignant> Professeurs { get; } = [];
    public List<Classe> Classes { get; } = [];
    public List<Eleve> Eleves { get; } = [];
    public List<Responsable> Responsables { get; } = [];
    public List<Service> Services { get; } = [];
    public List<Creneau> Creneaux { get; } = [];

    /// <summary>Lessons that found no free slot for the class and the teacher (0 in practice).</summary>
    public int HeuresNonPlacees { get; private set; }

    public Personne Cpe => Personnels[1].Personne;

    public string Prefixe => $"e{Numero:D3}";

    /// <summary>The lycée's UAI: département, a number, and the national check letter.</summary>
    public static string UaiDe(int numero)
    {
        var departement = Departements[(numero - 1) % Departements.Length].Departement;
        var chiffres = $"{departement}{numero:D4}";
        return chiffres + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(long.Parse(chiffres, CultureInfo.InvariantCulture) % 23)];
    }

    public static Lycee Generer(int numero, int graine, Calendrier calendrier)
    {
        // One generator per lycée: a lycée's data depends on the seed and its number only, so an interrupted run resumes.
        var aleas = new Random(unchecked((graine * 1_000_003) + numero));
        var debutMs = new DateTimeOffset(calendrier.DebutAnnee.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var lycee = new Lycee(numero, aleas, new Ids(debutMs, numero, aleas));
        lycee.GenererEtablissement();
        lycee.GenererPersonnels();
        lycee.GenererClassesEtEleves(calendrier);
        lycee.GenererServices();
        lycee.GenererEmploiDuTemps();
        return lycee;
    }

    private void GenererEtablissement()
    {
        var (_, academie, communes) = Departements[(Numero - 1) % Departements.Length];
        var (commune, codePostal) = communes[Aleas.Next(communes.Length)];
        Id = Ids.Nouveau();
        Uai = UaiDe(Numero);
        Nom = $"Lycée {NomsLycees[Aleas.Next(NomsLycees.Length)]}";
        Academie = academie;
        Adresse = $"{1 + Aleas.Next(120)} {Rues[Aleas.Next(Rues.Length)]}";
        CodePostal = codePostal;
        Commune = commune;
    }

    private Personne Adulte(string identifiant, bool femme, string domaine, double avecMobile, double avecEmail, string? nom = null)
    {
        nom ??= Tirer(Noms);
        var prenom = Tirer(femme ? PrenomsFemmes : PrenomsHommes);
        return Ajouter(new Personne
        {
            Id = Ids.Nouveau(),
            Nom = nom,
            Prenom = prenom,
            Identifiant = identifiant,
            Email = Aleas.NextDouble() < avecEmail ? $"{Ascii(prenom)}.{Ascii(nom)}{Aleas.Next(100)}@{domaine}" : null,
            Mobile = Aleas.NextDouble() < avecMobile ? $"+33{6 + Aleas.Next(2)}{Aleas.Next(100_000_000):D8}" : null,
        });
    }

    private Personne Ajouter(Personne personne)
    {
        Personnes.Add(personne);
        return personne;
    }

    private void GenererPersonnels()
    {
        var domaine = $"ac-{Ascii(Academie)}.example.org";
        foreach (var (login, fonction) in new[]
                 {
                     ("direction", "direction"), ("cpe", "cpe"), ("cpe2", "cpe"), ("infirmerie", "infirmier"), ("secretariat", "secretariat"),
                 })
        {
            Personnels.Add((Adulte($"{Prefixe}.{login}", Aleas.NextDouble() < 0.6, domaine, 0.8, 1), fonction));
        }

        // Teachers per subject in proportion to its hours (12 h a week each on average), then their classes.
        var heures = MatieresParHeures();
        var total = heures.Sum(h => h.Heures);
        var parts = heures.Select(h => (h.Matiere, Exact: (double)Enseignants * h.Heures / total)).ToList();
        var nombres = parts.ToDictionary(p => p.Matiere, p => Math.Max(1, (int)Math.Floor(p.Exact)));
        foreach (var p in parts.OrderByDescending(p => p.Exact - Math.Floor(p.Exact)).Take(Enseignants - nombres.Values.Sum()))
        {
            nombres[p.Matiere]++;
        }

        var n = 0;
        foreach (var matiere in Matieres)
        {
            for (var i = 0; i < nombres[matiere]; i++)
            {
                n++;
                Professeurs.Add(new Enseignant { Personne = Adulte($"{Prefixe}.prof.{n:D2}", Aleas.NextDouble() < 0.6, domaine, 0.5, 1), Matiere = matiere });
            }
        }
    }

    private static List<(Matiere Matiere, int Heures)> MatieresParHeures() =>
    [
        .. Matieres.Select(m => (m, Niveaux.Sum(niv => MatieresDe(niv.Niveau).Contains(m) ? m.Heures * ClassesParNiveau : 0))),
    ];

    private void GenererClassesEtEleves(Calendrier calendrier)
    {
        var numeroEleve = 0;
        var numeroParent = 0;
        var familles = new List<(string Nom, List<LienFamille> Liens, int Enfants)>();
        foreach (var (niveau, prefixe, libelle, avance) in Niveaux)
        {
            for (var c = 1; c <= ClassesParNiveau; c++)
            {
                var classe = new Classe { Id = Ids.Nouveau(), Code = $"{prefixe}{c}", Libelle = $"{libelle} {c}", Niveau = niveau };
                Classes.Add(classe);
                var effectif = 31 + Aleas.Next(6); // 31..36, about 33.5 on average
                for (var e = 0; e < effectif; e++)
                {
                    numeroEleve++;
                    var fille = Aleas.Next(2) == 0;
                    // About 8% join a family already at the lycée: some 15% of pupils share their guardians with a sibling.
                    (string Nom, List<LienFamille> Liens, int Enfants)? famille = null;
                    if (familles.Count > 20 && Aleas.NextDouble() < 0.08)
                    {
                        var k = familles.Count - 1 - Aleas.Next(Math.Min(familles.Count, 400));
                        if (familles[k].Enfants < 3)
                        {
                            familles[k] = familles[k] with { Enfants = familles[k].Enfants + 1 };
                            famille = familles[k];
                        }
                    }

                    var nomFamille = famille?.Nom ?? Tirer(Noms);
                    var annee = calendrier.DebutAnnee.Year - 15 - avance - (Aleas.NextDouble() < 0.12 ? 1 : 0);
                    var eleve = new Eleve
                    {
                        Personne = Ajouter(new Personne
                        {
                            Id = Ids.Nouveau(),
                            Nom = nomFamille,
                            Prenom = Tirer(fille ? PrenomsFilles : PrenomsGarcons),
                            Identifiant = $"{Prefixe}.eleve.{numeroEleve:D4}",
                            Naissance = new DateOnly(annee, 1, 1).AddDays(Aleas.Next(365)),
                            Ine = $"{Numero:D4}{numeroEleve:D6}{(char)('A' + Aleas.Next(26))}",
                            EleveIdNational = $"R{Numero:D4}{numeroEleve:D5}",
                        }),
                        Classe = classe,
                        // Most pupils are rarely away, a few often: 0.2 + 2.4u² has mean 1.
                        Absenteisme = 0.2 + (2.4 * Math.Pow(Aleas.NextDouble(), 2)),
                        Niveau = Aleas.NextDouble(),
                    };

                    if (famille is null)
                    {
                        var liens = new List<LienFamille>();
                        var deux = Aleas.NextDouble() < 0.82;
                        var roles = deux
                            ? (Aleas.NextDouble() < 0.7 ? new[] { "mere", "pere" } : ["pere", "mere"])
                            : [Aleas.NextDouble() < 0.65 ? "mere" : Aleas.NextDouble() < 0.75 ? "pere" : "tuteur"];
                        foreach (var role in roles)
                        {
                            numeroParent++;
                            var femme = role == "mere" || (role == "tuteur" && Aleas.Next(2) == 0);
                            var nom = role == "pere" || Aleas.NextDouble() < 0.6 ? nomFamille : Tirer(Noms);
                            var responsable = new Responsable
                            {
                                Personne = Adulte($"{Prefixe}.parent.{numeroParent:D4}", femme, "example.org", 0.95, 0.85, nom),
                                RecoitNotifications = Aleas.NextDouble() < 0.97,
                                Preference = Aleas.NextDouble() switch
                                {
                                    < 0.06 => (true, true, true),
                                    < 0.10 => (false, true, true),
                                    < 0.12 => (false, false, true),
                                    _ => null,
                                },
                            };
                            Responsables.Add(responsable);
                            liens.Add(new LienFamille(responsable, role, liens.Count == 0));
                        }

                        famille = (nomFamille, liens, 1);
                        familles.Add(famille.Value);
                    }

                    eleve.Responsables.AddRange(famille.Value.Liens);
                    classe.Eleves.Add(eleve);
                    Eleves.Add(eleve);
                }
            }
        }
    }

    private void GenererServices()
    {
        foreach (var matiere in Matieres)
        {
            var profs = Professeurs.Where(p => p.Matiere == matiere).ToList();
            var classes = Classes.Where(c => MatieresDe(c.Niveau).Contains(matiere)).ToList();
            // Contiguous blocks: a teacher keeps to one or two levels, as timetables usually do.
            for (var i = 0; i < classes.Count; i++)
            {
                Services.Add(new Service { Id = Ids.Nouveau(), Classe = classes[i], Matiere = matiere, Enseignant = profs[i * profs.Count / classes.Count] });
            }
        }

        // Head teachers: a teacher of the class in French, philosophy, mathematics or history, each at most once.
        var pris = new HashSet<Enseignant>();
        foreach (var classe in Classes)
        {
            var candidat = Services.Where(s => s.Classe == classe && s.Matiere.Rang <= 30 && !pris.Contains(s.Enseignant))
                .Select(s => s.Enseignant).FirstOrDefault()
                ?? Services.Where(s => s.Classe == classe && !pris.Contains(s.Enseignant)).Select(s => s.Enseignant).FirstOrDefault();
            if (candidat is not null)
            {
                pris.Add(candidat);
                classe.Principal = candidat;
            }
        }
    }

    /// <summary>
    /// The weekly timetable: each service its hours on distinct days where it can, Monday to Friday 8:00–12:00 and
    /// 13:00–17:00 (Wednesday morning only), no class or teacher in two places at once. Greedy, retried in another
    /// order when an hour finds no room.
    /// </summary>
    private void GenererEmploiDuTemps()
    {
        var grille = new List<(short Jour, int Heure)>();
        for (short jour = 1; jour <= 5; jour++)
        {
            grille.AddRange(HeuresJour.Where(h => jour != 3 || h < 12).Select(h => (jour, h)));
        }

        List<(Service Service, short Jour, int Heure)>? meilleur = null;
        var manquantes = int.MaxValue;
        for (var essai = 0; essai < 12 && manquantes > 0; essai++)
        {
            var classeOccupee = new HashSet<(Classe, short, int)>();
            var profOccupe = new HashSet<(Enseignant, short, int)>();
            var places = new List<(Service, short, int)>();
            var jours = Services.ToDictionary(s => s, _ => new HashSet<short>());
            var nonPlacees = 0;
            var ordre = Services.OrderBy(_ => Aleas.Next()).ToList();
            for (var rang = 0; rang < 4; rang++)
            {
                foreach (var service in ordre.Where(s => s.Matiere.Heures > rang))
                {
                    var libres = grille.Where(g => !classeOccupee.Contains((service.Classe, g.Jour, g.Heure))
                                                   && !profOccupe.Contains((service.Enseignant, g.Jour, g.Heure))).ToList();
                    var preferes = libres.Where(g => !jours[service].Contains(g.Jour)).ToList();
                    var choix = preferes.Count > 0 ? preferes : libres;
                    if (choix.Count == 0)
                    {
                        nonPlacees++;
                        continue;
                    }

                    var (jour, heure) = choix[Aleas.Next(choix.Count)];
                    classeOccupee.Add((service.Classe, jour, heure));
                    profOccupe.Add((service.Enseignant, jour, heure));
                    jours[service].Add(jour);
                    places.Add((service, jour, heure));
                }
            }

            if (nonPlacees < manquantes)
            {
                (meilleur, manquantes) = (places, nonPlacees);
            }
        }

        HeuresNonPlacees = manquantes;
        Creneaux.AddRange(meilleur!.OrderBy(p => p.Jour).ThenBy(p => p.Heure).ThenBy(p => p.Service.Classe.Code)
            .Select(p => new Creneau(Ids.Nouveau(), p.Service, p.Jour, p.Heure)));
    }

    public T Tirer<T>(IReadOnlyList<T> liste) => liste[Aleas.Next(liste.Count)];

    /// <summary>« Éléonore d'Urfé » → « eleonoredurfe », for e-mail addresses.</summary>
    public static string Ascii(string texte)
    {
        var sb = new StringBuilder(texte.Length);
        foreach (var c in texte.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}
