using System.Globalization;
using Dapper;
using Ent.Kernel.Http;
using Ent.Scolarite.EmploiDuTemps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// PUT /api/scolarite/services/{serviceId}/seances — the service's teacher writes a lesson's page (the lesson named by
/// its start: a timetabled lesson or an extra one), with its links and homework, as a draft, published now, or
/// published at a chosen time. Writing the same lesson again replaces its page (homework kept by id keeps its ticks).
/// Rich text is sanitised here (<see cref="TexteRiche"/>). Anyone but the service's teacher gets 404.
/// </summary>
internal static class EnregistrerSeanceEndpoint
{
    /// <summary>A link.</summary>
    /// <param name="Url">An http or https address.</param>
    /// <param name="Libelle">What it is (the address's host when empty).</param>
    internal sealed record LienSaisi(string Url, string? Libelle);

    /// <summary>Homework given in the lesson.</summary>
    /// <param name="Id">Its id to change an existing one (its ticks stay), null for a new one.</param>
    /// <param name="PourLe">The day it is due: the lesson's day or later.</param>
    /// <param name="Consigne">What to do (HTML, sanitised; plain text is fine).</param>
    /// <param name="DureeMinutes">Estimated minutes (0 to 600).</param>
    /// <param name="ARendre">Something to hand in.</param>
    /// <param name="Evaluation">A test that day.</param>
    internal sealed record DevoirSaisi(Guid? Id, DateOnly PourLe, string Consigne, int DureeMinutes, bool ARendre, bool Evaluation);

    /// <summary>A lesson's page.</summary>
    /// <param name="Debut">The lesson's start (with the service, it names the lesson).</param>
    /// <param name="Fin">Its end (4 hours at most after its start).</param>
    /// <param name="Titre">Its title (the subject and the day when empty).</param>
    /// <param name="ContenuHtml">What was done (HTML, sanitised).</param>
    /// <param name="Liens">Links (20 at most).</param>
    /// <param name="Devoirs">Homework (10 at most); those of the page not listed are removed.</param>
    /// <param name="Publication">brouillon, maintenant or programmee.</param>
    /// <param name="PublieLe">For programmee: when families see it.</param>
    internal sealed record SaisieSeance(
        DateTimeOffset Debut, DateTimeOffset Fin, string? Titre, string? ContenuHtml, LienSaisi[]? Liens, DevoirSaisi[]? Devoirs,
        string Publication, DateTimeOffset? PublieLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/services/{serviceId:guid}/seances", Handle)
        .WithName("EnregistrerSeance")
        .WithSummary("Écrit la page du cahier de textes d'un cours (contenu, liens, devoirs) : brouillon, publiée ou programmée.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string SeanceSql = """
        INSERT INTO scolarite.seance AS s (id, etablissement_id, service_id, debut, fin, titre, contenu_html, publie_le, auteur_id, modifie_le)
        VALUES (@id, @etablissementId, @serviceId, @debut, @fin, @titre, @contenu, @publieLe, @auteur, @maintenant)
        ON CONFLICT (service_id, debut) DO UPDATE SET
            fin = excluded.fin, titre = excluded.titre, contenu_html = excluded.contenu_html, auteur_id = excluded.auteur_id,
            modifie_le = excluded.modifie_le,
            -- « Publish now » on a page already published keeps its first publication instant.
            publie_le = CASE WHEN @maintenantDemande AND s.publie_le <= @maintenant THEN s.publie_le ELSE excluded.publie_le END
        RETURNING id, publie_le
        """;

    private const string LiensSql = """
        DELETE FROM scolarite.seance_lien WHERE seance_id = @seanceId;
        INSERT INTO scolarite.seance_lien (id, seance_id, ordre, url, libelle)
        SELECT gen_random_uuid(), @seanceId, o, u, l FROM unnest(@urls, @libelles) WITH ORDINALITY AS t(u, l, o);
        """;

    private const string DevoirsExistantsSql = "SELECT id FROM scolarite.devoir WHERE seance_id = @seanceId FOR UPDATE";

    private const string DevoirSql = """
        INSERT INTO scolarite.devoir AS d (id, etablissement_id, service_id, seance_id, pour_le, consigne, duree_minutes, a_rendre, evaluation, publie_le, ordre)
        VALUES (@Id, @EtablissementId, @ServiceId, @SeanceId, @PourLe, @Consigne, @DureeMinutes, @ARendre, @Evaluation, @PublieLe, @Ordre)
        ON CONFLICT (id) DO UPDATE SET pour_le = excluded.pour_le, consigne = excluded.consigne, duree_minutes = excluded.duree_minutes,
            a_rendre = excluded.a_rendre, evaluation = excluded.evaluation, publie_le = excluded.publie_le, ordre = excluded.ordre
        """;

    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    private static async Task<Results<Ok<Seance>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, SaisieSeance saisie, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var service = await Cahier.ServiceAsync(conn, serviceId, AnneeScolaire.Courante(clock), ct);
        if (service is null || service.EnseignantId != personneId)
        {
            return Problemes.Introuvable("Aucun service d'enseignement de cet enseignant ne correspond à cette adresse.");
        }

        var erreurs = new Erreurs();
        var jourCours = Planning.Jour(saisie.Debut);
        erreurs.Require(saisie.Fin > saisie.Debut && saisie.Fin - saisie.Debut <= TimeSpan.FromHours(4), "fin",
            "La fin du cours suit son début, de 4 heures au plus.");
        var titre = (saisie.Titre ?? string.Empty).Trim();
        if (titre.Length == 0)
        {
            titre = $"{service.MatiereLibelle} — {jourCours.ToString("dddd d MMMM", Francais)}";
        }

        erreurs.Require(titre.Length <= 200, "titre", "Le titre fait 200 caractères au plus.");
        var contenu = TexteRiche.Nettoyer(saisie.ContenuHtml);
        erreurs.Require(contenu.Length <= 100_000, "contenuHtml", "Le contenu est trop long (100 000 caractères au plus).");

        var liens = saisie.Liens ?? [];
        erreurs.Require(liens.Length <= 20, "liens", "20 liens au plus par cours.");
        var urls = new List<string>();
        var libelles = new List<string>();
        for (var i = 0; i < liens.Length; i++)
        {
            var texte = (liens[i].Url ?? string.Empty).Trim();
            if (!Uri.TryCreate(texte, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || texte.Length > 2000 || texte.Any(char.IsWhiteSpace))
            {
                erreurs.Add($"liens[{i}].url", "Donnez une adresse complète commençant par https:// (ou http://).");
                continue;
            }

            var libelle = (liens[i].Libelle ?? string.Empty).Trim();
            libelle = libelle.Length == 0 ? uri.Host : libelle;
            erreurs.Require(libelle.Length <= 200, $"liens[{i}].libelle", "Le libellé d'un lien fait 200 caractères au plus.");
            urls.Add(uri.AbsoluteUri);
            libelles.Add(libelle);
        }

        var devoirs = saisie.Devoirs ?? [];
        erreurs.Require(devoirs.Length <= 10, "devoirs", "10 devoirs au plus par cours.");
        var consignes = new string[devoirs.Length];
        for (var i = 0; i < devoirs.Length; i++)
        {
            var d = devoirs[i];
            consignes[i] = TexteRiche.Nettoyer(d.Consigne);
            erreurs.Require(!TexteRiche.EstVide(consignes[i]), $"devoirs[{i}].consigne", "Dites ce qu'il y a à faire.");
            erreurs.Require(consignes[i].Length <= 20_000, $"devoirs[{i}].consigne", "La consigne est trop longue (20 000 caractères au plus).");
            erreurs.Require(d.DureeMinutes is >= 0 and <= 600, $"devoirs[{i}].dureeMinutes", "La durée estimée va de 0 à 600 minutes.");
            erreurs.Require(d.PourLe >= jourCours && d.PourLe <= jourCours.AddDays(366), $"devoirs[{i}].pourLe",
                "Le devoir est pour le jour du cours ou un jour suivant, dans l'année.");
        }

        DateTimeOffset? publieLe = null;
        switch (saisie.Publication)
        {
            case "brouillon":
                break;
            case "maintenant":
                publieLe = maintenant;
                break;
            case "programmee" when saisie.PublieLe is { } quand:
                publieLe = quand;
                break;
            case "programmee":
                erreurs.Add("publieLe", "Donnez le jour et l'heure de publication.");
                break;
            default:
                erreurs.Add("publication", "La publication est « brouillon », « maintenant » ou « programmee ».");
                break;
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var (seanceId, publie) = await conn.QuerySingleAsync<(Guid, DateTime?)>(new CommandDefinition(SeanceSql, new
            {
                id = Guid.NewGuid(), etablissementId = service.EtablissementId, serviceId, debut = saisie.Debut, fin = saisie.Fin, titre, contenu,
                publieLe, auteur = personneId, maintenant, maintenantDemande = saisie.Publication == "maintenant",
            }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(LiensSql, new { seanceId, urls = urls.ToArray(), libelles = libelles.ToArray() }, tx, cancellationToken: ct));

            var existants = (await conn.QueryAsync<Guid>(new CommandDefinition(DevoirsExistantsSql, new { seanceId }, tx, cancellationToken: ct))).ToHashSet();
            for (var i = 0; i < devoirs.Length; i++)
            {
                if (devoirs[i].Id is { } id && !existants.Contains(id))
                {
                    erreurs.Add($"devoirs[{i}].id", "Ce devoir n'est pas un devoir de ce cours.");
                }
            }

            if (erreurs.Any)
            {
                return erreurs.ToProblem();
            }

            var gardes = devoirs.Where(d => d.Id is not null).Select(d => d.Id!.Value).ToArray();
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM scolarite.devoir WHERE seance_id = @seanceId AND NOT (id = ANY(@gardes))",
                new { seanceId, gardes }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(DevoirSql, devoirs.Select((d, i) => new
            {
                Id = d.Id ?? Guid.NewGuid(), service.EtablissementId, ServiceId = serviceId, SeanceId = seanceId, d.PourLe, Consigne = consignes[i],
                d.DureeMinutes, d.ARendre, d.Evaluation, PublieLe = publie, Ordre = i,
            }).ToArray(), tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        var seances = await Cahier.SeancesAsync(conn, [service], jourCours, jourCours, maintenant, [service.Id], ct);
        return TypedResults.Ok(seances.Single(s => s.Debut == saisie.Debut));
    }
}
