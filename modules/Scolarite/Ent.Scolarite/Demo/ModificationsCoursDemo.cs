using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.EmploiDuTemps;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>
/// A few changes to the demo timetable around today, so that the families' and the desk's screens show them: for
/// eleve.001's class (parent.001's child), the next lesson from tomorrow is cancelled (« Professeur absent »), the one
/// after moves to another room, the one after is taken by another teacher. No message is queued (other tests count the
/// demo families' messages): the desk's own changes tell the families. Runs after the timetable exists, whoever seeds its slots (it reads the lessons through
/// <see cref="IEmploiDuTemps"/>); does nothing without lessons, and nothing when the week already has changes.
/// </summary>
internal sealed class ModificationsCoursDemo(IAnnuaire annuaire, IEmploiDuTemps emploiDuTemps, TimeProvider clock) : IDemoData
{
    public int Order => 50;

    private const string ServicesSql = """
        SELECT s.id FROM scolarite.service_enseignement s
        JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id JOIN scolarite.classe c ON c.id = s.classe_id
        WHERE i.eleve_id = @eleveId AND c.annee_scolaire = @annee
        """;

    private const string InsertSql = """
        INSERT INTO scolarite.modification_cours
            (id, etablissement_id, service_id, nature, debut_prevu, debut, fin, salle, remplacant_id, motif, saisi_par, saisi_le)
        VALUES (@Id, @EtablissementId, @ServiceId, @Nature, @DebutPrevu, @Debut, @Fin, @Salle, @RemplacantId, @Motif, @Par, @Maintenant)
        ON CONFLICT DO NOTHING
        """;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct) is not { } etablissement)
        {
            return;
        }

        var maintenant = clock.GetUtcNow();
        var aujourdhui = Planning.Jour(maintenant);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
                SELECT EXISTS (SELECT 1 FROM scolarite.modification_cours WHERE etablissement_id = @id AND coalesce(debut, debut_prevu) >= @depuis)
                """, new { id = etablissement.Id, depuis = Planning.Instant(Semaines.Lundi(aujourdhui), TimeOnly.MinValue) }, cancellationToken: ct)))
        {
            return;
        }

        var eleveId = DemoIds.Of("compte", "eleve.001");
        var services = (await conn.QueryAsync<Guid>(new CommandDefinition(ServicesSql,
            new { eleveId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).ToArray();
        if (services.Length == 0)
        {
            return;
        }

        var demain = Planning.Instant(aujourdhui.AddDays(1), TimeOnly.MinValue);
        var cours = (await emploiDuTemps.DesServicesAsync(services, aujourdhui.AddDays(1), aujourdhui.AddDays(8), ct))
            .Where(c => c.Statut == StatutCours.Normal && c.Debut >= demain).Take(3).ToList();
        if (cours.Count < 3)
        {
            return;
        }

        var enseignants = await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct);
        var remplacant = enseignants.FirstOrDefault(e => e.Id != cours[2].EnseignantId);
        var cpe = DemoIds.Of("compte", "cpe");
        var modifications = new List<(Guid Id, CoursPlanifie Cours, string Nature, string? Salle, Guid? Remplacant, string Motif)>
        {
            (Guid.CreateVersion7(), cours[0], "annule", null, null, "Professeur absent"),
            (Guid.CreateVersion7(), cours[1], "deplace", "CDI", null, "Salle occupée par un examen"),
        };
        if (remplacant is not null)
        {
            modifications.Add((Guid.CreateVersion7(), cours[2], "remplace", null, remplacant.Id, "Remplacement"));
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(InsertSql, modifications.Select(m => new
        {
            m.Id, EtablissementId = etablissement.Id, m.Cours.ServiceId, m.Nature, DebutPrevu = m.Cours.Debut,
            Debut = m.Nature == "annule" ? (DateTimeOffset?)null : m.Cours.Debut, Fin = m.Nature == "annule" ? (DateTimeOffset?)null : m.Cours.Fin,
            m.Salle, RemplacantId = m.Remplacant, m.Motif, Par = cpe, Maintenant = maintenant,
        }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
