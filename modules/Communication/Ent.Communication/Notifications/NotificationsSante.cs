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
/// The infirmary → the family, in VieScolaire's transaction: when the nurse sends a pupil home or calls the emergency
/// services, each legal guardian (only them: a contact without parental authority is not told a health fact) is told at
/// once by their channels. The text says what happens and when, never why or what care was given (an SMS is read on a
/// lock screen): the reason is in the health record, behind the login, where the link leads.
/// </summary>
internal sealed class NotificationsSante(IAnnuaire annuaire, IMessagerie messagerie, IConfiguration configuration, IOptions<AcheminementOptions> options)
    : IGestionnaireEvenement<PassageInfirmerieSignale>
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private readonly TimeZoneInfo fuseau = TimeZoneInfo.FindSystemTimeZoneById(options.Value.FuseauHoraire);

    private string UrlPublique => (configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    public async Task TraiterAsync(PassageInfirmerieSignale evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        var eleves = await annuaire.TrouverPersonnesAsync([evenement.EleveId], ct);
        if (eleves.Count == 0)
        {
            return;
        }

        var eleve = eleves[0];
        var legaux = (await annuaire.ListerResponsablesLegauxAsync([evenement.EleveId], ct)).Select(r => r.ResponsableId).ToHashSet();
        var contacts = (await annuaire.ListerContactsFamillesAsync([evenement.EleveId], ct)).Where(c => legaux.Contains(c.ResponsableId)).ToList();
        if (contacts.Count == 0)
        {
            return;
        }

        var local = TimeZoneInfo.ConvertTime(evenement.Arrivee, fuseau);
        var heure = string.Create(Fr, $"{local.Hour}h{local:mm}");
        var prenomNom = $"{eleve.Prenom} {eleve.Nom}";
        var lien = LiensFamille.PassageInfirmerie(evenement.EleveId, evenement.PassageId);
        var (sujet, texte) = evenement.Issue == "urgences"
            ? ($"Infirmerie : secours appelés pour {eleve.Prenom}",
               $"Infirmerie du lycée : les secours ont été appelés pour {prenomNom}, arrivé(e) à l'infirmerie à {heure}. L'établissement vous appelle.")
            : ($"Infirmerie : {eleve.Prenom} rentre à la maison",
               $"Infirmerie du lycée : {prenomNom}, venu(e) à l'infirmerie à {heure}, ne peut pas rester en cours et doit rentrer au domicile. L'infirmerie vous appelle pour organiser le retour.");
        var preferences = await CanauxFamille.PreferencesAsync(connexion, transaction, contacts.Select(c => c.ResponsableId), ct);
        var messages = contacts.SelectMany(contact => CanauxFamille.Messages(contact,
            preferences.GetValueOrDefault(contact.ResponsableId, CanauxFamille.Preference.ParDefaut),
            $"infirmerie:{evenement.PassageId}:{contact.ResponsableId}", sujet, $"{texte} Détails : {UrlPublique}{lien}", texte,
            evenement.EtablissementId, "sante", lien)).ToList();
        await messagerie.PlanifierAsync(messages, connexion, transaction, ct);
    }
}
