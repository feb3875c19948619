using System.Globalization;
using Ent.Communication.Acheminement;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.VieScolaire.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// Attendance → the families, in VieScolaire's transaction: an absence or lateness is announced to each guardian who
/// receives notifications, by their channels (SMS and in-app unless they chose otherwise), with a short French text that
/// names the child, the lesson and the time and links to the justification page. A cancelled absence withdraws what
/// has not left and tells those already told. A decision on a justification is told to the guardian who sent it.
/// The worker delivers; SMS wait for the end of quiet hours.
/// </summary>
internal sealed class NotificationsVieScolaire(IAnnuaire annuaire, IMessagerie messagerie, IConfiguration configuration,
    IOptions<AcheminementOptions> options, Push.DestinatairesPush push)
    : IGestionnaireEvenement<AbsencesSignalees>, IGestionnaireEvenement<AbsencesAnnulees>, IGestionnaireEvenement<JustificatifDecide>
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private readonly TimeZoneInfo fuseau = TimeZoneInfo.FindSystemTimeZoneById(options.Value.FuseauHoraire);

    private string UrlPublique => (configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    public async Task TraiterAsync(AbsencesSignalees evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        // A newer announcement of the same absence (absent → late) replaces what the older one has not delivered yet;
        // a new absence has nothing to replace (one statement saved per absence of a roll call).
        foreach (var absence in evenement.Absences.Where(a => !a.Nouvelle))
        {
            await messagerie.RetirerAsync($"absence:{absence.AbsenceId}:", connexion, transaction, ct);
        }

        await AnnoncerAsync(evenement.EtablissementId, evenement.Absences, connexion, transaction, (absence, prenomNom) =>
        {
            var quand = Quand(absence.Debut);
            var quoi = absence.Retard ? $"retard de {absence.MinutesRetard} min" : "absence";
            var cours = absence.Cours is null ? string.Empty : $" en {absence.Cours}";
            var sujet = absence.Retard ? $"Retard de {prenomNom}" : $"Absence de {prenomNom}";
            var lien = LiensFamille.Absence(absence.EleveId, absence.AbsenceId);
            var court = $"{Capitale(quoi)} de {prenomNom}{cours} {quand}. Justifier : {UrlPublique}{lien}";
            var longTexte = $"{Capitale(quoi)} de {prenomNom}{cours} {quand}. Vous pouvez la justifier en ligne depuis la page Absences.";
            return (Cle: $"absence:{absence.AbsenceId}:{absence.Signalement:N}", sujet, court, longTexte, Categorie: "absence", Lien: lien);
        }, ct);
    }

    public async Task TraiterAsync(AbsencesAnnulees evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        // What has not left is withdrawn; families already told get the correction, by their channels.
        var dejaPartis = new List<AbsenceSignalee>();
        foreach (var absence in evenement.Absences)
        {
            // An unread in-app notification is simply withdrawn; an SMS or e-mail that left calls for a correction.
            var partis = await messagerie.RetirerAsync($"absence:{absence.AbsenceId}:", connexion, transaction, ct);
            if (partis.Any(cle => !cle.EndsWith(":application", StringComparison.Ordinal)))
            {
                dejaPartis.Add(absence);
            }
        }

        await AnnoncerAsync(evenement.EtablissementId, dejaPartis, connexion, transaction, (absence, prenomNom) =>
        {
            var quoi = absence.Retard ? "Le retard" : "L'absence";
            var texte = $"Correction : {quoi.ToLower(Fr)} de {prenomNom} signalé{(absence.Retard ? "" : "e")} {Quand(absence.Debut)} est annulé{(absence.Retard ? "" : "e")}. Rien à justifier.";
            return (Cle: $"annulation:{absence.AbsenceId}:{absence.Signalement:N}", $"Correction pour {prenomNom}", texte, texte, Categorie: "absence",
                Lien: LiensFamille.Absences(absence.EleveId));
        }, ct);
    }

    public async Task TraiterAsync(JustificatifDecide evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        var contact = (await annuaire.ListerContactsFamillesAsync([evenement.EleveId], ct))
            .FirstOrDefault(c => c.ResponsableId == evenement.ResponsableId);
        var eleves = await annuaire.TrouverPersonnesAsync([evenement.EleveId], ct);
        var eleve = eleves.Count > 0 ? eleves[0] : null;
        if (contact is null || eleve is null)
        {
            return;
        }

        var preference = (await CanauxFamille.PreferencesAsync(connexion, transaction, [contact.ResponsableId], ct))
            .GetValueOrDefault(contact.ResponsableId, CanauxFamille.Preference.ParDefaut);
        var pousses = await push.ChoisirAsync(connexion, transaction, [contact.ResponsableId], Push.GenrePush.Absences, ct);
        preference = preference with { Push = pousses.Contains(contact.ResponsableId) };
        var absences = evenement.NombreAbsences > 1 ? $"des {evenement.NombreAbsences} absences" : "de l'absence";
        var texte = evenement.Accepte
            ? $"La vie scolaire a accepté votre justificatif {absences} de {eleve.Prenom} {eleve.Nom}."
            : $"La vie scolaire a refusé votre justificatif {absences} de {eleve.Prenom} {eleve.Nom} : {evenement.Raison}";
        var sujet = evenement.Accepte ? "Justificatif accepté" : "Justificatif refusé";
        await messagerie.PlanifierAsync([.. CanauxFamille.Messages(contact, preference, $"justificatif:{evenement.JustificatifId}:{contact.ResponsableId}",
            sujet, Tronquer(texte), texte, evenement.EtablissementId, "justificatif", LiensFamille.Justificatif(evenement.EleveId, evenement.JustificatifId))], connexion, transaction, ct);
    }

    private async Task AnnoncerAsync(Guid etablissementId, IReadOnlyList<AbsenceSignalee> absences, NpgsqlConnection connexion,
        NpgsqlTransaction transaction, Func<AbsenceSignalee, string, (string Cle, string Sujet, string Court, string Long, string Categorie, string Lien)> rediger,
        CancellationToken ct)
    {
        if (absences.Count == 0)
        {
            return;
        }

        var eleveIds = absences.Select(a => a.EleveId).Distinct().ToArray();
        var eleves = (await annuaire.TrouverPersonnesAsync(eleveIds, ct)).ToDictionary(e => e.Id);
        var contacts = (await annuaire.ListerContactsFamillesAsync(eleveIds, ct)).ToLookup(c => c.EleveId);
        var responsables = contacts.SelectMany(c => c).Select(c => c.ResponsableId).ToList();
        var preferences = await CanauxFamille.PreferencesAsync(connexion, transaction, responsables, ct);
        var pousses = await push.ChoisirAsync(connexion, transaction, responsables, Push.GenrePush.Absences, ct);
        var messages = new List<MessageSortant>();
        foreach (var absence in absences)
        {
            if (!eleves.TryGetValue(absence.EleveId, out var eleve))
            {
                continue;
            }

            var (cle, sujet, court, texteLong, categorie, lien) = rediger(absence, $"{eleve.Prenom} {eleve.Nom}");
            foreach (var contact in contacts[absence.EleveId])
            {
                var preference = preferences.GetValueOrDefault(contact.ResponsableId, CanauxFamille.Preference.ParDefaut)
                    with { Push = pousses.Contains(contact.ResponsableId) };
                messages.AddRange(CanauxFamille.Messages(contact, preference, $"{cle}:{contact.ResponsableId}", sujet, Tronquer(court),
                    texteLong, etablissementId, categorie, lien));
            }
        }

        // The whole roll call's messages in one statement (was one INSERT per message: ~4 per roll call).
        await messagerie.PlanifierAsync(messages, connexion, transaction, ct);
    }

    /// <summary>« le 28/11 à 8h05 », in the families' time zone.</summary>
    private string Quand(DateTimeOffset debut)
    {
        var local = TimeZoneInfo.ConvertTime(debut, fuseau);
        return string.Create(Fr, $"le {local:dd/MM} à {local.Hour}h{local:mm}");
    }

    private static string Capitale(string texte) => char.ToUpper(texte[0], Fr) + texte[1..];

    // Three SMS segments at most; the in-app and e-mail texts are whole.
    private static string Tronquer(string texte) => texte.Length <= 450 ? texte : texte[..449] + "…";
}
