using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.VieScolaire.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Absences;

/// <summary>
/// POST /api/viescolaire/eleves/{eleveId}/absences — the vie scolaire desk records an absence or a lateness outside a
/// roll call: a parent's phone call, a pupil arriving at the desk. With a reason given by the family it is recorded as
/// justified (nothing to send); without one the family is notified and asked to justify, as after a roll call.
/// The desk says on whose word (« Mme Martin, mère ») and how (telephone, accueil, courriel, carnet) it records it.
/// An absence may span several half-days (a whole day, from Monday to Wednesday: 14 days at most): it is recorded as one
/// absence per half-day, as schools count them (Sundays left out). A lateness stays within one half-day.
/// </summary>
internal static class SignalerAbsenceEndpoint
{
    /// <summary>An absence recorded by the desk.</summary>
    /// <param name="Type">absence or retard.</param>
    /// <param name="Debut">Start (date and time, with offset).</param>
    /// <param name="Fin">End (a lateness: its lesson's end, the same half-day); an absence may end days later (14 at most).</param>
    /// <param name="MinutesRetard">Minutes late (1 to 240), for retard only.</param>
    /// <param name="Motif">A reason's code given by the family (it is then justified), or none.</param>
    /// <param name="Commentaire">A note (1,000 characters at most), e.g. « Appel de la mère à 8 h 10 ».</param>
    /// <param name="SignaleePar">On whose word, e.g. « Mme Martin, mère » (200 characters at most), if someone told the desk.</param>
    /// <param name="Moyen">How the desk was told: telephone, accueil (at the desk), courriel or carnet (correspondence book).</param>
    internal sealed record SaisieAbsence(string? Type, DateTimeOffset? Debut, DateTimeOffset? Fin, [property: Range(1, 240)] int? MinutesRetard, string? Motif,
        [property: MaxLength(1000)] string? Commentaire, [property: MaxLength(200)] string? SignaleePar, string? Moyen);

    /// <summary>The recorded absence.</summary>
    /// <param name="Id">The first (or only) absence recorded.</param>
    /// <param name="Statut">justifiee with a reason, else non_justifiee.</param>
    /// <param name="AbsenceIds">Every absence recorded, one per half-day, in order.</param>
    internal sealed record AbsenceCreee(Guid Id, string Statut, IReadOnlyList<Guid> AbsenceIds);

    private static readonly string[] Moyens = ["telephone", "accueil", "courriel", "carnet"];

    private const int JoursAuPlus = 14;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/eleves/{eleveId:guid}/absences", Handle)
        .WithName("SignalerAbsence")
        .WithSummary("La vie scolaire enregistre une absence (une ou plusieurs demi-journées) ou un retard, par exemple sur l'appel téléphonique d'un responsable ; justifiée si un motif est donné.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string InsertSql = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, statut,
                                         motif_code, commentaire, signalee_par_nom, moyen_signalement, saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, @Statut, @Motif, @Commentaire, @SignaleePar,
                @Moyen, @Par, @Maintenant);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        VALUES (@Id, @Statut, 'Saisie par la vie scolaire', @Par, @Maintenant);
        """;

    private static async Task<Results<Created<AbsenceCreee>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, SaisieAbsence saisie, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, IEvenements evenements, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var etablissementId = (await annuaire.TrouverEtablissementEleveAsync(eleveId, ct))?.Id;
        if (etablissementId is not { } etablissement || !await regles.PeutSuivreVieScolaireAsync(personneId, etablissement, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var motifs = (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM viescolaire.motif_absence WHERE actif", cancellationToken: ct)))
            .ToHashSet();
        var erreurs = Valider(saisie, motifs, horaires);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var (debut, fin) = (saisie.Debut!.Value.ToUniversalTime(), saisie.Fin!.Value.ToUniversalTime());
        var retard = saisie.Type == "retard";
        var statut = saisie.Motif is null ? "non_justifiee" : "justifiee";
        var demiJournees = DemiJournees(debut, fin, horaires).Select(p => (Id: Guid.CreateVersion7(), p.Debut, p.Fin)).ToList();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(InsertSql, demiJournees.Select(a => new
        {
            a.Id, EtablissementId = etablissement, EleveId = eleveId, saisie.Type, a.Debut, a.Fin, Jour = horaires.Jour(a.Debut),
            DemiJournee = horaires.DemiJourneeDe(a.Debut), Minutes = retard ? saisie.MinutesRetard : null, Statut = statut, saisie.Motif,
            Commentaire = Texte(saisie.Commentaire), SignaleePar = Texte(saisie.SignaleePar), saisie.Moyen, Par = personneId,
            Maintenant = horaires.Maintenant,
        }), tx, cancellationToken: ct));
        if (saisie.Motif is null)
        {
            await evenements.PublierAsync(new AbsencesSignalees(etablissement, demiJournees.Select(a =>
                new AbsenceSignalee(a.Id, eleveId, retard, a.Debut, retard ? saisie.MinutesRetard : null, null, Guid.CreateVersion7(), Nouvelle: true)).ToList()),
                conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "SignalerAbsence", ct);
        return TypedResults.Created($"/api/viescolaire/eleves/{eleveId}/absences",
            new AbsenceCreee(demiJournees[0].Id, statut, demiJournees.Select(a => a.Id).ToList()));
    }

    private static string? Texte(string? texte) => string.IsNullOrWhiteSpace(texte) ? null : texte.Trim();

    /// <summary>The period cut at noon and midnight (school time): one piece per half-day, Sundays left out.</summary>
    private static IEnumerable<(DateTimeOffset Debut, DateTimeOffset Fin)> DemiJournees(DateTimeOffset debut, DateTimeOffset fin, Horaires horaires)
    {
        for (var curseur = debut; curseur < fin;)
        {
            var jour = horaires.Jour(curseur);
            var borne = horaires.DemiJourneeDe(curseur) == "matin" ? horaires.Instant(jour, new TimeOnly(12, 0)) : horaires.Instant(jour.AddDays(1), TimeOnly.MinValue);
            var finPiece = borne < fin ? borne : fin;
            if (jour.DayOfWeek != DayOfWeek.Sunday)
            {
                yield return (curseur, finPiece);
            }

            curseur = finPiece;
        }
    }

    private static Erreurs Valider(SaisieAbsence saisie, HashSet<string> motifs, Horaires horaires)
    {
        var erreurs = new Erreurs();
        if (saisie.Type is not ("absence" or "retard"))
        {
            erreurs.Add("type", "Le type est « absence » ou « retard ».");
        }

        if (saisie.Debut is not { } debut)
        {
            erreurs.Add("debut", "Indiquez le début de l'absence (date et heure).");
        }
        else if (debut > horaires.Maintenant.AddDays(31) || debut < horaires.Maintenant.AddDays(-366))
        {
            erreurs.Add("debut", "L'absence est à moins d'un an dans le passé et d'un mois dans l'avenir.");
        }

        if (saisie.Fin is not { } fin)
        {
            erreurs.Add("fin", "Indiquez la fin de l'absence (date et heure).");
        }
        else if (saisie.Debut is { } d && fin <= d)
        {
            erreurs.Add("fin", "La fin suit le début.");
        }
        else if (saisie.Debut is { } d2 && saisie.Type == "retard" && (horaires.Jour(fin.AddTicks(-1)) != horaires.Jour(d2)
                                           || horaires.DemiJourneeDe(fin.AddTicks(-1)) != horaires.DemiJourneeDe(d2)))
        {
            erreurs.Add("fin", "Un retard finit dans la même demi-journée que son début.");
        }
        else if (saisie.Debut is { } d3 && fin - d3 > TimeSpan.FromDays(JoursAuPlus))
        {
            erreurs.Add("fin", $"Une absence enregistrée en une fois dure {JoursAuPlus} jours au plus.");
        }
        else if (saisie.Debut is { } d4 && !DemiJournees(d4, fin, horaires).Any())
        {
            erreurs.Add("fin", "Un dimanche n'est pas compté : choisissez un autre jour.");
        }

        if (saisie.Type == "retard" && saisie.MinutesRetard is not (>= 1 and <= 240))
        {
            erreurs.Add("minutesRetard", "Indiquez le retard en minutes, de 1 à 240.");
        }
        else if (saisie.Type != "retard" && saisie.MinutesRetard is not null)
        {
            erreurs.Add("minutesRetard", "Les minutes de retard ne concernent qu'un retard.");
        }

        if (saisie.Motif is { } motif && !motifs.Contains(motif))
        {
            erreurs.Add("motif", "Ce motif n'existe pas : choisissez-en un de la liste des motifs d'absence.");
        }

        if (saisie.Commentaire is { Length: > 1000 })
        {
            erreurs.Add("commentaire", "Le commentaire fait 1 000 caractères au plus.");
        }

        if (saisie.SignaleePar is { Length: > 200 })
        {
            erreurs.Add("signaleePar", "Le nom de la personne qui a prévenu fait 200 caractères au plus.");
        }

        if (saisie.Moyen is { } moyen && !Moyens.Contains(moyen))
        {
            erreurs.Add("moyen", "Le moyen est « telephone », « accueil », « courriel » ou « carnet ».");
        }

        return erreurs;
    }
}
