using Ent.Kernel.Database;
using Npgsql;

namespace Ent.SeedRegion;

/// <summary>
/// <c>dotnet pwsh ./build.ps1 seed-region [--etablissements N] …</c>: see <see cref="OptionsSeed.Aide"/> and the README's
/// Performance section. A named class rather than top-level statements: a test project that references both this tool
/// and the host would otherwise see two <c>Program</c> classes.
/// </summary>
internal static class Programme
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--aide" or "--help" or "-h"))
        {
            Console.WriteLine(OptionsSeed.Aide);
            return 0;
        }

        OptionsSeed options;
        try
        {
            options = OptionsSeed.Lire(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(OptionsSeed.Aide);
            return 2;
        }

        // Ctrl+C finishes the lycée being written (its transaction commits), then stops: a new run resumes after it.
        using var arret = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            arret.Cancel();
            Console.Error.WriteLine("Arrêt demandé : fin du lycée en cours…");
        };

        EmbeddedPostgres? cluster = null;
        try
        {
            var connexion = options.Connexion;
            if (connexion is null)
            {
                cluster = new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = options.Dossier });
                await cluster.StartAsync();
                connexion = cluster.ConnectionString;
                Console.WriteLine($"Base embarquée dans {Path.GetFullPath(options.Dossier)}.");
            }

            await Semeur.ExecuterAsync(connexion, options, Console.Out, arret.Token);
            Console.WriteLine();
            Console.WriteLine($"Comptes : e001.eleve.0001, e001.parent.0001, e001.prof.01, e001.cpe, e001.direction… ; mot de passe « {Semeur.MotDePasse} ».");
            Console.WriteLine(options.Connexion is null
                ? $"Lancer Ent sur cette base : dotnet host/Ent.Host/bin/Release/net10.0/Ent.Host.dll --Ent:Database:DataFolder {Path.GetFullPath(options.Dossier)} --Ent:Demo false"
                : "Lancer Ent sur cette base : dotnet host/Ent.Host/bin/Release/net10.0/Ent.Host.dll --ConnectionStrings:Ent \"<chaîne>\" --Ent:Demo false");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or EmbeddedPostgresException or MigrationException or NpgsqlException)
        {
            Console.Error.WriteLine($"Échec : {e.Message}");
            return 1;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }
        }
    }
}
