using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.VieScolaire.Tests;

/// <summary>Looks up the demo lycée's people and services by their logins and codes.</summary>
internal static class Donnees
{
    public static async Task<T> ScalarAsync<T>(this EntApp app, string sql, object? parameters = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    public static Task<Guid> PersonneAsync(this EntApp app, string identifiant) =>
        app.ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @identifiant", new { identifiant });

    public static Task<Guid> ServiceAsync(this EntApp app, string prof, string classe, string matiere) => app.ScalarAsync<Guid>("""
        SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
        JOIN identite.compte k ON k.personne_id = s.enseignant_id
        WHERE k.identifiant = @prof AND c.code = @classe AND s.matiere_code = @matiere
        """, new { prof, classe, matiere });

    /// <summary>A legal guardian of the pupil who receives notifications, by login.</summary>
    public static Task<string> ResponsableAsync(this EntApp app, Guid eleveId) => app.ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE l.eleve_id = @eleveId AND l.legal AND l.recoit_notifications ORDER BY k.identifiant LIMIT 1
        """, new { eleveId });
}
