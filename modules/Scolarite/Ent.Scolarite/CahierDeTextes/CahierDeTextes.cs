using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Scolarite.EmploiDuTemps;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>A file of a lesson, as listed (downloaded through <c>GET /api/scolarite/pieces-jointes/{id}</c>).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Nom">The file's name, with the extension of what it really is.</param>
/// <param name="TypeContenu">Its content type (read from its content).</param>
/// <param name="Taille">Its size in bytes.</param>
internal sealed record PieceJointe(Guid Id, string Nom, string TypeContenu, int Taille);

/// <summary>A link given with a lesson.</summary>
/// <param name="Url">An http or https address.</param>
/// <param name="Libelle">What it is, as pupils read it.</param>
internal sealed record Lien(string Url, string Libelle);

/// <summary>Homework, as everyone reads it.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ServiceId">The teaching service that gave it.</param>
/// <param name="SeanceId">The lesson it was given in.</param>
/// <param name="Matiere">The subject, e.g. « Mathématiques ».</param>
/// <param name="PourLe">The day it is due (Paris date).</param>
/// <param name="Consigne">What to do (safe HTML).</param>
/// <param name="DureeMinutes">The teacher's estimate of the time it takes.</param>
/// <param name="ARendre">True when something is to be handed in.</param>
/// <param name="Evaluation">True for a test (contrôle) on that day.</param>
/// <param name="PublieLe">When families see it (null: draft).</param>
internal sealed record Devoir(
    Guid Id, Guid ServiceId, Guid? SeanceId, string Matiere, DateOnly PourLe, string Consigne, int DureeMinutes, bool ARendre, bool Evaluation,
    DateTimeOffset? PublieLe);

/// <summary>A lesson's page of the cahier de textes.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ServiceId">The teaching service.</param>
/// <param name="Matiere">The subject.</param>
/// <param name="MatiereCode">The subject's code (e.g. MATHS).</param>
/// <param name="Division">The class or group, e.g. « Seconde 1 ».</param>
/// <param name="Debut">The lesson's start (UTC instant): with the service, it names the lesson.</param>
/// <param name="Fin">The lesson's end.</param>
/// <param name="Titre">Its title.</param>
/// <param name="ContenuHtml">What was done (safe HTML).</param>
/// <param name="PublieLe">When families see it (null: draft; in the future: scheduled).</param>
/// <param name="ModifieLe">Last change.</param>
/// <param name="PiecesJointes">Its files.</param>
/// <param name="Liens">Its links.</param>
/// <param name="Devoirs">The homework given in it.</param>
/// <param name="CoursManque">For a pupil's page: true when the pupil was marked absent from this lesson.</param>
internal sealed record Seance(
    Guid Id, Guid ServiceId, string Matiere, string MatiereCode, string Division, DateTimeOffset Debut, DateTimeOffset Fin, string Titre,
    string ContenuHtml, DateTimeOffset? PublieLe, DateTimeOffset ModifieLe, PieceJointe[] PiecesJointes, Lien[] Liens, Devoir[] Devoirs,
    bool CoursManque = false);

/// <summary>A teaching service of the current year as the cahier de textes needs it.</summary>
internal sealed record ServiceCdt(
    Guid Id, Guid EtablissementId, Guid EnseignantId, string MatiereCode, string MatiereLibelle, Guid? ClasseId, Guid? GroupeId, string Division);

/// <summary>Settings under <c>Ent:Scolarite:Documents</c>.</summary>
internal sealed class PiecesJointesOptions
{
    public const string Section = "Ent:Scolarite:Documents";

    /// <summary>Folder of the lessons' files (Scolarité's own, beside VieScolaire's): never served as it is.</summary>
    public string Dossier { get; set; } = Path.Combine(".data", "documents", "scolarite");
}

/// <summary>The lessons' files: the Kernel's document storage, in Scolarité's folder.</summary>
internal sealed class StockagePiecesJointes(IOptions<PiecesJointesOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>A lesson's file: 10 Mo at most (a worksheet, a scanned page, a slide deck).</summary>
    public const long TailleMax = 10 * 1024 * 1024;

    /// <summary>Files per lesson.</summary>
    public const int ParSeance = 10;
}

/// <summary>The reads every endpoint of the cahier de textes shares: services, who may read a class, lessons' pages.</summary>
internal static class Cahier
{
    private const string ServiceSql = """
        SELECT s.id, coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id, s.enseignant_id, s.matiere_code,
               s.matiere_libelle, s.classe_id, s.groupe_id, coalesce(c.libelle, g.libelle) AS division
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        """;

    /// <summary>The service this school year, or null.</summary>
    public static Task<ServiceCdt?> ServiceAsync(NpgsqlConnection conn, Guid serviceId, string annee, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<ServiceCdt>(new CommandDefinition(ServiceSql + " AND s.id = @serviceId",
            new { serviceId, annee }, cancellationToken: ct));

    /// <summary>The pupil's services this school year: their class's and their groups'.</summary>
    public static async Task<List<ServiceCdt>> ServicesEleveAsync(NpgsqlConnection conn, Guid eleveId, string annee, CancellationToken ct) =>
        (await conn.QueryAsync<ServiceCdt>(new CommandDefinition(ServiceSql + """
             -- An index lookup each (the pupil's class, their groups); an OR of the two read every service of the region.
             AND s.id IN (SELECT s2.id FROM scolarite.service_enseignement s2
                          JOIN scolarite.inscription_classe ic ON ic.classe_id = s2.classe_id WHERE ic.eleve_id = @eleveId
                          UNION ALL
                          SELECT s2.id FROM scolarite.service_enseignement s2
                          JOIN scolarite.inscription_groupe ig ON ig.groupe_id = s2.groupe_id WHERE ig.eleve_id = @eleveId)
            ORDER BY s.matiere_libelle, s.id
            """, new { eleveId, annee }, cancellationToken: ct))).AsList();

    /// <summary>
    /// A class's services this school year: its own and those of the groups its pupils are in (a language group mixes
    /// classes): what the class's cahier de textes and its homework load gather.
    /// </summary>
    public static async Task<List<ServiceCdt>> ServicesClassesAsync(NpgsqlConnection conn, Guid[] classeIds, string annee, CancellationToken ct) =>
        (await conn.QueryAsync<ServiceCdt>(new CommandDefinition(ServiceSql + """
             AND (s.classe_id = ANY(@classeIds)
               OR s.groupe_id IN (SELECT ig.groupe_id FROM scolarite.inscription_groupe ig
                                  JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id WHERE ic.classe_id = ANY(@classeIds)))
            ORDER BY s.matiere_libelle, s.id
            """, new { classeIds, annee }, cancellationToken: ct))).AsList();

    /// <summary>The classes a service teaches: its class, or the classes of its group's pupils.</summary>
    public static async Task<Guid[]> ClassesAsync(NpgsqlConnection conn, ServiceCdt service, CancellationToken ct) =>
        service.ClasseId is { } classe
            ? [classe]
            : [.. await conn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT DISTINCT ic.classe_id FROM scolarite.inscription_groupe ig
                JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
                JOIN scolarite.classe c ON c.id = ic.classe_id
                JOIN scolarite.groupe g ON g.id = ig.groupe_id AND g.annee_scolaire = c.annee_scolaire
                WHERE ig.groupe_id = @groupeId
                """, new { groupeId = service.GroupeId }, cancellationToken: ct))];

    /// <summary>
    /// Who reads a class's whole cahier de textes (published pages, and the homework load): the teachers of the class
    /// (a service of the class, or of a group some of its pupils are in), its head teachers, and the établissement's
    /// direction, administrators and vie scolaire desk.
    /// </summary>
    public static async Task<bool> PeutLireClassesAsync(
        NpgsqlConnection conn, IReglesAcces regles, Guid personneId, Guid etablissementId, Guid[] classeIds, string annee, CancellationToken ct)
    {
        const string sql = """
            SELECT EXISTS (SELECT 1 FROM scolarite.professeur_principal WHERE enseignant_id = @personneId AND classe_id = ANY(@classeIds))
                OR EXISTS (
                    SELECT 1 FROM scolarite.service_enseignement s
                    LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
                    WHERE s.enseignant_id = @personneId
                      AND (s.classe_id = ANY(@classeIds)
                        OR (g.annee_scolaire = @annee AND EXISTS (
                              SELECT 1 FROM scolarite.inscription_groupe ig JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
                              WHERE ig.groupe_id = g.id AND ic.classe_id = ANY(@classeIds)))))
            """;
        return classeIds.Length > 0
               && (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { personneId, classeIds, annee }, cancellationToken: ct))
                   || await regles.PeutAdministrerAsync(personneId, etablissementId, ct)
                   || await regles.PeutSuivreVieScolaireAsync(personneId, etablissementId, ct));
    }

    private const string SeancesSql = """
        SELECT id, service_id, debut, fin, titre, contenu_html, publie_le, modifie_le
        FROM scolarite.seance
        WHERE service_id = ANY(@services) AND debut >= @depuis AND debut < @jusqua
          AND (publie_le <= @maintenant OR service_id = ANY(@brouillons))
        ORDER BY debut, service_id
        """;

    private const string DetailsSql = """
        SELECT id, seance_id, nom_original, type_contenu, taille FROM scolarite.seance_piece_jointe WHERE seance_id = ANY(@ids) ORDER BY depose_le, id;
        SELECT seance_id, url, libelle FROM scolarite.seance_lien WHERE seance_id = ANY(@ids) ORDER BY ordre;
        SELECT id, service_id, seance_id, pour_le, consigne, duree_minutes, a_rendre, evaluation, publie_le
        FROM scolarite.devoir WHERE seance_id = ANY(@ids) ORDER BY ordre, id;
        """;

    private sealed record LigneSeance(Guid Id, Guid ServiceId, DateTime Debut, DateTime Fin, string Titre, string ContenuHtml, DateTime? PublieLe, DateTime ModifieLe);

    private sealed record LignePiece(Guid Id, Guid SeanceId, string NomOriginal, string TypeContenu, int Taille);

    private sealed record LigneLien(Guid SeanceId, string Url, string Libelle);

    internal sealed record LigneDevoir(
        Guid Id, Guid ServiceId, Guid? SeanceId, DateOnly PourLe, string Consigne, int DureeMinutes, bool ARendre, bool Evaluation, DateTime? PublieLe);

    /// <summary>The days asked (the defaults when absent): at most 100 days, the first before the last; else a 400.</summary>
    public static (DateOnly Du, DateOnly Au, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? Erreur) Bornes(
        DateOnly? du, DateOnly? au, DateOnly defautDu, DateOnly defautAu)
    {
        var debut = du ?? (au is { } a && a < defautDu ? a : defautDu);
        var fin = au ?? (du is { } d && d > defautAu ? d.AddDays(defautAu.DayNumber - defautDu.DayNumber) : defautAu);
        if (fin < debut)
        {
            return (debut, fin, Ent.Kernel.Http.Problemes.Validation(new Dictionary<string, string[]> { ["au"] = ["Le dernier jour précède le premier."] }));
        }

        return fin.DayNumber - debut.DayNumber > 100
            ? (debut, fin, Ent.Kernel.Http.Problemes.Validation(new Dictionary<string, string[]> { ["au"] = ["Demandez 100 jours au plus à la fois."] }))
            : (debut, fin, null);
    }

    public static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public static Devoir VueDevoir(LigneDevoir d, string matiere) =>
        new(d.Id, d.ServiceId, d.SeanceId, matiere, d.PourLe, d.Consigne, d.DureeMinutes, d.ARendre, d.Evaluation, d.PublieLe is { } p ? Utc(p) : null);

    /// <summary>
    /// The pages of the services' lessons starting between two days (Paris dates, inclusive): published ones, and every
    /// page (drafts and scheduled too) of the services in <paramref name="brouillons"/> (the reader's own).
    /// </summary>
    public static async Task<List<Seance>> SeancesAsync(
        NpgsqlConnection conn, IReadOnlyCollection<ServiceCdt> services, DateOnly du, DateOnly au, DateTimeOffset maintenant, Guid[] brouillons,
        CancellationToken ct)
    {
        var parService = services.ToDictionary(s => s.Id);
        var lignes = (await conn.QueryAsync<LigneSeance>(new CommandDefinition(SeancesSql, new
        {
            services = parService.Keys.ToArray(), depuis = Planning.Instant(du, TimeOnly.MinValue), jusqua = Planning.Instant(au.AddDays(1), TimeOnly.MinValue),
            maintenant, brouillons,
        }, cancellationToken: ct))).AsList();
        if (lignes.Count == 0)
        {
            return [];
        }

        var ids = lignes.Select(l => l.Id).ToArray();
        await using var details = await conn.QueryMultipleAsync(new CommandDefinition(DetailsSql, new { ids }, cancellationToken: ct));
        var pieces = (await details.ReadAsync<LignePiece>()).ToLookup(p => p.SeanceId);
        var liens = (await details.ReadAsync<LigneLien>()).ToLookup(l => l.SeanceId);
        var devoirs = (await details.ReadAsync<LigneDevoir>()).ToLookup(d => d.SeanceId);
        return [.. lignes.Select(l =>
        {
            var s = parService[l.ServiceId];
            return new Seance(l.Id, l.ServiceId, s.MatiereLibelle, s.MatiereCode, s.Division, Utc(l.Debut), Utc(l.Fin), l.Titre, l.ContenuHtml,
                l.PublieLe is { } p ? Utc(p) : null, Utc(l.ModifieLe),
                [.. pieces[l.Id].Select(x => new PieceJointe(x.Id, x.NomOriginal, x.TypeContenu, x.Taille))],
                [.. liens[l.Id].Select(x => new Lien(x.Url, x.Libelle))],
                [.. devoirs[l.Id].Select(d => VueDevoir(d, s.MatiereLibelle))]);
        })];
    }

    /// <summary>A day's homework load for a class: how many, how many tests, and the estimated minutes.</summary>
    /// <param name="Jour">The day due.</param>
    /// <param name="Nombre">Homework due that day.</param>
    /// <param name="Evaluations">Tests that day.</param>
    /// <param name="Minutes">Total estimated minutes.</param>
    internal sealed record ChargeJour(DateOnly Jour, int Nombre, int Evaluations, int Minutes);

    /// <summary>
    /// The homework due between two days for the given services, published (scheduled included: it will be seen) or the
    /// reader's own drafts, day by day.
    /// </summary>
    public static async Task<List<ChargeJour>> ChargeAsync(
        NpgsqlConnection conn, Guid[] services, DateOnly du, DateOnly au, Guid[] brouillons, CancellationToken ct) =>
        (await conn.QueryAsync<ChargeJour>(new CommandDefinition("""
            SELECT pour_le AS jour, count(*)::int AS nombre, count(*) FILTER (WHERE evaluation)::int AS evaluations,
                   coalesce(sum(duree_minutes), 0)::int AS minutes
            FROM scolarite.devoir
            WHERE service_id = ANY(@services) AND pour_le BETWEEN @du AND @au AND (publie_le IS NOT NULL OR service_id = ANY(@brouillons))
            GROUP BY pour_le ORDER BY pour_le
            """, new { services, du, au, brouillons }, cancellationToken: ct))).AsList();
}
