using Ent.Identite.Contracts;

namespace Ent.Communication.Conversations;

/// <summary>
/// Profiles as messaging tells them apart: Identité's profiles, the personnel split by function (the CPE and the
/// direction are named by the rules; the other staff share one line). One word per concept: these codes are the columns
/// of communication.regle_messagerie and suspension_messagerie, the JSON and the screen's keys.
/// </summary>
internal static class ProfilsMessagerie
{
    public const string Eleve = "eleve";
    public const string Responsable = "responsable";
    public const string Enseignant = "enseignant";
    public const string Cpe = "cpe";
    public const string Direction = "direction";
    public const string Personnel = "personnel";

    public static readonly string[] Tous = [Eleve, Responsable, Enseignant, Cpe, Direction, Personnel];

    /// <summary>The établissement's staff (teachers included), as opposed to pupils and families.</summary>
    public static bool EstPersonnel(string profil) => profil is Enseignant or Cpe or Direction or Personnel;

    /// <summary>The messaging profile of an Identité profile and function; null for a profile messaging ignores.</summary>
    public static string? De(string profil, string? fonction) => profil switch
    {
        Profils.Eleve => Eleve,
        Profils.Responsable => Responsable,
        Profils.Enseignant => Enseignant,
        Profils.Personnel => fonction switch { Fonctions.Cpe => Cpe, Fonctions.Direction => Direction, _ => Personnel },
        _ => null,
    };

    /// <summary>The Identité profile holding a messaging profile.</summary>
    public static string Identite(string profil) => profil is Cpe or Direction or Personnel ? Profils.Personnel : profil;

    public static string Libelle(string profil) => profil switch
    {
        Eleve => "Élèves",
        Responsable => "Responsables (familles)",
        Enseignant => "Enseignants",
        Cpe => "CPE (vie scolaire)",
        Direction => "Direction",
        _ => "Autres personnels",
    };

    /// <summary>« La messagerie des élèves est suspendue… »: the profile after « de ».</summary>
    public static string Des(string profil) => profil switch
    {
        Eleve => "des élèves",
        Responsable => "des familles",
        Enseignant => "des enseignants",
        Cpe => "des CPE",
        Direction => "de la direction",
        _ => "des autres personnels",
    };

    /// <summary>How a staff member is shown to the person writing to them.</summary>
    public static string Qualite(string profil, string? fonction) => profil switch
    {
        Cpe => "CPE (vie scolaire)",
        Direction => "Direction",
        Enseignant => "Enseignant",
        Eleve => "Élève",
        Responsable => "Responsable",
        _ => fonction switch
        {
            Fonctions.Infirmier => "Infirmerie",
            Fonctions.Documentaliste => "Documentaliste",
            Fonctions.Secretariat => "Secrétariat",
            Fonctions.AdministrateurLocal => "Administration de l'ENT",
            _ => "Personnel",
        },
    };

    /// <summary>
    /// Sendings an hour (a message to a class counts once): a hijacked family account cannot flood the school, staff
    /// who write more get more. A person with several profiles gets the largest.
    /// </summary>
    public static int EnvoisParHeure(string profil) => profil switch
    {
        Eleve => 20,
        Responsable => 30,
        Enseignant => 120,
        _ => 200,
    };

    /// <summary>A class's worth of recipients: more than this in one sending needs a staff profile.</summary>
    public const int ClasseEntiere = 35;

    public static int DestinatairesMax(string profil) => EstPersonnel(profil) ? 2000 : ClasseEntiere;
}
