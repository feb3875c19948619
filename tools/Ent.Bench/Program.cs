using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Ent.Bench;
using Ent.Kernel.Database;
using Npgsql;

// Ent's benchmarks (issue #6). Starts the embedded cluster a seed-region wrote, the Release host and the raw baseline
// on loopback, logs seeded users in (real tokens, many users), then measures each scenario against its baseline with
// wrk and token refresh with a small loop of its own, and appends the figures to bench/results/<date>.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var o = Options.Lire(args);
var racine = Directory.GetCurrentDirectory();
// Scripts and the servers' output stay in .data/bench for a look afterwards (the host logs every request).
var travail = Directory.CreateDirectory(Path.Combine(racine, ".data", "bench")).FullName;
var cluster = new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = o.Dossier });
await cluster.StartAsync();
// The same connection settings for Ent and the baseline: Ent's default statement preparation, set explicitly.
var cs = $"{cluster.ConnectionString};Max Auto Prepare={EntDatabase.MaxAutoPrepareParDefaut}";
var (urlEnt, urlBase) = ($"http://127.0.0.1:{o.PortEnt}", $"http://127.0.0.1:{o.PortBase}");
var processus = new List<Process>();
try
{
    // The SMS gateway is an outside service: the WireMock.Net stand-in of the browser tests receives the roll calls' SMS.
    processus.Add(Demarrer(Path.Combine(travail, "sms.log"), Path.Combine(racine, "tests/Ent.PasserelleSms.Bouchon/bin/Release/net10.0/Ent.PasserelleSms.Bouchon.dll"),
        [o.PortSms.ToString(CultureInfo.InvariantCulture)]));
    // Quiet hours off: the benchmarks may run at night, and what is measured is delivery keeping up with creation.
    processus.Add(Demarrer(Path.Combine(travail, "ent.log"), Path.Combine(racine, "host/Ent.Host/bin/Release/net10.0/Ent.Host.dll"),
        ["--urls", urlEnt, "--ConnectionStrings:Ent", cs, "--Ent:Demo", "false", "--Ent:UrlPublique", urlEnt, "--Serilog:MinimumLevel:Default", "Warning",
         "--Ent:Sms:Url", $"http://127.0.0.1:{o.PortSms}/", "--Ent:Sms:Cle", "cle-bench",
         "--Ent:Acheminement:DebutHeuresCalmes", "0", "--Ent:Acheminement:FinHeuresCalmes", "0"]));
    processus.Add(Demarrer(Path.Combine(travail, "base.log"), Path.Combine(racine, "tools/Ent.Bench.Base/bin/Release/net10.0/Ent.Bench.Base.dll"),
        ["--urls", urlBase, "--ConnectionStrings:Ent", cs]));
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    await AttendreAsync(http, urlEnt + "/health/ready");
    await AttendreAsync(http, urlBase + "/base/a/absences/" + Guid.Empty);

    await using var db = NpgsqlDataSource.Create(cs);
    await using var conn = await db.OpenConnectionAsync();
    var lycees = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM identite.etablissement");
    Console.WriteLine($"{lycees} lycée(s) ; connexion des utilisateurs…");
    var choix = await Choix.LireAsync(conn, o);
    if (o.Scenarios.Contains('m'))
    {
        Console.WriteLine($"Boîtes de messagerie préparées pour {await BoiteMessagerie.PreparerAsync(conn, choix.Parents)} responsable(s).");
    }

    var chrono = Stopwatch.StartNew();
    var jetons = await ConnecterTousAsync(urlEnt, choix.Identifiants());
    Console.WriteLine($"{jetons.Count} connexions en {chrono.Elapsed.TotalSeconds:0.0} s.");

    // The Paris day and its week (Monday to Sunday), for the family's pages (f, g).
    var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    var lundi = aujourdhui.AddDays(-(((int)aujourdhui.DayOfWeek + 6) % 7));
    var scenarios = new List<(string Nom, string Description, Wrk.Genre Genre, List<Requete> Requetes)>
    {
        ("a", "Accueil d'un responsable : dernières notes, absences, notifications de l'enfant (les trois en rotation)", Wrk.Genre.Lecture,
            choix.Parents.SelectMany(p => new[]
            {
                new Requete(jetons[p.Identifiant].Acces, $"/api/scolarite/eleves/{p.EleveId}/dernieres-notes", $"/base/a/dernieres-notes/{p.EleveId}", []),
                new Requete(jetons[p.Identifiant].Acces, $"/api/viescolaire/eleves/{p.EleveId}/absences", $"/base/a/absences/{p.EleveId}", []),
                new Requete(jetons[p.Identifiant].Acces, "/api/communication/me/notifications", $"/base/a/notifications/{p.PersonneId}", []),
            }).ToList()),
        ("b", "Notes d'un élève pour la période en cours (page Notes, l'élève connecté)", Wrk.Genre.Lecture,
            choix.Eleves.Select(e => new Requete(jetons[e.Identifiant].Acces, $"/api/scolarite/eleves/{e.PersonneId}/notes?periodeId={e.PeriodeId}",
                $"/base/b/{e.PersonneId}/{e.PeriodeId}", [])).ToList()),
        ("c", "Un professeur enregistre les notes d'une évaluation (toute la classe, chaque note change)", Wrk.Genre.SaisieNotes,
            choix.Evaluations.Select(e => new Requete(jetons[e.Identifiant].Acces, $"/api/scolarite/evaluations/{e.EvaluationId}/notes",
                $"/base/c/{e.EvaluationId}", e.Eleves)).ToList()),
        ("d", "Appel d'une classe (4 absents ou en retard), absences créées et familles prévenues", Wrk.Genre.Appel,
            choix.Services.Select(s => new Requete(jetons[s.Identifiant].Acces, $"/api/viescolaire/services/{s.ServiceId}/appel",
                $"/base/d/{s.ServiceId}", s.Eleves)).ToList()),
        // Issue 15 (ical-bench): the family's two most opened pages, each read by the guardians for their priority child.
        ("f", "Semaine d'un enfant : emploi du temps de la semaine en cours, changements compris (le responsable connecté)", Wrk.Genre.Lecture,
            choix.Parents.Select(p => new Requete(jetons[p.Identifiant].Acces, $"/api/scolarite/eleves/{p.EleveId}/emploi-du-temps?du={lundi:yyyy-MM-dd}&au={lundi.AddDays(6):yyyy-MM-dd}",
                $"/base/f/{p.EleveId}?du={lundi:yyyy-MM-dd}&au={lundi.AddDays(6):yyyy-MM-dd}", [])).ToList()),
        ("g", "Devoirs à faire d'un enfant : aujourd'hui et les 13 jours suivants, coches « fait » et « vu » (le responsable connecté)", Wrk.Genre.Lecture,
            choix.Parents.Select(p => new Requete(jetons[p.Identifiant].Acces, $"/api/scolarite/eleves/{p.EleveId}/devoirs?du={aujourdhui:yyyy-MM-dd}&au={aujourdhui.AddDays(13):yyyy-MM-dd}",
                $"/base/g/{p.EleveId}/{p.PersonneId}?du={aujourdhui:yyyy-MM-dd}&au={aujourdhui.AddDays(13):yyyy-MM-dd}", [])).ToList()),
        // Issue 16 (messagerie): a guardian's inbox (20 conversations with their child's teachers, some unread).
        ("m", "Messagerie d'un responsable : sa boîte de réception (20 conversations avec les enseignants de l'enfant, dont des non lues)", Wrk.Genre.Lecture,
            choix.Parents.Select(p => new Requete(jetons[p.Identifiant].Acces, "/api/communication/me/conversations", $"/base/m/{p.PersonneId}", [])).ToList()),
    };

    var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    var maintenantParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris);
    var debutJour = new DateTimeOffset(maintenantParis.Date, maintenantParis.Offset).ToUnixTimeSeconds() + 60;
    // Roll calls start after every roll call already recorded today (an earlier run's): the same (service, start) again
    // would be a correction, with cancellations and correction SMS, not the scenario.
    var dernier = await conn.ExecuteScalarAsync<long?>(
        "SELECT extract(epoch FROM max(debut))::bigint FROM viescolaire.appel WHERE debut >= to_timestamp(@debutJour)", new { debutJour });
    var decalage = Math.Max(o.Decalage, dernier is { } d ? d - debutJour + 60 : 0);
    var lignes = new List<string>();
    var livraisons = new List<string>();
    async Task MesurerScenarioAsync(string nom, string description, Wrk.Genre genre, List<Requete> requetes)
    {
        Console.WriteLine($"Scénario {nom} : {description} ({requetes.Count} requêtes en rotation)");
        var resultats = new Dictionary<bool, (Mesure Max, Mesure Moitie, string Charge)>();
        foreach (var baseline in new[] { false, true })
        {
            var url = baseline ? urlBase : urlEnt;
            string Script(string suffixe)
            {
                var s = Wrk.Script(travail, $"{nom}-{(baseline ? "base" : "ent")}-{suffixe}", genre, requetes, baseline, o.Threads, debutJour, decalage);
                return s;
            }

            async Task<Mesure> MesurerAsync(int c, int secondes, string suffixe)
            {
                var m = await Wrk.ExecuterAsync(url, Script(suffixe), c, o.Threads, secondes);
                // Roll calls: the next run starts after every second this one could have used.
                decalage += m.Requetes / Math.Max(1, requetes.Count) + 2;
                return m;
            }

            // The families' SMS: does delivery keep up with the roll calls, at the maximum and at about half of it?
            var suivreSms = genre == Wrk.Genre.Appel && !baseline;
            async Task<Mesure> MesurerSmsAsync(int c, int secondes, string suffixe, string console, string fichier)
            {
                var (m, l) = await SuiviSms.MesurerAsync(db, () => MesurerAsync(c, secondes, suffixe));
                Console.WriteLine($"  SMS {console} : {l.Resume()}");
                livraisons.Add(l.Texte(fichier));
                return m;
            }

            var chargeAvant = Charge();
            await MesurerAsync(o.Connexions, o.Echauffement, "echauffement");
            var max = suivreSms
                ? await MesurerSmsAsync(o.Connexions, o.Duree, "max", "au maximum", $"at c={o.Connexions}")
                : await MesurerAsync(o.Connexions, o.Duree, "max");
            var seul = await MesurerAsync(1, Math.Max(3, o.Duree / 4), "seul");
            // Half the maximum throughput: with closed-loop wrk, c connections give about c × (one connection's rate).
            var c = (int)Math.Clamp(Math.Round(max.ReqParSeconde / 2 / Math.Max(1, seul.ReqParSeconde)), 1, o.Connexions);
            // For SMS, measured even at c=1: a sustained, not a saturating, load.
            var moitie = suivreSms
                ? await MesurerSmsAsync(c, Math.Max(5, o.Duree / 2), "moitie", "à ~moitié", "at about half the roll calls' rate")
                : c == 1 ? seul : await MesurerAsync(c, Math.Max(5, o.Duree / 2), "moitie");

            var charge = $"{chargeAvant} → {Charge()}";
            resultats[baseline] = (max, moitie, charge);
            Console.WriteLine($"  {(baseline ? "base" : "Ent ")} : {max.ReqParSeconde:0} req/s, p50 {max.P50:0.0} ms, p99 {max.P99:0.0} ms (c={max.Connexions}, " +
                $"échecs {max.NonReussies}/{max.ErreursSocket}) ; à {moitie.ReqParSeconde:0} req/s (c={moitie.Connexions}) p99 {moitie.P99:0.0} ms ; charge {charge}");
        }

        var (ent, raw) = (resultats[false], resultats[true]);
        lignes.Add($"| {nom} | {ent.Max.ReqParSeconde:0} | {ent.Max.P50:0.0} | {ent.Max.P99:0.0} | {raw.Max.ReqParSeconde:0} | {raw.Max.P50:0.0} | {raw.Max.P99:0.0} | " +
            $"{ent.Max.ReqParSeconde / raw.Max.ReqParSeconde:0.00}× | {ent.Moitie.ReqParSeconde:0} (c={ent.Moitie.Connexions}) : {ent.Moitie.P99:0.0} | " +
            $"{raw.Moitie.ReqParSeconde:0} (c={raw.Moitie.Connexions}) : {raw.Moitie.P99:0.0} | {Echecs(ent.Max)}/{Echecs(raw.Max)} | {ent.Charge} ; {raw.Charge} |");
    }

    foreach (var (nom, description, genre, requetes) in scenarios.Where(s => o.Scenarios.Contains(s.Nom)))
    {
        await MesurerScenarioAsync(nom, description, genre, requetes);
    }

    // Issue #16 (annonces): one announcement to every family of a lycée (j, timed, after the other scenarios: its
    // 2,000 notifications per lycée are delivered meanwhile), then the guardians it addressed read their list (i).
    if (o.Scenarios.Contains('j') || o.Scenarios.Contains('i'))
    {
        Console.WriteLine($"Scénario j : une annonce à toutes les familles d'un lycée, avec accusé de lecture ({o.Publications} lycée(s))");
        var publications = await Annonces.PublierAsync(urlEnt, db, o.Publications);
        livraisons.Add(Annonces.Texte(publications));
        if (o.Scenarios.Contains('i'))
        {
            var lecteurs = await Annonces.LecteursAsync(db, o.Parents);
            var jetonsLecteurs = await ConnecterTousAsync(urlEnt, lecteurs.Select(l => l.Identifiant).Distinct().ToList());
            const string description = "Annonces d'un responsable : la liste de celles qui lui sont adressées (page Annonces et accueil)";
            var requetes = lecteurs.Select(l => new Requete(jetonsLecteurs[l.Identifiant].Acces, "/api/communication/me/annonces", $"/base/i/{l.PersonneId}", []))
                .ToList();
            scenarios.Add(("i", description, Wrk.Genre.Lecture, requetes));
            await MesurerScenarioAsync("i", description, Wrk.Genre.Lecture, requetes);
        }
    }

    string? ligneRafraichissement = null;
    if (o.Scenarios.Contains('e'))
    {
        Console.WriteLine("Scénario e : rafraîchissement de jeton (une chaîne par utilisateur, chaque jeton utilisé une fois)");
        var chaines = choix.Parents.Select(p => jetons[p.Identifiant].Rafraichissement).ToArray();
        var chargeAvant = Charge();
        var max = await Rafraichissement.MesurerAsync(urlEnt, chaines, o.Connexions, o.Duree);
        var moitie = await Rafraichissement.MesurerAsync(urlEnt, chaines, Math.Max(1, o.Connexions / 8), Math.Max(5, o.Duree / 2));
        ligneRafraichissement = $"| e | {max.ReqParSeconde:0} | {max.P50:0.0} | {max.P99:0.0} | – | – | – | – | {moitie.ReqParSeconde:0} (c={moitie.Connexions}) : {moitie.P99:0.0} | – | " +
            $"{max.NonReussies + max.ErreursSocket}/– | {chargeAvant} → {Charge()} |";
        Console.WriteLine("  " + ligneRafraichissement);
    }

    Ecrire(racine, o, lycees, choix, jetons.Count, scenarios.Where(s => o.Scenarios.Contains(s.Nom)).Select(s => (s.Nom, s.Description)), lignes, ligneRafraichissement,
        livraisons);
    return 0;
}
finally
{
    foreach (var p in processus)
    {
        if (!p.HasExited) { p.Kill(entireProcessTree: true); }
        await p.WaitForExitAsync();
    }

    await cluster.StopAsync();
}

// Through sh, so that the output goes straight to a file, never through this process.
static Process Demarrer(string journal, string dll, string[] arguments)
{
    if (!File.Exists(dll)) { throw new FileNotFoundException($"{dll} manque : construisez en Release (dotnet pwsh ./build.ps1 bench le fait)."); }
    var info = new ProcessStartInfo("sh", ["-c", "exec dotnet \"$@\" > \"$0\" 2>&1", journal, dll, .. arguments]);
    info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    return Process.Start(info)!;
}

static async Task AttendreAsync(HttpClient http, string url)
{
    for (var i = 0; i < 120; i++)
    {
        try
        {
            if ((await http.GetAsync(url)).IsSuccessStatusCode) { return; }
        }
        catch (HttpRequestException) { }

        await Task.Delay(500);
    }

    throw new TimeoutException($"{url} ne répond pas.");
}

// PBKDF2 makes each login ~100 ms of CPU: a few at a time.
static async Task<Dictionary<string, Connexion.Jetons>> ConnecterTousAsync(string url, IReadOnlyCollection<string> identifiants)
{
    var jetons = new System.Collections.Concurrent.ConcurrentDictionary<string, Connexion.Jetons>();
    await Parallel.ForEachAsync(identifiants, new ParallelOptions { MaxDegreeOfParallelism = 4 },
        async (id, _) => jetons[id] = await Connexion.ConnecterAsync(url, id, "bench-ent-2026"));
    return new Dictionary<string, Connexion.Jetons>(jetons);
}

// wrk's non-2xx answers and socket errors (timeouts included); a run where nothing finished says so.
static string Echecs(Mesure m) => m.Requetes == 0 ? "none finished" : (m.NonReussies + m.ErreursSocket).ToString(CultureInfo.InvariantCulture);

static string Charge() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static void Ecrire(string racine, Options o, long lycees, Choix choix, int connexions, IEnumerable<(string Nom, string Description)> scenarios,
    List<string> lignes, string? rafraichissement, List<string> livraisons)
{
    var dossier = Path.Combine(racine, "bench", "results");
    Directory.CreateDirectory(dossier);
    var fichier = Path.Combine(dossier, $"{DateTime.UtcNow:yyyy-MM-dd}.md");
    var md = new StringBuilder();
    md.AppendLine().AppendLine($"## {lycees} lycée(s) — {o.Etiquette} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
    md.AppendLine($"{connexions} users logged in ({choix.Parents.Count} guardians, {choix.Eleves.Count} pupils, {choix.Profs} teachers); " +
                  $"wrk -t{o.Threads} -c{o.Connexions}, {o.Echauffement} s warm-up then {o.Duree} s measured; half-rate: c = round(max ÷ 2 ÷ one connection's rate), {Math.Max(5, o.Duree / 2)} s.").AppendLine();
    foreach (var (nom, description) in scenarios) { md.AppendLine($"- ({nom}) {description}"); }
    if (rafraichissement is not null) { md.AppendLine("- (e) Token refresh, grant_type=refresh_token, one chain per user (no baseline)"); }
    md.AppendLine();
    md.AppendLine("| Scenario | Ent req/s | Ent p50 ms | Ent p99 ms | Base req/s | Base p50 ms | Base p99 ms | Ent ÷ base | Ent at ~half: req/s (c) : p99 ms | Base at ~half | Failed Ent/base | Load 1 min (Ent ; base) |");
    md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var l in lignes) { md.AppendLine(l); }
    if (rafraichissement is not null) { md.AppendLine(rafraichissement); }
    foreach (var l in livraisons) { md.AppendLine().AppendLine(l); }
    File.AppendAllText(fichier, md.ToString());
    Console.WriteLine($"Résultats ajoutés à {fichier}");
}
