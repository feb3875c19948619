using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>A lesson as the timetable's screens show it (every view: pupil, family, teacher, class, room).</summary>
/// <param name="ServiceId">The teaching service.</param>
/// <param name="Matiere">Subject, e.g. « Mathématiques ».</param>
/// <param name="MatiereCode">The subject's code (MATHS).</param>
/// <param name="Classe">The class or group taught, e.g. « Seconde 1 ».</param>
/// <param name="EnseignantId">Who teaches it: the service's teacher, or the replacing one.</param>
/// <param name="Enseignant">That teacher's display name.</param>
/// <param name="EnseignantPrevu">For a replaced lesson, the service's own teacher's display name.</param>
/// <param name="Debut">Start (UTC instant).</param>
/// <param name="Fin">End (UTC instant).</param>
/// <param name="Salle">The room, if known.</param>
/// <param name="Statut">normal, annule, deplace, remplace or ajoute.</param>
/// <param name="DebutPrevu">The timetabled start, when the lesson was moved or replaced.</param>
/// <param name="Motif">The change's reason, e.g. « Professeur absent ».</param>
/// <param name="ModificationId">The change applied, if any (to withdraw it).</param>
/// <param name="Semaine">Week A or B for an alternating slot.</param>
internal sealed record VueCours(
    Guid ServiceId, string Matiere, string MatiereCode, string Classe, Guid EnseignantId, string Enseignant, string? EnseignantPrevu,
    DateTimeOffset Debut, DateTimeOffset Fin, string? Salle, string Statut, DateTimeOffset? DebutPrevu, string? Motif, Guid? ModificationId,
    string? Semaine);

/// <summary>The days asked (du–au, Paris dates) and the helpers every timetable view shares.</summary>
internal static class VuesEmploiDuTemps
{
    /// <summary>Six weeks at most per request: a screen shows a day or a week, an export the next weeks.</summary>
    public const int JoursAuPlus = 42;

    private const string ServicesSql = """
        SELECT s.id, s.enseignant_id, s.matiere_code, s.matiere_libelle, coalesce(c.libelle, g.libelle) AS classe,
               coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE s.id = ANY(@ids)
        """;

    /// <summary>A teaching service, as the views name it.</summary>
    internal sealed record ServiceInfo(Guid Id, Guid EnseignantId, string MatiereCode, string MatiereLibelle, string Classe, Guid EtablissementId);

    /// <summary>
    /// The days asked: both given (au on or after du, six weeks at most), or neither (the current week, Monday to Sunday,
    /// Paris time); a 400 otherwise.
    /// </summary>
    public static (DateOnly Du, DateOnly Au, ValidationProblem? Invalide) Jours(DateOnly? du, DateOnly? au, TimeProvider clock)
    {
        var erreurs = new Erreurs();
        if (du is null != au is null)
        {
            erreurs.Add(du is null ? "du" : "au", "Indiquez les deux dates (du et au), ou aucune pour la semaine en cours.");
        }
        else if (du is { } d && au is { } a)
        {
            if (a < d)
            {
                erreurs.Add("au", "La date de fin (au) suit la date de début (du).");
            }
            else if (a.DayNumber - d.DayNumber >= JoursAuPlus)
            {
                erreurs.Add("au", $"Demandez {JoursAuPlus} jours au plus (six semaines).");
            }
            else
            {
                return (d, a, null);
            }
        }
        else
        {
            var lundi = Semaines.Lundi(Planning.Jour(clock.GetUtcNow()));
            return (lundi, lundi.AddDays(6), null);
        }

        return (default, default, erreurs.ToProblem());
    }

    public static async Task<Dictionary<Guid, ServiceInfo>> ServicesAsync(NpgsqlConnection conn, IEnumerable<Guid> ids, CancellationToken ct) =>
        (await conn.QueryAsync<ServiceInfo>(new CommandDefinition(ServicesSql, new { ids = ids.Distinct().ToArray() }, cancellationToken: ct)))
        .ToDictionary(s => s.Id);

    /// <summary>The lessons with their subject, class and teachers' names (Identité's directory).</summary>
    public static async Task<List<VueCours>> DecrireAsync(IReadOnlyList<CoursPlanifie> cours, NpgsqlConnection conn, IAnnuaire annuaire,
        CancellationToken ct)
    {
        var services = await ServicesAsync(conn, cours.Select(c => c.ServiceId), ct);
        var personnes = cours.Select(c => c.EnseignantId).Concat(services.Values.Select(s => s.EnseignantId)).Distinct().ToArray();
        var noms = personnes.Length == 0 ? [] : (await annuaire.TrouverPersonnesAsync(personnes, ct)).ToDictionary(p => p.Id, Nom);
        return [.. cours.Where(c => services.ContainsKey(c.ServiceId)).Select(c =>
        {
            var s = services[c.ServiceId];
            return new VueCours(c.ServiceId, s.MatiereLibelle, s.MatiereCode, s.Classe, c.EnseignantId, noms.GetValueOrDefault(c.EnseignantId, "—"),
                c.EnseignantId != s.EnseignantId ? noms.GetValueOrDefault(s.EnseignantId) : null,
                c.Debut, c.Fin, c.Salle, Statut(c.Statut), c.DebutPrevu, c.Motif, c.ModificationId, c.Semaine);
        })];
    }

    /// <summary>« Claire Martin »: first name then name, as the school says it.</summary>
    public static string Nom(PersonneInfo p) => $"{p.Prenom} {p.Nom}";

    public static string Statut(StatutCours statut) => statut switch
    {
        StatutCours.Annule => "annule",
        StatutCours.Deplace => "deplace",
        StatutCours.Remplace => "remplace",
        StatutCours.Ajoute => "ajoute",
        _ => "normal",
    };

    private const string ServicesEleveSql = """
        SELECT s.id FROM scolarite.service_enseignement s
        JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
        JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = @eleveId AND c.annee_scolaire = @annee
        UNION
        SELECT s.id FROM scolarite.service_enseignement s
        JOIN scolarite.inscription_groupe i ON i.groupe_id = s.groupe_id
        JOIN scolarite.groupe g ON g.id = i.groupe_id
        WHERE i.eleve_id = @eleveId AND g.annee_scolaire = @annee
        """;

    /// <summary>The services teaching the pupil this school year: their class's and their groups'.</summary>
    public static async Task<Guid[]> ServicesEleveAsync(NpgsqlConnection conn, Guid eleveId, string annee, CancellationToken ct) =>
        [.. await conn.QueryAsync<Guid>(new CommandDefinition(ServicesEleveSql, new { eleveId, annee }, cancellationToken: ct))];

    private const string ClasseEleveSql = """
        SELECT c.libelle FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = @eleveId AND c.annee_scolaire = @annee ORDER BY c.id LIMIT 1
        """;

    /// <summary>A pupil's timetable for the days: their class's and groups' lessons, changes applied.</summary>
    public static async Task<EmploiDuTempsEleve> DeLEleveAsync(Guid eleveId, string prenom, string nom, DateOnly du, DateOnly au,
        NpgsqlConnection conn, IEmploiDuTemps emploiDuTemps, IAnnuaire annuaire, TimeProvider clock, CancellationToken ct)
    {
        var annee = AnneeScolaire.Courante(clock);
        var services = await ServicesEleveAsync(conn, eleveId, annee, ct);
        var classe = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ClasseEleveSql, new { eleveId, annee }, cancellationToken: ct));
        var cours = services.Length == 0 ? [] : await emploiDuTemps.DesServicesAsync(services, du, au, ct);
        return new EmploiDuTempsEleve(eleveId, prenom, nom, classe, await DecrireAsync(cours, conn, annuaire, ct));
    }
}

/// <summary>A pupil's lessons for the days asked.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="Prenom">Their first name (a guardian's screen names each child).</param>
/// <param name="Nom">Their name.</param>
/// <param name="Classe">Their class this year, if any.</param>
/// <param name="Cours">The lessons, by start: cancelled ones included (statut annule).</param>
internal sealed record EmploiDuTempsEleve(Guid EleveId, string Prenom, string Nom, string? Classe, IReadOnlyList<VueCours> Cours);
