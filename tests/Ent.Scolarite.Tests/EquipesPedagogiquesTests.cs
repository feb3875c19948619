using Dapper;
using Ent.Scolarite.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>The demo lycée's teaching teams, and who teaches whom as Identité's access rules ask it.</summary>
public sealed class EquipesPedagogiquesTests(EntApp app) : IClassFixture<EntApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private IEquipesPedagogiques Equipes => app.Services.GetRequiredService<IEquipesPedagogiques>();

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parameters)).AsList();
    }

    private Task<Guid> ProfAsync(string identifiant) =>
        ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @identifiant", new { identifiant });

    private Task<Guid> EleveDeAsync(string classe, bool dansLeGroupe) => ScalarAsync<Guid>("""
        SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE c.code = @classe AND EXISTS (SELECT 1 FROM scolarite.inscription_groupe g WHERE g.eleve_id = i.eleve_id) = @dansLeGroupe
        ORDER BY i.eleve_id LIMIT 1
        """, new { classe, dansLeGroupe });

    [Fact]
    public async Task Every_class_has_eight_subjects_and_one_head_teacher()
    {
        var services = await ListAsync<(string Code, long Matieres, long Principaux)>("""
            SELECT c.code,
                   (SELECT count(DISTINCT s.matiere_code) FROM scolarite.service_enseignement s WHERE s.classe_id = c.id),
                   (SELECT count(*) FROM scolarite.professeur_principal p WHERE p.classe_id = c.id)
            FROM scolarite.classe c WHERE c.code IN ('2NDE1', '2NDE2', '1G1', 'TG1') ORDER BY c.code
            """);

        Assert.Equal(4, services.Count);
        Assert.All(services, s => Assert.Equal((8L, 1L), (s.Matieres, s.Principaux)));
    }

    [Fact]
    public async Task The_spanish_group_mixes_the_two_seconde_classes_and_has_its_own_teacher()
    {
        var classes = await ListAsync<(string Code, long Eleves)>("""
            SELECT c.code, count(*) FROM scolarite.groupe g
            JOIN scolarite.inscription_groupe ig ON ig.groupe_id = g.id
            JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
            JOIN scolarite.classe c ON c.id = ic.classe_id
            WHERE g.code = 'ESP2' GROUP BY c.code ORDER BY c.code
            """);
        var enseignants = await ListAsync<Guid>("""
            SELECT s.enseignant_id FROM scolarite.service_enseignement s JOIN scolarite.groupe g ON g.id = s.groupe_id WHERE g.code = 'ESP2'
            """);

        Assert.Equal(["2NDE1", "2NDE2"], classes.Select(c => c.Code));
        Assert.All(classes, c => Assert.Equal(15L, c.Eleves));
        Assert.Equal([await ProfAsync("prof.11")], enseignants);
    }

    [Theory]
    [InlineData("prof.01", new[] { "1G1", "2NDE1", "2NDE2" })]
    [InlineData("prof.11", new string[0])]
    [InlineData("prof.12", new[] { "TG1" })]
    public async Task The_teachers_the_tests_rely_on_teach_these_classes(string prof, string[] classes)
    {
        var enseignees = await ListAsync<string>("""
            SELECT DISTINCT c.code FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            WHERE s.enseignant_id = @id ORDER BY c.code
            """, new { id = await ProfAsync(prof) });

        Assert.Equal(classes, enseignees);
    }

    [Fact]
    public async Task A_teacher_teaches_the_pupils_of_their_classes_and_groups_only()
    {
        var dansLeGroupe = await EleveDeAsync("2NDE1", dansLeGroupe: true);
        var horsGroupe = await EleveDeAsync("2NDE1", dansLeGroupe: false);
        var terminale = await EleveDeAsync("TG1", dansLeGroupe: false);
        var (prof01, prof11, prof12) = (await ProfAsync("prof.01"), await ProfAsync("prof.11"), await ProfAsync("prof.12"));

        Assert.True(await Equipes.EnseigneAAsync(prof01, dansLeGroupe, CancellationToken.None));
        Assert.True(await Equipes.EnseigneAAsync(prof01, horsGroupe, CancellationToken.None));
        Assert.False(await Equipes.EnseigneAAsync(prof01, terminale, CancellationToken.None));
        Assert.True(await Equipes.EnseigneAAsync(prof11, dansLeGroupe, CancellationToken.None));
        Assert.False(await Equipes.EnseigneAAsync(prof11, horsGroupe, CancellationToken.None));
        Assert.True(await Equipes.EnseigneAAsync(prof12, terminale, CancellationToken.None));
        Assert.False(await Equipes.EnseigneAAsync(prof12, dansLeGroupe, CancellationToken.None));
        Assert.False(await Equipes.EnseigneAAsync(dansLeGroupe, dansLeGroupe, CancellationToken.None));
    }

    [Fact]
    public async Task A_head_teacher_teaches_their_class_even_without_a_service_in_it()
    {
        var eleve = await EleveDeAsync("1G1", dansLeGroupe: false);
        var prof = await ProfAsync("prof.11");
        Assert.False(await Equipes.EnseigneAAsync(prof, eleve, CancellationToken.None));

        await using (var conn = await Db.OpenConnectionAsync())
        {
            // A class of this year of its own (the demo's keep their one head teacher for the other tests).
            await conn.ExecuteAsync("""
                INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
                SELECT @classe, etablissement_id, annee_scolaire, 'ATELIER', 'Atelier', 'premiere' FROM scolarite.classe WHERE code = '1G1';
                INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@classe, @eleve);
                INSERT INTO scolarite.professeur_principal (classe_id, enseignant_id) VALUES (@classe, @prof);
                """, new { classe = Guid.NewGuid(), eleve, prof });
        }

        Assert.True(await Equipes.EnseigneAAsync(prof, eleve, CancellationToken.None));
    }

    [Fact]
    public async Task Last_year_teacher_no_longer_teaches_the_pupil()
    {
        var eleve = await EleveDeAsync("2NDE2", dansLeGroupe: false);
        var prof = await ProfAsync("prof.12");
        await using (var conn = await Db.OpenConnectionAsync())
        {
            // Last year the pupil was in a class prof.12 taught.
            await conn.ExecuteAsync("""
                INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
                SELECT @classe, etablissement_id, '2000-2001', '3E1', 'Troisième 1', 'seconde' FROM scolarite.classe WHERE code = '2NDE2';
                INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@classe, @eleve);
                INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id)
                VALUES (gen_random_uuid(), @prof, 'PHILO', 'Philosophie', @classe);
                """, new { classe = Guid.NewGuid(), eleve, prof });
        }

        Assert.False(await Equipes.EnseigneAAsync(prof, eleve, CancellationToken.None));
    }

    [Fact]
    public async Task A_service_is_for_a_class_or_a_group_never_both_nor_neither()
    {
        await using var conn = await Db.OpenConnectionAsync();
        var neither = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("""
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle)
            VALUES (gen_random_uuid(), gen_random_uuid(), 'MATHS', 'Mathématiques')
            """));

        Assert.Equal(PostgresErrorCodes.CheckViolation, neither.SqlState);
    }
}
