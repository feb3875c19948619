using System.Diagnostics;
using Dapper;
using Ent.Testing;
using Npgsql;

namespace Ent.Host.Tests;

/// <summary>
/// <c>build.ps1 import-aaf</c> runs the built host with <c>import-aaf &lt;dossier&gt;</c>: the real process, against a
/// database of its own, with the example export of tests/Ent.Testing/aaf-exemple (the full export, then its delta a
/// week later), and a truncated file refused with nothing changed.
/// </summary>
public sealed class CommandeImportAafTests
{
    [Fact]
    public async Task The_example_export_then_its_delta_import_from_the_command_line()
    {
        var connexion = await TestCluster.CreateDatabaseAsync("commande_aaf");

        var (code, sortie) = await ImporterAsync(AafExemple.Complet(), connexion);
        Assert.True(code == 0, sortie);
        Assert.Contains("État : terminé", sortie, StringComparison.Ordinal);
        await using var conn = new NpgsqlConnection(connexion);
        await conn.OpenAsync();
        const string compter = """
            SELECT count(*) FILTER (WHERE r.profil = 'eleve' AND r.retire_le IS NULL) AS eleves,
                   count(*) FILTER (WHERE r.profil = 'responsable' AND r.retire_le IS NULL) AS responsables,
                   count(*) FILTER (WHERE r.profil IN ('enseignant', 'personnel') AND r.retire_le IS NULL) AS personnels,
                   count(*) FILTER (WHERE r.retire_le IS NOT NULL) AS retires
            FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id
            WHERE e.uai = '0931234L'
            """;
        var apres = await conn.QuerySingleAsync<Comptes>(compter);
        // 18 pupils, 31 guardians, 6 staff (head, CPE, three teachers, nurse).
        Assert.Equal(18, apres.Eleves);
        Assert.Equal(31, apres.Responsables);
        Assert.Equal(6, apres.Personnels);
        Assert.Equal(0, apres.Retires);
        Assert.Equal(3, await conn.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM scolarite.classe c JOIN identite.etablissement e ON e.id = c.etablissement_id WHERE e.uai = '0931234L'
            """));
        Assert.Equal(55, await conn.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE p.jointure_aaf IS NOT NULL AND c.etat = 'a_activer' AND c.mot_de_passe_hash IS NULL
            """));

        // The delta: a pupil leaves (withdrawn, not deleted), a new pupil arrives; the rest is as it was.
        (code, sortie) = await ImporterAsync(AafExemple.Delta(), connexion);
        Assert.True(code == 0, sortie);
        var delta = await conn.QuerySingleAsync<Comptes>(compter);
        Assert.Equal(18, delta.Eleves); // one left, one arrived
        Assert.Equal(1, delta.Retires);
        Assert.Equal("desactive", await conn.ExecuteScalarAsync<string>("""
            SELECT c.etat FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id WHERE p.jointure_aaf = '2200017'
            """));
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM identite.personne WHERE jointure_aaf = '2200100'"));

        // A truncated file: refused as a whole, exit code 1, nothing changed.
        var tronque = AafExemple.Complet();
        var eleves = Directory.GetFiles(tronque, "*_Eleve_*.xml").Single();
        var octets = await File.ReadAllBytesAsync(eleves);
        await File.WriteAllBytesAsync(eleves, octets[..(octets.Length / 2)]);
        var personnes = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM identite.personne");
        (code, sortie) = await ImporterAsync(tronque, connexion);
        Assert.True(code == 1, sortie);
        Assert.Contains("REFUSÉ", sortie, StringComparison.Ordinal);
        Assert.Equal(personnes, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM identite.personne"));
        Assert.Equal(delta, await conn.QuerySingleAsync<Comptes>(compter));
    }

    private static async Task<(int Code, string Sortie)> ImporterAsync(string dossier, string connexion)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dossier,
        };
        foreach (var a in new[] { HostProcess.HostDll(), "import-aaf", dossier, "--ConnectionStrings:Ent", connexion })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet could not be started");
        var sortie = process.StandardOutput.ReadToEndAsync();
        var erreurs = process.StandardError.ReadToEndAsync();
        using var delai = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(delai.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave the import running behind a failed test: stop it and its children, then say what it printed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The import did not end within 3 minutes. Its output:\n{await sortie}{await erreurs}");
        }

        return (process.ExitCode, await sortie + await erreurs);
    }

    private sealed record Comptes(long Eleves, long Responsables, long Personnels, long Retires);
}
