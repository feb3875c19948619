using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Ent.VieScolaire.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// PUT /api/viescolaire/services/{serviceId}/appel — the teacher takes (or corrects) a lesson's roll call in one request:
/// the pupils who are not present, each absent, late (minutes) or excluded from the lesson; pupils left out are present.
/// A new absence or lateness is recorded and announced to the family at once (the outbox row is written in the same
/// transaction); a pupil corrected back to present cancels it (notifications not sent yet are withdrawn, families
/// already told get the correction). Every change is kept in the roll call's history. A teacher corrects the lesson's
/// day only; the vie scolaire desk, any day.
/// </summary>
internal static class FaireAppelEndpoint
{
    /// <summary>A roll call.</summary>
    /// <param name="Debut">The lesson's start (date and time, with offset).</param>
    /// <param name="Fin">The lesson's end (4 hours at most after the start).</param>
    /// <param name="Eleves">The pupils who are not present (at most 200 lines; present lines are accepted too).</param>
    internal sealed record SaisieAppel(DateTimeOffset? Debut, DateTimeOffset? Fin, [property: MaxLength(200)] LigneSaisieAppel[]? Eleves);

    /// <summary>A pupil's state.</summary>
    /// <param name="EleveId">A pupil of the lesson's class or group.</param>
    /// <param name="Etat">present, absent, retard or exclu.</param>
    /// <param name="MinutesRetard">Minutes late (1 to 240), for retard only.</param>
    internal sealed record LigneSaisieAppel(Guid EleveId, string? Etat, [property: Range(1, 240)] int? MinutesRetard);

    private static readonly string[] Etats = ["present", "absent", "retard", "exclu"];

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/services/{serviceId:guid}/appel", Handle)
        .WithName("FaireAppel")
        .WithSummary("Fait ou corrige l'appel d'un cours en une fois ; les familles des absents et des retardataires sont prévenues aussitôt.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    // The roll call's row is created or locked first: two saves of the same lesson run one after the other.
    private const string AppelSql = """
        INSERT INTO viescolaire.appel (id, etablissement_id, service_id, debut, fin, cours, fait_par, fait_le, modifie_le)
        VALUES (@id, @etablissementId, @serviceId, @debut, @fin, @cours, @par, @maintenant, @maintenant)
        ON CONFLICT (service_id, debut) DO UPDATE SET modifie_le = excluded.modifie_le
        RETURNING id, fin, (xmax = 0) AS cree
        """;

    private const string EtatsSql = """
        SELECT e.eleve_id, e.etat, e.minutes_retard FROM viescolaire.appel_eleve e WHERE e.appel_id = @appelId;
        SELECT id, eleve_id, type, minutes_retard, annulee_le IS NOT NULL AS annulee FROM viescolaire.absence WHERE appel_id = @appelId;
        """;

    private const string EcrireEtatsSql = """
        INSERT INTO viescolaire.appel_eleve (appel_id, eleve_id, etat, minutes_retard)
        SELECT @appelId, l.eleve_id, l.etat, l.minutes FROM unnest(@eleves, @etats, @minutes) AS l(eleve_id, etat, minutes)
        ON CONFLICT (appel_id, eleve_id) DO UPDATE SET etat = excluded.etat, minutes_retard = excluded.minutes_retard;
        INSERT INTO viescolaire.appel_historique (appel_id, eleve_id, etat_avant, etat, minutes_retard, par, le)
        SELECT @appelId, l.eleve_id, l.avant, l.etat, l.minutes, @par, @maintenant
        FROM unnest(@eleves, @avants, @etats, @minutes) AS l(eleve_id, avant, etat, minutes);
        """;

    private const string NouvelleAbsenceSql = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours, appel_id,
                                         saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, @Cours, @AppelId, @Par, @Maintenant);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        VALUES (@Id, 'non_justifiee', @Detail, @Par, @Maintenant);
        """;

    // A cancelled absence, or an absence that became a lateness (or the reverse), starts again unjustified.
    private const string RetablirAbsenceSql = """
        UPDATE viescolaire.absence SET type = @Type, minutes_retard = @Minutes, annulee_le = NULL, statut = 'non_justifiee', motif_code = NULL,
                                       saisie_par = @Par, saisie_le = @Maintenant
        WHERE id = @Id;
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        VALUES (@Id, 'non_justifiee', @Detail, @Par, @Maintenant);
        """;

    private const string AnnulerAbsenceSql = """
        UPDATE viescolaire.absence SET annulee_le = @Maintenant WHERE id = @Id;
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        VALUES (@Id, 'annulee', 'Appel corrigé : élève présent', @Par, @Maintenant);
        """;

    private static async Task<Results<Ok<FeuilleAppel>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, SaisieAppel saisie, HttpContext http, ICurrentUser utilisateur, IServicesEnseignement services, IReglesAcces regles,
        IAnnuaire annuaire, IJournalAcces journal, IEvenements evenements, IEmploiDuTemps edt, Horaires horaires, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (await CoursAutorise.TrouverAsync(serviceId, personneId, saisie.Debut?.ToUniversalTime(), services, regles, edt, horaires, ct) is not { } cours)
        {
            return Problemes.Introuvable("Aucun de vos cours ne correspond à cette adresse.");
        }

        var eleves = (await services.ElevesAsync(serviceId, ct)).ToHashSet();
        var erreurs = Valider(saisie, eleves, horaires);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        // Instants travel in UTC to the database, whatever offset the client wrote.
        var (debut, fin) = (saisie.Debut!.Value.ToUniversalTime(), saisie.Fin!.Value.ToUniversalTime());
        if (!cours.PeutModifier(debut, horaires))
        {
            return Problemes.Conflit("L'appel d'un cours se fait ou se corrige le jour même ; ensuite, adressez-vous à la vie scolaire.");
        }

        var voulus = eleves.ToDictionary(e => e, _ => (Etat: "present", Minutes: (int?)null));
        foreach (var ligne in saisie.Eleves ?? [])
        {
            voulus[ligne.EleveId] = (ligne.Etat!, ligne.Etat == "retard" ? ligne.MinutesRetard : null);
        }

        var maintenant = horaires.Maintenant;
        var libelle = FeuillesAppel.Cours(cours.Service);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (appelId, finEnregistree, cree) = await conn.QuerySingleAsync<(Guid, DateTimeOffset, bool)>(new CommandDefinition(AppelSql, new
        {
            id = Guid.CreateVersion7(), cours.Service.EtablissementId, serviceId, debut, fin, cours = libelle, par = personneId, maintenant,
        }, tx, cancellationToken: ct));

        Dictionary<Guid, (string Etat, int? Minutes)> avant;
        Dictionary<Guid, (Guid Id, string Type, int? Minutes, bool Annulee)> absences;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(EtatsSql, new { appelId }, tx, cancellationToken: ct)))
        {
            avant = (await lecture.ReadAsync<(Guid EleveId, string Etat, int? Minutes)>()).ToDictionary(e => e.EleveId, e => (e.Etat, e.Minutes));
            absences = (await lecture.ReadAsync<(Guid Id, Guid EleveId, string Type, int? Minutes, bool Annulee)>())
                .ToDictionary(a => a.EleveId, a => (a.Id, a.Type, a.Minutes, a.Annulee));
        }

        // A first roll call records everyone; a correction records what changed.
        var changes = voulus.Where(v => cree || avant.GetValueOrDefault(v.Key, ("present", null)) != v.Value).ToList();
        await conn.ExecuteAsync(new CommandDefinition(EcrireEtatsSql, new
        {
            appelId, par = personneId, maintenant,
            eleves = changes.Select(c => c.Key).ToArray(),
            avants = changes.Select(c => avant.TryGetValue(c.Key, out var a) ? a.Etat : null).ToArray(),
            etats = changes.Select(c => c.Value.Etat).ToArray(),
            minutes = changes.Select(c => c.Value.Minutes).ToArray(),
        }, tx, cancellationToken: ct));

        var signalees = new List<AbsenceSignalee>();
        var annulees = new List<AbsenceSignalee>();
        var (jour, demiJournee) = (horaires.Jour(debut), horaires.DemiJourneeDe(debut));
        foreach (var (eleveId, (etat, minutes)) in changes)
        {
            var type = etat switch { "absent" => "absence", "retard" => "retard", _ => null };
            absences.TryGetValue(eleveId, out var existante);
            var aExistante = absences.ContainsKey(eleveId);
            if (type is not null)
            {
                if (aExistante && !existante.Annulee && existante.Type == type && existante.Minutes == minutes)
                {
                    continue;
                }

                var id = aExistante ? existante.Id : Guid.CreateVersion7();
                var detail = type == "retard" ? $"Retard de {minutes} min relevé à l'appel" : "Absence relevée à l'appel";
                await conn.ExecuteAsync(new CommandDefinition(aExistante ? RetablirAbsenceSql : NouvelleAbsenceSql, new
                {
                    Id = id, cours.Service.EtablissementId, EleveId = eleveId, Type = type, Debut = debut, Fin = finEnregistree, Jour = jour,
                    DemiJournee = demiJournee, Minutes = minutes, Cours = libelle, AppelId = appelId, Par = personneId, Maintenant = maintenant, Detail = detail,
                }, tx, cancellationToken: ct));
                signalees.Add(new AbsenceSignalee(id, eleveId, type == "retard", debut, minutes, libelle, Guid.CreateVersion7(), Nouvelle: !aExistante));
            }
            else if (aExistante && !existante.Annulee)
            {
                await conn.ExecuteAsync(new CommandDefinition(AnnulerAbsenceSql, new { existante.Id, Par = personneId, Maintenant = maintenant }, tx,
                    cancellationToken: ct));
                annulees.Add(new AbsenceSignalee(existante.Id, eleveId, existante.Type == "retard", debut, existante.Minutes, libelle, Guid.CreateVersion7()));
            }
        }

        if (signalees.Count > 0)
        {
            await evenements.PublierAsync(new AbsencesSignalees(cours.Service.EtablissementId, signalees), conn, tx, ct);
        }

        if (annulees.Count > 0)
        {
            await evenements.PublierAsync(new AbsencesAnnulees(cours.Service.EtablissementId, annulees), conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        await journal.NoterAsync(http, utilisateur, changes.Select(c => c.Key).ToArray(), Domaine.VieScolaire, ActionAcces.Modification, "FaireAppel", ct);
        var feuille = await FeuillesAppel.ChargerAsync(conn, cours.Service, debut, finEnregistree, modifiable: true, services, annuaire, ct);
        await journal.NoterAsync(http, utilisateur, feuille.Eleves.Where(e => e.Pai).Select(e => e.EleveId).ToArray(), Domaine.Sante,
            ActionAcces.Lecture, "IndicateurPai", ct);
        return TypedResults.Ok(feuille);
    }

    private static Erreurs Valider(SaisieAppel saisie, HashSet<Guid> eleves, Horaires horaires)
    {
        var erreurs = new Erreurs();
        if (saisie.Debut is not { } debut)
        {
            erreurs.Add("debut", "Indiquez le début du cours (date et heure).");
        }
        else if (debut > horaires.Maintenant.AddMinutes(15))
        {
            erreurs.Add("debut", "L'appel d'un cours se fait quand il commence, pas à l'avance.");
        }

        if (saisie.Fin is not { } fin)
        {
            erreurs.Add("fin", "Indiquez la fin du cours (date et heure).");
        }
        else if (saisie.Debut is { } d && (fin <= d || fin > d.AddHours(4)))
        {
            erreurs.Add("fin", "La fin du cours suit son début, de 4 heures au plus.");
        }

        var lignes = saisie.Eleves ?? [];
        if (lignes.Length > 200)
        {
            erreurs.Add("eleves", "Indiquez 200 élèves au plus.");
            return erreurs;
        }

        var vus = new HashSet<Guid>();
        for (var i = 0; i < lignes.Length; i++)
        {
            var (ligne, champ) = (lignes[i], $"eleves[{i}]");
            if (!eleves.Contains(ligne.EleveId))
            {
                erreurs.Add($"{champ}.eleveId", "Cet élève ne fait pas partie de la classe ou du groupe de ce cours.");
            }
            else if (!vus.Add(ligne.EleveId))
            {
                erreurs.Add($"{champ}.eleveId", "Cet élève figure deux fois dans l'appel.");
            }

            if (ligne.Etat is null || !Etats.Contains(ligne.Etat))
            {
                erreurs.Add($"{champ}.etat", "L'état est « present », « absent », « retard » ou « exclu ».");
            }
            else if (ligne.Etat == "retard" && ligne.MinutesRetard is not (>= 1 and <= 240))
            {
                erreurs.Add($"{champ}.minutesRetard", "Indiquez le retard en minutes, de 1 à 240.");
            }
            else if (ligne.Etat != "retard" && ligne.MinutesRetard is not null)
            {
                erreurs.Add($"{champ}.minutesRetard", "Les minutes de retard ne concernent qu'un élève en retard.");
            }
        }

        return erreurs;
    }
}
