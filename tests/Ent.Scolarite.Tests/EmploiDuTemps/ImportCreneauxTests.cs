using System.Text;
using Ent.Identite.Contracts;
using Ent.Scolarite.EmploiDuTemps;

namespace Ent.Scolarite.Tests.EmploiDuTemps;

/// <summary>
/// Reading a timetable CSV (<see cref="ImportCreneaux"/>) against an établissement in memory: 2NDE1 and 2NDE2, a Spanish
/// group ESP2 drawn from 2NDE1, maths by Jean DUPONT in 2NDE1 and by Anne MARTIN in 2NDE2, two English teachers in 2NDE1.
/// </summary>
public sealed class ImportCreneauxTests
{
    private static readonly Guid Dupont = Guid.NewGuid(), Martin = Guid.NewGuid(), Leroy = Guid.NewGuid(), Petit = Guid.NewGuid(), Garcia = Guid.NewGuid();
    private static readonly Guid C1 = Guid.NewGuid(), C2 = Guid.NewGuid(), Esp = Guid.NewGuid();
    private static readonly DateOnly Rentree = new(2026, 9, 1), FinAnnee = new(2027, 8, 31);

    private static GrilleEtablissement Grille()
    {
        ServiceEdt[] services =
        [
            new(Guid.NewGuid(), Dupont, "MATHS", "Mathématiques", C1, null, "2NDE1"),
            new(Guid.NewGuid(), Martin, "MATHS", "Mathématiques", C2, null, "2NDE2"),
            new(Guid.NewGuid(), Leroy, "ANGLAIS", "Anglais LV1", C1, null, "2NDE1"),
            new(Guid.NewGuid(), Petit, "ANGLAIS", "Anglais LV1", C1, null, "2NDE1"),
            new(Guid.NewGuid(), Garcia, "ESPAGNOL", "Espagnol LV2", null, Esp, "ESP2"),
        ];
        return new GrilleEtablissement
        {
            EtablissementId = Guid.NewGuid(), Annee = "2026-2027", DebutAnnee = Rentree, FinAnnee = FinAnnee,
            Services = services.ToDictionary(s => s.Id), Creneaux = [],
            ClassesDesGroupes = new Dictionary<Guid, HashSet<Guid>> { [Esp] = [C1] },
            Enseignants = new Dictionary<Guid, PersonneInfo>
            {
                [Dupont] = new(Dupont, "Dupont", "Jean"), [Martin] = new(Martin, "Martin", "Anne"), [Leroy] = new(Leroy, "Leroy", "Paul"),
                [Petit] = new(Petit, "Petit", "Léa"), [Garcia] = new(Garcia, "García", "José"),
            },
        };
    }

    private static (List<ImportCreneaux.LigneLue> Lignes, List<string> Erreurs) Lire(string texte, DateOnly? du = null, DateOnly? au = null) =>
        ImportCreneaux.Lire(texte, Grille(), du ?? Rentree, au ?? FinAnnee);

    [Fact]
    public void Lines_with_a_header_french_day_names_and_either_separator_give_their_slots()
    {
        var (lignes, erreurs) = Lire("""
            jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au
            Lundi;08:00;08:55;2NDE1;MATHS;DUPONT Jean;B12;;;
            mardi;8h;9h;2nde2;Mathématiques;Anne Martin;"Salle 2; bât. B";A;2026-09-01;2027-01-31
            3;14:00;14:55;ESP2;espagnol lv2;M. GARCIA;;b;01/02/2027;30/06/2027

            """);

        Assert.Empty(erreurs);
        Assert.Equal([2, 3, 4], lignes.Select(l => l.Numero));
        var (lundi, mardi, mercredi) = (lignes[0].Creneau, lignes[1].Creneau, lignes[2].Creneau);
        Assert.Equal((1, new TimeOnly(8, 0), new TimeOnly(8, 55), "B12", (string?)null, Rentree, FinAnnee),
            (lundi.Jour, lundi.Debut, lundi.Fin, lundi.Salle, lundi.Semaine, lundi.ValideDu, lundi.ValideAu));
        Assert.Equal((2, new TimeOnly(9, 0), "Salle 2; bât. B", "A", new DateOnly(2027, 1, 31)), (mardi.Jour, mardi.Fin, mardi.Salle, mardi.Semaine, mardi.ValideAu));
        Assert.Equal((3, "B", new DateOnly(2027, 2, 1)), (mercredi.Jour, mercredi.Semaine, mercredi.ValideDu));

        var virgules = Lire("vendredi,10:00,10:55,2NDE2,MATHS,,,,,\r\nsamedi,10:00,10:55,2NDE2,MATHS,Martin,,,,\r\n");
        Assert.Empty(virgules.Erreurs);
        Assert.Equal([(5, 1), (6, 2)], virgules.Lignes.Select(l => ((int)l.Creneau.Jour, l.Numero)));
    }

    [Fact]
    public void Every_bad_line_is_named_by_its_number_in_french()
    {
        var (_, erreurs) = Lire("""
            jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au
            dimanche;08:00;08:55;2NDE1;MATHS;Dupont;;;;
            lundi;09:00;08:00;2NDE1;MATHS;Dupont;;;;
            lundi;10:00;10:55;2NDE9;MATHS;Dupont;;;;
            lundi;11:00;11:55;2NDE1;PHILO;;;;;
            lundi;13:00;13:55;2NDE1;MATHS;MARTIN Anne;;;;
            lundi;14:00;14:55;2NDE1;ANGLAIS;;;;;
            lundi;15:00;15:55;2NDE1;MATHS;Dupont;;C;;
            lundi;16:00;16:55;2NDE1;MATHS;Dupont;;;2026-08-01;
            lundi;16:00
            """);

        Assert.Equal(9, erreurs.Count);
        Assert.StartsWith("Ligne 2 : le jour « dimanche » n'est pas reconnu", erreurs[0]);
        Assert.Equal("Ligne 3 : l'heure de fin doit suivre l'heure de début", erreurs[1]);
        Assert.Equal("Ligne 4 : aucune classe ni aucun groupe « 2NDE9 » n'a de service d'enseignement cette année", erreurs[2]);
        Assert.Equal("Ligne 5 : 2NDE1 n'a pas de service de la matière « PHILO »", erreurs[3]);
        Assert.Equal("Ligne 6 : l'enseignant « MARTIN Anne » n'enseigne pas Mathématiques en 2NDE1 (selon les services : Dupont Jean)", erreurs[4]);
        Assert.Equal("Ligne 7 : plusieurs enseignants enseignent Anglais LV1 en 2NDE1 : indiquez lequel", erreurs[5]);
        Assert.StartsWith("Ligne 8 : la semaine « C »", erreurs[6]);
        Assert.StartsWith("Ligne 9 : les dates de validité sortent de la période importée", erreurs[7]);
        Assert.StartsWith("Ligne 10 : 2 colonne(s) lue(s)", erreurs[8]);
    }

    [Fact]
    public void Lines_that_overlap_each_other_are_refused_with_the_line_they_meet()
    {
        var (_, erreurs) = Lire("""
            lundi;08:00;08:55;2NDE1;MATHS;Dupont;;;;
            lundi;08:30;09:25;2NDE1;ANGLAIS;Leroy;;;;
            lundi;10:00;10:55;2NDE1;ANGLAIS;Leroy;;A;;
            lundi;10:00;10:55;2NDE1;ANGLAIS;Petit;;B;;
            lundi;11:00;11:55;ESP2;ESPAGNOL;;;;;
            lundi;11:00;11:55;2NDE2;MATHS;;;;;
            lundi;11:30;12:00;2NDE1;MATHS;;;;;
            """);

        // Week A and week B lessons of the same class at the same time meet nowhere; 2NDE2 has no pupil of ESP2.
        Assert.Equal(2, erreurs.Count);
        Assert.Equal("Ligne 2 : ce créneau chevauche celui de la ligne 1 (Mathématiques — 2NDE1, lundi 08:00–08:55) : même classe (2NDE1)", erreurs[0]);
        Assert.Equal("Ligne 7 : ce créneau chevauche celui de la ligne 5 (Espagnol LV2 — ESP2, lundi 11:00–11:55) : des élèves du groupe ESP2 sont de la classe 2NDE1",
            erreurs[1]);
    }

    [Fact]
    public void The_file_is_read_as_utf8_with_or_without_bom_else_as_windows_1252()
    {
        const string texte = "jour;debut;fin;classe_ou_groupe;matiere\nlundi;08:00;08:55;2NDE1;Mathématiques\n";
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(texte)).ToArray();

        Assert.Equal(texte, ImportCreneaux.Decoder(bom));
        Assert.Equal(texte, ImportCreneaux.Decoder(Encoding.UTF8.GetBytes(texte)));
        Assert.Equal(texte, ImportCreneaux.Decoder(Encoding.Latin1.GetBytes(texte)));
        Assert.Empty(Lire(ImportCreneaux.Decoder(Encoding.Latin1.GetBytes(texte).Concat(Encoding.Latin1.GetBytes("mardi;08:00;08:55;2NDE1;Mathématiques;Dupont\n")).ToArray())).Erreurs);
    }

    [Fact]
    public void An_empty_file_says_what_is_expected()
    {
        var (lignes, erreurs) = Lire("\n\n");

        Assert.Empty(lignes);
        Assert.Equal([$"Le fichier est vide : une ligne par créneau, colonnes {ImportCreneaux.Entete}."], erreurs);
    }

    [Theory]
    [InlineData("lundi", 1)]
    [InlineData("MARDI", 2)]
    [InlineData("Mer.", 3)]
    [InlineData("jeu", 4)]
    [InlineData("6", 6)]
    [InlineData("0", null)]
    [InlineData("dimanche", null)]
    [InlineData("lu", null)]
    public void Days_are_french_names_their_first_letters_or_numbers(string texte, int? jour) => Assert.Equal(jour, ImportCreneaux.Jour(texte));
}
