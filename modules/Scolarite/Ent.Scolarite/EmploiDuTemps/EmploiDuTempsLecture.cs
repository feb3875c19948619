using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>The timetable's read side (see <see cref="IEmploiDuTemps"/>): slots, weeks and changes read, then <see cref="Planning"/>.</summary>
internal sealed class EmploiDuTempsLecture(NpgsqlDataSource db) : IEmploiDuTemps
{
    private const string CreneauxSql = """
        SELECT c.id, c.etablissement_id, c.service_id, s.enseignant_id, c.jour, c.debut, c.fin, c.salle, c.semaine, c.valide_du, c.valide_au
        FROM scolarite.creneau c JOIN scolarite.service_enseignement s ON s.id = c.service_id
        WHERE (c.service_id = ANY(@services) OR c.etablissement_id = @etablissementId)
          AND c.valide_du <= @au AND c.valide_au >= @du
        """;

    private const string ModificationsSql = """
        SELECT m.id, m.etablissement_id, m.service_id, m.nature, m.debut_prevu, m.debut, m.fin, m.salle, m.remplacant_id, m.motif
        FROM scolarite.modification_cours m
        WHERE (m.service_id = ANY(@services) OR m.etablissement_id = @etablissementId)
          AND ((m.debut_prevu >= @depuis AND m.debut_prevu < @jusqua) OR (m.debut >= @depuis AND m.debut < @jusqua))
        """;

    private const string SemainesSql = """
        SELECT etablissement_id, lundi, semaine FROM scolarite.semaine_ab WHERE etablissement_id = ANY(@etablissements)
        """;

    private const string EnseignantsSql = "SELECT id, enseignant_id FROM scolarite.service_enseignement WHERE id = ANY(@services)";

    private const string ServicesEnseignantSql = """
        SELECT id FROM scolarite.service_enseignement WHERE enseignant_id = @enseignantId
        UNION
        SELECT service_id FROM scolarite.modification_cours
        WHERE remplacant_id = @enseignantId AND debut >= @depuis AND debut < @jusqua
        """;

    public Task<IReadOnlyList<CoursPlanifie>> DesServicesAsync(IReadOnlyCollection<Guid> serviceIds, DateOnly du, DateOnly au, CancellationToken ct) =>
        LireAsync(serviceIds.ToArray(), null, du, au, ct);

    public Task<IReadOnlyList<CoursPlanifie>> DeLEtablissementAsync(Guid etablissementId, DateOnly du, DateOnly au, CancellationToken ct) =>
        LireAsync([], etablissementId, du, au, ct);

    public async Task<IReadOnlyList<CoursPlanifie>> DeLEnseignantAsync(Guid enseignantId, DateOnly du, DateOnly au, CancellationToken ct)
    {
        Guid[] services;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            services = (await conn.QueryAsync<Guid>(new CommandDefinition(ServicesEnseignantSql, new
            {
                enseignantId, depuis = Planning.Instant(du, TimeOnly.MinValue), jusqua = Planning.Instant(au.AddDays(1), TimeOnly.MinValue),
            }, cancellationToken: ct))).ToArray();
        }

        var cours = await LireAsync(services, null, du, au, ct);
        var siens = await ServicesDeAsync(enseignantId, ct);
        return [.. cours.Where(c => c.EnseignantId == enseignantId || siens.Contains(c.ServiceId))];
    }

    /// <summary>
    /// The lessons as timetabled, changes left out: what a change must name (a change names a lesson by its service and
    /// its timetabled start, whatever became of it).
    /// </summary>
    public Task<IReadOnlyList<CoursPlanifie>> PrevusAsync(IReadOnlyCollection<Guid> serviceIds, DateOnly du, DateOnly au, CancellationToken ct) =>
        LireAsync(serviceIds.ToArray(), null, du, au, ct, avecModifications: false);

    private async Task<HashSet<Guid>> ServicesDeAsync(Guid enseignantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM scolarite.service_enseignement WHERE enseignant_id = @enseignantId", new { enseignantId }, cancellationToken: ct))];
    }

    private async Task<IReadOnlyList<CoursPlanifie>> LireAsync(Guid[] services, Guid? etablissementId, DateOnly du, DateOnly au, CancellationToken ct,
        bool avecModifications = true)
    {
        if (au < du || (services.Length == 0 && etablissementId is null))
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var depuis = Planning.Instant(du, TimeOnly.MinValue);
        var jusqua = Planning.Instant(au.AddDays(1), TimeOnly.MinValue);
        var creneaux = (await conn.QueryAsync<Creneau>(new CommandDefinition(CreneauxSql,
            new { services, etablissementId, du, au }, cancellationToken: ct))).AsList();
        var modifications = avecModifications
            ? (await conn.QueryAsync<Modification>(new CommandDefinition(ModificationsSql,
                new { services, etablissementId, depuis, jusqua }, cancellationToken: ct))).AsList()
            : [];

        var etablissements = creneaux.Select(c => c.EtablissementId).Concat(modifications.Select(m => m.EtablissementId)).Distinct().ToArray();
        var semaines = (await conn.QueryAsync<(Guid EtablissementId, DateOnly Lundi, string Semaine)>(new CommandDefinition(SemainesSql,
                new { etablissements }, cancellationToken: ct)))
            .GroupBy(s => s.EtablissementId)
            .ToDictionary(g => g.Key, g => new Semaines(g.ToDictionary(s => s.Lundi, s => s.Semaine[0])));
        var sansDeclaration = new Semaines(new Dictionary<DateOnly, char>());

        var enseignants = creneaux.GroupBy(c => c.ServiceId).ToDictionary(g => g.Key, g => g.First().EnseignantId);
        var manquants = modifications.Select(m => m.ServiceId).Where(s => !enseignants.ContainsKey(s)).Distinct().ToArray();
        if (manquants.Length > 0)
        {
            foreach (var (id, enseignant) in await conn.QueryAsync<(Guid, Guid)>(new CommandDefinition(EnseignantsSql,
                         new { services = manquants }, cancellationToken: ct)))
            {
                enseignants[id] = enseignant;
            }
        }

        return Planning.Cours(creneaux, e => semaines.GetValueOrDefault(e, sansDeclaration), modifications, enseignants, du, au);
    }
}
