using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Equipes;

/// <summary>Teaching services' read side for other modules (see <see cref="IServicesEnseignement"/>).</summary>
internal sealed class ServicesEnseignementLecture(NpgsqlDataSource db, TimeProvider clock) : IServicesEnseignement
{
    private const string ServicesSql = """
        SELECT s.id, coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id, s.enseignant_id,
               coalesce(m.libelle, s.matiere_libelle) AS matiere, coalesce(c.libelle, g.libelle) AS division
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = coalesce(c.etablissement_id, g.etablissement_id) AND m.code = s.matiere_code
        WHERE (s.id = ANY(@ids) OR s.enseignant_id = @enseignantId) AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        """;

    public async Task<ServiceInfo?> TrouverAsync(Guid serviceId, CancellationToken ct) =>
        (await TrouverAsync([serviceId], ct)).SingleOrDefault();

    public async Task<IReadOnlyList<ServiceInfo>> TrouverAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ServiceInfo>(new CommandDefinition(ServicesSql,
            new { ids = serviceIds.ToArray(), enseignantId = (Guid?)null, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<ServiceInfo>> DuEnseignantAsync(Guid enseignantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ServiceInfo>(new CommandDefinition(ServicesSql,
            new { ids = Array.Empty<Guid>(), enseignantId = (Guid?)enseignantId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    private const string ElevesSql = """
        SELECT i.eleve_id FROM scolarite.service_enseignement s JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
        WHERE s.id = @serviceId
        UNION
        SELECT i.eleve_id FROM scolarite.service_enseignement s JOIN scolarite.inscription_groupe i ON i.groupe_id = s.groupe_id
        WHERE s.id = @serviceId
        """;

    public async Task<IReadOnlyList<Guid>> ElevesAsync(Guid serviceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Guid>(new CommandDefinition(ElevesSql, new { serviceId }, cancellationToken: ct))).AsList();
    }

    private const string ClassesSql = """
        SELECT DISTINCT ON (i.eleve_id) i.eleve_id, c.code
        FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = ANY(@ids) AND c.annee_scolaire = @annee
        ORDER BY i.eleve_id, c.code
        """;

    public async Task<IReadOnlyDictionary<Guid, string>> ClassesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(Guid EleveId, string Code)>(new CommandDefinition(ClassesSql,
            new { ids = eleveIds.ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
        return rows.ToDictionary(r => r.EleveId, r => r.Code);
    }
}
