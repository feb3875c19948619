using System.Globalization;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sorties;

/// <summary>
/// POST /api/viescolaire/eleves/{eleveId}/demandes-sortie — a legal guardian asks for the pupil to leave the school on a
/// day at a time (and maybe come back), gives the reason, and signs in the app: the request keeps the guardian, the
/// moment, the address and the statement they certified (<c>jeCertifie</c> must be true). The day is today or later
/// (Paris time), within the current school year. It reaches the vie scolaire desk's list of the day, pending. Only a
/// legal guardian asks: anyone else gets 404.
/// </summary>
internal static class CreerDemandeSortieEndpoint
{
    /// <summary>A one-off exit request.</summary>
    /// <param name="Date">The day the pupil leaves (today or later, within the school year).</param>
    /// <param name="HeureSortie">When they leave, « HH:mm ».</param>
    /// <param name="HeureRetour">When they come back, « HH:mm », after HeureSortie; omitted when they do not.</param>
    /// <param name="Motif">The reason (500 characters at most).</param>
    /// <param name="JeCertifie">The guardian's signature: must be true (the box « Je certifie… » ticked).</param>
    internal sealed record NouvelleDemandeSortie(DateOnly? Date, string? HeureSortie, string? HeureRetour, string? Motif, bool? JeCertifie);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/eleves/{eleveId:guid}/demandes-sortie", Handle)
        .WithName("CreerDemandeSortie")
        .WithSummary("Un responsable légal demande et signe une sortie exceptionnelle de l'élève, un jour à une heure donnés.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = $"""
        INSERT INTO viescolaire.demande_sortie (id, etablissement_id, eleve_id, date, heure_sortie, heure_retour, motif, signee_par,
            signee_le, adresse, attestation)
        VALUES (@id, @etablissementId, @eleveId, @date, CAST(@heureSortie AS time), CAST(@heureRetour AS time), @motif, @signeePar,
            @maintenant, @adresse, @attestation)
        RETURNING {LectureSorties.ColonnesDemande}
        """;

    private static async Task<Results<Created<DemandeSortie>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, NouvelleDemandeSortie demande, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, Horaires horaires, CancellationToken ct)
    {
        var aujourdhui = horaires.Aujourdhui;
        var (erreurs, sortie, retour) = Valider(demande, aujourdhui);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var etablissement = await annuaire.TrouverEtablissementEleveAsync(eleveId, ct);
        if (etablissement is null || !await LectureSorties.EstResponsableLegalAsync(annuaire, personneId, eleveId, ct))
        {
            return Problemes.Introuvable(etablissement is not null && await regles.PeutLireAsync(personneId, eleveId, Domaine.VieScolaire, ct)
                ? "Seul un responsable légal de l'élève peut demander et signer une sortie exceptionnelle."
                : "Aucun élève ne correspond à cette adresse.");
        }

        var personnes = (await annuaire.TrouverPersonnesAsync([personneId, eleveId], ct)).ToDictionary(p => p.Id);
        var attestation = Attestation(personnes.GetValueOrDefault(personneId), personnes.GetValueOrDefault(eleveId), demande.Date!.Value,
            sortie!, retour);

        await using var conn = await db.OpenConnectionAsync(ct);
        var ligne = await conn.QuerySingleAsync<LectureSorties.LigneDemande>(new CommandDefinition(Sql, new
        {
            id = Guid.CreateVersion7(),
            etablissementId = etablissement.Id,
            eleveId,
            date = demande.Date!.Value,
            heureSortie = sortie,
            heureRetour = retour,
            motif = demande.Motif!.Trim(),
            signeePar = personneId,
            maintenant = clock.GetUtcNow(),
            adresse = http.Connection.RemoteIpAddress,
            attestation,
        }, cancellationToken: ct));

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "CreerDemandeSortie", ct);
        return TypedResults.Created($"/api/viescolaire/eleves/{eleveId}/sorties", await LectureSorties.VueAsync(ligne, annuaire, ct));
    }

    /// <summary>The statement the guardian signs, word for word as it is kept with the request.</summary>
    internal static string Attestation(PersonneInfo? responsable, PersonneInfo? eleve, DateOnly date, string sortie, string? retour)
    {
        var qui = responsable is null ? "" : $" {responsable.Prenom} {responsable.Nom}";
        var enfant = eleve is null ? "mon enfant" : $"{eleve.Prenom} {eleve.Nom}";
        var jour = date.ToString("dddd d MMMM yyyy", Francais);
        var retourTexte = retour is null ? ", sans retour dans la journée" : $", avec un retour à {retour}";
        return $"Je soussigné(e){qui}, responsable légal(e) de {enfant}, demande qu'il ou elle soit autorisé(e) à quitter " +
               $"l'établissement le {jour} à {sortie}{retourTexte}, pour le motif indiqué. Je certifie l'exactitude de cette " +
               "demande et décharge l'établissement de sa responsabilité envers mon enfant pendant cette sortie.";
    }

    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>An « HH:mm » time, normalised (« 8:30 » gives « 08:30 »), or null when it is not one.</summary>
    internal static string? Heure(string? texte) =>
        TimeOnly.TryParseExact(texte?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var heure)
            ? heure.ToString("HH:mm", CultureInfo.InvariantCulture)
            : null;

    private static (Erreurs Erreurs, string? Sortie, string? Retour) Valider(NouvelleDemandeSortie demande, DateOnly aujourdhui)
    {
        var erreurs = new Erreurs();
        var (_, finAnnee) = Horaires.Bornes(Horaires.AnneeScolaire(aujourdhui));
        if (demande.Date is not { } date)
        {
            erreurs.Add("date", "Indiquez le jour de la sortie.");
        }
        else if (date < aujourdhui)
        {
            erreurs.Add("date", "La sortie a lieu aujourd'hui ou un jour à venir, pas dans le passé.");
        }
        else if (date > finAnnee)
        {
            erreurs.Add("date", $"La sortie a lieu pendant l'année scolaire en cours (jusqu'au {finAnnee:dd/MM/yyyy}).");
        }

        var sortie = Heure(demande.HeureSortie);
        var retour = Heure(demande.HeureRetour);
        erreurs.Require(sortie is not null, "heureSortie", "Indiquez l'heure de sortie au format HH:mm, par exemple 14:30.");
        if (!string.IsNullOrWhiteSpace(demande.HeureRetour))
        {
            if (retour is null)
            {
                erreurs.Add("heureRetour", "Indiquez l'heure de retour au format HH:mm, par exemple 16:00, ou laissez-la vide.");
            }
            else if (sortie is not null && string.CompareOrdinal(retour, sortie) <= 0)
            {
                erreurs.Add("heureRetour", "L'heure de retour est après l'heure de sortie.");
            }
        }

        var motif = demande.Motif?.Trim();
        erreurs.Require(!string.IsNullOrEmpty(motif) && motif.Length <= 500, "motif", "Indiquez le motif de la sortie (500 caractères au plus).");
        erreurs.Require(demande.JeCertifie is true, "jeCertifie", "Cochez la case pour signer la demande.");
        return (erreurs, sortie, retour);
    }
}
