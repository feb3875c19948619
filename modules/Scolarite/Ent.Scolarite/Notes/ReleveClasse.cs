using Dapper;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>A teaching service as averages and report cards need it.</summary>
internal sealed record ServiceNotes(
    Guid Id, Guid EnseignantId, string MatiereCode, string MatiereLibelle, Guid? ClasseId, Guid? GroupeId, decimal Coefficient, short Rang);

/// <summary>An assessment as the grades pages show it.</summary>
internal sealed record EvaluationNotes(
    Guid Id, Guid ServiceId, DateOnly Date, string Titre, decimal Bareme, decimal Coefficient, string Mode, bool CompteDansMoyenne,
    DateOnly? Publication)
{
    public EvaluationCalcul Calcul => new(Bareme, Coefficient, Mode, CompteDansMoyenne);
}

/// <summary>One pupil's result in an assessment.</summary>
internal sealed record NoteEleve(Guid EvaluationId, Guid EleveId, decimal? Valeur, string? Marqueur, string? Commentaire, DateTime SaisieLe)
{
    public Resultat Resultat => new(Valeur, Marqueur);
}

/// <summary>
/// Every grade of a class's pupils over a period, loaded in one round trip, and the averages computed from it: each
/// pupil's average per teaching service (the class's services and those of the groups its pupils follow), the class's
/// figures per service and overall. Families' views load only what they may see (published assessments).
/// </summary>
internal sealed class ReleveClasse
{
    private readonly Dictionary<Guid, HashSet<Guid>> elevesParService;
    private readonly ILookup<Guid, EvaluationNotes> evaluationsParService;
    private readonly ILookup<Guid, NoteEleve> notesParEvaluation;
    private readonly Dictionary<(Guid Evaluation, Guid Eleve), NoteEleve> notesParEleve;
    private readonly Dictionary<(Guid Eleve, Guid Service), decimal?> moyennes = [];

    private ReleveClasse(Guid classeId, IReadOnlyList<Guid> eleves, IReadOnlyList<ServiceNotes> services,
        Dictionary<Guid, HashSet<Guid>> elevesParService, IReadOnlyList<EvaluationNotes> evaluations, IReadOnlyList<NoteEleve> notes,
        bool nonRenduCompteZero)
    {
        ClasseId = classeId;
        Eleves = eleves;
        Services = services;
        Evaluations = evaluations;
        NonRenduCompteZero = nonRenduCompteZero;
        this.elevesParService = elevesParService;
        evaluationsParService = evaluations.ToLookup(e => e.ServiceId);
        notesParEvaluation = notes.ToLookup(n => n.EvaluationId);
        notesParEleve = new Dictionary<(Guid, Guid), NoteEleve>(notes.Count);
        foreach (var n in notes)
        {
            notesParEleve[(n.EvaluationId, n.EleveId)] = n;
        }
    }

    public Guid ClasseId { get; }

    public IReadOnlyList<Guid> Eleves { get; }

    /// <summary>In report-card order: the subjects' rank, then their name.</summary>
    public IReadOnlyList<ServiceNotes> Services { get; }

    public IReadOnlyList<EvaluationNotes> Evaluations { get; }

    public bool NonRenduCompteZero { get; }

    public IEnumerable<EvaluationNotes> EvaluationsDe(Guid serviceId) => evaluationsParService[serviceId];

    public IEnumerable<NoteEleve> NotesDe(Guid evaluationId) => notesParEvaluation[evaluationId];

    public NoteEleve? NoteDe(Guid evaluationId, Guid eleveId) => notesParEleve.GetValueOrDefault((evaluationId, eleveId));

    /// <summary>The services the pupil follows: their class's and their groups'.</summary>
    public IEnumerable<ServiceNotes> ServicesDe(Guid eleveId) => Services.Where(s => elevesParService[s.Id].Contains(eleveId));

    public decimal? Moyenne(Guid eleveId, Guid serviceId)
    {
        if (!moyennes.TryGetValue((eleveId, serviceId), out var moyenne))
        {
            moyenne = Moyennes.MoyenneMatiere(
                EvaluationsDe(serviceId).Select(e => (e.Calcul, NoteDe(e.Id, eleveId)?.Resultat ?? new Resultat(null, null))),
                NonRenduCompteZero);
            moyennes[(eleveId, serviceId)] = moyenne;
        }

        return moyenne;
    }

    /// <summary>The class's figures in a service: over the class's pupils who follow it.</summary>
    public Statistiques StatsService(Guid serviceId) =>
        Moyennes.Stats(Eleves.Where(elevesParService[serviceId].Contains).Select(e => Moyenne(e, serviceId)));

    public decimal? MoyenneGenerale(Guid eleveId) =>
        Moyennes.MoyenneGenerale(ServicesDe(eleveId).Select(s => (Moyenne(eleveId, s.Id), s.Coefficient)));

    public Statistiques StatsGenerales() => Moyennes.Stats(Eleves.Select(MoyenneGenerale));

    /// <summary>An assessment's figures over every pupil who sat it (a group's may come from several classes).</summary>
    public Statistiques StatsEvaluation(Guid evaluationId) =>
        Moyennes.StatsEvaluation(NotesDe(evaluationId).Select(n => n.Resultat), NonRenduCompteZero);

    // The class's services and those of the groups its pupils follow; which pupils follow which; the établissement's
    // setting for Non rendu.
    private const string ServicesSql = """
        WITH groupes AS (
            SELECT DISTINCT ig.groupe_id
            FROM scolarite.inscription_groupe ig
            JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
            WHERE ic.classe_id = @classeId
        )
        SELECT s.id, s.enseignant_id, s.matiere_code, coalesce(m.libelle, s.matiere_libelle) AS matiere_libelle,
               s.classe_id, s.groupe_id, s.coefficient, coalesce(m.rang, 100)::smallint AS rang
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = @etablissementId AND m.code = s.matiere_code
        WHERE s.classe_id = @classeId OR s.groupe_id IN (SELECT groupe_id FROM groupes)
        ORDER BY rang, matiere_libelle, s.id;

        SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @classeId ORDER BY eleve_id;

        SELECT ig.groupe_id, ig.eleve_id
        FROM scolarite.inscription_groupe ig
        JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
        WHERE ic.classe_id = @classeId;

        SELECT non_rendu = 'zero' FROM scolarite.parametres_notation WHERE etablissement_id = @etablissementId;
        """;

    // The period's assessments of those services (only the published ones for families) and their grades.
    private const string EvaluationsSql = """
        SELECT id, service_id, date, titre, bareme, coefficient, mode, compte_dans_moyenne, publication
        FROM scolarite.evaluation
        WHERE periode_id = @periodeId AND service_id = ANY(@services)
          AND (@visiblesAu::date IS NULL OR publication IS NULL OR publication <= @visiblesAu::date)
        ORDER BY date, cree_le, id;

        SELECT n.evaluation_id, n.eleve_id, n.valeur, n.marqueur, n.commentaire, n.saisie_le
        FROM scolarite.note n
        JOIN scolarite.evaluation e ON e.id = n.evaluation_id
        WHERE e.periode_id = @periodeId AND e.service_id = ANY(@services)
          AND (@visiblesAu::date IS NULL OR e.publication IS NULL OR e.publication <= @visiblesAu::date);
        """;

    /// <summary>Loads the period; <c>visiblesAu</c>: for families, only the assessments published on that day; null: all (teachers).</summary>
    public static async Task<ReleveClasse> ChargerAsync(NpgsqlConnection conn, Guid etablissementId, Guid classeId, Guid periodeId,
        DateOnly? visiblesAu, CancellationToken ct)
    {
        List<ServiceNotes> services;
        List<Guid> eleves;
        List<(Guid GroupeId, Guid EleveId)> groupes;
        bool nonRenduZero;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(ServicesSql,
                         new { classeId, etablissementId }, cancellationToken: ct)))
        {
            services = (await lecture.ReadAsync<ServiceNotes>()).AsList();
            eleves = (await lecture.ReadAsync<Guid>()).AsList();
            groupes = (await lecture.ReadAsync<(Guid, Guid)>()).AsList();
            nonRenduZero = await lecture.ReadSingleOrDefaultAsync<bool>();
        }

        var classe = eleves.ToHashSet();
        var parService = services.ToDictionary(s => s.Id, s => s.ClasseId is not null
            ? classe
            : groupes.Where(g => g.GroupeId == s.GroupeId).Select(g => g.EleveId).ToHashSet());

        // Read by hand rather than through Dapper: a class's period is a few thousand grades, and the generic mapping
        // (one boxed value per column) was a third of the grades page's CPU (issue #6's profile).
        await using var commande = new NpgsqlCommand(EvaluationsSql, conn);
        commande.Parameters.AddWithValue("periodeId", periodeId);
        commande.Parameters.AddWithValue("services", services.Select(s => s.Id).ToArray());
        commande.Parameters.Add(new NpgsqlParameter<DateOnly?>("visiblesAu", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = visiblesAu });
        await using var lecteur = await commande.ExecuteReaderAsync(ct);
        var evaluations = new List<EvaluationNotes>();
        while (await lecteur.ReadAsync(ct))
        {
            evaluations.Add(new EvaluationNotes(lecteur.GetGuid(0), lecteur.GetGuid(1), lecteur.GetFieldValue<DateOnly>(2), lecteur.GetString(3),
                lecteur.GetDecimal(4), lecteur.GetDecimal(5), lecteur.GetString(6), lecteur.GetBoolean(7),
                lecteur.IsDBNull(8) ? null : lecteur.GetFieldValue<DateOnly>(8)));
        }

        await lecteur.NextResultAsync(ct);
        var notes = new List<NoteEleve>();
        while (await lecteur.ReadAsync(ct))
        {
            notes.Add(new NoteEleve(lecteur.GetGuid(0), lecteur.GetGuid(1), lecteur.IsDBNull(2) ? null : lecteur.GetDecimal(2),
                lecteur.IsDBNull(3) ? null : lecteur.GetString(3), lecteur.IsDBNull(4) ? null : lecteur.GetString(4), lecteur.GetDateTime(5)));
        }

        return new ReleveClasse(classeId, eleves, services, parService, evaluations, notes, nonRenduZero);
    }
}
