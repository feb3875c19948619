using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

// The raw baseline of Ent.Bench: each scenario's SQL, copied from the Ent endpoint named above it, run through Npgsql
// alone and its rows written as JSON. No authentication, no access rules, no access log, no events, no validation:
// what is left when everything Ent adds around the SQL is taken away. Ids travel in the path (Ent takes the person
// from the token).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connexion = builder.Configuration.GetConnectionString("Ent")
    ?? throw new InvalidOperationException("ConnectionStrings:Ent est requis.");
await using var db = NpgsqlDataSource.Create(connexion);
var app = builder.Build();
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
DateOnly Aujourdhui() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);
DateOnly DebutAnnee(DateOnly jour) => new(jour.Month >= 9 ? jour.Year : jour.Year - 1, 9, 1);
string Annee(DateOnly jour) => $"{DebutAnnee(jour).Year}-{DebutAnnee(jour).Year + 1}";
// Paris midnight of a day, as an instant (Planning.Instant).
DateTimeOffset Instant(DateOnly jour) =>
    new DateTimeOffset(jour.ToDateTime(TimeOnly.MinValue), paris.GetUtcOffset(jour.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

// (a) modules/Scolarite/Ent.Scolarite/Notes/ListerDernieresNotesEndpoint.cs
app.MapGet("/base/a/dernieres-notes/{eleveId:guid}", async (Guid eleveId, HttpContext http) =>
{
    var jour = Aujourdhui();
    await Sql.EcrireAsync(http, db, Sql.DernieresNotes, ("eleveId", eleveId), ("annee", Annee(jour)), ("aujourdhui", jour));
});

// (a) modules/VieScolaire/Ent.VieScolaire/Absences/ListerAbsencesEleveEndpoint.cs
app.MapGet("/base/a/absences/{eleveId:guid}", (Guid eleveId, HttpContext http) =>
    Sql.EcrireAsync(http, db, Sql.Absences, ("eleveId", eleveId), ("debutAnnee", DebutAnnee(Aujourdhui()))));

// (a) modules/Communication/Ent.Communication/Notifications/ListerNotificationsEndpoint.cs (two statements, one batch)
app.MapGet("/base/a/notifications/{personneId:guid}", (Guid personneId, HttpContext http) =>
    Sql.EcrireAsync(http, db, Sql.Notifications, ("personneId", personneId), ("maintenant", DateTimeOffset.UtcNow), ("limite", 20)));

// (b) ListerNotesEleveEndpoint.cs with Notes/ClasseEleve.cs, Periodes/Periode.cs, Notes/ReleveClasse.cs: the same five
// round trips (class, periods, services and pupils, assessments and the class's grades, appraisals). The class's grades
// are read whole as Ent reads them; only the pupil's are written out (Ent computes the averages from the rest).
app.MapGet("/base/b/{eleveId:guid}/{periodeId:guid}", async (Guid eleveId, Guid periodeId, HttpContext http) =>
{
    var jour = Aujourdhui();
    await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
    Guid classeId, etablissementId;
    await using (var cmd = Sql.Commande(conn, Sql.ClasseEleve, ("eleveId", eleveId), ("annee", Annee(jour))))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        if (!await r.ReadAsync()) { http.Response.StatusCode = 404; return; }
        (classeId, etablissementId) = (r.GetGuid(0), r.GetGuid(1));
    }

    await Sql.LireToutAsync(conn, Sql.Periodes, ("etablissementId", etablissementId), ("annee", Annee(jour)));
    var services = new List<Guid>();
    await using (var cmd = Sql.Commande(conn, Sql.ServicesReleve, ("classeId", classeId), ("etablissementId", etablissementId)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { services.Add(r.GetGuid(0)); }
        while (await r.NextResultAsync()) { while (await r.ReadAsync()) { } }
    }

    var lignes = new List<Dictionary<string, object?>>();
    await using (var cmd = Sql.Commande(conn, Sql.EvaluationsReleve, ("periodeId", periodeId), ("services", services.ToArray()), ("visiblesAu", jour)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { }
        await r.NextResultAsync();
        while (await r.ReadAsync())
        {
            if (r.GetGuid(1) == eleveId) { lignes.Add(Sql.Ligne(r)); }
        }
    }

    await Sql.LireToutAsync(conn, Sql.Appreciations, ("eleveId", eleveId), ("periodeId", periodeId));
    await http.Response.WriteAsJsonAsync(lignes);
});

// (c) modules/Scolarite/Ent.Scolarite/Notes/SaisirNotesEndpoint.cs: the locked read and the upsert of every line, in one
// transaction (Ent writes only the changed lines, here all of them change; it also publishes an event, logs and rereads).
app.MapPut("/base/c/{evaluationId:guid}", async (Guid evaluationId, SaisieNotes saisie, HttpContext http) =>
{
    await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
    await using var tx = await conn.BeginTransactionAsync(http.RequestAborted);
    await Sql.LireToutAsync(conn, Sql.VerrouNotes, ("evaluationId", evaluationId));
    var notes = saisie.Notes ?? [];
    await Sql.ExecuterAsync(conn, Sql.EcrireNotes, ("evaluationId", evaluationId), ("auteurId", Guid.Empty), ("maintenant", DateTimeOffset.UtcNow),
        ("eleves", notes.Select(n => n.EleveId).ToArray()), ("valeurs", notes.Select(n => n.Valeur).ToArray()),
        ("marqueurs", notes.Select(n => n.Marqueur).ToArray()), ("commentaires", notes.Select(n => n.Commentaire).ToArray()),
        ("effaces", Array.Empty<Guid>()));
    await tx.CommitAsync(http.RequestAborted);
    http.Response.StatusCode = 204;
});

// (d) modules/VieScolaire/Ent.VieScolaire/Appels/FaireAppelEndpoint.cs: the roll call's row, its pupils' states and
// history, an absence (and its history) per absent or late pupil, in one transaction (Ent also queues the families'
// notifications through its event, checks the teacher's right, logs and rereads the sheet).
app.MapPut("/base/d/{serviceId:guid}", async (Guid serviceId, SaisieAppel saisie, HttpContext http) =>
{
    await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
    var etablissementId = (Guid)(await Sql.Commande(conn, "SELECT c.etablissement_id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id WHERE s.id = @id", ("id", serviceId))
        .ExecuteScalarAsync(http.RequestAborted))!;
    var (debut, fin, maintenant) = (saisie.Debut.ToUniversalTime(), saisie.Fin.ToUniversalTime(), DateTimeOffset.UtcNow);
    var par = Guid.Empty;
    await using var tx = await conn.BeginTransactionAsync(http.RequestAborted);
    Guid appelId;
    await using (var cmd = Sql.Commande(conn, Sql.Appel, ("id", Guid.CreateVersion7()), ("etablissementId", etablissementId), ("serviceId", serviceId),
                     ("debut", debut), ("fin", fin), ("cours", "Cours"), ("par", par), ("maintenant", maintenant)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        await r.ReadAsync();
        appelId = r.GetGuid(0);
    }

    await Sql.LireToutAsync(conn, Sql.EtatsAppel, ("appelId", appelId));
    var eleves = saisie.Eleves ?? [];
    await Sql.ExecuterAsync(conn, Sql.EcrireEtats, ("appelId", appelId), ("par", par), ("maintenant", maintenant),
        ("eleves", eleves.Select(e => e.EleveId).ToArray()), ("avants", eleves.Select(_ => (string?)null).ToArray()),
        ("etats", eleves.Select(e => e.Etat).ToArray()), ("minutes", eleves.Select(e => e.MinutesRetard).ToArray()));
    var local = TimeZoneInfo.ConvertTime(debut, paris);
    foreach (var e in eleves.Where(e => e.Etat is "absent" or "retard"))
    {
        var type = e.Etat == "absent" ? "absence" : "retard";
        await Sql.ExecuterAsync(conn, Sql.NouvelleAbsence, ("Id", Guid.CreateVersion7()), ("EtablissementId", etablissementId), ("EleveId", e.EleveId),
            ("Type", type), ("Debut", debut), ("Fin", fin), ("Jour", DateOnly.FromDateTime(local.DateTime)),
            ("DemiJournee", local.Hour < 12 ? "matin" : "apres_midi"), ("Minutes", e.MinutesRetard), ("Cours", "Cours"), ("AppelId", appelId),
            ("Par", par), ("Maintenant", maintenant), ("Detail", "Absence relevée à l'appel"));
    }

    await tx.CommitAsync(http.RequestAborted);
    http.Response.StatusCode = 204;
});

// Issue 15 (ical-bench). (f) The family's week view, GET /api/scolarite/eleves/{eleveId}/emploi-du-temps?du=&au=: the
// pupil's services, then the timetable's read side (EmploiDuTempsLecture.cs: slots, changes, week letters), the rows
// answered as they are (Ent expands them into lessons with Planning.cs, checks the access rule and logs the read).
app.MapGet("/base/f/{eleveId:guid}", async (Guid eleveId, DateOnly du, DateOnly au, HttpContext http) =>
{
    await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
    var services = new List<Guid>();
    await using (var cmd = Sql.Commande(conn, Sql.ServicesEleve, ("eleveId", eleveId), ("annee", Annee(du))))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { services.Add(r.GetGuid(0)); }
    }

    var (depuis, jusqua) = (Instant(du), Instant(au.AddDays(1)));
    var creneaux = new List<Dictionary<string, object?>>();
    var etablissements = new HashSet<Guid>();
    await using (var cmd = Sql.Commande(conn, Sql.Creneaux, ("services", services.ToArray()), ("etablissementId", null), ("du", du), ("au", au)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { creneaux.Add(Sql.Ligne(r)); etablissements.Add(r.GetGuid(1)); }
    }

    var modifications = new List<Dictionary<string, object?>>();
    await using (var cmd = Sql.Commande(conn, Sql.Modifications, ("services", services.ToArray()), ("etablissementId", null), ("depuis", depuis), ("jusqua", jusqua)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { modifications.Add(Sql.Ligne(r)); }
    }

    await Sql.LireToutAsync(conn, Sql.Semaines, ("etablissements", etablissements.ToArray()));
    await http.Response.WriteAsJsonAsync(new { creneaux, modifications });
});

// (g) The homework list, GET /api/scolarite/eleves/{eleveId}/devoirs?du=&au= (CahierDeTextes/ListerDevoirsEleveEndpoint.cs):
// the pupil's services, then their published homework due in the days with the pupil's « fait » and the guardians' « vu »
// ticks (Ent also checks the access rule, logs the read and asks Vie scolaire for missed lessons when a homework was given
// in a lesson). The guardian's id travels in the path.
app.MapGet("/base/g/{eleveId:guid}/{personneId:guid}", async (Guid eleveId, Guid personneId, DateOnly du, DateOnly au, HttpContext http) =>
{
    await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
    var services = new List<Guid>();
    await using (var cmd = Sql.Commande(conn, Sql.ServicesEleve, ("eleveId", eleveId), ("annee", Annee(Aujourdhui()))))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { services.Add(r.GetGuid(0)); }
    }

    var lignes = new List<Dictionary<string, object?>>();
    await using (var cmd = Sql.Commande(conn, Sql.Devoirs, ("eleveId", eleveId), ("personneId", personneId), ("services", services.ToArray()),
                     ("du", du), ("au", au), ("maintenant", DateTimeOffset.UtcNow)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync()) { lignes.Add(Sql.Ligne(r)); }
    }

    await http.Response.WriteAsJsonAsync(lignes);
});

// (m) A guardian's inbox: their conversations (one batch of two statements), then the names of those in them.
app.MapGet("/base/m/{personneId:guid}", async (Guid personneId, HttpContext http) =>
{
    await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
    var lignes = new List<Dictionary<string, object?>>();
    var ids = new HashSet<Guid>();
    await using (var cmd = Sql.Commande(conn, Sql.Conversations, ("personneId", personneId), ("motif", null), ("archivee", false), ("limite", 50)))
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync())
        {
            var ligne = Sql.Ligne(r);
            lignes.Add(ligne);
            ids.Add((Guid)ligne["auteur_id"]!);
            ids.UnionWith((Guid[])ligne["interlocuteurs"]!);
        }

        await r.NextResultAsync();
        while (await r.ReadAsync()) { }
    }

    await Sql.LireToutAsync(conn, Sql.Personnes, ("ids", ids.ToArray()));
    await http.Response.WriteAsJsonAsync(lignes);
});
// (i) modules/Communication/Ent.Communication/Annonces/ListerMesAnnoncesEndpoint.cs: the guardian's announcements in their
// window (Ent then names their authors and établissements through the directory).
app.MapGet("/base/i/{personneId:guid}", (Guid personneId, HttpContext http) =>
    Sql.EcrireAsync(http, db, Sql.MesAnnonces, ("moi", personneId), ("maintenant", DateTimeOffset.UtcNow)));

app.Run();

internal sealed record LigneNote(Guid EleveId, decimal? Valeur, string? Marqueur, string? Commentaire);
internal sealed record SaisieNotes(LigneNote[]? Notes);
internal sealed record LigneAppel(Guid EleveId, string Etat, int? MinutesRetard);
internal sealed record SaisieAppel(DateTimeOffset Debut, DateTimeOffset Fin, LigneAppel[]? Eleves);
