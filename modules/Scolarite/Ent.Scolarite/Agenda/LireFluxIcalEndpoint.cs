using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// GET /ical/{jeton}.ics — a person's calendar feed, read by their phone's calendar app: no session, no cookie; the
/// unguessable token is the key. Outside /api on purpose (no bearer token, no scope). Every read applies the person's
/// rights as they are now: an unknown or revoked token, a blocked or deactivated account, a person with no pupil or
/// teacher profile left, all answer a bare 404 (no body: nothing to tell a token-guesser). The feed carries, from a week
/// ago to five weeks ahead: a pupil's lessons; a guardian's children's (those the access rules still let them read),
/// each named by first name; a teacher's own lessons; and the pupils' homework due. Reads are limited per address
/// (<see cref="LimiteFluxIcal"/>) and logged in the access log as the person reading the pupils' timetable, at most once
/// per feed and hour (calendar apps poll often). It also carries the school calendar's events the person may see (issue
/// 16: Communication's <see cref="ICalendrierEtablissement"/>, with the calendar pages' rules), from a week ago to
/// <see cref="JoursApresEvenements"/> days ahead: councils and holidays are announced well before.
/// </summary>
internal static class LireFluxIcalEndpoint
{
    /// <summary>The days a feed covers around today.</summary>
    public const int JoursAvant = 7;

    public const int JoursApres = 35;

    /// <summary>The school calendar's events reach further ahead than lessons.</summary>
    public const int JoursApresEvenements = 120;

    // HEAD too: some calendar apps check the address that way before subscribing.
    public static void Map(IEndpointRouteBuilder app) => app
        .MapMethods("/ical/{jeton}.ics", [HttpMethods.Get, HttpMethods.Head], Handle)
        .AllowAnonymous()
        .ExcludeFromDescription();

    private const string FluxSql = """
        SELECT id, personne_id, usage FROM scolarite.flux_ical WHERE jeton_sha256 = @empreinte AND revoque_le IS NULL
        """;

    // Marks the feed read; true (a row) at most once an hour, when the read is logged.
    private const string LectureSql = """
        UPDATE scolarite.flux_ical SET derniere_lecture = @maintenant
        WHERE id = @id AND (derniere_lecture IS NULL OR derniere_lecture <= @maintenant - interval '1 hour')
        RETURNING id
        """;

    private const string ServicesElevesSql = """
        SELECT i.eleve_id, s.id AS service_id
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id
        JOIN scolarite.service_enseignement s ON s.classe_id = c.id
        WHERE i.eleve_id = ANY(@eleves) AND c.annee_scolaire = @annee
        UNION
        SELECT i.eleve_id, s.id
        FROM scolarite.inscription_groupe i
        JOIN scolarite.groupe g ON g.id = i.groupe_id
        JOIN scolarite.service_enseignement s ON s.groupe_id = g.id
        WHERE i.eleve_id = ANY(@eleves) AND g.annee_scolaire = @annee
        """;

    private sealed record Flux(Guid Id, Guid PersonneId, string Usage);

    private sealed record Pour(Guid EleveId, string? Prefixe);

    private static async Task<Results<ContentHttpResult, NotFound, StatusCodeHttpResult>> Handle(
        string jeton, HttpContext http, LimiteFluxIcal limite, NpgsqlDataSource db, IAnnuaire annuaire, IReglesAcces regles,
        IEmploiDuTemps emploiDuTemps, IServicesEnseignement services, IDevoirsAgenda devoirs, IJournalAcces journal,
        ICalendrierEtablissement calendrierEtablissement, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        // A refused read is a bare status: no problem document, nothing to tell a token-guesser.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        if (!limite.Accepter(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (!FluxIcal.EstJeton(jeton))
        {
            return TypedResults.NotFound();
        }

        Flux? flux;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            flux = await conn.QuerySingleOrDefaultAsync<Flux>(new CommandDefinition(FluxSql, new { empreinte = FluxIcal.Empreinte(jeton) }, cancellationToken: ct));
        }

        if (flux is null || await annuaire.TrouverPersonneActiveAsync(flux.PersonneId, ct) is not { } personne)
        {
            return TypedResults.NotFound();
        }

        // Whose lessons: the pupil themself, the children the rules let them read today, their own as a teacher.
        var eleves = new List<Pour>();
        if (personne.Eleve && await regles.PeutLireAsync(personne.Id, personne.Id, Domaine.TravailScolaire, ct))
        {
            eleves.Add(new Pour(personne.Id, null));
        }

        foreach (var enfant in personne.Enfants.Where(e => e.Id != personne.Id))
        {
            if (await regles.PeutLireAsync(personne.Id, enfant.Id, Domaine.TravailScolaire, ct))
            {
                eleves.Add(new Pour(enfant.Id, enfant.Prenom));
            }
        }

        if (eleves.Count == 0 && !personne.Enseignant)
        {
            return TypedResults.NotFound();
        }

        var maintenant = clock.GetUtcNow();
        var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, EmploiDuTemps.Planning.Paris).DateTime);
        var (du, au) = (aujourdhui.AddDays(-JoursAvant), aujourdhui.AddDays(JoursApres));

        List<(Guid EleveId, Guid ServiceId)> servicesEleves;
        bool noter;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            servicesEleves = eleves.Count == 0 ? [] : (await conn.QueryAsync<(Guid, Guid)>(new CommandDefinition(ServicesElevesSql,
                new { eleves = eleves.Select(e => e.EleveId).ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
            noter = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(LectureSql, new { id = flux.Id, maintenant }, cancellationToken: ct)) is not null;
        }

        var parEleve = servicesEleves.ToLookup(s => s.EleveId, s => s.ServiceId);
        var servicesLus = servicesEleves.Select(s => s.ServiceId).Distinct().ToArray();
        var coursEleves = await emploiDuTemps.DesServicesAsync(servicesLus, du, au, ct);
        var coursEnseignant = personne.Enseignant ? await emploiDuTemps.DeLEnseignantAsync(personne.Id, du, au, ct) : [];
        var infos = (await services.TrouverAsync([.. servicesLus.Concat(coursEnseignant.Select(c => c.ServiceId)).Distinct()], ct))
            .ToDictionary(s => s.Id);
        var remplacants = (await annuaire.TrouverPersonnesAsync(
                [.. coursEleves.Concat(coursEnseignant).Where(c => c.Statut == StatutCours.Remplace).Select(c => c.EnseignantId).Distinct()], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        var travaux = await devoirs.DesServicesAsync(servicesLus, du, au, maintenant, ct);

        string Matiere(Guid serviceId) => infos.TryGetValue(serviceId, out var s) ? s.Matiere : "Cours";
        string? Remplacant(CoursPlanifie c) => c.Statut == StatutCours.Remplace ? remplacants.GetValueOrDefault(c.EnseignantId) : null;

        var lecons = new List<CalendrierIcal.Lecon>();
        var travauxEleves = new List<CalendrierIcal.Travail>();
        foreach (var eleve in eleves)
        {
            var siens = parEleve[eleve.EleveId].ToHashSet();
            lecons.AddRange(coursEleves.Where(c => siens.Contains(c.ServiceId))
                .Select(c => new CalendrierIcal.Lecon(c, eleve.EleveId, eleve.Prefixe, Matiere(c.ServiceId), Remplacant(c))));
            travauxEleves.AddRange(travaux.Where(d => siens.Contains(d.ServiceId))
                .Select(d => new CalendrierIcal.Travail(d, eleve.EleveId, eleve.Prefixe, Matiere(d.ServiceId))));
        }

        lecons.AddRange(coursEnseignant.Select(c => new CalendrierIcal.Lecon(c, personne.Id, null,
            infos.TryGetValue(c.ServiceId, out var s) ? $"{s.Matiere} — {s.Division}" : "Cours", Remplacant(c))));

        if (noter && eleves.Count > 0)
        {
            await journal.NoterAsync(new AccesDonnees(personne.Id, null, Guid.Empty, Domaine.TravailScolaire, ActionAcces.Lecture, "LireFluxIcal",
                http.Connection.RemoteIpAddress), [.. eleves.Select(e => e.EleveId)], ct);
        }

        var evenements = await calendrierEtablissement.VisiblesAsync(personne.Id, du, aujourdhui.AddDays(JoursApresEvenements), ct);

        var domaine = new Uri(FluxIcal.Adresse(configuration, "x")).Host;
        var ics = CalendrierIcal.Construire("Emploi du temps", lecons, travauxEleves, maintenant, domaine, evenements);
        http.Response.Headers.CacheControl = "private, max-age=900";
        return TypedResults.Text(ics, "text/calendar; charset=utf-8");
    }
}
