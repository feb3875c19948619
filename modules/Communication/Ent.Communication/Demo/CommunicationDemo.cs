using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Communication.Demo;

/// <summary>Two public announcements of the demo lycée.</summary>
internal sealed class CommunicationDemo(IAnnuaire annuaire, TimeProvider clock) : IDemoData
{
    public int Order => 30;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var now = clock.GetUtcNow();
        // Inserted only when the établissement has none yet: a restart adds nothing.
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO communication.annonce_publique (id, etablissement_id, titre, texte, publiee_le)
            SELECT v.id, @EtablissementId, v.titre, v.texte, v.publiee_le
            FROM (VALUES
                (@Id1, 'Bienvenue sur l''ENT du Lycée démo',
                 'Retrouvez ici les notes, le cahier de textes, les absences et les messages de l''établissement. Votre identifiant vous a été remis par le secrétariat.',
                 @Hier),
                (@Id2, 'Réunion parents-professeurs',
                 'Les professeurs principaux reçoivent les familles des classes de seconde le jeudi à partir de 17 h 30.',
                 @Maintenant)
            ) AS v (id, titre, texte, publiee_le)
            WHERE NOT EXISTS (SELECT 1 FROM communication.annonce_publique WHERE etablissement_id = @EtablissementId)
            """, new
        {
            EtablissementId = etablissement.Id,
            Id1 = Guid.CreateVersion7(),
            Id2 = Guid.CreateVersion7(),
            Hier = now.AddDays(-1),
            Maintenant = now.AddMinutes(-1),
        }, cancellationToken: ct));
    }
}
