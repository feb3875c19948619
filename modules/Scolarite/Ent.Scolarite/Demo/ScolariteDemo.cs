using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>The demo lycée's four classes of the current year, its pupils spread across them (about thirty each).</summary>
internal sealed class ScolariteDemo(IAnnuaire annuaire, TimeProvider clock) : IDemoData
{
    public int Order => 10;

    private static readonly (string Code, string Libelle, string Niveau)[] Classes =
    [
        ("2NDE1", "Seconde 1", "seconde"),
        ("2NDE2", "Seconde 2", "seconde"),
        ("1G1", "Première générale 1", "premiere"),
        ("TG1", "Terminale générale 1", "terminale"),
    ];

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var annee = AnneeScolaire.Courante(clock);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM scolarite.classe WHERE etablissement_id = @Id AND annee_scolaire = @annee)",
            new { etablissement.Id, annee }, tx, cancellationToken: ct));
        if (exists)
        {
            return;
        }

        var ids = Classes.Select(_ => Guid.CreateVersion7()).ToArray();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
            VALUES (@Id, @EtablissementId, @annee, @Code, @Libelle, @Niveau)
            """, Classes.Select((c, i) => new { Id = ids[i], EtablissementId = etablissement.Id, annee, c.Code, c.Libelle, c.Niveau }),
            tx, cancellationToken: ct));

        // Round-robin over the alphabetical list: siblings (same surname, adjacent) land in different classes.
        var eleves = await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Eleve, ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@ClasseId, @EleveId)",
            eleves.Select((e, i) => new { ClasseId = ids[i % ids.Length], EleveId = e.Id }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
