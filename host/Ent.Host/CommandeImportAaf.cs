using Ent.Identite;
using Ent.Kernel.Database;

namespace Ent.Host;

/// <summary>
/// <c>Ent.Host import-aaf &lt;dossier|zip&gt; [--rentree] [--réglage valeur…]</c>: imports a directory export from the
/// command line with the same settings as the server (its database, the embedded cluster by default), then exits.
/// The host is started as for serving — migrations, start-up tasks — but on a free loopback port, so that it runs
/// beside an Ent already serving on 5080; an embedded cluster that instance started is used as it is, and left running.
/// Exit code 0 when the import went through (rejected entries included), 1 when it was refused or failed, 2 for a
/// wrong command line.
/// </summary>
internal static class CommandeImportAaf
{
    public const string Nom = "import-aaf";

    public static async Task<int> ExecuterAsync(string[] args)
    {
        var chemin = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (chemin is null)
        {
            await Console.Error.WriteLineAsync("Usage : Ent.Host import-aaf <dossier ou fichier zip de l'export AAF> [--rentree]");
            return 2;
        }

        var rentree = args.Contains("--rentree");
        var reglages = args.Skip(1).Where(a => a != chemin && a != "--rentree").ToList();
        reglages.AddRange(["--urls", "http://127.0.0.1:0", "--Ent:ImportAaf:Traitement", "false", "--Serilog:MinimumLevel:Default", "Warning"]);

        var builder = WebApplication.CreateBuilder([.. reglages]);
        builder.AddEntHost();
        await using var app = builder.Build();
        app.UseEntHost();
        await app.StartAsync();
        try
        {
            await app.Services.GetRequiredService<StartupState>().WhenReady;
            Console.WriteLine($"Import de {Path.GetFullPath(chemin)}{(rentree ? " (rentrée : année scolaire suivante)" : string.Empty)}…");
            var chrono = System.Diagnostics.Stopwatch.StartNew();
            var code = await IdentiteModule.ImporterAafAsync(app.Services, Path.GetFullPath(chemin), rentree, Console.Out, CancellationToken.None);
            // For the benchmark (bench/results): the whole import's time and the process's peak memory.
            using var processus = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"),
                $"  Durée : {chrono.Elapsed.TotalSeconds:0.0} s ; pic de mémoire du processus : {processus.PeakWorkingSet64 / (1024 * 1024)} Mo"));
            return code;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
