using System.Globalization;

namespace Ent.SeedRegion;

/// <summary>What to seed and where. Parsed from the command line by <see cref="Lire"/>.</summary>
public sealed record OptionsSeed
{
    /// <summary>How many lycées (numbered 1..N; a lycée already in the database is kept as it is).</summary>
    public int Etablissements { get; init; } = 50;

    /// <summary>An existing database; null starts the embedded cluster in <see cref="Dossier"/>.</summary>
    public string? Connexion { get; init; }

    /// <summary>Folder of the embedded cluster, apart from the demo's <c>.data/postgres</c>.</summary>
    public string Dossier { get; init; } = Path.Combine(".data", "region");

    /// <summary>Seed of the pseudo-random choices: the same seed gives the same data (but the password hash's salt).</summary>
    public int Graine { get; init; } = 2026;

    /// <summary>
    /// The day the simulated school year has reached (Paris time): assessments, roll calls and messages stop before it.
    /// Null: today. Must fall in the current school year, the one the API shows.
    /// </summary>
    public DateOnly? Au { get; init; }

    /// <summary>
    /// Days of notifications and outbox messages kept, counting back from <see cref="Au"/>: older events have none (as if
    /// read and cleared). Null: all of them. Grade notifications are the largest table otherwise.
    /// </summary>
    public int? JoursNotifications { get; init; } = 14;

    /// <summary>
    /// Writes every pupil's state of every roll call, present ones included, as the API does at a first roll call.
    /// Off by default: a present pupil's row changes no read (a pupil without a row is present) and doubles the disk.
    /// </summary>
    public bool AppelComplet { get; init; }

    public const string Aide = """
        Usage : Ent.SeedRegion [--etablissements N] [--connexion "<chaîne>"] [--dossier <dossier>] [--graine <entier>]
                               [--au <aaaa-mm-jj>] [--jours-notifications <jours>|tout] [--appel-complet]

          --etablissements N        nombre de lycées (50 par défaut) ; un lycée déjà présent est conservé tel quel
          --connexion "<chaîne>"    base PostgreSQL existante (Host=…;Database=…;Username=…;Password=…)
          --dossier <dossier>       sans --connexion : cluster embarqué dans ce dossier (.data/region par défaut)
          --graine <entier>         graine des tirages (2026 par défaut) : même graine, mêmes données
          --au <aaaa-mm-jj>         jour atteint par l'année simulée (aujourd'hui par défaut), dans l'année scolaire en cours
          --jours-notifications N   jours de notifications et de messages conservés (14 par défaut ; « tout » : toute l'année)
          --appel-complet           enregistre aussi les élèves présents à chaque appel (disque × 2 environ)
        """;

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> with a French message on a wrong one.</summary>
    public static OptionsSeed Lire(IReadOnlyList<string> args)
    {
        var options = new OptionsSeed();
        for (var i = 0; i < args.Count; i++)
        {
            string Valeur() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"L'option {args[i]} attend une valeur.");

            options = args[i] switch
            {
                "--etablissements" => options with { Etablissements = Entier(Valeur(), "--etablissements", 1, 9999) },
                "--connexion" => options with { Connexion = Valeur() },
                "--dossier" => options with { Dossier = Valeur() },
                "--graine" => options with { Graine = Entier(Valeur(), "--graine", int.MinValue, int.MaxValue) },
                "--au" => options with { Au = Date(Valeur()) },
                "--jours-notifications" => options with
                {
                    JoursNotifications = Valeur() is "tout" ? null : Entier(args[i], "--jours-notifications", 0, 400),
                },
                "--appel-complet" => options with { AppelComplet = true },
                _ => throw new ArgumentException($"Option inconnue : {args[i]}."),
            };
        }

        return options;
    }

    private static int Entier(string texte, string option, int min, int max) =>
        int.TryParse(texte, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{option} attend un entier entre {min} et {max} (reçu « {texte} »).");

    private static DateOnly Date(string texte) =>
        DateOnly.TryParseExact(texte, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ArgumentException($"--au attend une date aaaa-mm-jj (reçu « {texte} »).");
}
