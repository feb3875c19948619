using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Communication.Demo;

/// <summary>Two public announcements of the demo lycée.</summary>
internal sealed class CommunicationDemo(IAnnuaire annuaire, TimeProvider clock) : IDemoData
{
    // Promises only what Ent does today (issue #13): no homework book, no messaging yet.
    internal const string Bienvenue = "Retrouvez ici les notes et les bulletins, les absences et leur justification en ligne, "
        + "l'appel en classe, les autorisations de sortie et les notifications par SMS ou e-mail. "
        + "Votre identifiant vous a été remis par le secrétariat.";

    // The first demo's wording promised the homework book and messages: replaced where it was seeded.
    private const string AncienneBienvenue = "Retrouvez ici les notes, le cahier de textes, les absences et les messages de "
        + "l'établissement. Votre identifiant vous a été remis par le secrétariat.";

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
                (@Id1, 'Bienvenue sur l''ENT du Lycée démo', @Bienvenue, @Hier),
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
            Bienvenue,
            Hier = now.AddDays(-1),
            Maintenant = now.AddMinutes(-1),
        }, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE communication.annonce_publique SET texte = @Bienvenue
            WHERE etablissement_id = @EtablissementId AND texte = @AncienneBienvenue
            """, new { EtablissementId = etablissement.Id, Bienvenue, AncienneBienvenue }, cancellationToken: ct));
    }
}
