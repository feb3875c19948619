using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ent.VieScolaire.Demo;

/// <summary>
/// Absences of the demo lycée's previous school year, for the families' year selector: Scolarité's demo gives this
/// year's Première and Terminale pupils (1G1, TG1) a class last year, and each of them gets one or two absences or
/// lateness on school days of that year, all dealt with (justified, with their reason): nothing of last year waits on
/// the vie scolaire desk. No notification. Deterministic, written once; off with <c>Ent:DemoAnneePrecedente=false</c>
/// (the setting Scolarité's AnneePrecedenteDemo reads).
/// </summary>
internal sealed class AbsencesAnneePrecedenteDemo(IConfiguration configuration, IAnnuaire annuaire, IServicesEnseignement services, Horaires horaires)
    : IDemoData
{
    public int Order => 16;

    /// <summary>This year's classes whose pupils were at the lycée last year (Scolarité's demo says where).</summary>
    private static readonly string[] ClassesVenues = ["1G1", "TG1"];

    private static readonly string[] Motifs = ["maladie", "rendez_vous_medical", "raison_familiale", "transport"];

    private const string AbsenceSql = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours, statut, motif_code,
                                         saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, NULL, 'justifiee', @Motif, @Par, @Debut);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le) VALUES (@Id, 'justifiee', 'Démonstration', @Par, @Debut);
        """;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (!configuration.GetValue("Ent:DemoAnneePrecedente", true)
            || await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct) is not { } etablissement)
        {
            return;
        }

        var (debut, fin) = Horaires.Bornes(Horaires.AnneeScolaire(Horaires.DebutAnnee(horaires.Aujourdhui).AddDays(-1)));
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM viescolaire.absence WHERE etablissement_id = @id AND jour BETWEEN @debut AND @fin)",
                new { id = etablissement.Id, debut, fin }, cancellationToken: ct)))
        {
            return;
        }

        var eleves = (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Eleve, ct)).Select(e => e.Id).ToArray();
        var classes = await services.ClassesAsync(eleves, ct);
        var cpe = DemoIds.Of("compte", "cpe");
        var lignes = new List<object>();
        foreach (var eleve in eleves.Where(e => classes.TryGetValue(e, out var c) && ClassesVenues.Contains(c)).Order())
        {
            var tirage = (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(eleve.ToByteArray()), 0) & 0x7FFFFFFF);
            for (var n = 0; n < 1 + (tirage % 2); n++)
            {
                // A school day from September to June (never a weekend), a morning lesson or an afternoon one.
                var jour = debut.AddDays(((tirage / (n + 3)) + (97 * n)) % 290);
                jour = jour.DayOfWeek switch { DayOfWeek.Saturday => jour.AddDays(2), DayOfWeek.Sunday => jour.AddDays(1), _ => jour };
                var retard = (tirage + n) % 4 == 0;
                var heure = new TimeOnly((tirage + n) % 2 == 0 ? 8 : 14, 0);
                var instant = horaires.Instant(jour, heure);
                lignes.Add(new
                {
                    Id = Guid.CreateVersion7(), EtablissementId = etablissement.Id, EleveId = eleve, Type = retard ? "retard" : "absence",
                    Debut = instant, Fin = instant.AddMinutes(retard ? 55 : 175), Jour = jour, DemiJournee = horaires.DemiJourneeDe(instant),
                    Minutes = retard ? (int?)(5 + (tirage % 4 * 5)) : null, Motif = retard ? "transport" : Motifs[(tirage + n) % Motifs.Length], Par = cpe,
                });
            }
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(AbsenceSql, lignes, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
