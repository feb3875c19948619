using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Globalization;
using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>A weekly slot as the administrators read it (GET|POST|PUT …/creneaux).</summary>
/// <param name="Id">The slot's id.</param>
/// <param name="ServiceId">Its teaching service.</param>
/// <param name="Matiere">The subject's name, « Mathématiques ».</param>
/// <param name="MatiereCode">The subject's code, MATHS.</param>
/// <param name="ClasseId">The class taught (null for a group).</param>
/// <param name="GroupeId">The group taught (null for a class).</param>
/// <param name="Division">The class's or group's code, 2NDE1.</param>
/// <param name="EnseignantId">The service's teacher.</param>
/// <param name="Enseignant">The teacher's name, « Prénom Nom ».</param>
/// <param name="Jour">ISO weekday: 1 = lundi … 6 = samedi.</param>
/// <param name="Debut">Start, local time « HH:mm ».</param>
/// <param name="Fin">End, local time « HH:mm ».</param>
/// <param name="Salle">The room, if known.</param>
/// <param name="Semaine">null every week, "A" or "B": that week only.</param>
/// <param name="ValideDu">First day the slot holds (inclusive).</param>
/// <param name="ValideAu">Last day the slot holds (inclusive).</param>
internal sealed record CreneauEmploiDuTemps(
    Guid Id, Guid ServiceId, string Matiere, string MatiereCode, Guid? ClasseId, Guid? GroupeId, string Division, Guid EnseignantId,
    string Enseignant, int Jour, string Debut, string Fin, string? Salle, string? Semaine, DateOnly ValideDu, DateOnly ValideAu);

/// <summary>A slot as entered (POST and PUT …/creneaux).</summary>
/// <param name="ServiceId">The teaching service: one of the établissement's this school year.</param>
/// <param name="Jour">ISO weekday: 1 = lundi … 6 = samedi.</param>
/// <param name="Debut">Start, local time « HH:mm » (e.g. 08:00).</param>
/// <param name="Fin">End, « HH:mm », after the start.</param>
/// <param name="Salle">The room (40 characters at most), or null.</param>
/// <param name="Semaine">null every week, "A" or "B".</param>
/// <param name="ValideDu">First day (default: the school year's first day, 1 September).</param>
/// <param name="ValideAu">Last day (default: the school year's last day, 31 August).</param>
internal sealed record CreneauSaisi(Guid? ServiceId, int? Jour, [property: MaxLength(8)] string? Debut, [property: MaxLength(8)] string? Fin,
    string? Salle, [property: MaxLength(10)] string? Semaine, DateOnly? ValideDu, DateOnly? ValideAu);

/// <summary>A teaching service of the établissement this school year, with what the timetable's checks need.</summary>
internal sealed record ServiceEdt(Guid Id, Guid EnseignantId, string MatiereCode, string MatiereLibelle, Guid? ClasseId, Guid? GroupeId, string Division);

/// <summary>A slot's place in the week, as the overlap rule sees it.</summary>
internal sealed record Occupation(Guid Id, Guid ServiceId, short Jour, TimeOnly Debut, TimeOnly Fin, string? Salle, string? Semaine, DateOnly ValideDu,
    DateOnly ValideAu);

/// <summary>
/// The établissement's timetable for the current school year, loaded once for an administrator's change: its services,
/// its slots, which classes each group's pupils come from, and its teachers' names. Holds the rules shared by the
/// slot's creation, change and the CSV import: what a valid slot is, and when two slots overlap.
/// </summary>
internal sealed class GrilleEtablissement
{
    public static readonly string[] NomsJours = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public required Guid EtablissementId { get; init; }

    public required string Annee { get; init; }

    public required DateOnly DebutAnnee { get; init; }

    public required DateOnly FinAnnee { get; init; }

    public required IReadOnlyDictionary<Guid, ServiceEdt> Services { get; init; }

    /// <summary>The slots of the year (validity intersecting it), of the établissement's services of the year.</summary>
    public required List<Occupation> Creneaux { get; init; }

    /// <summary>The classes each group's pupils belong to: a group's lesson holds those pupils away from their class.</summary>
    public required IReadOnlyDictionary<Guid, HashSet<Guid>> ClassesDesGroupes { get; init; }

    public required IReadOnlyDictionary<Guid, PersonneInfo> Enseignants { get; init; }

    private const string ServicesSql = """
        SELECT s.id, s.enseignant_id, s.matiere_code, s.matiere_libelle, s.classe_id, s.groupe_id, coalesce(c.code, g.code) AS division
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etablissementId AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        """;

    private const string CreneauxSql = """
        SELECT cr.id, cr.service_id, cr.jour, cr.debut, cr.fin, cr.salle, cr.semaine, cr.valide_du, cr.valide_au
        FROM scolarite.creneau cr
        WHERE cr.etablissement_id = @etablissementId AND cr.service_id = ANY(@services) AND cr.valide_du <= @fin AND cr.valide_au >= @debut
        ORDER BY cr.jour, cr.debut, cr.id
        """;

    private const string GroupesSql = """
        SELECT DISTINCT ig.groupe_id, ic.classe_id
        FROM scolarite.groupe g
        JOIN scolarite.inscription_groupe ig ON ig.groupe_id = g.id
        JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
        JOIN scolarite.classe c ON c.id = ic.classe_id AND c.annee_scolaire = @annee
        WHERE g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee
        """;

    public static async Task<GrilleEtablissement> ChargerAsync(NpgsqlConnection conn, IDbTransaction? tx, Guid etablissementId, TimeProvider clock,
        IAnnuaire annuaire, CancellationToken ct)
    {
        var annee = AnneeScolaire.Courante(clock);
        var (debut, fin) = AnneeScolaire.Bornes(annee);
        var services = (await conn.QueryAsync<ServiceEdt>(new CommandDefinition(ServicesSql, new { etablissementId, annee }, tx, cancellationToken: ct)))
            .ToDictionary(s => s.Id);
        var creneaux = (await conn.QueryAsync<Occupation>(new CommandDefinition(CreneauxSql,
            new { etablissementId, services = services.Keys.ToArray(), debut, fin }, tx, cancellationToken: ct))).AsList();
        var groupes = (await conn.QueryAsync<(Guid Groupe, Guid Classe)>(new CommandDefinition(GroupesSql, new { etablissementId, annee }, tx,
                cancellationToken: ct)))
            .GroupBy(g => g.Groupe).ToDictionary(g => g.Key, g => g.Select(x => x.Classe).ToHashSet());
        var enseignants = (await annuaire.ListerPersonnesAsync(etablissementId, Profils.Enseignant, ct))
            .Concat(await annuaire.TrouverPersonnesAsync(services.Values.Select(s => s.EnseignantId).Distinct().ToArray(), ct))
            .DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        return new GrilleEtablissement
        {
            EtablissementId = etablissementId, Annee = annee, DebutAnnee = debut, FinAnnee = fin, Services = services, Creneaux = creneaux,
            ClassesDesGroupes = groupes, Enseignants = enseignants,
        };
    }

    public string NomEnseignant(Guid id) => Enseignants.TryGetValue(id, out var p) ? $"{p.Prenom} {p.Nom}" : "—";

    public CreneauEmploiDuTemps Afficher(Occupation c)
    {
        var s = Services[c.ServiceId];
        return new CreneauEmploiDuTemps(c.Id, s.Id, s.MatiereLibelle, s.MatiereCode, s.ClasseId, s.GroupeId, s.Division, s.EnseignantId,
            NomEnseignant(s.EnseignantId), c.Jour, Heure(c.Debut), Heure(c.Fin), c.Salle, c.Semaine, c.ValideDu, c.ValideAu);
    }

    public static string Heure(TimeOnly heure) => heure.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>« 8:00 », « 08:00 », « 8h », « 8h30 », « 08:00:00 »: the local time, or null.</summary>
    public static TimeOnly? LireHeure(string? texte)
    {
        var t = texte?.Trim().ToLowerInvariant().Replace('h', ':');
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (t.EndsWith(':'))
        {
            t += "00";
        }

        return TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "HH:mm:ss", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var h)
            ? h
            : null;
    }

    /// <summary>
    /// Checks a slot as entered; returns it ready to store (with <paramref name="id"/>), or the field errors (French).
    /// The service must be the établissement's this school year; 1 ≤ jour ≤ 6; fin after debut; a room of 40 characters at
    /// most; semaine A, B or none; the validity within the school year (defaults: the whole year).
    /// </summary>
    public (Occupation? Creneau, Dictionary<string, string> Erreurs) Valider(Guid id, CreneauSaisi saisie)
    {
        var erreurs = new Dictionary<string, string>();
        if (saisie.ServiceId is not { } serviceId || !Services.ContainsKey(serviceId))
        {
            erreurs["serviceId"] = "Choisissez un service d'enseignement de l'établissement pour cette année scolaire.";
        }

        if (saisie.Jour is not (>= 1 and <= 6))
        {
            erreurs["jour"] = "Le jour va de 1 (lundi) à 6 (samedi).";
        }

        var debut = LireHeure(saisie.Debut);
        var fin = LireHeure(saisie.Fin);
        if (debut is null)
        {
            erreurs["debut"] = "Indiquez l'heure de début au format HH:mm (par exemple 08:00).";
        }

        if (fin is null)
        {
            erreurs["fin"] = "Indiquez l'heure de fin au format HH:mm (par exemple 08:55).";
        }
        else if (debut is not null && fin <= debut)
        {
            erreurs["fin"] = "L'heure de fin doit suivre l'heure de début.";
        }

        var salle = string.IsNullOrWhiteSpace(saisie.Salle) ? null : saisie.Salle.Trim();
        if (salle is { Length: > 40 })
        {
            erreurs["salle"] = "Le nom de la salle fait 40 caractères au plus.";
        }

        var semaine = string.IsNullOrWhiteSpace(saisie.Semaine) ? null : saisie.Semaine.Trim().ToUpperInvariant();
        if (semaine is not (null or "A" or "B"))
        {
            erreurs["semaine"] = "La semaine vaut A, B, ou rien (toutes les semaines).";
        }

        var du = saisie.ValideDu ?? DebutAnnee;
        var au = saisie.ValideAu ?? FinAnnee;
        if (du < DebutAnnee || du > FinAnnee)
        {
            erreurs["valideDu"] = $"Le créneau vaut pour l'année scolaire {Annee} : du {DebutAnnee:dd/MM/yyyy} au {FinAnnee:dd/MM/yyyy}.";
        }

        if (au < DebutAnnee || au > FinAnnee)
        {
            erreurs["valideAu"] = $"Le créneau vaut pour l'année scolaire {Annee} : du {DebutAnnee:dd/MM/yyyy} au {FinAnnee:dd/MM/yyyy}.";
        }
        else if (au < du)
        {
            erreurs["valideAu"] = "La fin de validité doit suivre son début.";
        }

        return erreurs.Count > 0
            ? (null, erreurs)
            : (new Occupation(id, saisie.ServiceId!.Value, (short)saisie.Jour!.Value, debut!.Value, fin!.Value, salle, semaine, du, au), erreurs);
    }

    /// <summary>
    /// Why two slots cannot both be in the timetable, or null when they can: they overlap (same weekday, times crossing,
    /// week kinds that meet — every week meets A and B — and validity dates crossing) and share the service, the teacher,
    /// the class or group, or pupils (a group's lesson and a lesson of a class its pupils belong to).
    /// </summary>
    public string? Conflit(Occupation a, Occupation b)
    {
        if (a.Id == b.Id || a.Jour != b.Jour || !(a.Debut < b.Fin && b.Debut < a.Fin) || !(a.ValideDu <= b.ValideAu && b.ValideDu <= a.ValideAu)
            || (a.Semaine is not null && b.Semaine is not null && a.Semaine != b.Semaine))
        {
            return null;
        }

        var sa = Services[a.ServiceId];
        var sb = Services[b.ServiceId];
        if (sa.Id == sb.Id)
        {
            return "même service";
        }

        if (sa.EnseignantId == sb.EnseignantId)
        {
            return $"même enseignant ({NomEnseignant(sa.EnseignantId)})";
        }

        if (sa.ClasseId is { } ca && ca == sb.ClasseId)
        {
            return $"même classe ({sa.Division})";
        }

        if (sa.GroupeId is { } ga && ga == sb.GroupeId)
        {
            return $"même groupe ({sa.Division})";
        }

        if (Partage(sa, sb) || Partage(sb, sa))
        {
            return $"des élèves du groupe {(sa.GroupeId is null ? sb.Division : sa.Division)} sont de la classe {(sa.GroupeId is null ? sa.Division : sb.Division)}";
        }

        return null;
    }

    private bool Partage(ServiceEdt classe, ServiceEdt groupe) =>
        classe.ClasseId is { } c && groupe.GroupeId is { } g && ClassesDesGroupes.TryGetValue(g, out var classes) && classes.Contains(c);

    /// <summary>« Mathématiques — 2NDE1, lundi 08:00–08:55 (semaine A) ».</summary>
    public string Decrire(Occupation c)
    {
        var s = Services[c.ServiceId];
        var semaine = c.Semaine is null ? "" : $" (semaine {c.Semaine})";
        return $"{s.MatiereLibelle} — {s.Division}, {NomsJours[c.Jour - 1]} {Heure(c.Debut)}–{Heure(c.Fin)}{semaine}";
    }

    /// <summary>The first slot among <paramref name="autres"/> the slot conflicts with, explained in French; null when none.</summary>
    public string? PremierConflit(Occupation creneau, IEnumerable<Occupation> autres)
    {
        foreach (var autre in autres)
        {
            if (Conflit(creneau, autre) is { } raison)
            {
                return $"Ce créneau chevauche {Decrire(autre)} : {raison}.";
            }
        }

        return null;
    }
}
