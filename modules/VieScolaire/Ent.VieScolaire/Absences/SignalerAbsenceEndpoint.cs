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
/// An absence spanning a morning and an afternoon counts both half-days: record one per half-day.
/// </summary>
internal static class SignalerAbsenceEndpoint
{
    /// <summary>An absence recorded by the desk.</summary>
    /// <param name="Type">absence or retard.</param>
    /// <param name="Debut">Start (date and time, with offset).</param>
    /// <param name="Fin">End, the same half-day (a lateness: its lesson's end).</param>
    /// <param name="MinutesRetard">Minutes late (1 to 240), for retard only.</param>
    /// <param name="Motif">A reason's code given by the family (it is then justified), or none.</param>
    /// <param name="Commentaire">A note (1,000 characters at most), e.g. « Appel de la mère à 8 h 10 ».</param>
    internal sealed record SaisieAbsence(string? Type, DateTimeOffset? Debut, DateTimeOffset? Fin, [property: Range(1, 240)] int? MinutesRetard, string? Motif, string? Commentaire);

    /// <summary>The recorded absence.</summary>
    internal sealed record AbsenceCreee(Guid Id, string Statut);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/eleves/{eleveId:guid}/absences", Handle)
        .WithName("SignalerAbsence")
        .WithSummary("La vie scolaire enregistre une absence ou un retard (appel d'un parent…), justifié si un motif est donné.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string InsertSql = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, statut,
                                         motif_code, commentaire, saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, @Statut, @Motif, @Commentaire, @Par, @Maintenant);
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
        var id = Guid.CreateVersion7();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id, EtablissementId = etablissement, EleveId = eleveId, saisie.Type, Debut = debut, Fin = fin, Jour = horaires.Jour(debut),
            DemiJournee = horaires.DemiJourneeDe(debut), Minutes = retard ? saisie.MinutesRetard : null, Statut = statut, saisie.Motif,
            Commentaire = string.IsNullOrWhiteSpace(saisie.Commentaire) ? null : saisie.Commentaire.Trim(), Par = personneId,
            Maintenant = horaires.Maintenant,
        }, tx, cancellationToken: ct));
        if (saisie.Motif is null)
        {
            await evenements.PublierAsync(new AbsencesSignalees(etablissement,
                [new AbsenceSignalee(id, eleveId, retard, debut, retard ? saisie.MinutesRetard : null, null, Guid.CreateVersion7(), Nouvelle: true)]), conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "SignalerAbsence", ct);
        return TypedResults.Created($"/api/viescolaire/eleves/{eleveId}/absences", new AbsenceCreee(id, statut));
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
        else if (saisie.Debut is { } d && (fin <= d || horaires.Jour(fin.AddTicks(-1)) != horaires.Jour(d)
                                           || horaires.DemiJourneeDe(fin.AddTicks(-1)) != horaires.DemiJourneeDe(d)))
        {
            erreurs.Add("fin", "La fin suit le début, dans la même demi-journée (enregistrez une absence par demi-journée).");
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

        return erreurs;
    }
}
