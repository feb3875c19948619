using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Ent.SeedRegion;

/// <summary>What a run wrote, and how fast.</summary>
/// <param name="Lignes">Rows per table.</param>
/// <param name="Chargement">Time spent loading the lycées (generation and COPY), without ANALYZE.</param>
/// <param name="Analyse">Time of the final ANALYZE.</param>
/// <param name="TailleBase">pg_database_size at the end, in bytes.</param>
/// <param name="LyceesCharges">Lycées written by this run.</param>
/// <param name="LyceesPresents">Lycées found already there and kept.</param>
/// <param name="ElevesCours">Pupil-lessons whose roll call was taken.</param>
/// <param name="NonPresents">Of those, pupils absent, late or excluded.</param>
/// <param name="HeuresNonPlacees">Weekly lessons that found no free slot in the timetables (0 expected).</param>
public sealed record Bilan(Compteurs Lignes, TimeSpan Chargement, TimeSpan Analyse, long TailleBase, int LyceesCharges, int LyceesPresents,
    long ElevesCours, long NonPresents, int HeuresNonPlacees)
{
    public double LignesParSeconde => Lignes.Total / Math.Max(Chargement.TotalSeconds, 0.001);
}

/// <summary>
/// Fills a database with region-scale data, lycée by lycée: each is generated in memory (a few thousand objects), then
/// streamed through binary COPY in one transaction, so memory stays flat whatever the number of lycées and an
/// interrupted run leaves whole lycées only. A lycée already present (same UAI) is kept: a run resumes where it stopped.
/// </summary>
public static class Semeur
{
    /// <summary>The password of every seeded account (public: it is benchmark data).</summary>
    public const string MotDePasse = "bench-ent-2026";

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static async Task<Bilan> ExecuterAsync(string connexion, OptionsSeed options, TextWriter sortie, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sortie);
        var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Calendrier.Paris).DateTime);
        var au = options.Au ?? aujourdhui;
        if (Calendrier.AnneeDe(au) != Calendrier.AnneeDe(aujourdhui))
        {
            throw new ArgumentException(
                $"--au {au:yyyy-MM-dd} doit tomber dans l'année scolaire en cours ({Calendrier.AnneeDe(aujourdhui)}) : l'API ne montre que les classes de cette année.");
        }

        var calendrier = new Calendrier(au);
        var migrations = await Migrations.AppliquerAsync(connexion, ct);
        sortie.WriteLine($"Schéma d'Ent à jour ({migrations} migration(s) appliquée(s)). Année {calendrier.AnneeScolaire}, données jusqu'au {au:dd/MM/yyyy}.");

        // PBKDF2 once, exactly as Identité's Comptes verifies it (ASP.NET Core Identity's PasswordHasher).
        var hash = new PasswordHasher<object>().HashPassword(new object(), MotDePasse);

        await using var conn = new NpgsqlConnection(connexion);
        await conn.OpenAsync(ct);
        await conn.ExecuteAsync("SET synchronous_commit = off");

        var presents = (await conn.QueryAsync<string>("SELECT uai FROM identite.etablissement")).ToHashSet();

        var total = new Compteurs();
        var (elevesCours, nonPresents, heuresNonPlacees, charges, ignores) = (0L, 0L, 0, 0, 0);
        var chrono = Stopwatch.StartNew();
        for (var numero = 1; numero <= options.Etablissements && !ct.IsCancellationRequested; numero++)
        {
            if (presents.Contains(Lycee.UaiDe(numero)))
            {
                ignores++;
                continue;
            }

            var debut = chrono.Elapsed;
            var lycee = Lycee.Generer(numero, options.Graine, calendrier);
            var compteurs = new Compteurs();
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                var assiduite = new ChargeurLycee(conn, compteurs, lycee, calendrier, options, hash).Charger();
                await tx.CommitAsync(ct);
                (elevesCours, nonPresents) = (elevesCours + assiduite.ElevesCours, nonPresents + assiduite.Etats.Count);
            }

            heuresNonPlacees += lycee.HeuresNonPlacees;
            total.Ajouter(compteurs);
            charges++;
            var duree = chrono.Elapsed - debut;
            sortie.WriteLine(string.Format(Fr, "Lycée {0}/{1} {2} ({3}, {4}) : {5:N0} lignes en {6:N1} s, {7:N0} lignes/s — cumul {8:N0} lignes, {9:N0} lignes/s",
                numero, options.Etablissements, lycee.Uai, lycee.Nom, lycee.Commune, compteurs.Total, duree.TotalSeconds,
                compteurs.Total / Math.Max(duree.TotalSeconds, 0.001), total.Total, total.Total / chrono.Elapsed.TotalSeconds));
        }

        var chargement = chrono.Elapsed;
        if (ignores > 0)
        {
            sortie.WriteLine($"{ignores} lycée(s) déjà présent(s), conservé(s) tels quels.");
        }

        // Fresh statistics for the planner, as a benchmark needs them at once (autovacuum would get there later).
        var analyse = Stopwatch.StartNew();
        if (charges > 0)
        {
            sortie.WriteLine("ANALYZE…");
            await conn.ExecuteAsync(new CommandDefinition("ANALYZE", commandTimeout: 0, commandType: System.Data.CommandType.Text, cancellationToken: ct));
        }

        analyse.Stop();
        var taille = await conn.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())");

        var bilan = new Bilan(total, chargement, analyse.Elapsed, taille, charges, ignores, elevesCours, nonPresents, heuresNonPlacees);
        Afficher(bilan, sortie);
        return bilan;
    }

    private static void Afficher(Bilan bilan, TextWriter sortie)
    {
        sortie.WriteLine();
        sortie.WriteLine(string.Format(Fr, "  {0,-40} {1,14} {2,10} {3,12}", "Table", "lignes", "secondes", "lignes/s"));
        foreach (var (table, lignes, duree) in bilan.Lignes.ParTable)
        {
            sortie.WriteLine(string.Format(Fr, "  {0,-40} {1,14:N0} {2,10:N1} {3,12:N0}", table, lignes, duree.TotalSeconds,
                lignes / Math.Max(duree.TotalSeconds, 0.001)));
        }

        sortie.WriteLine(string.Format(Fr, "  {0,-40} {1,14:N0}", "total", bilan.Lignes.Total));
        sortie.WriteLine();
        sortie.WriteLine(string.Format(Fr, "{0} lycée(s) chargé(s) en {1:N1} s : {2:N0} lignes/s (ANALYZE : {3:N1} s).",
            bilan.LyceesCharges, bilan.Chargement.TotalSeconds, bilan.LignesParSeconde, bilan.Analyse.TotalSeconds));
        if (bilan.ElevesCours > 0)
        {
            sortie.WriteLine(string.Format(Fr, "Absences, retards et exclusions : {0:P1} des {1:N0} élèves-cours dont l'appel a été fait.",
                (double)bilan.NonPresents / bilan.ElevesCours, bilan.ElevesCours));
        }

        if (bilan.HeuresNonPlacees > 0)
        {
            sortie.WriteLine($"Attention : {bilan.HeuresNonPlacees} heure(s) de cours sans créneau libre dans les emplois du temps.");
        }

        var lycees = bilan.LyceesCharges + bilan.LyceesPresents;
        sortie.WriteLine(string.Format(Fr, "Taille de la base : {0:N1} Mio ({1:N1} Mio par lycée).",
            bilan.TailleBase / 1048576.0, lycees == 0 ? 0 : bilan.TailleBase / 1048576.0 / lycees));
    }
}
