using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;

namespace Ent.Communication.Agenda;

/// <summary>An event as stored (communication.evenement).</summary>
internal sealed record LigneEvenement(
    Guid Id, Guid EtablissementId, string Categorie, string Titre, string? Description, string? Lieu, DateOnly JourDebut, DateOnly JourFin,
    TimeOnly? HeureDebut, TimeOnly? HeureFin, Guid[] Divisions, string[] Profils, Guid AuteurId, DateTimeOffset ModifieLe, int Sequence)
{
    public const string Colonnes = """
        id, etablissement_id, categorie, titre, description, lieu, jour_debut, jour_fin, heure_debut, heure_fin, divisions, profils,
        auteur_id, modifie_le, sequence
        """;

    /// <summary>Dapper's: it reads PostgreSQL arrays (uuid[], text[]) as <see cref="Array"/> and matches constructors by exact type.</summary>
    public LigneEvenement(Guid id, Guid etablissementId, string categorie, string titre, string? description, string? lieu, DateOnly jourDebut,
        DateOnly jourFin, TimeOnly? heureDebut, TimeOnly? heureFin, Array divisions, Array profils, Guid auteurId, DateTimeOffset modifieLe, int sequence)
        : this(id, etablissementId, categorie, titre, description, lieu, jourDebut, jourFin, heureDebut, heureFin, (Guid[])divisions, (string[])profils,
            auteurId, modifieLe, sequence)
    {
    }
}

/// <summary>A class or group named by an event's audience.</summary>
/// <param name="Id">The class's or group's id.</param>
/// <param name="Nature">« classe » or « groupe ».</param>
/// <param name="Code">Its code, e.g. « 2NDE1 ».</param>
/// <param name="Libelle">Its label, e.g. « Seconde 1 ».</param>
internal sealed record DivisionAgenda(Guid Id, string Nature, string Code, string Libelle)
{
    public static DivisionAgenda De(DivisionInfo d) => new(d.Id, d.Type, d.Code, d.Libelle);
}

/// <summary>Who an event is for.</summary>
/// <param name="Divisions">The classes and groups targeted; empty for the whole établissement.</param>
/// <param name="Profils">Who is invited among « eleves », « familles », « personnels ».</param>
internal sealed record AudienceEvenement(DivisionAgenda[] Divisions, string[] Profils);

/// <summary>An event of the school calendar.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Uai">The établissement's UAI.</param>
/// <param name="Categorie">conseil_classe, reunion_parents, sortie, examen, vacances or autre.</param>
/// <param name="Titre">Title.</param>
/// <param name="Description">Plain text, shown as text (never HTML).</param>
/// <param name="Lieu">Where, if said.</param>
/// <param name="JourDebut">First day (Paris).</param>
/// <param name="JourFin">Last day (Paris, inclusive).</param>
/// <param name="HeureDebut">Start time « HH:mm » on the first day (Paris); null for an all-day event.</param>
/// <param name="HeureFin">End time « HH:mm » on the last day (Paris); null for an all-day event.</param>
/// <param name="Audience">Who it is for.</param>
/// <param name="Pour">For a guardian: the first names of the children it concerns; empty otherwise.</param>
/// <param name="Modifiable">True when the caller may change or delete it.</param>
/// <param name="PiecesJointes">Its files, oldest first.</param>
internal sealed record EvenementAgenda(
    Guid Id, string Uai, string Categorie, string Titre, [property: MaxLength(5000)] string? Description, [property: MaxLength(200)] string? Lieu, DateOnly JourDebut, DateOnly JourFin,
    [property: MaxLength(5)] string? HeureDebut, [property: MaxLength(5)] string? HeureFin, AudienceEvenement Audience, string[] Pour, bool Modifiable,
    PieceJointeEvenement[] PiecesJointes)
{
    public static EvenementAgenda De(LigneEvenement e, string uai, IReadOnlyDictionary<Guid, DivisionInfo> divisions, string[] pour, bool modifiable,
        PieceJointeEvenement[] pieces) =>
        new(e.Id, uai, e.Categorie, e.Titre, e.Description, e.Lieu, e.JourDebut, e.JourFin, Heure(e.HeureDebut), Heure(e.HeureFin),
            new AudienceEvenement([.. e.Divisions.Where(divisions.ContainsKey).Select(d => DivisionAgenda.De(divisions[d])).OrderBy(d => d.Nature).ThenBy(d => d.Code)],
                [.. Invites.Tous.Where(e.Profils.Contains)]),
            pour, modifiable, pieces);

    private static string? Heure(TimeOnly? h) => h?.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>The profiles an event invites (one word per concept: the column's values, the JSON's, the UI's keys).</summary>
internal static class Invites
{
    public const string Eleves = "eleves";
    public const string Familles = "familles";
    public const string Personnels = "personnels";

    public static readonly string[] Tous = [Eleves, Familles, Personnels];
}

/// <summary>What a staff member enters for an event (creation and change alike).</summary>
/// <param name="Categorie">conseil_classe, reunion_parents, sortie, examen, vacances or autre.</param>
/// <param name="Titre">1 to 200 characters.</param>
/// <param name="Description">Plain text, up to 5,000 characters.</param>
/// <param name="Lieu">Up to 200 characters.</param>
/// <param name="JourDebut">First day (Paris).</param>
/// <param name="JourFin">Last day (Paris, inclusive); the first day when absent.</param>
/// <param name="HeureDebut">« HH:mm » (Paris) on the first day; absent, with HeureFin, for an all-day event.</param>
/// <param name="HeureFin">« HH:mm » (Paris) on the last day.</param>
/// <param name="Divisions">The classes and groups targeted; empty or absent for the whole établissement.</param>
/// <param name="Profils">Who is invited among « eleves », « familles », « personnels »; all three when absent.</param>
internal sealed record EvenementSaisi(
    [property: MaxLength(30)] string? Categorie, [property: MaxLength(200)] string? Titre, [property: MaxLength(5000)] string? Description,
    [property: MaxLength(200)] string? Lieu, DateOnly? JourDebut, DateOnly? JourFin, [property: MaxLength(5)] string? HeureDebut,
    [property: MaxLength(5)] string? HeureFin, Guid[]? Divisions, string[]? Profils);

/// <summary>An entry once checked: what is stored.</summary>
internal sealed record EvenementValide(
    string Categorie, string Titre, string? Description, string? Lieu, DateOnly JourDebut, DateOnly JourFin, TimeOnly? HeureDebut,
    TimeOnly? HeureFin, Guid[] Divisions, string[] Profils);

internal static class Saisie
{
    public static readonly string[] Categories = ["conseil_classe", "reunion_parents", "sortie", "examen", "vacances", "autre"];

    /// <summary>The longest event: a school year.</summary>
    public const int JoursMax = 366;

    /// <summary>
    /// Checks an entry against the établissement's classes and groups (<paramref name="divisions"/>) and those the caller
    /// may target (<paramref name="ciblables"/>: null for any, the whole établissement included).
    /// </summary>
    public static (EvenementValide? Valide, Erreurs Erreurs) Valider(EvenementSaisi s, IReadOnlySet<Guid> divisions, IReadOnlySet<Guid>? ciblables)
    {
        var erreurs = new Erreurs();
        var titre = s.Titre?.Trim();
        erreurs.Require(!string.IsNullOrEmpty(titre) && titre.Length <= 200, "titre", "Le titre est obligatoire (200 caractères au plus).");
        erreurs.Require(s.Categorie is not null && Categories.Contains(s.Categorie), "categorie",
            "La catégorie est l'une de : conseil_classe, reunion_parents, sortie, examen, vacances, autre.");
        var description = string.IsNullOrWhiteSpace(s.Description) ? null : s.Description.Trim();
        erreurs.Require(description is null || description.Length <= 5000, "description", "La description compte 5 000 caractères au plus.");
        var lieu = string.IsNullOrWhiteSpace(s.Lieu) ? null : s.Lieu.Trim();
        erreurs.Require(lieu is null || lieu.Length <= 200, "lieu", "Le lieu compte 200 caractères au plus.");

        var jourFin = s.JourFin ?? s.JourDebut;
        if (s.JourDebut is not { } jourDebut)
        {
            erreurs.Add("jourDebut", "Le premier jour est obligatoire.");
        }
        else if (jourDebut.Year is < 2000 or > 2100)
        {
            erreurs.Add("jourDebut", "Le premier jour n'est pas une date plausible.");
        }
        else if (jourFin < jourDebut)
        {
            erreurs.Add("jourFin", "Le dernier jour ne peut précéder le premier.");
        }
        else if (jourFin!.Value.DayNumber - jourDebut.DayNumber >= JoursMax)
        {
            erreurs.Add("jourFin", "Un événement dure une année scolaire au plus.");
        }

        var (heureDebut, okDebut) = Heure(s.HeureDebut);
        var (heureFin, okFin) = Heure(s.HeureFin);
        erreurs.Require(okDebut, "heureDebut", "L'heure de début s'écrit HH:mm, par exemple 17:30.");
        erreurs.Require(okFin, "heureFin", "L'heure de fin s'écrit HH:mm, par exemple 19:00.");
        if (okDebut && okFin && (heureDebut is null) != (heureFin is null))
        {
            erreurs.Add(heureDebut is null ? "heureDebut" : "heureFin",
                "Donnez l'heure de début et l'heure de fin, ou aucune des deux pour un événement sur la journée entière.");
        }
        else if (heureDebut is { } hd && heureFin is { } hf && s.JourDebut is { } jd && jourFin == jd && hf <= hd)
        {
            erreurs.Add("heureFin", "L'heure de fin doit suivre l'heure de début.");
        }

        var profils = s.Profils is null || s.Profils.Length == 0 ? Invites.Tous : s.Profils.Distinct().ToArray();
        erreurs.Require(profils.All(Invites.Tous.Contains), "profils", "Les profils visés sont parmi : eleves, familles, personnels.");

        var cibles = (s.Divisions ?? []).Distinct().ToArray();
        if (cibles.Length > 200)
        {
            erreurs.Add("divisions", "Un événement vise 200 classes ou groupes au plus.");
        }
        else if (!cibles.All(divisions.Contains))
        {
            erreurs.Add("divisions", "Une classe ou un groupe visé n'existe pas dans l'établissement cette année.");
        }
        else if (ciblables is not null && (cibles.Length == 0 || !cibles.All(ciblables.Contains)))
        {
            erreurs.Add("divisions", "Vous ne pouvez viser que vos classes et vos groupes (au moins un).");
        }

        return erreurs.Any
            ? (null, erreurs)
            : (new EvenementValide(s.Categorie!, titre!, description, lieu, s.JourDebut!.Value, jourFin!.Value, heureDebut, heureFin, cibles,
                [.. Invites.Tous.Where(profils.Contains)]), erreurs);
    }

    private static (TimeOnly? Heure, bool Valide) Heure(string? texte)
    {
        if (string.IsNullOrWhiteSpace(texte))
        {
            return (null, true);
        }

        return TimeOnly.TryParseExact(texte.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var h) ? ((TimeOnly?)h, true) : (null, false);
    }
}
