using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Ressources.Demo;

/// <summary>The demo lycée's useful links: national services every lycée points families to.</summary>
internal sealed class RessourcesDemo(IAnnuaire annuaire) : IDemoData
{
    public int Order => 40;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ressources.lien_utile (id, etablissement_id, titre, url, description, ordre)
            SELECT gen_random_uuid(), @EtablissementId, v.titre, v.url, v.description, v.ordre
            FROM (VALUES
                ('Onisep', 'https://www.onisep.fr', 'Métiers et formations : l''information officielle sur l''orientation.', 1),
                ('Parcoursup', 'https://www.parcoursup.gouv.fr', 'La plateforme d''admission dans l''enseignement supérieur.', 2),
                ('Éduscol', 'https://eduscol.education.fr', 'Programmes et ressources du ministère de l''Éducation nationale.', 3)
            ) AS v (titre, url, description, ordre)
            WHERE NOT EXISTS (SELECT 1 FROM ressources.lien_utile WHERE etablissement_id = @EtablissementId)
            """, new { EtablissementId = etablissement.Id }, cancellationToken: ct));
    }
}
