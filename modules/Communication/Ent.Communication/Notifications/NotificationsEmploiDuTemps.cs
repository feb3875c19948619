using System.Globalization;
using Ent.Communication.Acheminement;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Scolarite.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// Lesson changes → the pupils and their families, in Scolarité's transaction: one message per person and request, not
/// one per lesson (a guardian with two children in the class reads one message listing the lessons per child). Pupils
/// are told in-app; each guardian who receives notifications about a child is told in-app (unless they turned it off),
/// and by SMS and e-mail as they chose when a lesson concerned starts within the next 24 hours — a change next week can
/// wait for the app, a cancelled first lesson tomorrow cannot. SMS wait for the end of quiet hours, as the worker does for
/// every SMS. Keys are the request's key plus the person and the channel: a retried request queues nothing new.
/// </summary>
internal sealed class NotificationsEmploiDuTemps(IAnnuaire annuaire, IMessagerie messagerie, TimeProvider clock, IOptions<AcheminementOptions> options)
    : IGestionnaireEvenement<CoursModifies>
{
    public const string Categorie = "emploi_du_temps";

    /// <summary>The window in which a change is worth an SMS or an e-mail.</summary>
    public static readonly TimeSpan Urgence = TimeSpan.FromHours(24);

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private readonly TimeZoneInfo fuseau = TimeZoneInfo.FindSystemTimeZoneById(options.Value.FuseauHoraire);

    public async Task TraiterAsync(CoursModifies evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        var eleveIds = evenement.Cours.SelectMany(c => c.EleveIds).Distinct().ToArray();
        if (eleveIds.Length == 0)
        {
            return;
        }

        var eleves = (await annuaire.TrouverPersonnesAsync(eleveIds, ct)).ToDictionary(e => e.Id);
        var contacts = await annuaire.ListerContactsFamillesAsync(eleveIds, ct);
        var preferences = await CanauxFamille.PreferencesAsync(connexion, transaction, contacts.Select(c => c.ResponsableId), ct);
        var maintenant = clock.GetUtcNow();
        var coursDe = eleveIds.ToDictionary(e => e, e => evenement.Cours.Where(c => c.EleveIds.Contains(e)).OrderBy(c => c.DebutPrevu ?? c.Debut).ToList());
        var messages = new List<MessageSortant>();

        // The pupils: in-app, about themselves.
        foreach (var eleveId in eleveIds.Where(eleves.ContainsKey))
        {
            var cours = coursDe[eleveId];
            var texte = Tronquer(string.Join("\n", cours.Select(Ligne)), 1000);
            messages.Add(new MessageSortant(Canal.Application, null, eleveId, Sujet(cours), texte, $"{evenement.Cle}:{eleveId}:application",
                eleveId, evenement.EtablissementId, Categorie, Lien(eleveId, cours)));
        }

        // The guardians: one message listing each child's lessons.
        foreach (var famille in contacts.Where(c => eleves.ContainsKey(c.EleveId)).GroupBy(c => c.ResponsableId))
        {
            var enfants = famille.DistinctBy(c => c.EleveId).OrderBy(c => eleves[c.EleveId].Prenom, StringComparer.Create(Fr, true)).ToList();
            var tous = enfants.SelectMany(c => coursDe[c.EleveId]).ToList();
            var parEnfant = enfants.Select(c => (Enfant: eleves[c.EleveId], Cours: coursDe[c.EleveId])).ToList();
            var texteLong = string.Join("\n", parEnfant.Select(e => $"{e.Enfant.Prenom} {e.Enfant.Nom} :\n" + string.Join("\n", e.Cours.Select(c => "– " + Ligne(c)))));
            var texteCourt = string.Join(" ", parEnfant.Select(e => $"{e.Enfant.Prenom} : " + string.Join(" ; ", e.Cours.Select(Ligne)) + "."));
            var premier = enfants[0];
            var urgent = tous.Any(c => Proche(c, maintenant));
            var preference = preferences.GetValueOrDefault(famille.Key, CanauxFamille.Preference.ParDefaut);
            // Later than 24 hours: the app only, whatever the channels chosen.
            var canaux = urgent ? preference : preference with { Sms = false, Courriel = false };
            messages.AddRange(CanauxFamille.Messages(premier, canaux, $"{evenement.Cle}:{famille.Key}", Sujet(tous), Tronquer(texteCourt, 450),
                Tronquer(texteLong, 1000), evenement.EtablissementId, Categorie, Lien(premier.EleveId, coursDe[premier.EleveId])));
        }

        await messagerie.PlanifierAsync(messages, connexion, transaction, ct);
    }

    /// <summary>A lesson concerned starts within the next 24 hours (as timetabled, or once changed), and not in the past.</summary>
    public static bool Proche(CoursModifie cours, DateTimeOffset maintenant) =>
        new[] { cours.DebutPrevu, cours.Debut }.Any(d => d is { } debut && debut >= maintenant && debut - maintenant <= Urgence);

    private static string Sujet(List<CoursModifie> cours) =>
        cours.All(c => c.Retire) ? "Emploi du temps : cours rétabli" : cours.All(c => c.Statut == StatutCours.Annule) ? "Cours annulé" : "Emploi du temps modifié";

    /// <summary>« /emploi-du-temps?eleve=…&amp;jour=2026-12-03 »: the first lesson's day, as it takes place.</summary>
    private string Lien(Guid eleveId, List<CoursModifie> cours)
    {
        var premier = cours[0];
        var jour = TimeZoneInfo.ConvertTime(premier.Statut == StatutCours.Annule || premier.Retire ? premier.DebutPrevu ?? premier.Debut : premier.Debut, fuseau);
        return string.Create(CultureInfo.InvariantCulture, $"/emploi-du-temps?eleve={eleveId}&jour={jour:yyyy-MM-dd}");
    }

    /// <summary>« Mathématiques jeudi 3/12 à 10h00 : annulé (Professeur absent) ».</summary>
    private string Ligne(CoursModifie c)
    {
        var prevu = c.DebutPrevu is { } d ? Quand(d) : null;
        var motif = c.Motif is { Length: > 0 } m ? $" ({m})" : string.Empty;
        var salle = c.Salle is { Length: > 0 } s ? $", salle {s}" : string.Empty;
        if (c.Retire)
        {
            return c.Statut == StatutCours.Ajoute
                ? $"le cours supplémentaire de {c.Matiere} {Quand(c.Debut)} n'a pas lieu"
                : $"{c.Matiere} {prevu} : le cours a lieu comme prévu{salle}";
        }

        return c.Statut switch
        {
            StatutCours.Annule => $"{c.Matiere} {prevu} : annulé{motif}",
            StatutCours.Deplace when c.Debut != c.DebutPrevu => $"{c.Matiere} {prevu} : déplacé {Quand(c.Debut)}{salle}{motif}",
            StatutCours.Deplace => $"{c.Matiere} {prevu} : changement de salle{salle}{motif}",
            StatutCours.Remplace => $"{c.Matiere} {prevu} : assuré par {c.Remplacant}" +
                                    (c.Debut != c.DebutPrevu ? $" {Quand(c.Debut)}" : string.Empty) + $"{salle}{motif}",
            _ => $"cours supplémentaire de {c.Matiere} {Quand(c.Debut)}{salle}{motif}",
        };
    }

    /// <summary>« jeudi 3/12 à 10h00 », in the families' time zone.</summary>
    private string Quand(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, fuseau);
        return string.Create(Fr, $"{local:dddd} {local.Day}/{local:MM} à {local.Hour}h{local:mm}");
    }

    private static string Tronquer(string texte, int max) => texte.Length <= max ? texte : texte[..(max - 1)] + "…";
}
