using Dapper;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>A pupil's class this school year, and its établissement.</summary>
internal sealed record ClasseEleve(Guid Id, Guid EtablissementId, string Code, string Libelle)
{
    private const string Sql = """
        SELECT c.id, c.etablissement_id, c.code, c.libelle
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = @eleveId AND c.annee_scolaire = @annee
        ORDER BY c.id
        LIMIT 1
        """;

    public static Task<ClasseEleve?> TrouverAsync(NpgsqlConnection conn, Guid eleveId, string annee, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<ClasseEleve>(new CommandDefinition(Sql, new { eleveId, annee }, cancellationToken: ct));
}
