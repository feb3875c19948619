using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>
/// The demo lycée's four classes of the current year, its pupils spread across them (about thirty each), and their
/// teaching teams: eight subjects per class, a Spanish group mixing the two Seconde classes, a head teacher per class.
/// </summary>
/// <remarks>
/// Tests rely on these teams (keep them when editing):
/// <list type="bullet">
/// <item><c>prof.01</c> teaches French in 2NDE1, 2NDE2 and 1G1, never in TG1: "a teacher of the class" of a 2NDE1 pupil.</item>
/// <item><c>prof.12</c> teaches only philosophy in TG1 (and is its head teacher): "a teacher of another class".</item>
/// <item><c>prof.11</c> teaches only the group ESP2 (Espagnol LV2: every other pupil of 2NDE1 and of 2NDE2): "a teacher of the group".</item>
/// </list>
/// </remarks>
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

    /// <summary>Class, subject code, subject name, coefficient, teacher (the number of its login prof.NN).</summary>
    private static readonly (string Classe, string Matiere, string Libelle, decimal Coefficient, int Prof)[] Services =
    [
        .. Tronc("2NDE1", francais: 1, maths: 2, histoire: 4),
        .. Tronc("2NDE2", francais: 1, maths: 2, histoire: 4),
        .. Tronc("1G1", francais: 1, maths: 3, histoire: 5),
        .. Tronc("TG1", francais: null, maths: 3, histoire: 5),
        ("TG1", "PHILO", "Philosophie", 2m, 12),
    ];

    /// <summary>The subjects every class has; French ends in Première, philosophy replaces it in Terminale.</summary>
    private static IEnumerable<(string, string, string, decimal, int)> Tronc(string classe, int? francais, int maths, int histoire)
    {
        if (francais is { } f)
        {
            yield return (classe, "FRANCAIS", "Français", 2m, f);
        }

        yield return (classe, "MATHS", "Mathématiques", 2m, maths);
        yield return (classe, "HIST_GEO", "Histoire-géographie", 1m, histoire);
        yield return (classe, "ANGLAIS", "Anglais LV1", 1m, 6);
        yield return (classe, "PHYS_CHIM", "Physique-chimie", 1m, 7);
        yield return (classe, "SVT", "Sciences de la vie et de la Terre", 1m, 8);
        yield return (classe, "EPS", "Éducation physique et sportive", 1m, 9);
        yield return (classe, "SES", "Sciences économiques et sociales", 1m, 10);
    }

    private static readonly (string Classe, int Prof)[] ProfesseursPrincipaux = [("2NDE1", 2), ("2NDE2", 4), ("1G1", 3), ("TG1", 12)];

    private const string GroupeEspagnol = "ESP2";
    private const int ProfEspagnol = 11;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var annee = AnneeScolaire.Courante(clock);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await SeedClassesAsync(conn, tx, etablissement.Id, annee, ct);
        await SeedEquipesAsync(conn, tx, etablissement.Id, annee, ct);
        await tx.CommitAsync(ct);
    }

    private async Task SeedClassesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etablissementId, string annee, CancellationToken ct)
    {
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM scolarite.classe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee)",
            new { etablissementId, annee }, tx, cancellationToken: ct));
        if (exists)
        {
            return;
        }

        var ids = Classes.Select(_ => Guid.CreateVersion7()).ToArray();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
            VALUES (@Id, @etablissementId, @annee, @Code, @Libelle, @Niveau)
            """, Classes.Select((c, i) => new { Id = ids[i], etablissementId, annee, c.Code, c.Libelle, c.Niveau }),
            tx, cancellationToken: ct));

        // Round-robin over the alphabetical list: siblings (same surname, adjacent) land in different classes.
        var eleves = await annuaire.ListerPersonnesAsync(etablissementId, Profils.Eleve, ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@ClasseId, @EleveId)",
            eleves.Select((e, i) => new { ClasseId = ids[i % ids.Length], EleveId = e.Id }), tx, cancellationToken: ct));
    }

    /// <summary>A step of its own, so a database seeded before the teams existed gets them at the next start.</summary>
    private async Task SeedEquipesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etablissementId, string annee, CancellationToken ct)
    {
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM scolarite.groupe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee)",
            new { etablissementId, annee }, tx, cancellationToken: ct));
        if (exists)
        {
            return;
        }

        // The teachers are Identité's: their ids derive from their logins, and must be in its directory.
        var enseignants = (await annuaire.ListerPersonnesAsync(etablissementId, Profils.Enseignant, ct)).Select(p => p.Id).ToHashSet();
        Guid Prof(int n)
        {
            var id = DemoIds.Of("compte", $"prof.{n:D2}");
            return enseignants.Contains(id) ? id : throw new InvalidOperationException($"Demo teacher prof.{n:D2} missing from the directory.");
        }

        var classes = (await conn.QueryAsync<(string Code, Guid Id)>(new CommandDefinition(
            "SELECT code, id FROM scolarite.classe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee",
            new { etablissementId, annee }, tx, cancellationToken: ct))).ToDictionary(c => c.Code, c => c.Id);

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id, coefficient)
            VALUES (@Id, @EnseignantId, @Matiere, @Libelle, @ClasseId, @Coefficient)
            """, Services.Select(s => new
            {
                Id = Guid.CreateVersion7(), EnseignantId = Prof(s.Prof), s.Matiere, s.Libelle, ClasseId = classes[s.Classe], s.Coefficient,
            }), tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO scolarite.professeur_principal (classe_id, enseignant_id) VALUES (@ClasseId, @EnseignantId)",
            ProfesseursPrincipaux.Select(p => new { ClasseId = classes[p.Classe], EnseignantId = Prof(p.Prof) }), tx, cancellationToken: ct));

        // Spanish LV2: every other pupil of each Seconde class (by id, a stable order), taught together.
        var groupeId = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.groupe (id, etablissement_id, annee_scolaire, code, libelle)
            VALUES (@groupeId, @etablissementId, @annee, @GroupeEspagnol, 'Espagnol LV2');
            INSERT INTO scolarite.inscription_groupe (groupe_id, eleve_id)
            SELECT @groupeId, eleve_id
            FROM (SELECT i.eleve_id, row_number() OVER (PARTITION BY i.classe_id ORDER BY i.eleve_id) AS rang
                  FROM scolarite.inscription_classe i
                  WHERE i.classe_id IN (@seconde1, @seconde2)) s
            WHERE rang % 2 = 1;
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, groupe_id, coefficient)
            VALUES (@serviceId, @profEspagnol, 'ESPAGNOL', 'Espagnol LV2', @groupeId, 1);
            """, new
        {
            groupeId, etablissementId, annee, GroupeEspagnol, seconde1 = classes["2NDE1"], seconde2 = classes["2NDE2"],
            serviceId = Guid.CreateVersion7(), profEspagnol = Prof(ProfEspagnol),
        }, tx, cancellationToken: ct));
    }
}
