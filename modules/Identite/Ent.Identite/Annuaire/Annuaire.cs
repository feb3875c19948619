using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Identite.Annuaire;

/// <summary>The directory's read side for other modules (see <see cref="IAnnuaire"/>).</summary>
internal sealed class Annuaire(NpgsqlDataSource db) : IAnnuaire
{
    public async Task<EtablissementInfo?> TrouverEtablissementAsync(string uai, CancellationToken ct)
    {
        const string sql = "SELECT id, uai, nom FROM identite.etablissement WHERE uai = @uai";
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<EtablissementInfo>(new CommandDefinition(sql, new { uai }, cancellationToken: ct));
    }

    public async Task<EtablissementInfo?> TrouverEtablissementAsync(Guid id, CancellationToken ct)
    {
        const string sql = "SELECT id, uai, nom FROM identite.etablissement WHERE id = @id";
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<EtablissementInfo>(new CommandDefinition(sql, new { id }, cancellationToken: ct));
    }

    public async Task<EtablissementInfo?> TrouverEtablissementEleveAsync(Guid eleveId, CancellationToken ct)
    {
        const string sql = """
            SELECT e.id, e.uai, e.nom
            FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id
            WHERE r.personne_id = @eleveId AND r.profil = 'eleve'
            ORDER BY e.uai LIMIT 1
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<EtablissementInfo>(new CommandDefinition(sql, new { eleveId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PersonneInfo>> ListerPersonnesAsync(Guid etablissementId, string profil, CancellationToken ct)
    {
        const string sql = """
            SELECT p.id, p.nom, p.prenom
            FROM identite.rattachement r
            JOIN identite.personne p ON p.id = r.personne_id
            WHERE r.etablissement_id = @etablissementId AND r.profil = @profil
            ORDER BY p.nom, p.prenom, p.id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PersonneInfo>(new CommandDefinition(sql, new { etablissementId, profil }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<PersonneInfo>> TrouverPersonnesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        const string sql = "SELECT id, nom, prenom FROM identite.personne WHERE id = ANY(@ids) ORDER BY nom, prenom, id";
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PersonneInfo>(new CommandDefinition(sql, new { ids = ids.ToArray() }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ResponsableLegal>> ListerResponsablesLegauxAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        const string sql = "SELECT eleve_id, responsable_id FROM identite.lien_responsable WHERE eleve_id = ANY(@ids) AND legal";
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ResponsableLegal>(new CommandDefinition(sql, new { ids = eleveIds.ToArray() }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ContactFamille>> ListerContactsFamillesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        const string sql = """
            SELECT l.eleve_id, l.responsable_id, p.mobile, p.email AS courriel
            FROM identite.lien_responsable l
            JOIN identite.personne p ON p.id = l.responsable_id
            WHERE l.eleve_id = ANY(@ids) AND l.recoit_notifications
            ORDER BY l.eleve_id, l.contact_prioritaire DESC, l.responsable_id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ContactFamille>(new CommandDefinition(sql, new { ids = eleveIds.ToArray() }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<PersonneInfo>> ListerEnfantsAsync(Guid responsableId, CancellationToken ct)
    {
        const string sql = """
            SELECT p.id, p.nom, p.prenom FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.eleve_id
            WHERE l.responsable_id = @responsableId ORDER BY p.prenom, p.nom, p.id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<PersonneInfo>(new CommandDefinition(sql, new { responsableId }, cancellationToken: ct))).AsList();
    }

    private const string PersonneActiveSql = """
        SELECT p.id,
               EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id AND r.profil = 'eleve' AND r.retire_le IS NULL) AS eleve,
               EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id AND r.profil = 'enseignant' AND r.retire_le IS NULL) AS enseignant
        FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id
        WHERE p.id = @id AND c.etat = 'actif'
        """;

    private const string EnfantsSql = """
        SELECT e.id, e.nom, e.prenom
        FROM identite.lien_responsable l JOIN identite.personne e ON e.id = l.eleve_id
        WHERE l.responsable_id = @id
          AND EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = @id AND r.profil = 'responsable' AND r.retire_le IS NULL)
        ORDER BY e.prenom, e.id
        """;

    private sealed record LignePersonneActive(Guid Id, bool Eleve, bool Enseignant);

    public async Task<PersonneActive?> TrouverPersonneActiveAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var p = await conn.QuerySingleOrDefaultAsync<LignePersonneActive>(new CommandDefinition(PersonneActiveSql,
            new { id = personneId }, cancellationToken: ct));
        if (p is null)
        {
            return null;
        }

        var enfants = await conn.QueryAsync<PersonneInfo>(new CommandDefinition(EnfantsSql, new { id = personneId }, cancellationToken: ct));
        return new PersonneActive(p.Id, p.Eleve, p.Enseignant, enfants.AsList());
    }

    public async Task<IReadOnlyList<RattachementInfo>> ListerRattachementsAsync(Guid personneId, CancellationToken ct)
    {
        const string sql = """
            SELECT etablissement_id, profil, fonction FROM identite.rattachement
            WHERE personne_id = @personneId AND retire_le IS NULL
            ORDER BY etablissement_id, profil
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<RattachementInfo>(new CommandDefinition(sql, new { personneId }, cancellationToken: ct))).AsList();
    }

    // A blocked or deactivated account gets nothing: its owner cannot read what the e-mail points to.
    public async Task<IReadOnlyList<CourrielPersonne>> ListerCourrielsAsync(IReadOnlyCollection<Guid> personneIds, CancellationToken ct)
    {
        const string sql = """
            SELECT p.id, p.email AS courriel
            FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id AND c.etat = 'actif'
            WHERE p.id = ANY(@ids) AND p.email IS NOT NULL AND p.email <> ''
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<CourrielPersonne>(new CommandDefinition(sql, new { ids = personneIds.ToArray() }, cancellationToken: ct))).AsList();
    }

    private sealed record LanguePersonne(Guid Id, string Langue);

    public async Task<IReadOnlyDictionary<Guid, string>> LanguesAsync(IReadOnlyCollection<Guid> personneIds, CancellationToken ct)
    {
        const string sql = "SELECT id, langue FROM identite.personne WHERE id = ANY(@ids)";
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<LanguePersonne>(new CommandDefinition(sql, new { ids = personneIds.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Langue);
    }
}
